import Foundation

/// The kinds of task the generator draws.
public enum TaskKind: String, CaseIterable, Sendable {
    /// Arithmetic that needs the calculator.
    case arithmetic
    /// A unit conversion that needs the convert tool.
    case conversion
    /// A knowledge-base lookup.
    case lookup
    /// Lookups followed by the calculator or convert tool.
    case multiStep
}

/// How a final answer is compared with the expected one.
public enum AnswerComparison: Hashable, Sendable {
    /// The first number in the answer (see ``firstNumber(in:)``) must be within
    /// `absolute + relative * |expected|` of the expected number.
    case numeric(relative: Double, absolute: Double)
    /// Equal after ``normalizedAnswer(_:)``.
    case text
}

/// One task: a prompt, its answer, the tool calls that solve it and how answers are judged.
public struct ToolTask: Hashable, Sendable {
    /// The kind the generator drew.
    public var kind: TaskKind
    /// The question shown to the agent.
    public var prompt: String
    /// The expected final answer as written by ``formatNumber(_:)`` or the fact's value.
    public var answer: String
    /// The calls that solve the task, in order (the rubric's reference).
    public var expectedCalls: [ToolCall]
    /// How the final answer is judged.
    public var comparison: AnswerComparison

    /// A task.
    public init(kind: TaskKind, prompt: String, answer: String, expectedCalls: [ToolCall], comparison: AnswerComparison) {
        self.kind = kind
        self.prompt = prompt
        self.answer = answer
        self.expectedCalls = expectedCalls
        self.comparison = comparison
    }

    /// Whether `given` is a correct final answer.
    public func isCorrect(_ given: String) -> Bool {
        switch comparison {
        case let .numeric(relative, absolute):
            guard let expected = Double(answer), let value = firstNumber(in: given) else { return false }
            return abs(value - expected) <= absolute + relative * abs(expected)
        case .text:
            return normalizedAnswer(given) == normalizedAnswer(answer)
        }
    }
}

/// The default numeric tolerance: a 6-decimal answer of a ``formatNumber(_:)`` result passes.
public let defaultNumericComparison = AnswerComparison.numeric(relative: 1e-9, absolute: 1e-6)

/// Lower-cased, spaces collapsed, surrounding spaces, quotes and a final period removed, and a
/// leading `the ` dropped: `" The  Oslo. "` becomes `oslo`.
public func normalizedAnswer(_ text: String) -> String {
    var words = text.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
    if words.first == "the" { words.removeFirst() }
    var result = words.joined(separator: " ")
    result = result.trimmingCharacters(in: CharacterSet(charactersIn: "\"'."))
    return result
}
