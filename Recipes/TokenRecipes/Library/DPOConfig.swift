import PrismPreference
import PrismRecipes

/// The `dpo` recipe's settings: TRL's DPOConfig names (`beta`, `loss`, `label_smoothing`,
/// `simpo_gamma`) for the losses of docs/algorithms.md §3, against reference log-probs precomputed once from
/// the starting run.
public struct DPOConfig: TokenRecipeConfig, Equatable {
    /// TRL's `loss_type` values.
    public enum Loss: String, Codable, CaseIterable, Sendable {
        /// −log σ(βh).
        case sigmoid
        /// Conservative DPO with `label_smoothing` ε.
        case cdpo
        /// Robust DPO with `label_smoothing` ε ∈ [0, 0.5).
        case robust
        /// max(0, 1 − βh).
        case hinge
        /// IPO on length-averaged log-ratios.
        case ipo
        /// Reference-free SimPO with margin `simpo_gamma`.
        case simpo
    }

    /// The preference dataset (prompt/chosen/rejected, or implicit-prompt lines).
    public var data: String?
    /// The SFT run (or policy directory) that is both the starting policy and the reference.
    public var initialization: String?
    /// β. TRL's default is 0.1; on the char-level Arithmetic task a tiny policy drifts from its
    /// SFT reference fast enough at 0.1 to lose greedy answers it had right. β = 20 keeps it close:
    /// chosen on SFT seeds 4–6 against 1,000 problems of another evaluation draw (seed 777), it
    /// gave +8.4 points of task accuracy there against +6.4 for β = 10.
    public var beta: Float = 20
    /// The per-pair loss.
    public var loss = Loss.sigmoid
    /// ε of `cdpo` and `robust`.
    public var labelSmoothing: Float = 0
    /// γ of `simpo`.
    public var simpoGamma: Float = 0.5
    /// Unused: the model comes from ``initialization``; kept so every token recipe has one shape section.
    public var model = ModelSettings()
    /// The optimisation (DPO's defaults: a tenth of SFT's step size, three epochs, 16 pairs a step).
    public var train: TrainingSettings = {
        var settings = TrainingSettings()
        settings.learningRate = 1e-4
        settings.epochs = 3
        settings.batchSize = 16
        return settings
    }()
    /// The evaluation.
    public var eval = EvaluationSettings()

    /// The defaults.
    public init() {}

    /// `label_smoothing` belongs to cdpo and robust, `simpo_gamma` to simpo.
    public static let choices = [ConfigChoice(key: "loss", Loss.self, parameters: [
        .cdpo: ["label_smoothing"], .robust: ["label_smoothing"], .simpo: ["simpo_gamma"],
    ])]

    /// Rejects values that cannot run, naming the key.
    public func validate() throws {
        try validateShared()
        guard initialization != nil else { throw ConfigValidationError(key: "initialization", "is required (--init SFT_RUN_DIR)") }
        guard beta > 0, beta.isFinite else { throw ConfigValidationError(key: "beta", "must be positive, got \(beta)") }
        switch loss {
        case .cdpo where !(0...1).contains(labelSmoothing):
            throw ConfigValidationError(key: "label_smoothing", "must lie in [0, 1] for cdpo, got \(labelSmoothing)")
        case .robust where !(0..<0.5).contains(labelSmoothing):
            throw ConfigValidationError(key: "label_smoothing", "must lie in [0, 0.5) for robust, got \(labelSmoothing)")
        case .simpo where !simpoGamma.isFinite:
            throw ConfigValidationError(key: "simpo_gamma", "must be finite, got \(simpoGamma)")
        default: break
        }
    }

    /// The loss as PrismPreference's variant.
    public var variant: DPOVariant {
        switch loss {
        case .sigmoid: .sigmoid
        case .cdpo: .conservative(labelSmoothing: labelSmoothing)
        case .robust: .robust(labelSmoothing: labelSmoothing)
        case .hinge: .hinge
        case .ipo: .ipo
        case .simpo: .simPO(gamma: simpoGamma)
        }
    }
}
