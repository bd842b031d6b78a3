import PrismPolicy
import PrismRecipes
import PrismRL

/// The PPO recipes' settings (`ppo-gridworld`, `ppo`): CleanRL `ppo.py` names and defaults (docs/algorithms.md §1.1),
/// except where DoorKey-5x5 is solved faster (8 environments, 2.5× the step size, 8 minibatches,
/// a smaller entropy bonus, 150k steps), plus behaviour-cloning, evaluation and checkpoint
/// settings.
public struct PPORecipeConfig: RecipeConfig, Equatable {
    /// Which advantages the PPO update fits.
    public enum Objective: String, Codable, CaseIterable, Sendable {
        /// GAE advantages for every sample (standard PPO).
        case standard
        /// Polychromic set advantages near rollout states (docs/algorithms.md §2.3).
        case polychromic
    }

    /// Where the policy starts.
    public enum Initialization: String, Codable, CaseIterable, Sendable {
        /// CleanRL's orthogonal initialisation.
        case scratch
        /// Behaviour cloning of the actor on expert demonstrations.
        case bc
    }

    /// Behaviour-cloning settings (used with `initialization = bc`).
    public struct BehaviourCloning: Codable, Sendable, Equatable {
        /// Expert episodes recorded on the fly when no dataset is given.
        public var episodes = 200
        /// The reset seed of the first recorded episode (episode i uses first_seed + i).
        public var firstSeed: UInt64 = 500_000
        /// Passes over the demonstrations.
        public var epochs = 20
        /// Adam's step size.
        public var learningRate: Float = 1e-3
        /// Samples per gradient step.
        public var minibatchSize = 64

        /// The defaults.
        public init() {}
    }

    /// Critic warm-up settings (with `initialization = bc`).
    public struct CriticWarmup: Codable, Sendable, Equatable {
        /// Environment steps of the cloned policy whose returns the critic is fitted to before PPO
        /// starts (0: none); not counted in `total_steps`.
        public var steps = 0

        /// The defaults.
        public init() {}
    }

    /// Evaluation settings.
    public struct Evaluation: Codable, Sendable, Equatable {
        /// The first held-out reset seed (seeds first_seed ..< first_seed + seeds).
        public var firstSeed: UInt64 = 1_000_000
        /// The number of held-out seeds.
        public var seeds = 50
        /// Sampled episodes per seed (pass@k is reported for k = 1 … samples).
        public var samples = 16

        /// The defaults.
        public init() {}
    }

    /// The environment id: a gridworld for `ppo-gridworld`, any registered id for `ppo`.
    public var env = "Gridworld/DoorKey-5x5-v0"
    /// The advantages the update fits.
    public var objective = Objective.standard
    /// How the policy is initialised.
    public var initialization = Initialization.scratch
    /// A dataset directory of expert episodes for behaviour cloning (recorded on the fly when nil).
    public var demos: String?
    /// Environment steps to train for (all environments together).
    public var totalSteps = 150_000
    /// Parallel environments E.
    public var numEnvs = 8
    /// Steps per environment per rollout T (batch = E·T).
    public var numSteps = 128
    /// Adam's step size.
    public var learningRate: Float = 6.25e-4
    /// Anneal the step size linearly to 0 over the updates.
    public var annealLR = true
    /// Discount γ.
    public var gamma: Float = 0.99
    /// GAE λ.
    public var gaeLambda: Float = 0.95
    /// Minibatches per epoch.
    public var numMinibatches = 8
    /// Epochs per update.
    public var updateEpochs = 4
    /// Normalise advantages per minibatch.
    public var normAdv = true
    /// Clipping ε of the surrogate (and of the value loss).
    public var clipCoef: Float = 0.2
    /// Clip the value loss.
    public var clipVloss = true
    /// Entropy bonus coefficient.
    public var entCoef: Float = 0.005
    /// Value loss coefficient.
    public var vfCoef: Float = 0.5
    /// Global gradient-norm clip.
    public var maxGradNorm: Float = 0.5
    /// Coefficient of a KL penalty to the behaviour policy in standard PPO (0 turns it off, as in
    /// CleanRL); the polychromic objective uses `polychromic.kl_coefficient` instead.
    public var klCoef: Float = 0
    /// Early-stop an update's epochs above this approx_kl (nil: never); `target_kl` as in CleanRL.
    public var targetKl: Float?
    /// Hidden widths of the actor and critic MLPs.
    public var hiddenSizes = [64, 64]
    /// Write a checkpoint every this many updates (and at the end).
    public var checkpointInterval = 20
    /// Keep this many most recent checkpoints.
    public var keepCheckpoints = 3
    /// Stream training episodes into the run's `rollouts/` dataset.
    public var saveRollouts = false
    /// Behaviour cloning.
    public var bc = BehaviourCloning()
    /// Fitting the critic to the cloned policy before PPO (`critic_warmup.steps`).
    public var criticWarmup = CriticWarmup()
    /// Evaluation.
    public var eval = Evaluation()
    /// Polychromic PPO (with `objective = polychromic`).
    public var polychromic = Polychromic()

    /// The defaults.
    public init() {}

    /// `kl_coef` belongs to the standard objective and `polychromic.*` to the polychromic one:
    /// setting either under the other objective is an error rather than silently ignored.
    public static let choices = [
        ConfigChoice(key: "objective", Objective.self, parameters: [.standard: ["kl_coef"], .polychromic: ["polychromic"]]),
    ]

    /// `polychromic.preset = paper` fills in ``Polychromic/paperPreset``.
    public static let presets = [ConfigPreset(key: "polychromic.preset", values: ["paper": Polychromic.paperPreset])]

