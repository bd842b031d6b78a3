/// Hyper-parameters of a PPO update (Schulman et al., 2017); defaults as CleanRL's `ppo.py`.
public struct PPOConfiguration: Codable, Sendable, Equatable {
    /// The base Adam step size.
    public var learningRate: Float = 2.5e-4
    /// Whether the step size is annealed linearly: lr·(1 − (k − 1)/K) at update k of K.
    public var annealsLearningRate: Bool = true
    /// Adam's ε (CleanRL uses 1e-5, not PyTorch's 1e-8).
    public var adamEpsilon: Float = 1e-5
    /// The discount γ.
    public var discount: Float = 0.99
    /// The GAE λ.
    public var gaeLambda: Float = 0.95
    /// Passes over the batch per update.
    public var updateEpochs: Int = 4
    /// Minibatches per epoch (the minibatch size is the batch size divided by this, rounded down).
    public var minibatchCount: Int = 4
    /// The global L2 norm gradients are clipped to.
    public var maxGradientNorm: Float = 0.5
    /// Stop the update after an epoch whose last minibatch had approx_kl above this; nil never stops.
    public var targetKL: Float? = nil
    /// The loss coefficients.
    public var loss = PPOLossConfiguration()

    /// The CleanRL defaults.
    public init() {}

    /// Throws naming the first field with an invalid value.
    public func validate() throws(PPOConfigurationError) {
        if !(learningRate > 0) { throw .invalid(field: "learning_rate", value: "\(learningRate)") }
        if !(adamEpsilon > 0) { throw .invalid(field: "adam_epsilon", value: "\(adamEpsilon)") }
        if !(discount >= 0 && discount <= 1) { throw .invalid(field: "discount", value: "\(discount)") }
        if !(gaeLambda >= 0 && gaeLambda <= 1) { throw .invalid(field: "gae_lambda", value: "\(gaeLambda)") }
        if updateEpochs < 1 { throw .invalid(field: "update_epochs", value: "\(updateEpochs)") }
        if minibatchCount < 1 { throw .invalid(field: "minibatch_count", value: "\(minibatchCount)") }
        if !(maxGradientNorm > 0) { throw .invalid(field: "max_gradient_norm", value: "\(maxGradientNorm)") }
        if let targetKL, !(targetKL > 0) { throw .invalid(field: "target_kl", value: "\(targetKL)") }
        if !(loss.clipCoefficient > 0) { throw .invalid(field: "loss.clip_coefficient", value: "\(loss.clipCoefficient)") }
        if !(loss.klCoefficient >= 0) { throw .invalid(field: "loss.kl_coefficient", value: "\(loss.klCoefficient)") }
    }
}

/// Why a ``PPOConfiguration`` was rejected.
public enum PPOConfigurationError: Error, Equatable, CustomStringConvertible {
    /// The field holds a value outside its valid range.
    case invalid(field: String, value: String)

    /// A message naming the field and the value.
    public var description: String {
        switch self {
        case .invalid(let field, let value): "PPO configuration: '\(field)' has invalid value \(value)"
        }
    }
}
