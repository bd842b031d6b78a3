import PrismEnv

/// Collects the ``StepInfo`` of each row of one episode (reset info first) and turns them into
/// Minari info columns: `step_count` and `room_id` (int64), `success` (bool), `mission` (string)
/// and one float64 column per `extras` key. A column exists when any row has the field; rows
/// without it get a fill value (−1, false, "" or NaN), because Minari requires the same info
/// structure at every step.
struct StepInfoTable {
    private var rows: [StepInfo] = []

    /// Whether no row was added since the last ``reset()``.
    var isEmpty: Bool { rows.isEmpty }

    /// Adds the info of the next row.
    mutating func append(_ info: StepInfo) { rows.append(info) }

    /// Forgets every row.
    mutating func reset() { rows.removeAll(keepingCapacity: true) }

    /// The columns, one row per added info.
    var columns: [String: InfoColumn] {
        var columns: [String: InfoColumn] = [:]
        if rows.contains(where: { $0.stepCount != nil }) { columns["step_count"] = .int64(rows.map { Int64($0.stepCount ?? -1) }) }
        if rows.contains(where: { $0.roomID != nil }) { columns["room_id"] = .int64(rows.map { Int64($0.roomID ?? -1) }) }
        if rows.contains(where: { $0.isSuccess != nil }) { columns["success"] = .bool(rows.map { $0.isSuccess ?? false }) }
        if rows.contains(where: { $0.mission != nil }) { columns["mission"] = .string(rows.map { $0.mission ?? "" }) }
        for key in Set(rows.flatMap(\.extras.keys)) {
            columns[key] = .float64(rows.map { $0.extras[key] ?? .nan })
        }
        return columns
    }
}
