import PrismJSON
import PrismRecipes
import PrismRL

extension PPORecipeConfig {
    /// Polychromic PPO settings, the config keys `polychromic.*` (used with `objective =
    /// polychromic`; Hamid et al., 2025, arXiv 2509.25424, Algorithm 2; docs/algorithms.md §2.3). Defaults are
    /// the paper's as the replications quote them: p = 2, N = 8, n = 4, M = 4, W = 5, c_KL = 0.01.
    public struct Polychromic: Codable, Sendable, Equatable {
        /// The reward a vine is scored with in f_poly (normalised to [0, 1]).
        public enum Reward: String, Codable, CaseIterable, Sendable {
            /// The paper's success reward `1 − 0.5·t/H` (t: the episode step of success, H: the
            /// level's step limit), 0 on failure.
            case success
            /// The environment's own return from the rollout state on (Minigrid's `1 − 0.9·t/H`).
            case `return`
        }

        /// A bundle of `polychromic.*` values (`polychromic.preset`); keys set explicitly win.
        public enum Preset: String, Codable, CaseIterable, Sendable {
            /// Each key at its own default (the behaviour before presets existed).
            case none
            /// The paper's Algorithm 2 as the replications read it: vines from p states in every
            /// environment copy and from each copy's episode start, duplicated sets, A♯ normalised
            /// apart from GAE, π_β refreshed every epoch, and vine steps counted in the budget.
            /// The settings shared with standard PPO (`update_epochs = 2`, `gamma = 1`) are not
            /// part of it: pass them to both objectives.
            case paper
        }

        /// When the KL penalty's behaviour policy π_β is re-evaluated.
        public enum BehaviourRefresh: String, Codable, CaseIterable, Sendable {
            /// Once per update: the policy that collected the rollout.
            case update
            /// After every epoch (π_β ← π_θ). Only the KL reference moves; the ratio's old
            /// log-probabilities stay those recorded at sampling.
            case epoch
        }

        /// The `polychromic.*` values `polychromic.preset = paper` fills in.
        public static let paperPreset: [String: JSONValue] = [
            "state_placement": .string(RolloutStatePlacement.copy.rawValue), "episode_starts": .bool(true),
            "set_assignment": .string(SetAdvantageAssignment.duplicated.rawValue),
            "normalization": .string(AdvantageNormalization.separate.rawValue),
            "behaviour_refresh": .string(BehaviourRefresh.epoch.rawValue), "budget_includes_vines": .bool(true),
        ]

        /// A preset of the keys below (`polychromic.preset`).
        public var preset = Preset.none

        /// p: rollout states vines start from, per update (`polychromic.rollout_states`).
        public var rolloutStates = 2
        /// N: vines sampled from each rollout state (`polychromic.vines`).
        public var vines = 8
        /// n: vines per set, fewer than N (`polychromic.set_size`).
        public var setSize = 4
        /// M: sets formed at each rollout state (`polychromic.sets`).
        public var sets = 4
        /// W: actions of each vine, from the rollout state on, that get the set advantage
        /// (`polychromic.window`).
        public var window = 5
        /// c_KL: weight of the KL penalty to the behaviour policy (`polychromic.kl_coefficient`).
        public var klCoefficient: Float = 0.01
        /// The most actions a vine takes; vines also end with the level's own episode
        /// (`polychromic.vine_horizon`).
        public var vineHorizon = 256
        /// How set advantages reach a vine in several sets (`polychromic.set_assignment`).
        public var setAssignment = SetAdvantageAssignment.marginal
        /// The vine reward (`polychromic.reward`).
        public var reward = Reward.success
        /// Where the p rollout states lie: `rollout` (state i in copy i mod E) or `copy` (p in
        /// every copy) (`polychromic.state_placement`).
        public var statePlacement = RolloutStatePlacement.rollout
        /// Also start vines from each copy's first episode start in the rollout
        /// (`polychromic.episode_starts`).
        public var episodeStarts = false
        /// A vine's actions after the window: dropped, or kept with GAE advantages
        /// (`polychromic.vine_tail`).
        public var vineTail = VineTail.drop
        /// How A♯ is normalised against the GAE advantages (`polychromic.normalization`).
        public var normalization = AdvantageNormalization.joint
        /// When π_β of the KL penalty is re-evaluated (`polychromic.behaviour_refresh`).
        public var behaviourRefresh = BehaviourRefresh.update
        /// Count vine steps in `total_steps`, so both objectives see the same number of
        /// environment steps (`polychromic.budget_includes_vines`); the learning rate then anneals
        /// over environment steps rather than updates.
        public var budgetIncludesVines = false

        /// The defaults.
        public init() {}

        /// The driver's configuration these settings give.
        public var configuration: PolychromicPPOConfiguration {
            var configuration = PolychromicPPOConfiguration()
            configuration.rolloutStateCount = rolloutStates
            configuration.vinesPerState = vines
            configuration.setSize = setSize
            configuration.setCount = sets
            configuration.window = window
            configuration.klCoefficient = klCoefficient
            configuration.vineHorizon = vineHorizon
            configuration.setAssignment = setAssignment
            configuration.statePlacement = statePlacement
            configuration.includesEpisodeStarts = episodeStarts
            configuration.vineTail = vineTail
            configuration.advantageNormalization = normalization
            configuration.refreshesBehaviourEachEpoch = behaviourRefresh == .epoch
            return configuration
        }

        /// Rejects settings the driver cannot run with `stepCount` steps per rollout, naming the
        /// `polychromic.*` key.
        func validate(stepCount: Int) throws {
            do {
                try configuration.validate()
            } catch {
                throw ConfigValidationError(key: "polychromic." + error.field.rawValue, error.requirement)
            }
            guard rolloutStates <= stepCount else {
                throw ConfigValidationError(key: "polychromic.rollout_states",
                                            "\(rolloutStates) exceeds the steps per rollout num_steps = \(stepCount)")
            }
        }
    }
}
