/// Why a JSONL dataset could not be read or written. A line problem names the file, the 1-based
/// line number and, where one is at fault, the field (`chosen`, `messages[2].content`).
public struct JSONLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file's path.
    public var file: String
    /// The 1-based line number, or nil for a problem with the whole file.
    public var line: Int?
    /// The field at fault, or nil (bad JSON, a line that is not an object).
    public var field: String?
    /// What is wrong.
    public var reason: String

    /// An error at `file`, optionally at a line and field.
    public init(file: String, line: Int? = nil, field: String? = nil, reason: String) {
        self.file = file
        self.line = line
        self.field = field
        self.reason = reason
    }

    /// `file:line: field 'chosen': reason`, leaving out the parts that are nil.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let field { text += ": field '\(field)'" }
        return text + ": " + reason
    }
}
