import Foundation
import PrismJSON

/// The metrics a run logged, read back from its `metrics.jsonl` for charts and reports.
public struct MetricsHistory: Sendable {
    /// Every line's members, in file order (unreadable lines are skipped).
    public let lines: [[String: JSONValue]]

    /// The history in the file at `url` (empty when it cannot be read).
    public init(url: URL) {
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        lines = text.split(separator: "\n").compactMap { (try? JSONValue.parse(String($0)))?.objectMembers }
    }

    /// `(step, value)` of every line that has a finite `name`.
    public func series(_ name: String) -> [(x: Double, y: Double)] {
        lines.compactMap { line in
            guard let step = line["step"]?.number, let value = line[name]?.number, value.isFinite else { return nil }
            return (step, value)
        }
    }
}
