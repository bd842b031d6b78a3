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

/// Where the rollout states vines start from are placed (docs/algorithms.md §2.3 step 2).
public enum RolloutStatePlacement: String, Codable, Sendable, Equatable, CaseIterable {
    /// p states per rollout, at evenly spaced steps, state i in environment copy i mod E.
    case rollout
    /// p states in every environment copy, at the same evenly spaced steps (p·E states).
    case copy
}

/// What a vine contributes after its first W actions.
public enum VineTail: String, Codable, Sendable, Equatable, CaseIterable {
    /// Nothing: only the window's actions are trained on.
    case drop
    /// Its remaining actions, once per vine, with GAE advantages over the vine (on-policy
    /// samples of π_β like the rollout's own).
    case gae
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
    /// Where the p rollout states are placed.
    public var statePlacement: RolloutStatePlacement = .rollout
    /// Also start vines from the first episode start of every environment copy in the rollout
    /// (pass@k is measured from s₀).
    public var includesEpisodeStarts = false
    /// What a vine contributes after the window.
    public var vineTail: VineTail = .drop
    /// How the update normalises A♯ against the GAE advantages.
    public var advantageNormalization: AdvantageNormalization = .joint
    /// Re-evaluate π_β of the KL penalty after every epoch (``PPOConfiguration/refreshesBehaviourEachEpoch``).
    public var refreshesBehaviourEachEpoch = false

    /// The defaults of docs/algorithms.md §2.3: p = 2, N = 8, n = 4, M = 4, W = 5, c_KL = 0.01.
    public init() {}

    /// The hyper-parameters ``validate()`` can reject, named as the recipes' `polychromic.*`
    /// config keys.
    public enum Field: String, HyperParameterField {
        /// `polychromic PPO configuration`.
        public static let configurationName = "polychromic PPO configuration"
        /// ``rolloutStateCount`` (p).
        case rolloutStateCount = "rollout_states"
        /// ``vinesPerState`` (N).
        case vinesPerState = "vines"
        /// ``setSize`` (n).
        case setSize = "set_size"
        /// ``setCount`` (M).
        case setCount = "sets"
        /// ``window`` (W).
        case window
        /// ``klCoefficient``.
        case klCoefficient = "kl_coefficient"
        /// ``vineHorizon``.
        case vineHorizon = "vine_horizon"
    }

    /// Throws naming the first field with an invalid value and what it must be.
    public func validate() throws(PolychromicPPOConfigurationError) {
        typealias Invalid = PolychromicPPOConfigurationError
        try Invalid.require(rolloutStateCount >= 1, .rolloutStateCount, rolloutStateCount, "must be at least 1")
        try Invalid.require(vinesPerState >= 2, .vinesPerState, vinesPerState, "must be at least 2")
        try Invalid.require(setSize >= 1 && setSize < vinesPerState, .setSize, setSize,
                            "must be at least 1 and less than the vines per state")
        try Invalid.require(setCount >= 2, .setCount, setCount, "must be at least 2 (with one set every advantage is 0)")
        try Invalid.require(window >= 1, .window, window, "must be at least 1")
        try Invalid.require(klCoefficient >= 0 && klCoefficient.isFinite, .klCoefficient, klCoefficient,
                            "must be finite and ≥ 0")
        try Invalid.require(vineHorizon >= 1, .vineHorizon, vineHorizon, "must be at least 1")
    }

    /// `base` with the KL penalty to the behaviour policy set to ``klCoefficient``, the advantage
    /// normalisation and the π_β refresh: the configuration the ``PPOTrainer`` of a polychromic
    /// run must use.
    public func trainerConfiguration(_ base: PPOConfiguration) -> PPOConfiguration {
        var configuration = base
        configuration.loss.klCoefficient = klCoefficient
        configuration.loss.advantageNormalization = advantageNormalization
        configuration.refreshesBehaviourEachEpoch = refreshesBehaviourEachEpoch
        return configuration
    }
}

/// Why a ``PolychromicPPOConfiguration`` was rejected.
public typealias PolychromicPPOConfigurationError = HyperParameterError<PolychromicPPOConfiguration.Field>
