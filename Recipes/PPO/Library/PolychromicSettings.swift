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