    /// Rejects values that decode but cannot run, naming the key. Whether `env` names an
    /// environment the recipe can train is checked when the recipe makes it
    /// (``PPOEnvironment/make(id:)``).
    public func validate() throws {
        func positive(_ key: String, _ value: Int) throws {
            guard value > 0 else { throw ConfigValidationError(key: key, "must be positive, got \(value)") }
        }
        try positive("total_steps", totalSteps)
        try positive("num_envs", numEnvs)
        try positive("num_steps", numSteps)
        try positive("num_minibatches", numMinibatches)
        try positive("update_epochs", updateEpochs)
        try positive("checkpoint_interval", checkpointInterval)
        try positive("keep_checkpoints", keepCheckpoints)
        try positive("bc.episodes", bc.episodes)
        try positive("bc.epochs", bc.epochs)
        try positive("bc.minibatch_size", bc.minibatchSize)
        try positive("eval.seeds", eval.seeds)
        try positive("eval.samples", eval.samples)
        guard numEnvs * numSteps >= numMinibatches else {
            throw ConfigValidationError(key: "num_minibatches", "\(numMinibatches) exceeds the batch num_envs·num_steps = \(numEnvs * numSteps)")
        }
        guard totalSteps >= numEnvs * numSteps else {
            throw ConfigValidationError(key: "total_steps", "\(totalSteps) is less than one batch num_envs·num_steps = \(numEnvs * numSteps)")
        }
        guard !hiddenSizes.isEmpty, hiddenSizes.allSatisfy({ $0 > 0 }) else {
            throw ConfigValidationError(key: "hidden_sizes", "must be a non-empty list of positive widths, got \(hiddenSizes)")
        }
        guard bc.learningRate > 0 else { throw ConfigValidationError(key: "bc.learning_rate", "must be positive, got \(bc.learningRate)") }
        guard criticWarmup.steps >= 0 else {
            throw ConfigValidationError(key: "critic_warmup.steps", "must be ≥ 0, got \(criticWarmup.steps)")
        }
        if criticWarmup.steps > 0 && initialization != .bc {
            throw ConfigValidationError(key: "critic_warmup.steps", "warms the critic up on the cloned policy, so it needs initialization = bc (--init bc)")
        }
        if demos != nil && initialization != .bc {
            throw ConfigValidationError(key: "demos", "is only read with initialization = bc (--init bc)")
        }
        do { try ppo.validate() } catch { throw ConfigValidationError(key: error.field.rawValue, error.requirement) }
        if objective == .polychromic { try polychromic.validate(stepCount: numSteps) }
        guard !heldOutSeeds.overlaps(bc.firstSeed..<(bc.firstSeed &+ UInt64(bc.episodes))) else {
            throw ConfigValidationError(key: "eval.first_seed", "held-out seeds \(heldOutSeeds) overlap the demonstration seeds bc.first_seed …")
        }
    }

    /// The held-out evaluation seeds.
    public var heldOutSeeds: Range<UInt64> { eval.firstSeed..<(eval.firstSeed &+ UInt64(eval.seeds)) }

    /// The reset seeds of the training environments for root seed `seed` (copy i gets seed + i).
    public func trainingSeeds(seed: UInt64) -> Range<UInt64> { seed..<(seed &+ UInt64(numEnvs)) }

    /// The PPO hyper-parameters these settings give.
    public var ppo: PPOConfiguration {
        var configuration = PPOConfiguration()
        configuration.learningRate = learningRate
        configuration.annealsLearningRate = annealLR
        configuration.discount = gamma
        configuration.gaeLambda = gaeLambda
        configuration.updateEpochs = updateEpochs
        configuration.minibatchCount = numMinibatches
        configuration.maxGradientNorm = maxGradNorm
        configuration.targetKL = targetKl
        configuration.loss.clipCoefficient = clipCoef
        configuration.loss.normalizesAdvantages = normAdv
        configuration.loss.clipsValueLoss = clipVloss
        configuration.loss.entropyCoefficient = entCoef
        configuration.loss.valueCoefficient = vfCoef
        configuration.loss.klCoefficient = klCoef
        return configuration
    }

    /// The configuration the ``PPOTrainer`` runs with: ``ppo``, and under the polychromic
    /// objective the KL penalty to the behaviour policy weighted by `polychromic.kl_coefficient`
    /// (docs/algorithms.md §2.3 step 6).
    public var trainerConfiguration: PPOConfiguration {
        switch objective {
        case .standard: ppo
        case .polychromic: polychromic.configuration.trainerConfiguration(ppo)
        }
    }

    /// The network shape for `environment`'s encoded observations and actions.
    public func network<Env: PPOEnvironment>(for environment: Env) -> ActorCriticConfiguration {
        ActorCriticConfiguration(observationSize: environment.encodedObservationSize, actionCount: environment.actionCount,
                                 hiddenSizes: hiddenSizes)
    }

    /// Whether `total_steps` counts vine steps (the polychromic objective with
    /// `polychromic.budget_includes_vines`).
    public var countsVineSteps: Bool { objective == .polychromic && polychromic.budgetIncludesVines }

    /// The step size of the update that starts after `steps` environment steps when vine steps
    /// count: lr·(1 − steps/total_steps) when annealing (CleanRL's per-update schedule, measured
    /// in steps), else lr.
    public func learningRate(afterSteps steps: Int) -> Float {
        guard annealLR else { return learningRate }
        return Swift.max(0, 1 - Float(steps) / Float(totalSteps)) * learningRate
    }

    /// The planned number of updates K = ⌊total_steps / (num_envs·num_steps)⌋ (CleanRL's `num_iterations`).
    public var updateCount: Int { totalSteps / (numEnvs * numSteps) }
}
