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
    /// With a KL penalty: re-evaluate the behaviour policy π_β of the penalty at the start of
    /// every epoch (π_β ← π_θ after each epoch, the replications' reading of polychromic PPO's
    /// Algorithm 2) instead of keeping the policy as it was when the update began. Only the KL
    /// reference moves: the ratio's old log-probabilities stay those recorded at sampling, because
    /// the samples were drawn by that policy and the clip bounds the step from it.
    public var refreshesBehaviourEachEpoch = false

    /// The CleanRL defaults.
    public init() {}

    /// The hyper-parameters ``validate()`` can reject, named as CleanRL's `ppo.py` arguments:
    /// the names recipes use as config keys.
    public enum Field: String, HyperParameterField {
        /// `PPO configuration`.
        public static let configurationName = "PPO configuration"
        /// ``learningRate``.
        case learningRate = "learning_rate"
        /// ``adamEpsilon``.
        case adamEpsilon = "adam_eps"
        /// ``discount``.
        case discount = "gamma"
        /// ``gaeLambda``.
        case gaeLambda = "gae_lambda"
        /// ``updateEpochs``.
        case updateEpochs = "update_epochs"
        /// ``minibatchCount``.
        case minibatchCount = "num_minibatches"
        /// ``maxGradientNorm``.
        case maxGradientNorm = "max_grad_norm"
        /// ``targetKL``.
        case targetKL = "target_kl"
        /// ``PPOLossConfiguration/clipCoefficient``.
        case clipCoefficient = "clip_coef"
        /// ``PPOLossConfiguration/klCoefficient``.
        case klCoefficient = "kl_coef"
    }

    /// Throws naming the first field with an invalid value and what it must be.
    public func validate() throws(PPOConfigurationError) {
        typealias Invalid = PPOConfigurationError
        try Invalid.require(learningRate > 0, .learningRate, learningRate, "must be positive")
        try Invalid.require(adamEpsilon > 0, .adamEpsilon, adamEpsilon, "must be positive")
        try Invalid.require(discount >= 0 && discount <= 1, .discount, discount, "must lie in [0, 1]")
        try Invalid.require(gaeLambda >= 0 && gaeLambda <= 1, .gaeLambda, gaeLambda, "must lie in [0, 1]")
        try Invalid.require(updateEpochs >= 1, .updateEpochs, updateEpochs, "must be at least 1")
        try Invalid.require(minibatchCount >= 1, .minibatchCount, minibatchCount, "must be at least 1")
        try Invalid.require(maxGradientNorm > 0, .maxGradientNorm, maxGradientNorm, "must be positive")
        if let targetKL { try Invalid.require(targetKL > 0, .targetKL, targetKL, "must be positive (or unset)") }
        try Invalid.require(loss.clipCoefficient > 0, .clipCoefficient, loss.clipCoefficient, "must be positive")
        try Invalid.require(loss.klCoefficient >= 0, .klCoefficient, loss.klCoefficient, "must be ≥ 0")
    }
}

/// Why a ``PPOConfiguration`` was rejected.
public typealias PPOConfigurationError = HyperParameterError<PPOConfiguration.Field>
