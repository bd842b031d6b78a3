import PrismJSON

/// One line of a JSONL file parsed as a JSON object, with accessors whose errors name the file,
/// line and field.
public struct JSONLObject: Sendable {
    /// The object's members.
    public let members: [String: JSONValue]
    /// The file the line came from.
    public let file: String
    /// The 1-based line number.
    public let line: Int

    /// A parsed line.
    public init(members: [String: JSONValue], file: String, line: Int) {
        self.members = members
        self.file = file
        self.line = line
    }

    /// Whether the object has a member `key` (even `null`).
    public func has(_ key: String) -> Bool { members[key] != nil }

    /// An error at this line about `field`.
    public func error(_ field: String?, _ reason: String) -> JSONLError {
        JSONLError(file: file, line: line, field: field, reason: reason)
    }

    /// The member `key`.
    /// - Throws: ``JSONLError`` "missing field" when absent.
    public func value(_ key: String) throws(JSONLError) -> JSONValue {
        guard let value = members[key] else { throw error(key, "missing field") }
        return value
    }

    /// The string member `key`.
    /// - Throws: ``JSONLError`` when it is absent or not a string.
    public func string(_ key: String) throws(JSONLError) -> String {
        let value = try value(key)
        guard let text = value.string else { throw error(key, "expected a string, got \(value.kindName)") }
        return text
    }

    /// The non-blank string member `key`.
    /// - Throws: ``JSONLError`` when it is absent, not a string, or empty or only white space.
    public func nonEmptyString(_ key: String) throws(JSONLError) -> String {
        let text = try string(key)
        guard !text.isBlank else { throw error(key, "must not be empty") }
        return text
    }
}

extension JSONValue {
    /// The kind of value for messages: `null`, `a boolean`, `a number`, `a string`, `an array`, `an object`.
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .integer, .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

extension String {
    /// Whether the text is empty or only white space and newlines.
    var isBlank: Bool { allSatisfy { $0.isWhitespace || $0.isNewline } }
}
