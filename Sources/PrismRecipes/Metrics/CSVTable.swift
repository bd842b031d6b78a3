import Foundation

/// `metrics.csv`: every logged row, flat, with `step` first and then the union of all metric
/// names in sorted order. Rows are appended while the columns stay the same; when a row brings a
/// new name the whole file is rewritten atomically with the wider header (empty cells where a
/// row has no value), so the header is always the union and no row is ever lost.
final class CSVTable {
    /// The file.
    let url: URL
    private(set) var columns: [String] = []
    private var rows: [[String: String]] = []

    /// A table for `url` holding `rows` already (such as those kept on resume), written out at once.
    init(url: URL, rows: [[String: String]]) throws(RunDirectoryError) {
        self.url = url
        self.rows = rows
        columns = Self.columns(for: rows)
        try rewrite()
    }

    /// Adds one row (cell texts by column name, `step` included).
    func append(_ row: [String: String]) throws(RunDirectoryError) {
        rows.append(row)
        guard Set(row.keys).isSubset(of: columns) else {
            columns = Self.columns(for: rows)
            try rewrite()
            return
        }
        do {
            let handle = try FileHandle(forWritingTo: url)
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(line(row).utf8))
        } catch {
            throw .writeFailed(path: url.path, reason: "cannot append a row: \(error.localizedDescription)")
        }
    }

    private func rewrite() throws(RunDirectoryError) {
        let header = columns.map(CSVField.escaped).joined(separator: ",") + "\n"
        try AtomicFile.write(header + rows.map(line).joined(), to: url)
    }

    private func line(_ row: [String: String]) -> String {
        columns.map { CSVField.escaped(row[$0] ?? "") }.joined(separator: ",") + "\n"
    }

    private static func columns(for rows: [[String: String]]) -> [String] {
        ["step"] + Set(rows.flatMap(\.keys)).subtracting(["step"]).sorted()
    }
}
