/// The three tools of the ToolUse world and how a call of them is checked and run.
public enum Toolbox {
    /// The tool names, in the order the observation lists them.
    public static let toolNames = ["calculator", "lookup", "convert"]

    /// The tool list shown after each task prompt.
    public static let description = """
        Tools:
        - calculator {"expression": string}: evaluates + - * / and parentheses on decimal numbers.
        - lookup {"id": string} or {"query": string}: returns knowledge-base facts (ids F001-F046).
        - convert {"value": number, "from": unit, "to": unit}: converts length (m km cm mm mi yd ft in), \
        mass (kg g mg t lb oz), temperature (C F K) and time (s min h d wk).
        Numbers are printed rounded to 6 decimals without trailing zeros.
        Reply with one JSON object per turn: {"name": "<tool>", "arguments": {...}} to call a tool, \
        or {"answer": "<text>"} to give the final answer.
        """

    /// Runs a call: its result line, or `error: <message>` naming the tool and the problem.
    /// Unknown tools, missing, unexpected or wrongly typed arguments and tool failures are errors.
    public static func run(_ call: ToolCall) -> (text: String, isError: Bool) {
        switch checkArguments(call) {
        case .failure(let problem):
            return ("error: \(problem)", true)
        case .success:
            let text = execute(call)
            return (text, text.hasPrefix("error:"))
        }
    }

    /// The argument names and JSON types each tool requires (lookup takes `id` or `query`).
    static func signatures(of name: String) -> [[String: String]]? {
        switch name {
        case "calculator": [["expression": "a string"]]
        case "lookup": [["id": "a string"], ["query": "a string"]]
        case "convert": [["value": "a number", "from": "a string", "to": "a string"]]
        default: nil
        }
    }

    /// Checks the tool name and the argument names and types against ``signatures(of:)``.
    static func checkArguments(_ call: ToolCall) -> Result<Void, ActionError> {
        guard let signatures = signatures(of: call.name) else {
            return .failure(ActionError("unknown tool '\(clip(call.name))'; tools are \(toolNames.joined(separator: ", "))"))
        }
        let given = Set(call.arguments.keys)
        guard let signature = signatures.first(where: { Set($0.keys) == given }) else {
            let wanted = signatures.map { $0.keys.sorted().joined(separator: ", ") }.joined(separator: " or ")
            let unexpected = given.subtracting(signatures.flatMap(\.keys)).sorted()
            if let name = unexpected.first {
                return .failure(ActionError("\(call.name): unexpected argument '\(clip(name))' (arguments: \(wanted))"))
            }
            return .failure(ActionError("\(call.name): wrong or missing arguments (arguments: \(wanted))"))
        }
        for name in signature.keys.sorted() {
            guard let argument = call.arguments[name], let type = signature[name] else { continue }
            if argument.typeName != type {
                return .failure(ActionError("\(call.name): '\(name)' must be \(type), got \(argument.typeName)"))
            }
        }
        return .success(())
    }

    /// Runs a call whose arguments passed ``checkArguments(_:)``.
    static func execute(_ call: ToolCall) -> String {
        func string(_ name: String) -> String? {
            if case .string(let text)? = call.arguments[name] { return text }
            return nil
        }
        switch call.name {
        case "calculator":
            return Calculator.run(string("expression") ?? "")
        case "lookup":
            return KnowledgeBase.run(id: string("id"), query: string("query"))
        default:
            guard case .number(let value)? = call.arguments["value"], let from = string("from"), let to = string("to") else {
                return "error: convert: bad arguments"
            }
            do {
                return formatNumber(try UnitTable.convert(value, from: from, to: to))
            } catch {
                return "error: \(error)"
            }
        }
    }
}
