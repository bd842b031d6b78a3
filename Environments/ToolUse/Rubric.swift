/// Partial-credit components of an episode, following the judge rubric of iTool (Zeng et al.,
/// 2025): over the expected calls, the fraction whose tool was called (`rubric/right_tool`),
/// called with the right argument names (`rubric/right_argument_names`) and with the right
/// values (`rubric/right_values`).
///
/// Each expected call is matched, in order, with the not yet matched agent call that scores
/// best (tool, then names, then values). Values are compared by meaning: calculator
/// expressions by their value, units by their canonical symbol, numbers to 1e-9 relative, and a
/// lookup by `query` counts as the expected `{"id": ...}` when the query returns that fact
/// (`id` and `query` are equally right argument names for lookup).
public struct RubricScore: Hashable, Sendable {
    /// Fraction of expected calls whose tool was called.
    public var rightTool: Double
    /// Fraction of expected calls matched with the right argument names.
    public var rightArgumentNames: Double
    /// Fraction of expected calls matched with the right argument values.
    public var rightValues: Double

    /// The components under their `StepInfo.extras` keys.
    public var extras: [String: Double] {
        ["rubric/right_tool": rightTool, "rubric/right_argument_names": rightArgumentNames, "rubric/right_values": rightValues]
    }

    /// Scores the agent's `calls` against the `expected` calls (all 1 when nothing was expected).
    public static func score(calls: [ToolCall], expected: [ToolCall]) -> RubricScore {
        guard !expected.isEmpty else { return RubricScore(rightTool: 1, rightArgumentNames: 1, rightValues: 1) }
        var unused = Array(calls.indices)
        var totals = (tool: 0, names: 0, values: 0)
        for reference in expected {
            let ranked = unused.map { index in (index, match(calls[index], reference)) }
            guard let best = ranked.max(by: { $0.1.rank < $1.1.rank }), best.1.tool else { continue }
            unused.removeAll { $0 == best.0 }
            totals.tool += 1
            totals.names += best.1.names ? 1 : 0
            totals.values += best.1.values ? 1 : 0
        }
        let count = Double(expected.count)
        return RubricScore(rightTool: Double(totals.tool) / count, rightArgumentNames: Double(totals.names) / count,
                           rightValues: Double(totals.values) / count)
    }

    /// Which components one call earns against one expected call.
    static func match(_ call: ToolCall, _ reference: ToolCall) -> (tool: Bool, names: Bool, values: Bool, rank: Int) {
        let tool = call.name == reference.name
        let names = tool && namesMatch(call, reference)
        let values = names && valuesMatch(call, reference)
        return (tool, names, values, (tool ? 1 : 0) + (names ? 1 : 0) + (values ? 1 : 0))
    }

    static func namesMatch(_ call: ToolCall, _ reference: ToolCall) -> Bool {
        let given = Set(call.arguments.keys)
        if call.name == "lookup" { return given == ["id"] || given == ["query"] }
        return given == Set(reference.arguments.keys)
    }

    static func valuesMatch(_ call: ToolCall, _ reference: ToolCall) -> Bool {
        if call.name == "lookup", case .string(let expectedID)? = reference.arguments["id"] {
            switch (call.arguments["id"], call.arguments["query"]) {
            case (.string(let id)?, _): return KnowledgeBase.fact(id: id)?.id == expectedID
            case (_, .string(let query)?): return KnowledgeBase.search(query).contains { $0.id == expectedID }
            default: return false
            }
        }
        return reference.arguments.allSatisfy { name, expected in
            guard let given = call.arguments[name] else { return false }
            return argumentMatches(name: name, given, expected)
        }
    }

    static func argumentMatches(name: String, _ given: ToolArgument, _ expected: ToolArgument) -> Bool {
        switch (given, expected) {
        case let (.number(a), .number(b)):
            return abs(a - b) <= 1e-9 * max(1, abs(b))
        case let (.string(a), .string(b)) where name == "expression":
            if let x = try? Calculator.evaluate(a), let y = try? Calculator.evaluate(b) {
                return abs(x - y) <= 1e-9 * max(1, abs(y))
            }
            return a.filter { !$0.isWhitespace } == b.filter { !$0.isWhitespace }
        case let (.string(a), .string(b)) where name == "from" || name == "to":
            return UnitTable.unit(a).map(\.symbol) == UnitTable.unit(b).map(\.symbol) && UnitTable.unit(a) != nil
        default:
            return given == expected
        }
    }
}
