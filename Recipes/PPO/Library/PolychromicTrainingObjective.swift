import PrismEnv
import PrismPolicy
import PrismRL
import PrismRecipes
import PrismTensor

/// Polychromic PPO (Hamid et al., 2025, "Polychromic Objectives for Reinforcement Learning",
/// arXiv 2509.25424, Algorithm 2; docs/algorithms.md §2.3) as a ``TrainingObjective``: it asks the collection
/// to save p rollout states, samples N vines from each with the behaviour policy, scores M sets of
/// n vines with f_poly = mean reward × diversity and gives the set advantages to the first W
/// actions of the vines in place of the rollout's GAE advantages there (``PolychromicPPO``).
///
/// A vine's reward is `polychromic.reward`: by default the paper's success reward `1 − 0.5·t/H`
/// (``Vine/successReward(horizon:)`` with H the episode step limit, or `polychromic.vine_horizon`
/// when the environment does not report one), or the environment's own
/// return. Two vines count as the same trajectory when they visit the same set of rooms
/// (`StepInfo.roomID`). The objective keeps no state of its own: everything random comes from
/// the stream the training loop passes in and checkpoints, so a resumed run continues exactly.
public struct PolychromicTrainingObjective: TrainingObjective {
    /// The driver, with validated hyper-parameters.
    public let driver: PolychromicPPO
    /// λ of the vine tails' GAE (the PPO `gae_lambda`).
    public let gaeLambda: Float
    /// How vines are rewarded.
    public let reward: PPORecipeConfig.Polychromic.Reward
    /// γ of the vines' value targets (the PPO discount).
    public let discount: Float

    /// The objective of `config`'s `polychromic.*` settings and discount.
    /// - Throws: ``UserError`` naming the first invalid `polychromic.*` key.
    public init(config: PPORecipeConfig) throws {
        do {
            driver = try PolychromicPPO(configuration: config.polychromic.configuration)
        } catch {
            throw UserError("key 'polychromic.\(error.field.rawValue)': \(error.requirement)")
        }
        reward = config.polychromic.reward
        discount = config.gamma
        gaeLambda = config.gaeLambda
    }

    /// p steps evenly spaced over the rollout, in copy i mod E or in every copy (`polychromic.state_placement`).
    public func snapshotRequests(stepCount: Int, environmentCount: Int) -> [(step: Int, environment: Int)] {
        driver.rolloutStateRequests(stepCount: stepCount, environmentCount: environmentCount)
    }

    /// `polychromic.episode_starts`.
    public var snapshotsEpisodeStarts: Bool { driver.configuration.includesEpisodeStarts }

    /// The standard batch with the vine samples in place of the rollout states' windows, and the
    /// `polychromic/…` metrics.
    public func makeBatch<Env: PPOEnvironment>(
        rollout: Rollout, states: [RolloutState<Env>], estimate: AdvantageEstimate,
        policy: ActorCritic, environment: Env, using stream: inout RandomStream
    ) throws -> (batch: PPOBatch, metrics: [String: Double]) {
        let standard = PPOBatch(buffer: rollout.buffer, estimate: estimate)
        let horizon = environment.episodeStepLimit ?? driver.configuration.vineHorizon
        let score: (Vine) -> Double = switch reward {
        case .success: { $0.successReward(horizon: horizon) }
        case .return: { $0.totalReward }
        }
        let result = try driver.trainingBatch(
            rollout: rollout.buffer, states: states, standardBatch: standard, policy: policy,
            environment: environment, encode: environment.encoder, discount: discount, gaeLambda: gaeLambda, reward: score,
            signature: { Set($0.compactMap(\.roomID)) }, using: &stream)
        return (result.batch, result.metrics.scalars)
    }
}
