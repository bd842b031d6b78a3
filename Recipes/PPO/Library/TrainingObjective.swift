import PrismPolicy
import PrismRL
import PrismRecipes
import PrismTensor

/// Turns one collected rollout into the samples a PPO update fits, with the metrics it adds.
///
/// Standard PPO uses every sample with its GAE advantage; polychromic PPO (docs/algorithms.md §2.3) asks for
/// rollout states to be saved during collection, samples vines from them and replaces the
/// advantages near them. Each iteration of ``PPOSession`` calls
/// ``snapshotRequests(stepCount:environmentCount:)`` before collecting and
/// ``makeBatch(rollout:states:estimate:policy:environment:using:)`` after.
public protocol TrainingObjective {
    /// The `(step, environment)` pairs whose states the collection must save.
    func snapshotRequests(stepCount: Int, environmentCount: Int) -> [(step: Int, environment: Int)]

    /// Whether the collection also saves each copy's first episode start in the rollout.
    var snapshotsEpisodeStarts: Bool { get }

    /// The batch for the update and the metrics to log with it.
    /// - Parameters:
    ///   - rollout: the collected samples and finished episodes.
    ///   - states: the saved states, in request order.
    ///   - estimate: GAE advantages and returns of `rollout`.
    ///   - policy: the behaviour policy that collected the rollout.
    ///   - environment: a template copy to restore saved states into.
    ///   - stream: the objective's own random stream (stored in checkpoints).
    mutating func makeBatch<Env: PPOEnvironment>(
        rollout: Rollout, states: [RolloutState<Env>], estimate: AdvantageEstimate,
        policy: ActorCritic, environment: Env, using stream: inout RandomStream
    ) throws -> (batch: PPOBatch, metrics: [String: Double])
}

extension TrainingObjective {
    /// No episode starts.
    public var snapshotsEpisodeStarts: Bool { false }
}

/// Standard PPO: every sample with its GAE advantage, no extra metrics.
public struct StandardObjective: TrainingObjective {
    /// The objective.
    public init() {}

    /// None.
    public func snapshotRequests(stepCount: Int, environmentCount: Int) -> [(step: Int, environment: Int)] { [] }

    /// `PPOBatch(buffer:estimate:)`.
    public func makeBatch<Env: PPOEnvironment>(
        rollout: Rollout, states: [RolloutState<Env>], estimate: AdvantageEstimate,
        policy: ActorCritic, environment: Env, using stream: inout RandomStream
    ) throws -> (batch: PPOBatch, metrics: [String: Double]) {
        (PPOBatch(buffer: rollout.buffer, estimate: estimate), [:])
    }
}

extension PPORecipeConfig.Objective {
    /// The objective's implementation for `config`.
    /// - Throws: ``UserError`` when `config`'s settings for it are invalid.
    func makeObjective(config: PPORecipeConfig) throws -> any TrainingObjective {
        switch self {
        case .standard: StandardObjective()
        case .polychromic: try PolychromicTrainingObjective(config: config)
        }
    }
}
