import PrismPreference
import PrismRecipes

/// The `orpo` recipe's settings (docs/algorithms.md §4): λ (`lambda`, TRL's `beta`) and the NLL scope, from
/// scratch by default.
public struct ORPOConfig: TokenRecipeConfig, Equatable {
    /// The preference dataset.
    public var data: String?
    /// A run or policy directory to start from (nil: from scratch).
    public var initialization: String?
    /// λ, the weight of the odds-ratio term.
    public var lambda: Float = 0.5
    /// The tokens of the supervised term.
    public var nllScope = ORPONLLScope.responseOnly
    /// The model shape for a run from scratch.
    public var model = ModelSettings()
    /// The optimisation (40 epochs: from scratch, the policy learns the task from the chosen answers).
    public var train: TrainingSettings = {
        var settings = TrainingSettings()
        settings.epochs = 40
        return settings
    }()
    /// The evaluation.
    public var eval = EvaluationSettings()

    /// The defaults.
    public init() {}

    /// Rejects values that cannot run, naming the key.
    public func validate() throws {
        try validateShared()
        guard lambda >= 0, lambda.isFinite else { throw ConfigValidationError(key: "lambda", "must be ≥ 0 and finite, got \(lambda)") }
    }
}
