import PrismEnv
import PrismNN
import PrismPolicy
import PrismRL
import PrismTensor

/// `critic_warmup.steps`: fits the critic to the returns of the behaviour-cloned policy before PPO
/// starts, so the first GAE advantages measure the policy rather than a random critic's error.
///
/// The cloned policy collects rollouts of E·T steps on its own copies of the environment (reset
/// with the training seeds) until at least `critic_warmup.steps` steps are seen; after each, the
/// critic alone takes `update_epochs` passes of `num_minibatches` Adam steps on
/// ½·mean((V − R)²) against the GAE(γ, λ) returns, with the run's learning rate and gradient
/// clip. The actor is not touched, and the optimizer used is discarded, so PPO starts from the
/// cloned actor and a fresh Adam under both objectives.
public struct CriticWarmup<Env: PPOEnvironment> {
    /// The recipe's settings.
    public let config: PPORecipeConfig
    /// A fresh environment of `config.env`.
    public let environment: Env

    /// What the warm-up achieved.
    public struct Result: Equatable, Sendable {
        /// The last minibatch's value loss.
        public var valueLoss: Float
        /// The explained variance of the last rollout's returns by the critic before its last fit.
        public var explainedVariance: Double
        /// Environment steps collected.
        public var steps: Int
    }

    /// A warm-up for `config`.
    public init(config: PPORecipeConfig, environment: Env) {
        self.config = config
        self.environment = environment
    }

    /// Trains `model`'s critic; `stream` draws the policy's actions and the shuffles.
    /// - Throws: ``EnvironmentError`` when a copy rejects an action.
    public func train(_ model: inout ActorCritic, seed: UInt64, using stream: inout RandomStream) throws -> Result {
        let batchSize = config.numEnvs * config.numSteps
        let rollouts = (config.criticWarmup.steps + batchSize - 1) / batchSize
        var collector = RolloutCollector(
            environments: VectorEnvironment([Env](repeating: environment, count: config.numEnvs), autoresetMode: .sameStep),
            seed: config.trainingSeeds(seed: seed).lowerBound, encode: environment.encoder)
        var optimizer = Adam(learningRate: config.learningRate, epsilon: PPOConfiguration().adamEpsilon)
        var result = Result(valueLoss: .nan, explainedVariance: .nan, steps: 0)
        for _ in 0..<rollouts {
            let rollout = try collector.collect(steps: config.numSteps, policy: model, using: &stream)
            let returns = rollout.buffer.advantageEstimate(discount: config.gamma, gaeLambda: config.gaeLambda).returns
            result.explainedVariance = explainedVariance(predictions: rollout.buffer.values, targets: returns)
            result.steps += batchSize
            let targets = Tensor(returns)
            let bounds = minibatchBounds(sampleCount: batchSize, minibatchCount: config.numMinibatches)
            for _ in 0..<config.updateEpochs {
                let permutation = stream.permutation(batchSize)
                for range in bounds {
                    let indices = Array(permutation[range])
                    let values = model.value(rollout.buffer.observations.rows(indices))
                    let loss = valueRegressionLoss(values: values, returns: targets.rows(indices))
                    model.critic.zeroGradients()
                    loss.backward()
                    clipGradientNorm(&model.critic, maxNorm: config.maxGradNorm)
                    optimizer.step(&model.critic)
                    result.valueLoss = loss.item
                }
            }
        }
        return result
    }
}

/// ½·mean((V − R)²): the unclipped PPO value loss (docs/algorithms.md §1.1) as a regression of
/// `values` `[B]` (on the tape) onto the constant `returns` `[B]`.
public func valueRegressionLoss(values: Tensor, returns: Tensor) -> Tensor {
    precondition(values.shape == returns.shape, "valueRegressionLoss: values \(values.shape), returns \(returns.shape)")
    return 0.5 * (values - returns.detached).squared().mean()
}
