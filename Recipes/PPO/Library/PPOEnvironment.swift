import PrismEnv
import PrismRecipes

/// An environment the PPO recipes can train: `Discrete` actions given to the policy as indices
/// 0 ..< n, observations the policy reads as flat floats, and a complete state that a checkpoint
/// can hold, so that a resumed run continues bit for bit.
///
/// `ppo-gridworld` trains ``Gridworld/GridworldEnvironment`` through it directly; `ppo` trains any
/// registered environment through ``RegisteredEnvironment``.
public protocol PPOEnvironment: Restorable where Action == Int, Snapshot: Codable & Sendable & Equatable {
    /// A fresh environment for the config key `env`.
    /// - Throws: ``ConfigValidationError`` for the key `env` when the id names no environment this
    ///   type can make or train.
    static func make(id: String) throws -> Self

    /// The observation the environment currently shows (after a reset, a step or a restore).
    var observation: Observation { get }
    /// The info of the current state, as a reset would report it.
    var currentInfo: StepInfo { get }
    /// The number of floats ``encode(_:)`` gives.
    var encodedObservationSize: Int { get }
    /// The number of actions n.
    var actionCount: Int { get }
    /// The policy's input for an observation.
    func encode(_ observation: Observation) -> [Float]
    /// Whether ``Restorable/snapshot()`` and ``Restorable/restore(_:)`` really branch the
    /// environment, as vines need (a type-erased environment may wrap one that cannot).
    var supportsBranching: Bool { get }
    /// H of the polychromic success reward `1 − 0.5·t/H`: the episode step limit, when known.
    var episodeStepLimit: Int? { get }
    /// The expert's actions from the current state to the goal, for `--init bc` without
    /// `--demos`; nil when the environment has no expert.
    func expertPlan() -> [Int]?
    /// The action as the environment's action space names it (stored in datasets).
    func spaceAction(_ action: Int) -> Int
    /// The policy's action for one stored in a dataset, nil when it lies outside the space.
    func policyAction(_ spaceAction: Int) -> Int?
}

extension PPOEnvironment {
    /// The policy's encoder as a function value, for collectors and evaluation.
    public var encoder: (Observation) -> [Float] { { [self] in encode($0) } }
}
