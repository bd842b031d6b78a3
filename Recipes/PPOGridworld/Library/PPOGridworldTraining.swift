import Foundation
import Gridworld
import PrismRecipes
import PrismRL

/// `ppo-gridworld` training on the shared ``TrainingLoop``: one iteration of a
/// ``PPOGridworldSession`` is one PPO update on a fresh rollout of E·T environment steps, and the
/// loop's logged step is the environment step count.
public struct PPOGridworldTraining {
    /// The run's settings and directory.
    public let setup: RecipeSetup<PPOGridworldConfig>
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
    public init(setup: RecipeSetup<PPOGridworldConfig>, stopAfterSteps: Int?, objective: (any TrainingObjective)? = nil,
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
        return TrainingPlan(iterations: config.updateCount, stepsPerIteration: config.numEnvs * config.numSteps,
                            checkpointInterval: config.checkpointInterval, keepCheckpoints: config.keepCheckpoints,
                            iterationName: "update", progressMetric: "charts/episodic_return", progressLabel: "return",
                            rateMetric: "charts/SPS")
    }

    /// Trains until the planned updates are done or `--stop-after-steps` is reached, then
    /// evaluates the policy on the held-out seeds (`eval.json`, `report.md`, charts).
    /// - Throws: ``UserError``, ``NonFiniteValueError`` (the last good checkpoint is kept),
    ///   checkpoint, metrics and storage errors.
    @discardableResult
    public func run() throws -> TrainingLoop<PPOGridworldConfig>.Result<PPOGridworldSession> {
        var loop = TrainingLoop(setup: setup, plan: plan, stopAfterSteps: stopAfterSteps)
        (loop.progressOutput, loop.log, loop.onCheckpoint) = (progressOutput, log, onCheckpoint)
        return try loop.run { start in
            try PPOGridworldSession(setup: setup, objective: objective, start: start, log: log)
        }
    }

    /// Checks what the config alone cannot: the training seeds avoid the held-out ones, the
    /// objective is available and the demonstrations open and hold this environment. Pass it as
    /// `check:` to ``RecipeSetup/prepare(_:recipe:options:now:check:)``, which runs it before the
    /// run directory is created, so bad input writes nothing.
    /// - Throws: ``UserError`` naming the flag, key or file at fault.
    public static func checkBeforeStart(_ config: PPOGridworldConfig, seed: UInt64) throws {
        let training = config.trainingSeeds(seed: seed)
        if training.overlaps(config.heldOutSeeds) {
            throw UserError("--seed \(seed): the training seeds \(training) overlap the held-out evaluation seeds \(config.heldOutSeeds) (change --seed or eval.first_seed)")
        }
        _ = try config.objective.makeObjective(config: config)
        if config.initialization == .bc, config.demos != nil {
            _ = try BehaviourCloningStart(config: config, log: { _ in }).openDemonstrations()
        }
    }
}
