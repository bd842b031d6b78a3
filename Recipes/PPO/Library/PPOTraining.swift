import Foundation
import PrismRecipes
import PrismRL

/// PPO training of an environment type on the shared ``TrainingLoop`` (`ppo-gridworld` trains
/// ``Gridworld/GridworldEnvironment``, `ppo` ``RegisteredEnvironment``): one iteration of a
/// ``PPOSession`` is one PPO update on a fresh rollout of E·T environment steps, and the loop's
/// logged step is the environment step count.
public struct PPOTraining<Env: PPOEnvironment> {
    /// The run's settings and directory.
    public let setup: RecipeSetup<PPORecipeConfig>
    /// `--stop-after-steps`.
    public let stopAfterSteps: Int?
    /// Where progress lines go.
    public let progressOutput: ProgressDisplay.Output
    /// Where messages (behaviour cloning, warnings) go.
    public let log: (String) -> Void
    /// The objective to use instead of the one the config names (nil: the config's).
    public let objective: (any TrainingObjective)?
    /// Called after every checkpoint is in place.
    public var onCheckpoint: (SavedCheckpoint) -> Void = { _ in }

    /// A training run of `setup`.
    /// - Parameter objective: replaces the config's objective (another implementation of
    ///   `--objective`); it must keep any state it needs across a resume in its random stream.
    public init(setup: RecipeSetup<PPORecipeConfig>, stopAfterSteps: Int?, objective: (any TrainingObjective)? = nil,
                progressOutput: ProgressDisplay.Output = .standardError, log: @escaping (String) -> Void) {
        self.setup = setup
        self.stopAfterSteps = stopAfterSteps
        self.objective = objective
        self.progressOutput = progressOutput
        self.log = log
    }

    /// The loop's pacing: PPO updates of E·T steps, checkpoints every `checkpoint_interval` updates.
    public var plan: TrainingPlan {
        let config = setup.config
        var plan = TrainingPlan(iterations: config.updateCount, stepsPerIteration: config.numEnvs * config.numSteps,
                                checkpointInterval: config.checkpointInterval, keepCheckpoints: config.keepCheckpoints,
                                iterationName: "update", progressMetric: "charts/episodic_return", progressLabel: "return",
                                rateMetric: "charts/SPS")
        if config.countsVineSteps { plan.stepBudget = config.totalSteps }
        return plan
    }

    /// Trains until the planned updates are done or `--stop-after-steps` is reached, then
    /// evaluates the policy on the held-out seeds (`eval.json`, `report.md`, charts).
    /// - Throws: ``UserError``, ``NonFiniteValueError`` (the last good checkpoint is kept),
    ///   checkpoint, metrics and storage errors.
    @discardableResult
    public func run() throws -> TrainingLoop<PPORecipeConfig>.Result<PPOSession<Env>> {
        var loop = TrainingLoop(setup: setup, plan: plan, stopAfterSteps: stopAfterSteps)
        (loop.progressOutput, loop.log, loop.onCheckpoint) = (progressOutput, log, onCheckpoint)
        return try loop.run { start in
            try PPOSession<Env>(setup: setup, objective: objective, start: start, log: log)
        }
    }

    /// Checks what the config alone cannot: `env` names an environment of this type, the
    /// training seeds avoid the held-out ones, the objective is available (polychromic PPO needs
    /// an environment that can branch), and behaviour cloning has demonstrations that open and
    /// hold this environment, or an expert. Pass it as `check:` to
    /// ``RecipeSetup/prepare(_:recipe:options:now:check:)``, which runs it before the run directory
    /// is created, so bad input writes nothing.
    /// - Throws: ``UserError`` or ``ConfigValidationError`` naming the flag, key or file at fault.
    public static func checkBeforeStart(_ config: PPORecipeConfig, seed: UInt64) throws {
        let environment = try Env.make(id: config.env)
        let training = config.trainingSeeds(seed: seed)
        if training.overlaps(config.heldOutSeeds) {
            throw UserError("--seed \(seed): the training seeds \(training) overlap the held-out evaluation seeds \(config.heldOutSeeds) (change --seed or eval.first_seed)")
        }
        _ = try config.objective.makeObjective(config: config)
        if config.objective == .polychromic, !environment.supportsBranching {
            throw UserError("--objective polychromic: \(config.env) cannot branch; polychromic PPO samples vines from saved states, so the environment must conform to Restorable with a Codable Snapshot")
        }
        if config.initialization == .bc {
            if config.demos != nil {
                _ = try BehaviourCloningStart(config: config, environment: environment, log: { _ in }).openDemonstrations()
            } else {
                var probe = environment
                _ = probe.reset(seed: config.bc.firstSeed)
                if probe.expertPlan() == nil {
                    throw UserError("--init bc: \(config.env) has no built-in expert (none planned from seed \(config.bc.firstSeed)); give expert episodes with --demos DIR, a dataset `prism-data record` wrote")
                }
            }
        }
    }
}
