import PrismEnv
import PrismPolicy
import PrismRL
import PrismTensor
import Testing

/// Standard PPO with 8 environments learns the test corridor, seed-locked, in about a second.
@Suite struct PPOLearningTests {
    /// Mean episodic return of the greedy policy over one episode from the start (deterministic).
    func greedyReturn(_ model: ActorCritic) throws -> Double {
        var environment = TestCorridor()
        var observation = environment.reset(seed: 0).observation
        var total = 0.0
        while true {
            let action = model.policy(Tensor(shape: [1, 6], scalars: TestCorridor.encode(observation))).mode[0]
            let step = try environment.step(action)
            total += step.reward
            observation = step.observation
            if step.isDone { return total }
        }
    }

    @Test func ppoLearnsToWalkTheCorridor() throws {
        let root = RandomStream(seed: 2026)
        var initialisation = root.child("init")
        var sampling = root.child("sampling")
        var shuffling = root.child("shuffling")
        let model = ActorCritic(ActorCriticConfiguration(observationSize: 6, actionCount: 2, hiddenSizes: [32, 32]),
                                using: &initialisation)
        var configuration = PPOConfiguration()
        configuration.learningRate = 2.5e-3
        let updates = 30
        var trainer = PPOTrainer(model: model, configuration: configuration, updateCount: updates)
        let environments = VectorEnvironment((0..<8).map { _ in TestCorridor() }, autoresetMode: .sameStep)
        var collector = RolloutCollector(environments: environments, seed: 1) { TestCorridor.encode($0) }
        var returns: [Double] = []
        for _ in 0..<updates {
            let rollout = try collector.collect(steps: 16, policy: trainer.model, using: &sampling)
            let estimate = rollout.buffer.advantageEstimate(discount: configuration.discount, gaeLambda: configuration.gaeLambda)
            _ = trainer.update(PPOBatch(buffer: rollout.buffer, estimate: estimate), using: &shuffling)
            let episodes = rollout.episodes.map(\.totalReward)
            returns.append(episodes.isEmpty ? 0 : episodes.reduce(0, +) / Double(episodes.count))
        }
        let early = returns.prefix(3).reduce(0, +) / 3
        let late = returns.suffix(3).reduce(0, +) / 3
        // The best return is 1 − 0.9·5/12 = 0.625 (five steps right).
        #expect(early < 0.4, "early mean return \(early)")
        #expect(late > 0.58, "late mean return \(late), curve \(returns)")
        #expect(try greedyReturn(trainer.model) == 1 - 0.9 * 5 / 12)
    }
}
