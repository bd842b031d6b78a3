import PrismEnv

/// Collects the ``StepInfo`` of each row of one episode (reset info first) and turns them into
/// Minari info columns: `step_count` and `room_id` (int64), `success` (bool), `mission` (string)
/// and one float64 column per `extras` key (a key `a/b` becomes entry `b` of group `a`). A column exists when any row has the field; rows
/// without it get a fill value (−1, false, "" or NaN), because Minari requires the same info
/// structure at every step.
public struct StepInfoTable: Sendable {
    private var rows: [StepInfo] = []

    /// An empty table.
    public init() {}

    /// Whether no row was added since the last ``reset()``.
    public var isEmpty: Bool { rows.isEmpty }

    /// Adds the info of the next row.
    public mutating func append(_ info: StepInfo) { rows.append(info) }

    /// Forgets every row.
    public mutating func reset() { rows.removeAll(keepingCapacity: true) }

    /// The columns, one row per added info.
    public var columns: [String: InfoColumn] {
        var columns: [String: InfoColumn] = [:]
        if rows.contains(where: { $0.stepCount != nil }) { columns["step_count"] = .int64(rows.map { Int64($0.stepCount ?? -1) }) }
        if rows.contains(where: { $0.roomID != nil }) { columns["room_id"] = .int64(rows.map { Int64($0.roomID ?? -1) }) }
        if rows.contains(where: { $0.isSuccess != nil }) { columns["success"] = .bool(rows.map { $0.isSuccess ?? false }) }
        if rows.contains(where: { $0.mission != nil }) { columns["mission"] = .string(rows.map { $0.mission ?? "" }) }
        for key in Set(rows.flatMap(\.extras.keys)) {
            Self.insert(.float64(rows.map { $0.extras[key] ?? .nan }), at: key.split(separator: "/").map(String.init), into: &columns)
        }
        return columns
    }

    /// Puts `column` at the `/`-separated `path` (`rubric/format` → group `rubric`, entry `format`),
    /// as Minari nests info dicts.
    private static func insert(_ column: InfoColumn, at path: [String], into columns: inout [String: InfoColumn]) {
        guard let first = path.first else { return }
        guard path.count > 1 else { columns[first] = column; return }
        var entries: [String: InfoColumn] = [:]
        if case .group(let existing)? = columns[first] { entries = existing }
        insert(column, at: Array(path.dropFirst()), into: &entries)
        columns[first] = .group(entries)
    }
}
