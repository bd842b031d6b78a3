import PrismTensor

/// A reinforcement-learning environment with Gymnasium's contract (`gymnasium.Env`), in Swift.
///
/// - `reset(seed:)` starts an episode. A seed re-creates the environment's own ``RandomStream``;
///   `nil` continues the current stream (Gymnasium's seeding rule: seed once, then pass nil).
/// - `step(_:)` advances it: observation, reward, `terminated` (an MDP terminal state: do not
///   bootstrap) and `truncated` (a time limit: bootstrap). Both may be true.
/// - Order rule: `step` before the first `reset`, or after the episode ended, throws
///   ``EnvironmentError/stepBeforeReset(environment:)`` / ``EnvironmentError/stepAfterEpisodeEnd(environment:)``
///   (Gymnasium's `OrderEnforcing`), never undefined behaviour. ``EpisodeGuard`` implements it.
/// - Every observation lies in ``observationSpace``; actions outside ``actionSpace`` throw
///   ``EnvironmentError/invalidAction(_:)``.
///
/// ``checkEnvironment(_:seed:)`` verifies all of this for a plug-in.
public protocol Environment {
    /// What the agent sees.
    associatedtype Observation: SpaceRepresentable
    /// What the agent does.
    associatedtype Action: SpaceRepresentable

    /// The identifier the environment was made from (`Gridworld/DoorKey-5x5-v0`), for messages.
    var name: String { get }
    /// The valid observations.
    var observationSpace: Space { get }
    /// The valid actions.
    var actionSpace: Space { get }

    /// Starts an episode; with a seed, the environment's stream is re-created from it first.
    mutating func reset(seed: UInt64?) -> Reset<Observation>

    /// Advances the episode by one action.
    /// - Throws: ``EnvironmentError`` for an action outside the space or a step out of order.
    mutating func step(_ action: Action) throws(EnvironmentError) -> Step<Observation>
}

/// The result of ``Environment/reset(seed:)``: the first observation and its info.
public struct Reset<Observation> {
    /// The first observation of the episode.
    public var observation: Observation
    /// Typed auxiliary information.
    public var info: StepInfo

    /// A reset result.
    public init(observation: Observation, info: StepInfo = StepInfo()) {
        self.observation = observation
        self.info = info
    }
}

/// The result of ``Environment/step(_:)`` (Gymnasium's 5-tuple).
public struct Step<Observation> {
    /// The observation after the action.
    public var observation: Observation
    /// The reward for the transition.
    public var reward: Double
    /// The episode reached a terminal state of the MDP (goal, death): do not bootstrap.
    public var terminated: Bool
    /// The episode was cut short (time limit): bootstrap from `observation`.
    public var truncated: Bool
    /// Typed auxiliary information.
    public var info: StepInfo

    /// A step result.
    public init(observation: Observation, reward: Double, terminated: Bool, truncated: Bool, info: StepInfo = StepInfo()) {
        self.observation = observation
        self.reward = reward
        self.terminated = terminated
        self.truncated = truncated
        self.info = info
    }

    /// Whether the episode is over (`terminated || truncated`).
    public var isDone: Bool { terminated || truncated }
}

/// Auxiliary information of a reset or step: typed fields Prism's algorithms use, plus named
/// numbers for anything else (in place of Gymnasium's `dict[str, Any]`).
public struct StepInfo: Equatable, Sendable {
    /// The number of steps taken in the episode so far.
    public var stepCount: Int?
    /// Whether the episode's task was achieved (goal reached, answer correct).
    public var isSuccess: Bool?
    /// The room the agent is in (gridworlds), for diversity measures.
    public var roomID: Int?
    /// A natural-language mission or task statement.
    public var mission: String?
    /// Any further named numbers (rubric components, distances, ...).
    public var extras: [String: Double]

    /// Info with the given fields.
    public init(stepCount: Int? = nil, isSuccess: Bool? = nil, roomID: Int? = nil, mission: String? = nil,
                extras: [String: Double] = [:]) {
        self.stepCount = stepCount
        self.isSuccess = isSuccess
        self.roomID = roomID
        self.mission = mission
        self.extras = extras
    }
}

/// Enforces the order rule for an environment: embed one, call ``begin()`` in `reset`,
/// ``checkStep(_:)`` at the top of `step` and ``end(_:)`` with each step's flags.
public struct EpisodeGuard: Hashable, Sendable, Codable {
    /// Where the environment is in its life cycle.
    public enum Phase: String, Hashable, Sendable, Codable { case notStarted, running, ended }

    /// The current phase.
    public private(set) var phase: Phase = .notStarted

    /// A guard before the first reset.
    public init() {}

    /// Marks a new episode as running.
    public mutating func begin() { phase = .running }

    /// Throws unless an episode is running.
    public func checkStep(_ environment: String) throws(EnvironmentError) {
        switch phase {
        case .notStarted: throw .stepBeforeReset(environment: environment)
        case .ended: throw .stepAfterEpisodeEnd(environment: environment)
        case .running: return
        }
    }

    /// Ends the episode when the step terminated or truncated it.
    public mutating func end(terminated: Bool, truncated: Bool) {
        if terminated || truncated { phase = .ended }
    }
}

/// An environment whose complete state (including its random stream) can be saved and put back,
/// for vine sampling and tree search: after `restore(s)`, the same actions give the same steps as
/// after the `snapshot()` that made `s`.
public protocol Restorable: Environment {
    /// A value holding the complete state.
    associatedtype Snapshot

    /// The complete current state.
    func snapshot() -> Snapshot

    /// Puts the environment back into a saved state.
    mutating func restore(_ snapshot: Snapshot)
}
