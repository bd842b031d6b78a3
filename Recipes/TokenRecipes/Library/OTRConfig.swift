import PrismPreference
import PrismRecipes

/// One-token rollout's own settings (config keys `otr.*`, docs/algorithms.md §6).
public struct OTRSettings: Codable, Sendable, Equatable {
    /// How each position's expected reward is formed.
    public enum Mode: String, Codable, CaseIterable, Sendable {
        /// The zero-variance expectation over the whole vocabulary.
        case exact
        /// `samples` draws per position from π' (the paper's estimator).
        case monteCarlo = "monte_carlo"
    }

    /// Exact by default: the same expected loss as Monte-Carlo with no sampling noise, and cheaper.
    public var mode = Mode.exact
    /// K, the draws per position of `monte_carlo` (256 as in the paper).
    public var samples = 256
    /// τ of the sampling policy π' = softmax(z/τ). 4 was best on validation (README, "otr"): held-out
    /// Add2 accuracy 0.841 on validation seeds 4–5 against 0.829 for τ = 3, 0.787 for τ = 6 and
    /// under 0.75 for τ ≤ 2.
    public var temperature: Float = 4
    /// β < 1, the reward of a drawn token that is not the target. 0 on validation: every negative
    /// value tried (−0.02, −0.05, −0.2) lowered accuracy and made some seeds collapse.
    public var beta: Float = 0
    /// `token` (the mean over completion tokens, as `sft`) or `sequence` (the paper's per-sequence 1/T).
    public var reduction = OTRReduction.token

    /// The defaults.
    public init() {}

    /// PrismPreference's mode.
    public var lossMode: OTRMode {
        switch mode {
        case .exact: .exact
        case .monteCarlo: .monteCarlo(samples: samples)
        }
    }

    /// Rejects values that cannot run, naming the key.
    func validate() throws {
        guard samples > 0 else { throw ConfigValidationError(key: "otr.samples", "must be positive, got \(samples)") }
        guard temperature > 0, temperature.isFinite else {
            throw ConfigValidationError(key: "otr.temperature", "must be positive and finite, got \(temperature)")
        }
        guard beta < 1, beta.isFinite else {
            throw ConfigValidationError(key: "otr.beta", "must be finite and below 1 (a reward of 1 or more would push wrong tokens up as hard as the target), got \(beta)")
        }
    }
}

/// The `otr` recipe's settings: the data, starting point, model, optimisation and evaluation of
/// `sft`, plus ``OTRSettings``.
public struct OTRConfig: TokenRecipeConfig, Equatable {
    /// The SFT dataset (prompt/completion, messages or text lines).
    public var data: String?
    /// A run or policy directory to continue from (nil: from scratch).
    public var initialization: String?
    /// The loss's settings.
    public var otr = OTRSettings()
    /// The model shape for a run from scratch.
    public var model = ModelSettings()
    /// The optimisation (20 epochs, as `sft`).
    public var train = TrainingSettings.supervised
    /// The evaluation.
    public var eval = EvaluationSettings()

    /// The defaults.
    public init() {}

    /// `otr.samples` belongs to `monte_carlo`.
    public static let choices = [ConfigChoice(key: "otr.mode", OTRSettings.Mode.self, parameters: [.monteCarlo: ["samples"]])]

    /// Rejects values that cannot run, naming the key.
    public func validate() throws {
        try validateShared()
        try otr.validate()
    }
}
