import Foundation

/// A small Markdown document builder for a run's `report.md`: a title, key/value tables,
/// paragraphs, images (SVG charts by path relative to the report) and tables.
public struct MarkdownReport: Sendable {
    private var blocks: [String]

    /// An empty report with a `# title`.
    public init(title: String) {
        blocks = ["# \(Self.inline(title))"]
    }

    /// Adds a `## heading`.
    public mutating func addHeading(_ text: String) {
        blocks.append("## \(Self.inline(text))")
    }

    /// Adds a paragraph of text.
    public mutating func addParagraph(_ text: String) {
        blocks.append(text)
    }

    /// Adds a two-column table of settings or results, in the given order.
    public mutating func addKeyValues(_ pairs: [(key: String, value: String)]) {
        addTable(headers: ["key", "value"], rows: pairs.map { [$0.key, $0.value] })
    }

    /// Adds an image, e.g. `return.svg` next to the report.
    public mutating func addImage(path: String, alt: String) {
        blocks.append("![\(Self.inline(alt).replacingOccurrences(of: "]", with: "\\]"))](\(path.replacingOccurrences(of: " ", with: "%20")))")
    }

    /// Adds a table; short rows are padded with empty cells, pipes in cells are escaped.
    public mutating func addTable(headers: [String], rows: [[String]]) {
        let width = max(headers.count, rows.map(\.count).max() ?? 0)
        func row(_ cells: [String]) -> String {
            let padded = cells + Array(repeating: "", count: width - cells.count)
            return "| " + padded.map(Self.cell).joined(separator: " | ") + " |"
        }
        var lines = [row(headers), "|" + Array(repeating: " --- |", count: width).joined()]
        lines += rows.map(row)
        blocks.append(lines.joined(separator: "\n"))
    }

    /// The document.
    public var text: String { blocks.joined(separator: "\n\n") + "\n" }

    private static func inline(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ")
    }

    private static func cell(_ text: String) -> String {
        inline(text).replacingOccurrences(of: "|", with: "\\|")
    }
}
