import Arithmetic
import PrismPolicy
import PrismRL
import PrismRecipes

/// The `score` recipe's settings (docs/algorithms.md §7.4, scaled from Gemini on MATH to a
/// 113k-parameter policy on Arithmetic; each change is noted at its key).
public struct SCoReConfig: RecipeConfig, Equatable {
    /// The SFT run (or policy directory) that is the starting policy and the frozen reference.
    public var initialization: String?
    /// The Arithmetic levels whose training-split problems are the prompts (`env.levels`).
    public var env = SCoReEnvironment()
    /// Stage I steps (the paper's runs are 3,000 steps in all; 100 here).
    public var stage1Steps = 100
    /// Stage II steps (300 here).
    public var stage2Steps = 300
    /// α of the shaping bonus α·(r̂(y2) − r̂(y1)) (the paper's 10).
    public var alpha: Float = 10
    /// β1, the KL coefficient of both turns (0.01 in the paper; 0.05 here: with 128 sequences a step
    /// instead of 512 and a 100× larger learning rate, the policy drifts faster).
    public var beta1: Float = 0.05
    /// β2, Stage I's extra KL on the first turn (the paper's 0.1 on MATH, 0.25 on code; 0.5 here, for
    /// the same reason as β1).
    public var beta2: Float = 0.5
    /// The per-token KL estimator.
    public var klEstimator = KLEstimator.k3
    /// The baseline (the paper names none; RLOO over the G samples of a prompt).
    public var baseline = ReinforceBaseline.leaveOneOut
    /// Problems per step (the paper's batch of 512 episodes becomes 16 × G).
    public var promptsPerStep = 16
    /// G, the samples per problem.
    public var samplesPerPrompt = 4
    /// The sampling temperature of both turns (the paper's 1.0).
    public var temperature: Float = 1
    /// The longest answer, its role marker and EOS included.
    public var maxNewTokens = 20
    /// AdamW (the paper's Adam at 5e-6 for Gemini; 1e-4 for this model) and the checkpoint cadence.
    public var train = SCoReTraining()
    /// The evaluation: greedy, on held-out problems.
    public var eval = SCoReEvaluationSettings()

    /// The defaults.
    public init() {}

    /// The enum-valued keys, so a wrong value lists the right ones.
    public static let choices = [ConfigChoice(key: "baseline", ReinforceBaseline.self), ConfigChoice(key: "kl_estimator", KLEstimator.self)]

    /// The stage at 0-based `step`.
    public func stage(at step: Int) -> SelfCorrectionStage { step < stage1Steps ? .initialization : .shapedReward }

    /// Rejects values that cannot run, naming the key.
    public func validate() throws {
        guard initialization != nil else { throw ConfigValidationError(key: "initialization", "is required (--init SFT_RUN_DIR)") }
        guard stage1Steps >= 0, stage2Steps >= 0, stage1Steps + stage2Steps > 0 else {
            throw ConfigValidationError(key: "stage2_steps", "stage1_steps and stage2_steps must be ≥ 0 and not both 0")
        }
        for (key, value) in [("alpha", alpha), ("beta1", beta1), ("beta2", beta2)] where !(value >= 0 && value.isFinite) {
            throw ConfigValidationError(key: key, "must be ≥ 0 and finite, got \(value)")
        }
        guard promptsPerStep > 0 else { throw ConfigValidationError(key: "prompts_per_step", "must be positive, got \(promptsPerStep)") }
        guard samplesPerPrompt > (baseline == .leaveOneOut ? 1 : 0) else {
            throw ConfigValidationError(key: "samples_per_prompt", "must be ≥ 2 for leave_one_out (≥ 1 otherwise), got \(samplesPerPrompt)")
        }
        guard temperature > 0, temperature.isFinite else { throw ConfigValidationError(key: "temperature", "must be positive, got \(temperature)") }
        guard maxNewTokens > 0 else { throw ConfigValidationError(key: "max_new_tokens", "must be positive, got \(maxNewTokens)") }
        try env.validate()
        try train.validate()
        guard eval.problems > 0 else { throw ConfigValidationError(key: "eval.problems", "must be positive, got \(eval.problems)") }
    }
}

/// Where `score` draws problems (config keys `env.*`).
public struct SCoReEnvironment: Codable, Sendable, Equatable {
    /// Arithmetic level names.
    public var levels = ["Add2"]

    /// The defaults.
    public init() {}

    /// The levels named.
    public var arithmeticLevels: [ArithmeticLevel] { levels.compactMap(ArithmeticLevel.named) }

    func validate() throws {
        guard !levels.isEmpty else { throw ConfigValidationError(key: "env.levels", "must name at least one level") }
        for name in levels where ArithmeticLevel.named(name) == nil {
            throw ConfigValidationError(key: "env.levels", "'\(name)' is not a level; levels: \(ArithmeticLevel.all.map(\.name).joined(separator: ", "))")
        }
    }
}

/// `score`'s optimisation (config keys `train.*`): AdamW at a constant rate after a linear warmup,
/// global gradient-norm clipping.
public struct SCoReTraining: Codable, Sendable, Equatable {
    /// The learning rate.
    public var learningRate: Float = 1e-4
    /// Steps of linear warmup.
    public var warmupSteps = 10
    /// The global gradient-norm clip.
    public var maxGradNorm: Float = 1
    /// Write a checkpoint every this many steps (and at the end).
    public var checkpointInterval = 50
    /// Keep this many most recent checkpoints.
    public var keepCheckpoints = 2

    /// The defaults.
    public init() {}

    func validate() throws {
        guard learningRate > 0, learningRate.isFinite else {
            throw ConfigValidationError(key: "train.learning_rate", "must be positive, got \(learningRate)")
        }
        guard warmupSteps >= 0 else { throw ConfigValidationError(key: "train.warmup_steps", "must be ≥ 0, got \(warmupSteps)") }
        guard maxGradNorm > 0 else { throw ConfigValidationError(key: "train.max_grad_norm", "must be positive, got \(maxGradNorm)") }
        for (key, value) in [("train.checkpoint_interval", checkpointInterval), ("train.keep_checkpoints", keepCheckpoints)] where value <= 0 {
            throw ConfigValidationError(key: key, "must be positive, got \(value)")
        }
    }

    /// The rate at 0-based `step`.
    func rate(at step: Int) -> Float {
        warmupSteps == 0 ? learningRate : learningRate * Float(min(step + 1, warmupSteps)) / Float(warmupSteps)
    }
}

/// `score`'s evaluation (config keys `eval.*`): greedy first and second attempts on held-out
/// problems of `env.levels`.
public struct SCoReEvaluationSettings: Codable, Sendable, Equatable {
    /// Held-out problems drawn.
    public var problems = 1_000
    /// The seed of the draw.
    public var seed: UInt64 = 20_250_601

    /// The defaults.
    public init() {}
}
