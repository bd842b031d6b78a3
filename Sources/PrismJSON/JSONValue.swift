import Foundation

/// A JSON value: the form configs (every source is turned into one before it is merged and
/// decoded), run files, JSONL datasets and Minari's metadata and space descriptions are read
/// and written through.
///
/// Integers and other numbers are kept apart so a resolved config writes `4`, not `4.0`.
public indirect enum JSONValue: Equatable, Sendable, Codable {
    /// JSON `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integral number that fits in `Int` (`4`, and also `4.0` or `4e0` when parsed).
    case integer(Int)
    /// Any other number.
    case number(Double)
    /// A string.
    case string(String)
    /// An ordered list.
    case array([JSONValue])
    /// An object; key order carries no meaning.
    case object([String: JSONValue])

    /// Decodes any JSON value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Encodes the value as the JSON it stands for.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The members when this is an object.
    public var objectMembers: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The member `key` of an object, or nil.
    public subscript(key: String) -> JSONValue? { objectMembers?[key] }

    /// The number, for `.integer` and `.number`.
    public var number: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .number(let value): return value
        default: return nil
        }
    }

    /// The number as an integer, when it is one (`3` or `3.0`).
    public var int: Int? {
        switch self {
        case .integer(let value): return value
        case .number(let value): return value.rounded() == value && abs(value) < 9e15 ? Int(value) : nil
        default: return nil
        }
    }

    /// The string, or nil.
    public var string: String? { if case .string(let value) = self { value } else { nil } }

    /// The elements of an array, or nil.
    public var array: [JSONValue]? { if case .array(let elements) = self { elements } else { nil } }

    /// The value at a dotted path of object keys, or nil when a step is missing.
    public subscript(path path: [String]) -> JSONValue? {
        var current = self
        for key in path {
            guard let next = current.objectMembers?[key] else { return nil }
            current = next
        }
        return current
    }

    /// A short rendering for error messages: scalars as JSON, containers summarised.
    public var summary: String {
        switch self {
        case .array(let items): return "a list of \(items.count)"
        case .object(let members): return "an object with keys \(members.keys.sorted().joined(separator: ", "))"
        default: return canonicalJSON(indent: nil)
        }
    }
}
