import Foundation
import PrismEnv
import PrismNN
import PrismPolicy
import PrismRecipes
import PrismRL
import PrismStorage
import PrismTensor

/// One run of a PPO recipe (`ppo-gridworld`, `ppo`) as a ``TrainingSession`` (CleanRL `ppo.py`, docs/algorithms.md §1.1):
/// each iteration collects E·T steps with a ``RolloutCollector``, lets the
/// ``TrainingObjective`` make the batch, updates with a ``PPOTrainer`` and returns CleanRL's
/// metric names.
///
/// The training environments are reset once with seeds seed … seed + E − 1 and then continue
/// their own streams; a checkpoint's ``TrainingState`` holds every environment's state and the
/// episodes in progress, so a resumed run continues bit for bit.
public struct PPOSession<Env: PPOEnvironment>: TrainingSession {
    /// The run's settings.
    public let config: PPORecipeConfig
    /// The run directory and root seed, for the final evaluation.
    let run: RunDirectory, seed: UInt64
    /// The PPO update, holding the model and Adam.
    public private(set) var trainer: PPOTrainer
    /// The training environments and the episodes in progress.
    public private(set) var collector: RolloutCollector<Env>
    /// Standard or polychromic advantages.
    var objective: any TrainingObjective
    /// Streams training episodes into `rollouts/` (with `save_rollouts`).
    var recorder: VectorEpisodeRecorder<Env.Observation, Int>?
    /// Episodes in `rollouts/` at the last checkpoint or the start.
    var savedEpisodes: Int
    /// A fresh environment, restored into for vines.
    let template: Env
    /// The recipe's command name.
    let recipe: String
    /// Environment steps taken so far: rollouts, and vines when they count in the budget.
    var environmentSteps: Int

    /// The network.
    public var model: ActorCritic {
        get { trainer.model }
        set { trainer.model = newValue }
    }
    /// Adam.
    public var optimizer: Adam {
        get { trainer.optimizer }
        set { trainer.optimizer = newValue }
    }
    /// PPO updates done.
    public var completedIterations: Int { trainer.completedUpdates }
    /// ``environmentSteps`` when vine steps count in the budget (iterations then differ in
    /// size); nil otherwise.
    public var completedSteps: Int? { config.countsVineSteps ? environmentSteps : nil }

    /// The session of `setup`: fresh (weights from the root's `init` stream, behaviour cloning
    /// from its `bc` stream when configured, logged at step 0) or resumed from `start`'s state.
    /// - Throws: ``UserError`` when the checkpoint does not fit the config, demonstration
    ///   and storage errors.
    init(setup: RecipeSetup<PPORecipeConfig>, objective: (any TrainingObjective)?,
         start: TrainingStart<PPOStreams, TrainingState<Env.Snapshot>>, log: @escaping (String) -> Void) throws {
        let config = setup.config
        self.config = config
        run = setup.run
        seed = setup.seed
        template = try Env.make(id: config.env)
        recipe = setup.recipe
        self.objective = try objective ?? config.objective.makeObjective(config: config)
        var initialisation = start.root.child("init")
        var model = ActorCritic(config.network(for: template), using: &initialisation)
        if let (checkpoint, state) = start.resumed {
            let count = config.numEnvs
            guard template.supportsBranching else {
                throw UserError("\(checkpoint.url.path): \(template.name) cannot be restored (it is not Restorable with a Codable snapshot), so a run on it cannot resume")
            }
            guard state.recipe.environments.count == count else {
                throw UserError("\(checkpoint.url.path): the checkpoint holds \(state.recipe.environments.count) environments, the config num_envs = \(count)")
            }
            let template = template
            let environments = state.recipe.environments.map { snapshot in
                var environment = template
                environment.restore(snapshot)
                return environment
            }
            collector = RolloutCollector(resuming: VectorEnvironment(environments, autoresetMode: .sameStep),
                                         observations: environments.map(\.observation),
                                         progress: state.recipe.episodeProgress, encode: template.encoder)
            savedEpisodes = state.recipe.savedEpisodes
            environmentSteps = state.recipe.environmentSteps ?? state.recipe.updates * config.numEnvs * config.numSteps
        } else {
            if config.initialization == .bc {
                var cloning = start.root.child("bc")
                let result = try BehaviourCloningStart(config: config, environment: template, log: log).train(&model, using: &cloning)
                var startMetrics = ["bc/loss": Double(result.loss), "bc/accuracy": Double(result.accuracy),
                                    "bc/samples": Double(result.sampleCount)]
                if config.criticWarmup.steps > 0 {
                    var warming = start.root.child("critic-warmup")
                    let warmup = try CriticWarmup(config: config, environment: template).train(&model, seed: setup.seed, using: &warming)
                    log("critic warm-up: \(warmup.steps) steps, value loss \(String(format: "%.4f", warmup.valueLoss)), explained variance \(String(format: "%.3f", warmup.explainedVariance)) before the last fit")
                    startMetrics["critic_warmup/value_loss"] = Double(warmup.valueLoss)
                    startMetrics["critic_warmup/explained_variance"] = warmup.explainedVariance
                    startMetrics["critic_warmup/steps"] = Double(warmup.steps)
                }
                try start.logger?.log(step: 0, startMetrics)
            }
            let copies = [Env](repeating: template, count: config.numEnvs)
            collector = RolloutCollector(environments: VectorEnvironment(copies, autoresetMode: .sameStep),
                                         seed: config.trainingSeeds(seed: setup.seed).lowerBound, encode: template.encoder)
            savedEpisodes = 0
            environmentSteps = 0
            if config.objective == .polychromic {
                var probe = template
                if probe.reset(seed: setup.seed).info.roomID == nil {
                    log("warning: \(config.env) reports no room_id; polychromic PPO's diversity then counts every vine as the same trajectory")
                }
            }
        }
        trainer = PPOTrainer(model: model, configuration: config.trainerConfiguration, updateCount: config.updateCount,
                             completedUpdates: start.resumed?.state.recipe.updates ?? 0)
        if config.saveRollouts {
            recorder = try RolloutRecording(config: config, recipe: recipe, seed: setup.seed, run: setup.run, log: log)
                .makeRecorder(collector.environments.environments, resuming: start.resumed != nil, savedEpisodes: savedEpisodes)
        }
    }

