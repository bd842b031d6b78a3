import Foundation
import PrismEnv
import PrismJSON

/// One argument value of a tool call, as JSON gave it.
public enum ToolArgument: Hashable, Sendable, CustomStringConvertible {
    /// A JSON string.
    case string(String)
    /// A JSON number.
    case number(Double)
    /// A JSON `true`/`false`.
    case bool(Bool)
    /// `null`, an array or an object: never valid for a ToolUse tool.
    case other(String)

    /// The JSON type name, for error messages (`a string`, `a number`, ...).
    public var typeName: String {
        switch self {
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .other(let name): name
        }
    }

    /// The value as JSON text.
    public var description: String {
        switch self {
        case .string(let text): "\"\(text)\""
        case .number(let value): formatNumber(value)
        case .bool(let value): "\(value)"
        case .other(let name): name
        }
    }

    /// Reads a value produced by `JSONSerialization`.
    init(json value: Any) {
        if let text = value as? String {
            self = .string(text)
        } else if let number = value as? NSNumber {
            // JSONSerialization gives booleans as NSNumber with the `c` (char) type code.
            self = String(cString: number.objCType) == "c" ? .bool(number.boolValue) : .number(number.doubleValue)
        } else if value is NSNull {
            self = .other("null")
        } else if value is [Any] {
            self = .other("an array")
        } else {
            self = .other("an object")
        }
    }
}

/// A call of a named tool with named arguments.
public struct ToolCall: Hashable, Sendable {
    /// The tool's name (`calculator`, `lookup`, `convert`).
    public var name: String
    /// The arguments by name.
    public var arguments: [String: ToolArgument]

    /// A call with the given arguments.
    public init(name: String, arguments: [String: ToolArgument]) {
        self.name = name
        self.arguments = arguments
    }

    /// The call in the documented action form, keys sorted:
    /// `{"name": "calculator", "arguments": {"expression": "2 + 2"}}`.
    public var json: String {
        let entries = arguments.keys.sorted().map { key in "\(quoted(key)): \(argumentJSON(arguments[key]))" }
        return #"{"name": \#(quoted(name)), "arguments": {\#(entries.joined(separator: ", "))}}"#
    }

    private func argumentJSON(_ argument: ToolArgument?) -> String {
        switch argument {
        case .string(let text)?: quoted(text)
        case .number(let value)?: formatNumber(value)
        case .bool(let value)?: "\(value)"
        default: "null"
        }
    }
}

/// What an agent's text action means: a tool call or a final answer.
///
/// The two accepted forms (one JSON object, surrounding spaces allowed):
/// - `{"name": "<tool>", "arguments": {<name>: <value>, ...}}`, a tool call;
/// - `{"answer": "<text>"}` (a number is also accepted: `{"answer": 42}`), the final answer.
public enum AgentAction: Hashable, Sendable {
    /// Call a tool.
    case call(ToolCall)
    /// Finish with an answer.
    case answer(String)

    /// Parses an action with Foundation's `JSONSerialization`.
    /// - Returns: the action, or a message naming what is wrong with the text.
    public static func parse(_ text: String) -> Result<AgentAction, ActionError> {
        guard let data = text.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data, options: []) else {
            return .failure(ActionError("the action is not valid JSON: '\(clip(text))'"))
        }
        guard let fields = object as? [String: Any] else {
            return .failure(ActionError("the action must be a JSON object with \"name\" and \"arguments\", or \"answer\""))
        }
        if let answer = fields["answer"] {
            guard fields.count == 1 else { return .failure(ActionError("an answer object must hold only \"answer\"")) }
            switch ToolArgument(json: answer) {
            case .string(let text): return .success(.answer(text))
            case .number(let value): return .success(.answer(formatNumber(value)))
            case let other: return .failure(ActionError("\"answer\" must be a string or a number, got \(other.typeName)"))
            }
        }
        guard let name = fields["name"] else {
            return .failure(ActionError("the object has neither \"name\" (a tool call) nor \"answer\""))
        }
        guard let toolName = name as? String else { return .failure(ActionError("\"name\" must be a string")) }
        let unknownKeys = fields.keys.filter { $0 != "name" && $0 != "arguments" }.sorted()
        if let key = unknownKeys.first { return .failure(ActionError("unexpected key \"\(clip(key))\" in a tool call")) }
        guard let rawArguments = fields["arguments"] else {
            return .failure(ActionError("the call of '\(clip(toolName))' has no \"arguments\" object"))
        }
        guard let arguments = rawArguments as? [String: Any] else {
            return .failure(ActionError("\"arguments\" must be a JSON object"))
        }
        return .success(.call(ToolCall(name: toolName, arguments: arguments.mapValues(ToolArgument.init(json:)))))
    }
}

/// Why an action could not be read.
public struct ActionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The message shown in the error observation.
    public let description: String

    init(_ description: String) { self.description = description }
}

/// `text` as a JSON string literal.
func quoted(_ text: String) -> String { JSONText.quoted(text) }
