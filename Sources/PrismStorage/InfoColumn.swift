/// One entry of an episode's `infos/` group, as Minari stores step infos: a column with one row
/// per observation (`T + 1`, the reset info first), or a nested group for a nested info dict.
/// Numeric rows may themselves be arrays (`rowShape`), e.g. an agent position of shape `[2]`.
public indirect enum InfoColumn: Equatable, Sendable {
    /// Floating-point rows, stored as float64 `(T+1, *rowShape)`.
    case float64([Double], rowShape: [Int] = [])
    /// Integer rows, stored as int64 `(T+1, *rowShape)`.
    case int64([Int64], rowShape: [Int] = [])
    /// Flags, stored as numpy bool `(T+1,)`.
    case bool([Bool])
    /// Text, stored as variable-length UTF-8 strings `(T+1,)`.
    case string([String])
    /// A nested info dict: a subgroup with one entry per key.
    case group([String: InfoColumn])

    /// The number of rows of a column (nil for a group, whose entries each have their own).
    public var rowCount: Int? {
        switch self {
        case let .float64(values, shape): values.count / max(1, shape.reduce(1, *))
        case let .int64(values, shape): values.count / max(1, shape.reduce(1, *))
        case let .bool(values): values.count
        case let .string(values): values.count
        case .group: nil
        }
    }

    /// What makes this entry (named `path`) unfit for an episode with `rows` observations.
    public func problems(path: String, rows: Int) -> [String] {
        switch self {
        case let .group(entries):
            return entries.keys.sorted().flatMap { key -> [String] in
                if key.isEmpty || key.contains("/") || key == "." {
                    return ["info name '\(key)' in '\(path)' is not a valid HDF5 link name (empty, '.' or containing '/'); nest with .group"]
                }
                return entries[key]!.problems(path: path + "/" + key, rows: rows)
            }
        case let .float64(values, shape):
            return Self.numericProblems(path: path, count: values.count, rowShape: shape, rows: rows)
        case let .int64(values, shape):
            return Self.numericProblems(path: path, count: values.count, rowShape: shape, rows: rows)
        case let .bool(values):
            return values.count == rows ? [] : ["info '\(path)' has \(values.count) values (need T+1 = \(rows))"]
        case let .string(values):
            return values.count == rows ? [] : ["info '\(path)' has \(values.count) values (need T+1 = \(rows))"]
        }
    }

    private static func numericProblems(path: String, count: Int, rowShape: [Int], rows: Int) -> [String] {
        if rowShape.contains(where: { $0 <= 0 }) { return ["info '\(path)' has row shape \(rowShape) (need positive sizes)"] }
        let wanted = rows * rowShape.reduce(1, *)
        return count == wanted ? [] : ["info '\(path)' has \(count) values, need \(wanted) (T+1 = \(rows) rows of shape \(rowShape))"]
    }
}

extension InfoColumn: ExpressibleByArrayLiteral {
    /// A float64 column from a literal, e.g. `["distance": [0, 0.5, 1]]`.
    public init(arrayLiteral elements: Double...) {
        self = .float64(elements)
    }
}