    /// The environments, the episodes in progress and the counters.
    public var checkpointState: TrainingState<Env.Snapshot> {
        TrainingState(updates: trainer.completedUpdates, environments: collector.environments.environments.map { $0.snapshot() },
                      episodeProgress: collector.episodeProgress, savedEpisodes: recorder?.writer.episodeCount ?? savedEpisodes,
                      environmentSteps: completedSteps)
    }

    /// Collects a rollout, makes the objective's batch and runs one PPO update.
    /// - Returns: CleanRL's `losses/*` and `charts/*` metrics, the objective's, and the episode
    ///   statistics of the rollout.
    public mutating func iterate(streams: inout PPOStreams, guard: NonFiniteGuard) throws -> [String: Double] {
        let steps = config.numSteps
        var recorder = self.recorder
        defer { self.recorder = recorder }
        let (rollout, states) = try collector.collect(
            steps: steps, policy: trainer.model,
            snapshottingAt: objective.snapshotRequests(stepCount: steps, environmentCount: config.numEnvs),
            episodeStarts: objective.snapshotsEpisodeStarts, using: &streams.sampling
        ) { [template] actions, step in
            do { try recorder?.record(actions: actions.map(template.spaceAction), step: step) } catch { throw UserError("writing rollouts: \(error)") }
        }
        let estimate = rollout.buffer.advantageEstimate(discount: config.gamma, gaeLambda: config.gaeLambda)
        let made = try objective.makeBatch(rollout: rollout, states: states, estimate: estimate, policy: trainer.model,
                                           environment: template, using: &streams.objective)
        let learningRate = config.countsVineSteps
            ? config.learningRate(afterSteps: environmentSteps) : trainer.learningRate(forUpdate: trainer.completedUpdates + 1)
        let update = trainer.update(made.batch, learningRate: learningRate, using: &streams.shuffling)
        let vineSteps = config.countsVineSteps ? Int(made.metrics[PolychromicMetrics.vineStepsKey] ?? 0) : 0
        environmentSteps += config.numEnvs * steps + vineSteps
        let includesBehaviourKL = config.trainerConfiguration.loss.klCoefficient > 0
        try `guard`.check(update.lossScalars(includesBehaviourKL: includesBehaviourKL))
        var metrics = update.scalars(includesBehaviourKL: includesBehaviourKL).merging(made.metrics) { first, _ in first }
        if config.objective == .polychromic { metrics["polychromic/set_advantage_share"] = Double(update.setAdvantageShare) }
        metrics.merge(Self.episodeMetrics(rollout.episodes)) { first, _ in first }
        metrics["charts/updates"] = Double(trainer.completedUpdates)
        return metrics
    }

    /// Closes `rollouts/`.
    public mutating func finish(stopped: Bool) throws {
        try recorder?.writer.close()
    }

    /// Evaluates the trained policy on the held-out seeds and writes `eval.json`, `report.md`
    /// and the charts.
    public func evaluate(step: Int) throws -> RunEvaluation {
        let evaluation = try RunEvaluation(policy: trainer.model, environment: template, config: config, recipe: recipe, seed: seed, step: step)
        try evaluation.write(to: run, seed: seed)
        return evaluation
    }

    /// `charts/episodic_return`, `charts/episodic_length` and `charts/success_rate`: means over
    /// the episodes that ended during the collection (none when no episode ended).
    static func episodeMetrics(_ episodes: [EpisodeStatistics]) -> [String: Double] {
        guard !episodes.isEmpty else { return [:] }
        let count = Double(episodes.count)
        return [
            "charts/episodic_return": episodes.reduce(0) { $0 + $1.totalReward } / count,
            "charts/episodic_length": Double(episodes.reduce(0) { $0 + $1.length }) / count,
            "charts/success_rate": Double(episodes.filter { $0.isSuccess == true }.count) / count,
            "charts/episodes": count,
        ]
    }
}
