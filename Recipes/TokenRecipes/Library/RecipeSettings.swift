import Arithmetic
import PrismNN
import PrismPolicy
import PrismRecipes

/// The shape of the causal transformer a token recipe trains from scratch (config keys `model.*`).
public struct ModelSettings: Codable, Sendable, Equatable {
    /// The residual width D.
    public var width = 64
    /// Attention heads (D must be a multiple).
    public var heads = 4
    /// Transformer blocks.
    public var layers = 2
    /// The longest sequence, prompt and completion together, minus one.
    public var contextLength = 32
    /// Whether the output head shares the token embedding.
    public var tieEmbeddings = false

    /// The defaults: small enough to train in seconds on one thread.
    public init() {}

    /// The policy architecture for `tokenizer`.
    public func configuration(for tokenizer: Tokenizer) -> TokenPolicyConfiguration {
        TokenPolicyConfiguration(tokenizer: tokenizer, contextLength: contextLength, width: width, headCount: heads,
                                 layerCount: layers, tiesHeadToEmbedding: tieEmbeddings)
    }

    /// Rejects shapes that cannot be built, naming the key.
    func validate() throws {
        for (key, value) in [("model.width", width), ("model.heads", heads), ("model.layers", layers), ("model.context_length", contextLength)]
        where value <= 0 {
            throw ConfigValidationError(key: key, "must be positive, got \(value)")
        }
        guard width % heads == 0 else { throw ConfigValidationError(key: "model.heads", "must divide model.width \(width), got \(heads)") }
    }
}

/// The optimisation settings every token recipe shares (config keys `train.*`): AdamW with linear
/// warmup and cosine decay, global gradient-norm clipping, minibatches drawn epoch by epoch.
public struct TrainingSettings: Codable, Sendable, Equatable {
    /// The peak learning rate.
    public var learningRate: Float = 1e-3
    /// AdamW's decoupled weight decay.
    public var weightDecay: Float = 0
    /// Steps of linear warmup from 0.
    public var warmupSteps = 10
    /// The cosine decay's floor, as a fraction of the peak.
    public var minLearningRateFraction: Float = 0.1
    /// The global gradient-norm clip.
    public var maxGradNorm: Float = 1
    /// Examples (or pairs) per step.
    public var batchSize = 32
    /// Passes over the dataset.
    public var epochs = 3
    /// When positive, the number of steps to train instead of `epochs` full passes.
    public var maxSteps = 0
    /// Write a checkpoint every this many steps (and at the end).
    public var checkpointInterval = 50
    /// Keep this many most recent checkpoints.
    public var keepCheckpoints = 2

    /// The defaults.
    public init() {}

    /// The defaults of the recipes that learn the task from SFT lines (`sft`, `otr`): 20 epochs.
    public static var supervised: TrainingSettings {
        var settings = TrainingSettings()
        settings.epochs = 20
        return settings
    }

    /// Rejects values that cannot run, naming the key.
    func validate() throws {
        for (key, value) in [("train.batch_size", batchSize), ("train.epochs", epochs), ("train.checkpoint_interval", checkpointInterval),
                             ("train.keep_checkpoints", keepCheckpoints)] where value <= 0 {
            throw ConfigValidationError(key: key, "must be positive, got \(value)")
        }
        guard maxSteps >= 0 else { throw ConfigValidationError(key: "train.max_steps", "must be ≥ 0, got \(maxSteps)") }
        guard warmupSteps >= 0 else { throw ConfigValidationError(key: "train.warmup_steps", "must be ≥ 0, got \(warmupSteps)") }
        guard learningRate > 0, learningRate.isFinite else {
            throw ConfigValidationError(key: "train.learning_rate", "must be positive, got \(learningRate)")
        }
        guard weightDecay >= 0 else { throw ConfigValidationError(key: "train.weight_decay", "must be ≥ 0, got \(weightDecay)") }
        guard maxGradNorm > 0 else { throw ConfigValidationError(key: "train.max_grad_norm", "must be positive, got \(maxGradNorm)") }
        guard (0...1).contains(minLearningRateFraction) else {
            throw ConfigValidationError(key: "train.min_learning_rate_fraction", "must lie in [0, 1], got \(minLearningRateFraction)")
        }
    }

