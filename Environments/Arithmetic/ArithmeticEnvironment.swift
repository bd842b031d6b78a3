import PrismEnv
import PrismTensor

/// A single-turn verifiable text environment: each episode is one arithmetic problem, answered
/// by one action.
///
/// ## Description
/// `reset(seed:)` draws a problem with ``ArithmeticGenerator`` from the environment's stream (a
/// seed re-creates the stream; nil continues it) and shows its prompt, e.g. `37+45=`.
///
/// ## Action space
/// `Text(minLength: 0, maxLength: 64, charset: printable ASCII)`: the answer. It is correct only
/// when it equals ``ArithmeticProblem/answerText`` exactly (`82`; not ` 82`, `82.0` or `082`).
/// Text outside the action space throws ``EnvironmentError/invalidAction(_:)``.
///
/// ## Observation space
/// `Text(minLength: 1, maxLength: 32, charset: "0123456789+-*=")`: the prompt after a reset, and
/// the solved equation (`37+45=82`) after the step.
///
/// ## Rewards
/// 1 for the exact answer, otherwise 0. The step's info has `isSuccess`, `mission` (the prompt)
/// and the extra `arithmetic/carries` (the carries or borrows the problem needs).
///
/// ## Termination and truncation
/// Every step terminates the episode; nothing truncates.
public struct ArithmeticEnvironment: Environment, Restorable {
    /// The characters of observations.
    public static let observationCharset = "0123456789+-*="
    /// The characters of actions: printable ASCII.
    public static let actionCharset = String((32...126).compactMap { Unicode.Scalar($0).map(Character.init) })
    /// The longest observation.
    public static let maximumObservationLength = 32
    /// The longest action.
    public static let maximumActionLength = 64

    /// The id the environment was made from.
    public let name: String
    /// The problem generator (training side of the split unless made otherwise).
    public let generator: ArithmeticGenerator
    /// The current problem (nil before the first reset).
    public private(set) var problem: ArithmeticProblem?
    private var stream = RandomStream(seed: 0)
    private var episode = EpisodeGuard()

    /// An environment drawing problems of `levels` from `split`.
    public init(name: String = "Arithmetic/Mixed-v0", levels: [ArithmeticLevel] = ArithmeticLevel.mixed,
                split: ArithmeticSplit = .training) {
        self.name = name
        generator = ArithmeticGenerator(levels: levels, split: split)
    }

    /// Equations over digits, `+ - * =`, of up to 32 characters.
    public var observationSpace: Space {
        .text(minLength: 1, maxLength: Self.maximumObservationLength, charset: Self.observationCharset)
    }

    /// Printable-ASCII text of up to 64 characters.
    public var actionSpace: Space { .text(minLength: 0, maxLength: Self.maximumActionLength, charset: Self.actionCharset) }

    /// Draws a new problem and shows its prompt.
    public mutating func reset(seed: UInt64?) -> Reset<String> {
        if let seed { stream = RandomStream(seed: seed) }
        let problem = generator.makeProblem(using: &stream)
        self.problem = problem
        episode.begin()
        return Reset(observation: problem.prompt, info: StepInfo(stepCount: 0, mission: problem.prompt))
    }

    /// Judges the answer and ends the episode.
    /// - Throws: ``EnvironmentError`` for a step out of order or text outside the action space.
    public mutating func step(_ action: String) throws(EnvironmentError) -> Step<String> {
        try episode.checkStep(name)
        guard let problem else { throw .stepBeforeReset(environment: name) }
        guard actionSpace.contains(.text(action)) else {
            throw .invalidAction("\(name): the answer must be at most \(Self.maximumActionLength) characters of "
                                 + "printable ASCII (got \(action.count) characters)")
        }
        let isCorrect = action == problem.answerText
        let info = StepInfo(stepCount: 1, isSuccess: isCorrect, mission: problem.prompt,
                            extras: ["arithmetic/carries": Double(problem.carryCount)])
        episode.end(terminated: true, truncated: false)
        return Step(observation: problem.description, reward: isCorrect ? 1 : 0, terminated: true, truncated: false, info: info)
    }

    /// The complete state, including the stream: the environment is a value.
    public func snapshot() -> ArithmeticEnvironment { self }

    /// Puts back a state from ``snapshot()``.
    public mutating func restore(_ snapshot: ArithmeticEnvironment) { self = snapshot }
}
