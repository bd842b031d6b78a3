import PrismPolicy
import PrismRL
import PrismTensor

/// `ppo-minibatch` and `ppo-update`: Prism's own PPO update (`PPOTrainer` with `ppoLoss`) on
/// separate actor and critic MLPs 147→64→64 (tanh) with heads 7 and 1, as `torch_bench.py` (a):
/// clipped surrogate, unclipped value loss, entropy bonus, backward, global-norm clip 0.5,
/// Adam(lr 2.5e-4, eps 1e-5) on random samples. `ppo-minibatch` is one 256-sample minibatch step
/// (a one-epoch, one-minibatch update of 256 samples); `ppo-update` is 4 epochs × 8 minibatches of
/// 256 over 2048 samples.
struct PPOWorkload {
    static let (observationSize, actionCount, sampleCount, minibatch) = (147, 7, 2048, 256)

    var trainer: PPOTrainer
    let batch: PPOBatch
    var stream: RandomStream

    /// The trainer and samples; `minibatchOnly` sizes them for `ppo-minibatch`.
    init(seed: UInt64, minibatchOnly: Bool) {
        var stream = RandomStream(seed: seed)
        let model = ActorCritic(
            ActorCriticConfiguration(observationSize: Self.observationSize, actionCount: Self.actionCount), using: &stream)
        var configuration = PPOConfiguration()
        configuration.annealsLearningRate = false
        configuration.loss.clipsValueLoss = false
        configuration.updateEpochs = minibatchOnly ? 1 : 4
        configuration.minibatchCount = minibatchOnly ? 1 : Self.sampleCount / Self.minibatch
        trainer = PPOTrainer(model: model, configuration: configuration, updateCount: 1)
        let count = minibatchOnly ? Self.minibatch : Self.sampleCount
        batch = PPOBatch(
            observations: Tensor.normal([count, Self.observationSize], using: &stream),
            actions: (0..<count).map { _ in stream.nextInt(below: Self.actionCount) },
            logProbs: Tensor.uniform([count], in: 0..<1, using: &stream).scaled(by: -2).scalars,
            values: Tensor.normal([count], using: &stream).scalars,
            advantages: Tensor.normal([count], using: &stream).scalars,
            returns: Tensor.normal([count], using: &stream).scalars)
        self.stream = stream
    }

    /// One update over the whole batch.
    mutating func update() {
        _ = trainer.update(batch, using: &stream)
    }
}