    /// The number of steps for `exampleCount` examples: `max_steps`, else `epochs` passes of
    /// ⌈examples / batch⌉ steps.
    public func totalSteps(exampleCount: Int) -> Int {
        maxSteps > 0 ? maxSteps : epochs * stepsPerEpoch(exampleCount: exampleCount)
    }

    /// ⌈examples / batch⌉ (the last batch of an epoch may be short).
    public func stepsPerEpoch(exampleCount: Int) -> Int { (exampleCount + batchSize - 1) / batchSize }

    /// The learning rate at 0-based `step` of `totalSteps`.
    public func learningRate(step: Int, totalSteps: Int) -> Float {
        learningRate * LearningRateSchedule.cosine(warmupSteps: warmupSteps, minimumFraction: minLearningRateFraction)
            .multiplier(step: step, totalSteps: totalSteps)
    }
}

/// The final evaluation on held-out Arithmetic problems (config keys `eval.*`): greedy exact-match
/// accuracy on `problems` held-out prompts, and preference accuracy on pairs built from the same
/// problems (the correct answer against ``SystematicError/preferredWrongAnswer(for:using:)``).
public struct EvaluationSettings: Codable, Sendable, Equatable {
    /// Arithmetic level names (`Add2`, `Sub2`, …) the held-out problems are drawn from.
    public var levels = ["Add2"]
    /// Held-out problems drawn (with repeats: Add2 has about 400 held-out problems); 1,000 keeps
    /// the draw's own noise near one point of accuracy.
    public var problems = 1_000
    /// The seed of the problem draw (the same set for every run with the same settings).
    public var seed: UInt64 = 20_250_601
    /// The longest greedy answer, EOS included.
    public var maxNewTokens = 8

    /// The defaults.
    public init() {}

    /// Rejects unknown levels and empty sets, naming the key.
    func validate() throws {
        for name in levels where ArithmeticLevel.named(name) == nil {
            throw ConfigValidationError(key: "eval.levels", "'\(name)' is not a level; levels: \(ArithmeticLevel.all.map(\.name).joined(separator: ", "))")
        }
        guard !levels.isEmpty else { throw ConfigValidationError(key: "eval.levels", "must name at least one level") }
        guard problems > 0 else { throw ConfigValidationError(key: "eval.problems", "must be positive, got \(problems)") }
        guard maxNewTokens > 0 else { throw ConfigValidationError(key: "eval.max_new_tokens", "must be positive, got \(maxNewTokens)") }
    }

    /// The levels named by ``levels``.
    public var arithmeticLevels: [ArithmeticLevel] { levels.compactMap(ArithmeticLevel.named) }
}

/// What every token recipe's config has: a dataset, an optional starting run, the model shape,
/// the optimisation and the evaluation.
public protocol TokenRecipeConfig: RecipeConfig {
    /// The JSONL dataset (config key `data`).
    var data: String? { get }
    /// The run directory (or policy directory) to start from (config key `init`).
    var initialization: String? { get }
    /// The model shape for a run from scratch.
    var model: ModelSettings { get }
    /// The optimisation.
    var train: TrainingSettings { get }
    /// The evaluation.
    var eval: EvaluationSettings { get }
}

extension TokenRecipeConfig {
    /// Checks the shared sections (call from `validate()`).
    func validateShared() throws {
        guard let data, !data.isEmpty else { throw ConfigValidationError(key: "data", "is required (--data FILE.jsonl)") }
        try model.validate()
        try train.validate()
        try eval.validate()
    }
}
