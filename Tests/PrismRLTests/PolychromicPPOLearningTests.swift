import PrismEnv
import PrismPolicy
import PrismRL
import PrismTensor
import Testing

/// Polychromic PPO fine-tuning a briefly pre-trained policy on the two-route test ring, wired
/// exactly as the driver's usage example, seed-locked.
@Suite struct PolychromicPPOLearningTests {
    /// Mean episodic return of the episodes that ended in each iteration.
    static func meanReturn(_ episodes: [EpisodeStatistics]) -> Double {
        episodes.isEmpty ? 0 : episodes.map(\.totalReward).reduce(0, +) / Double(episodes.count)
    }

    @Test func polychromicPPOImprovesAPretrainedPolicyWithoutCollapsing() throws {
        let root = RandomStream(seed: 2025)
        var initialisation = root.child("init")
        var sampling = root.child("sampling")
        var shuffling = root.child("shuffling")
        var vineSampling = root.child("vines")
        let model = ActorCritic(ActorCriticConfiguration(observationSize: TestRing.cellCount, actionCount: 3,
                                                         hiddenSizes: [32, 32]), using: &initialisation)
        var ppo = PPOConfiguration()
        ppo.learningRate = 2.5e-3
        let (steps, copies, pretraining, updates) = (16, 4, 4, 16)
        let environments = VectorEnvironment((0..<copies).map { _ in TestRing(slip: 0.1) }, autoresetMode: .sameStep)
        var collector = RolloutCollector(environments: environments, seed: 1) { TestRing.encode($0) }

        var pretrainer = PPOTrainer(model: model, configuration: ppo, updateCount: 20)
        for _ in 0..<pretraining {
            let rollout = try collector.collect(steps: steps, policy: pretrainer.model, using: &sampling)
            let estimate = rollout.buffer.advantageEstimate(discount: ppo.discount, gaeLambda: ppo.gaeLambda)
            _ = pretrainer.update(PPOBatch(buffer: rollout.buffer, estimate: estimate), using: &shuffling)
        }

        let polychromic = try PolychromicPPO()
        var trainer = PPOTrainer(model: pretrainer.model, configuration: polychromic.trainerConfiguration(ppo),
                                 updateCount: updates)
        let requests = polychromic.rolloutStateRequests(stepCount: steps, environmentCount: copies)
        var returns: [Double] = []
        var logged: [[String: Double]] = []
        for _ in 0..<updates {
            let (rollout, states) = try collector.collect(steps: steps, policy: trainer.model, snapshottingAt: requests,
                                                          using: &sampling)
            let estimate = rollout.buffer.advantageEstimate(discount: ppo.discount, gaeLambda: ppo.gaeLambda)
            let standard = PPOBatch(buffer: rollout.buffer, estimate: estimate)
            let result = try polychromic.trainingBatch(
                rollout: rollout.buffer, states: states, standardBatch: standard, policy: trainer.model,
                environment: collector.environments.environments[0], encode: collector.encode,
                discount: ppo.discount, using: &vineSampling)
            let update = trainer.update(result.batch, using: &shuffling)
            logged.append(update.scalars(includesBehaviourKL: true).merging(result.metrics.scalars) { $1 })
            returns.append(Self.meanReturn(rollout.episodes))
        }
        let start = returns.prefix(3).reduce(0, +) / 3
        let end = returns.suffix(3).reduce(0, +) / 3
        // The best return is 1 − 0.5·3/10 = 0.85 (three steps either way, slips aside).
        #expect(end > start, "mean return \(start) → \(end), curve \(returns)")
        #expect(end > 0.7, "mean return \(end), curve \(returns)")
        #expect(logged.allSatisfy { $0["losses/behaviour_kl"].map { $0.isFinite && $0 >= 0 } == true })
        #expect(logged.allSatisfy { $0["polychromic/vines"] == 16 })
        #expect(logged.allSatisfy { $0["polychromic/diversity_mean"].map { $0 >= 0.25 && $0 <= 1 } == true })
    }
}
