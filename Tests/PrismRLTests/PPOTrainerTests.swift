import PrismNN
import PrismPolicy
import PrismRL
import PrismTensor
import PrismTestSupport
import Testing

/// `PPOTrainer`: the learning-rate anneal, ratio 1 on the first minibatch, target-KL stop, metrics.
@Suite struct PPOTrainerTests {
    /// A batch of N samples whose old log-probs and values are the model's own.
    func batch(for model: ActorCritic, count: Int, seed: UInt64) -> PPOBatch {
        var stream = RandomStream(seed: seed)
        let observations = TestData.uniform([count, 6], seed: seed)
        let (logits, values) = withoutGradients { model(observations) }
        let policy = Categorical(logits: logits)
        let actions = policy.sample(using: &stream)
        return PPOBatch(observations: observations, actions: actions,
                        logProbs: policy.logProbabilities(of: actions).scalars, values: values.scalars,
                        advantages: TestData.uniform([count], seed: seed + 1).scalars,
                        returns: TestData.uniform([count], seed: seed + 2).scalars)
    }

    func model(seed: UInt64) -> ActorCritic {
        var stream = RandomStream(seed: seed)
        return ActorCritic(ActorCriticConfiguration(observationSize: 6, actionCount: 3, hiddenSizes: [16, 16]), using: &stream)
    }

    @Test func minibatchesSplitAtFloorKNOverMWithoutALeftoverMinibatch() {
        let bounds = minibatchBounds(sampleCount: 1086, minibatchCount: 8)
        #expect(bounds.count == 8)
        #expect(bounds.first?.lowerBound == 0 && bounds.last?.upperBound == 1086)
        #expect(zip(bounds, bounds.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        #expect(bounds.map(\.count) == [135, 136, 136, 136, 135, 136, 136, 136])
        // When M divides n the split is CleanRL's stride, so standard PPO's minibatches are unchanged.
        #expect(minibatchBounds(sampleCount: 1024, minibatchCount: 8) == stride(from: 0, to: 1024, by: 128).map { $0..<($0 + 128) })
        #expect(minibatchBounds(sampleCount: 7, minibatchCount: 7).allSatisfy { $0.count == 1 })
    }

    @Test func invariant6AnnealedLearningRate() {
        var configuration = PPOConfiguration()
        configuration.learningRate = 2.5e-4
        let trainer = PPOTrainer(model: model(seed: 1), configuration: configuration, updateCount: 10)
        #expect(trainer.learningRate(forUpdate: 1) == 2.5e-4)
        expectClose(trainer.learningRate(forUpdate: 4), 2.5e-4 * (1 - 3.0 / 10))
        expectClose(trainer.learningRate(forUpdate: 10), 2.5e-5)
        #expect(trainer.learningRate(forUpdate: 10) > 0)
        configuration.annealsLearningRate = false
        #expect(PPOTrainer(model: model(seed: 1), configuration: configuration, updateCount: 10).learningRate(forUpdate: 10) == 2.5e-4)
    }

    @Test func updatesUseTheAnnealedRateAndReportCleanRLKeys() {
        var trainer = PPOTrainer(model: model(seed: 2), configuration: PPOConfiguration(), updateCount: 4)
        var stream = RandomStream(seed: 3)
        let first = trainer.update(batch(for: trainer.model, count: 32, seed: 4), using: &stream)
        let second = trainer.update(batch(for: trainer.model, count: 32, seed: 5), using: &stream)
        #expect(first.learningRate == 2.5e-4)
        expectClose(second.learningRate, 2.5e-4 * 0.75)
        #expect(trainer.optimizer.learningRate == second.learningRate)
        #expect(Set(first.scalars().keys) == [
            "losses/value_loss", "losses/policy_loss", "losses/entropy", "losses/old_approx_kl", "losses/approx_kl",
            "losses/clipfrac", "losses/explained_variance", "charts/learning_rate",
        ])
        #expect(first.epochsCompleted == 4)
    }

    @Test func aSingleMinibatchUpdateSeesRatioOne() {
        var configuration = PPOConfiguration()
        configuration.updateEpochs = 1
        configuration.minibatchCount = 1
        var trainer = PPOTrainer(model: model(seed: 6), configuration: configuration, updateCount: 1)
        var stream = RandomStream(seed: 7)
        let metrics = trainer.update(batch(for: trainer.model, count: 24, seed: 8), using: &stream)
        #expect(metrics.approxKL == 0 && metrics.oldApproxKL == 0 && metrics.clipFraction == 0)
        #expect(Swift.abs(metrics.policyLoss) <= 1e-6)
    }

    @Test func targetKLStopsAfterTheFirstEpoch() {
        var configuration = PPOConfiguration()
        configuration.learningRate = 1e-2
        configuration.targetKL = 1e-9
        var trainer = PPOTrainer(model: model(seed: 9), configuration: configuration, updateCount: 1)
        var stream = RandomStream(seed: 10)
        let metrics = trainer.update(batch(for: trainer.model, count: 32, seed: 11), using: &stream)
        #expect(metrics.epochsCompleted == 1)
        #expect(metrics.approxKL > 1e-9)
    }

    @Test func theUpdateIsSeedLocked() {
        func run() -> [Float] {
            var trainer = PPOTrainer(model: model(seed: 12), configuration: PPOConfiguration(), updateCount: 2)
            var stream = RandomStream(seed: 13)
            _ = trainer.update(batch(for: trainer.model, count: 32, seed: 14), using: &stream)
            return trainer.model.namedParameters.flatMap(\.tensor.scalars)
        }
        let first = run()
        #expect(first == run())
        #expect(first != model(seed: 12).namedParameters.flatMap(\.tensor.scalars))
    }

    @Test func behaviourKLPenaltyIsZeroBeforeTheFirstStepAndReported() {
        var configuration = PPOConfiguration()
        configuration.updateEpochs = 1
        configuration.minibatchCount = 1
        configuration.loss.klCoefficient = 0.01
        var trainer = PPOTrainer(model: model(seed: 15), configuration: configuration, updateCount: 1)
        var stream = RandomStream(seed: 16)
        let metrics = trainer.update(batch(for: trainer.model, count: 16, seed: 17), using: &stream)
        #expect(Swift.abs(metrics.behaviourKL) < 1e-7)
        #expect(metrics.scalars(includesBehaviourKL: true)["losses/behaviour_kl"] != nil)
    }

    @Test func explainedVarianceMatchesNumPy() {
        #expect(explainedVariance(predictions: [1, 2, 3], targets: [1, 2, 3]) == 1)
        #expect(explainedVariance(predictions: [2, 2, 2], targets: [1, 2, 3]) == 0)
        // Var(R) = 2/3, Var(R − V) = Var([0.5, −0.5, 0.5]) = 2/9 → 1 − 1/3.
        #expect(Swift.abs(explainedVariance(predictions: [0.5, 2.5, 2.5], targets: [1, 2, 3]) - 2.0 / 3) < 1e-12)
        #expect(explainedVariance(predictions: [1, 2], targets: [4, 4]).isNaN)
    }
}
