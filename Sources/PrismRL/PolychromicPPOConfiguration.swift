/// How the set advantages of a rollout state reach the vines when a vine belongs to several sets
/// (docs/algorithms.md §2.3 step 5; Hamid et al., 2025, Algorithm 2 does not say).
public enum SetAdvantageAssignment: String, Codable, Sendable, Equatable, CaseIterable {
    /// Each vine appears once, with the mean A♯ of the sets that contain it (the empirical
    /// marginal set advantage, docs/algorithms.md §2.1); vines in no set contribute nothing.
    case marginal
    /// Each set contributes its own copy of every member vine with that set's A♯, as the
    /// replications do: a vine in k sets appears k times.
    case duplicated
}

/// Hyper-parameters of polychromic PPO (Hamid et al., 2025, "Polychromic Objectives for
/// Reinforcement Learning", arXiv 2509.25424, Algorithm 2); defaults as the replications quote
/// from the paper's Table 3 (docs/algorithms.md §2.3).
public struct PolychromicPPOConfiguration: Codable, Sendable, Equatable {
    /// p: rollout states vines start from, per PPO update.
    public var rolloutStateCount: Int = 2
    /// N: vines sampled from each rollout state.
    public var vinesPerState: Int = 8
    /// n: vines per set (fewer than N).
    public var setSize: Int = 4
    /// M: sets formed at each rollout state.
    public var setCount: Int = 4
    /// W: actions of each vine, from the rollout state on, that receive the set advantage.
    public var window: Int = 5
    /// c_KL: weight of the per-state penalty D_KL(π_β ‖ π_θ) in the PPO loss (docs/algorithms.md §2.3 step 6).
    public var klCoefficient: Float = 0.01
    /// The most actions a vine takes; vines also end where the environment's own episode ends.
    public var vineHorizon: Int = 256
    /// How set advantages reach vines that belong to several sets.
    public var setAssignment: SetAdvantageAssignment = .marginal

    /// The defaults of docs/algorithms.md §2.3: p = 2, N = 8, n = 4, M = 4, W = 5, c_KL = 0.01.
    public init() {}

    /// Throws naming the first field with an invalid value.
    public func validate() throws(PolychromicPPOConfigurationError) {
        if rolloutStateCount < 1 { throw .invalid(field: "rollout_state_count", value: "\(rolloutStateCount)") }
        if vinesPerState < 2 { throw .invalid(field: "vines_per_state", value: "\(vinesPerState)") }
        if setSize < 1 || setSize >= vinesPerState { throw .invalid(field: "set_size", value: "\(setSize)") }
        if setCount < 2 { throw .invalid(field: "set_count", value: "\(setCount)") }
        if window < 1 { throw .invalid(field: "window", value: "\(window)") }
        if !(klCoefficient >= 0 && klCoefficient.isFinite) {
            throw .invalid(field: "kl_coefficient", value: "\(klCoefficient)")
        }
        if vineHorizon < 1 { throw .invalid(field: "vine_horizon", value: "\(vineHorizon)") }
    }

    /// `base` with the KL penalty to the behaviour policy set to ``klCoefficient``: the
    /// configuration the ``PPOTrainer`` of a polychromic run must use.
    public func trainerConfiguration(_ base: PPOConfiguration) -> PPOConfiguration {
        var configuration = base
        configuration.loss.klCoefficient = klCoefficient
        return configuration
    }
}

/// Why a ``PolychromicPPOConfiguration`` was rejected.
public enum PolychromicPPOConfigurationError: Error, Equatable, CustomStringConvertible {
    /// The field (its snake_case config key) holds a value outside its valid range.
    case invalid(field: String, value: String)

    /// The key of the offending field.
    public var field: String {
        switch self {
        case .invalid(let field, _): field
        }
    }

    /// A message naming the field, the value and the valid range.
    public var description: String {
        switch self {
        case .invalid(let field, let value):
            "polychromic PPO configuration: '\(field)' has invalid value \(value) (\(Self.rule(for: field)))"
        }
    }

    private static func rule(for field: String) -> String {
        switch field {
        case "rollout_state_count": "need at least 1 rollout state"
        case "vines_per_state": "need at least 2 vines"
        case "set_size": "need 1 ≤ set size < vines per state"
        case "set_count": "need at least 2 sets, or every advantage is 0"
        case "window": "need at least 1 step"
        case "kl_coefficient": "need a finite value ≥ 0"
        case "vine_horizon": "need at least 1 step"
        default: "out of range"
        }
    }
}
