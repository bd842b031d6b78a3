import PrismEnv
import PrismTensor

/// A multi-turn tool-use text environment: each episode is one ``ToolTask``; the agent calls
/// tools (calculator, lookup, convert) and finishes with an answer.
///
/// ## Description
/// `reset(seed:)` draws a task with ``TaskGenerator`` from the environment's stream (a seed
/// re-creates the stream; nil continues it) and shows `Task: <prompt>`, the tool list
/// (``Toolbox/description``) and the number of turns.
///
/// ## Action space
/// `Text(minLength: 0, maxLength: 1024, charset: printable ASCII, tab and newline)`, one JSON
/// object per turn (see ``AgentAction``):
/// - `{"name": "calculator", "arguments": {"expression": "(2 + 3) * 4"}}`
/// - `{"name": "lookup", "arguments": {"id": "F001"}}` or `{"name": "lookup", "arguments": {"query": "capital Norway"}}`
/// - `{"name": "convert", "arguments": {"value": 12.5, "from": "mi", "to": "km"}}`
/// - `{"answer": "Oslo"}`, the final answer.
/// Text outside the action space (too long, other characters) throws ``EnvironmentError/invalidAction(_:)``
/// as the ``Environment`` contract requires; any text inside it is accepted, and a malformed
/// action or a bad call gives an `error: <message>` observation instead.
///
/// ## Observation space
/// `Text(minLength: 1, maxLength: 4096, charset: printable ASCII, tab and newline)`: the tool's
/// result or the error message, followed by `Turns left: N`; characters outside the charset in
/// echoed input are shown as `?`.
///
/// ## Rewards
/// 1 for a correct final answer (``ToolTask/isCorrect(_:)``), otherwise 0. The last step's info
/// has `isSuccess` and the ``RubricScore`` components `rubric/right_tool`,
/// `rubric/right_argument_names` and `rubric/right_values`; every step has `tool/error` (1 when
/// the observation is an error).
///
/// ## Termination and truncation
/// Terminated by a final answer; truncated when `maxTurns` actions (default 6) gave no answer.
public struct ToolUseEnvironment: Environment, Restorable {
    /// The characters of observations and actions: printable ASCII, tab and newline.
    public static let charset = "\t\n" + String((32...126).compactMap { Unicode.Scalar($0).map(Character.init) })
    /// The longest observation.
    public static let maximumObservationLength = 4096
    /// The longest action.
    public static let maximumActionLength = 1024

    /// The id the environment was made from.
    public let name: String
    /// The task generator.
    public let generator: TaskGenerator
    /// The number of actions after which an episode without an answer is truncated.
    public let maxTurns: Int
    /// The current task (nil before the first reset).
    public private(set) var task: ToolTask?
    /// The well-formed tool calls of this episode, in order (what the rubric scores).
    public private(set) var calls: [ToolCall] = []
    /// The actions taken in this episode.
    public private(set) var turn = 0
    private var stream = RandomStream(seed: 0)
    private var episode = EpisodeGuard()

    /// An environment drawing tasks of `kinds`, with `maxTurns` actions per episode.
    public init(name: String = "ToolUse/Mixed-v0", kinds: [TaskKind] = TaskKind.allCases, maxTurns: Int = 6) {
        precondition(maxTurns >= 1, "ToolUseEnvironment: maxTurns must be at least 1, got \(maxTurns)")
        self.name = name
        generator = TaskGenerator(kinds: kinds)
        self.maxTurns = maxTurns
    }

    /// Printable-ASCII text of up to 4096 characters.
    public var observationSpace: Space {
        .text(minLength: 1, maxLength: Self.maximumObservationLength, charset: Self.charset)
    }

    /// Printable-ASCII text of up to 1024 characters.
    public var actionSpace: Space { .text(minLength: 0, maxLength: Self.maximumActionLength, charset: Self.charset) }

    /// Draws a new task and shows its prompt with the tool list.
    public mutating func reset(seed: UInt64?) -> Reset<String> {
        if let seed { stream = RandomStream(seed: seed) }
        let task = generator.makeTask(using: &stream)
        self.task = task
        calls = []
        turn = 0
        episode.begin()
        let observation = "Task: \(task.prompt)\n\(Toolbox.description)\nYou have \(maxTurns) turns."
        return Reset(observation: Self.fitted(observation), info: StepInfo(stepCount: 0, mission: task.prompt))
    }

    /// Runs a tool call or judges a final answer.
    /// - Throws: ``EnvironmentError`` for a step out of order or text outside the action space.
    public mutating func step(_ action: String) throws(EnvironmentError) -> Step<String> {
        try episode.checkStep(name)
        guard let task else { throw .stepBeforeReset(environment: name) }
        guard actionSpace.contains(.text(action)) else {
            throw .invalidAction("\(name): the action must be at most \(Self.maximumActionLength) characters of "
                                 + "printable ASCII, tab or newline (got \(action.count) characters)")
        }
        turn += 1
        var text: String
        var isError = false
        var answer: String?
        switch AgentAction.parse(action) {
        case .failure(let problem):
            (text, isError) = ("error: \(problem)", true)
        case .success(.call(let call)):
            calls.append(call)
            let result = Toolbox.run(call)
            (text, isError) = (result.isError ? result.text : "\(call.name): \(result.text)", result.isError)
        case .success(.answer(let given)):
            answer = given
            text = ""
        }
        var info = StepInfo(stepCount: turn, mission: task.prompt, extras: ["tool/error": isError ? 1 : 0])
        let terminated = answer != nil
        let truncated = !terminated && turn >= maxTurns
        var reward = 0.0
        if let answer {
            let isCorrect = task.isCorrect(answer)
            reward = isCorrect ? 1 : 0
            text = isCorrect ? "Final answer is correct." : "Final answer is incorrect; the expected answer was \(task.answer)."
        } else if truncated {
            text += "\nOut of turns; the expected answer was \(task.answer)."
        } else {
            text += "\nTurns left: \(maxTurns - turn)"
        }
        if terminated || truncated {
            info.isSuccess = reward == 1
            info.extras.merge(RubricScore.score(calls: calls, expected: task.expectedCalls).extras) { _, new in new }
        }
        episode.end(terminated: terminated, truncated: truncated)
        return Step(observation: Self.fitted(text), reward: reward, terminated: terminated, truncated: truncated, info: info)
    }

    /// The complete state, including the stream: the environment is a value.
    public func snapshot() -> ToolUseEnvironment { self }

    /// Puts back a state from ``snapshot()``.
    public mutating func restore(_ snapshot: ToolUseEnvironment) { self = snapshot }

    /// `text` inside the observation space: other characters become `?`, and it is cut to length.
    static func fitted(_ text: String) -> String {
        let allowed = Set(charset)
        var result = String(text.map { allowed.contains($0) ? $0 : "?" }.prefix(maximumObservationLength))
        if result.isEmpty { result = " " }
        return result
    }
}
