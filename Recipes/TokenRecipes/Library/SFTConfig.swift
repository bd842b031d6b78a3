import PrismRecipes

/// The `sft` recipe's settings: supervised fine-tuning (token-mean NLL of the completions) of a
/// token policy, from scratch or from an earlier run.
public struct SFTConfig: TokenRecipeConfig, Equatable {
    /// The SFT dataset (prompt/completion, messages or text lines).
    public var data: String?
    /// A run or policy directory to continue from (nil: from scratch).
    public var initialization: String?
    /// The model shape for a run from scratch.
    public var model = ModelSettings()
    /// The optimisation (20 epochs).
    public var train = TrainingSettings.supervised
    /// The evaluation.
    public var eval = EvaluationSettings()

    /// The defaults.
    public init() {}

    /// Rejects values that cannot run, naming the key.
    public func validate() throws { try validateShared() }
}
