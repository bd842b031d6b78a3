import Foundation
import Gridworld
import PrismEnv
import PrismPolicy
import PrismRecipes
import PrismRL
import PrismStorage
import PrismTensor

/// How a training run ended.
public enum TrainingOutcome: Equatable, Sendable {
    /// All planned updates ran; the final checkpoint is at `step`.
    case finished(step: Int)
    /// `--stop-after-steps` stopped it after the checkpoint at `step`.
    case stopped(step: Int)
}

/// The `ppo-gridworld` training loop (CleanRL `ppo.py`, spec §1.1): collect E·T steps with a
/// ``RolloutCollector``, let the ``TrainingObjective`` make the batch, update with a
/// ``PPOTrainer``, log CleanRL's metric names, show progress and checkpoint.
///
/// Random streams, children of the root seed: `init` (weights), `bc` (behaviour cloning),
/// `sampling` (actions), `shuffling` (minibatches), `objective`; the training environments are
/// reset once with seeds seed … seed + E − 1 and then continue their own streams. A checkpoint
/// holds the model, Adam's state, every stream, the update counter, every environment's state
/// and the episodes in progress, so a resumed run continues bit for bit.
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

    /// The streams the loop advances, by checkpoint name.
    static let streamNames = ["objective", "sampling", "shuffling"]

    /// Trains until the planned updates are done or `--stop-after-steps` is reached.
    /// - Throws: ``RecipeFailure``, ``NonFiniteValueError`` (the last good checkpoint is kept),
    ///   checkpoint, metrics and storage errors.
    public func run() throws -> TrainingOutcome {
        let config = setup.config
        if objective == nil { try Self.checkBeforeStart(config, seed: setup.seed) }
        let template = try config.makeEnvironment()
        let training = config.trainingSeeds(seed: setup.seed)
        var objective = try self.objective ?? config.objective.makeObjective(config: config)
        let store = setup.run.checkpoints(keepLast: config.keepCheckpoints)
        let root = RandomStream(seed: setup.seed)
        let steps = config.numSteps, count = config.numEnvs
        let batchSize = steps * count
        var streams: [String: RandomStream]
        var trainer: PPOTrainer
        var collector: RolloutCollector<GridworldEnvironment>
        var savedEpisodes = 0
        var resumedFrom: SavedCheckpoint?
        let logger: MetricsLogger
        if let checkpoint = setup.checkpoint {
            let state = try store.loadState(TrainingState.self, from: checkpoint)
            guard state.recipe.environments.count == count, Set(Self.streamNames).isSubset(of: state.streams.keys) else {
                throw RecipeFailure("\(checkpoint.url.path): the checkpoint does not match the run's config (environments or streams differ)")
            }
            var initialisation = root.child("init")
            var model = ActorCritic(config.network, using: &initialisation)
            try store.loadModel(&model, from: checkpoint)
            trainer = PPOTrainer(model: model, configuration: config.trainerConfiguration, updateCount: config.updateCount,
                                 completedUpdates: state.recipe.updates)
            try store.loadOptimizer(&trainer.optimizer, from: checkpoint)
            let environments = state.recipe.environments.map { snapshot in
                var environment = template
                environment.restore(snapshot)
                return environment
            }
            collector = RolloutCollector(resuming: VectorEnvironment(environments, autoresetMode: .sameStep),
                                         observations: environments.map(\.observation),
                                         progress: state.recipe.episodeProgress, encode: ObservationEncoders.flat)
            streams = state.streams
            savedEpisodes = state.recipe.savedEpisodes
            resumedFrom = checkpoint
            logger = try MetricsLogger(directory: setup.run.url, resumingAfter: checkpoint.step)
            log("resuming \(setup.run.url.path) from \(checkpoint.url.lastPathComponent) (update \(state.recipe.updates) of \(config.updateCount))")
        } else {
            logger = try MetricsLogger(directory: setup.run.url, resumingAfter: setup.resumeStep)
            var initialisation = root.child("init")
            var model = ActorCritic(config.network, using: &initialisation)
            if config.initialization == .bc {
                var cloning = root.child("bc")
                let result = try BehaviourCloningStart(config: config, log: log).train(&model, using: &cloning)
                try logger.log(step: 0, ["bc/loss": Double(result.loss), "bc/accuracy": Double(result.accuracy),
                                         "bc/samples": Double(result.sampleCount)])
            }
            trainer = PPOTrainer(model: model, configuration: config.trainerConfiguration, updateCount: config.updateCount)
            collector = RolloutCollector(environments: VectorEnvironment([GridworldEnvironment](repeating: template, count: count),
                                                                         autoresetMode: .sameStep),
                                         seed: training.lowerBound, encode: ObservationEncoders.flat)
            streams = Dictionary(uniqueKeysWithValues: Self.streamNames.map { ($0, root.child($0)) })
        }
        defer { logger.close() }
        var recorder = try config.saveRollouts ? makeRecorder(collector, resumedFrom: resumedFrom, savedEpisodes: savedEpisodes) : nil
        let progress = ProgressDisplay(total: config.updateCount * batchSize, metricName: "return", output: progressOutput)
        defer { progress.finish() }
        let start = Date()
        let startStep = trainer.completedUpdates * batchSize
        var lastReturn: Double?
        var lastCheckpoint = resumedFrom
        progress.update(step: startStep)
        while trainer.completedUpdates < config.updateCount {
            var sampling = streams["sampling"]!
            var recordingError: (any Error)?
            let (rollout, states) = try collector.collect(
                steps: steps, policy: trainer.model,
                snapshottingAt: objective.snapshotRequests(stepCount: steps, environmentCount: count), using: &sampling
            ) { actions, step in
                guard recordingError == nil, recorder != nil else { return }
                do { try recorder?.record(actions: actions, step: step) } catch { recordingError = error }
            }
            if let recordingError { throw RecipeFailure("writing rollouts: \(recordingError)") }
            streams["sampling"] = sampling
            let estimate = rollout.buffer.advantageEstimate(discount: config.gamma, gaeLambda: config.gaeLambda)
            var objectiveStream = streams["objective"]!
            let made = try objective.makeBatch(rollout: rollout, states: states, estimate: estimate, policy: trainer.model,
                                               environment: template, using: &objectiveStream)
            streams["objective"] = objectiveStream
            var shuffling = streams["shuffling"]!
            let update = trainer.update(made.batch, using: &shuffling)
            streams["shuffling"] = shuffling
            let step = trainer.completedUpdates * batchSize
            var metrics = update.scalars(includesBehaviourKL: config.trainerConfiguration.loss.klCoefficient > 0)
                .merging(made.metrics) { first, _ in first }
            try NonFiniteGuard.check(step: step, metrics.filter { $0.key.hasPrefix("losses/") && $0.key != "losses/explained_variance" },
                                     lastCheckpoint: lastCheckpoint)
            metrics.merge(Self.episodeMetrics(rollout.episodes)) { first, _ in first }
            metrics["charts/updates"] = Double(trainer.completedUpdates)
            lastReturn = metrics["charts/episodic_return"] ?? lastReturn
            let elapsed = Date().timeIntervalSince(start)
            try logger.log(step: step, metrics, wallClock: [
                "charts/SPS": elapsed > 0 ? Double(step - startStep) / elapsed : 0, "time/elapsed": elapsed,
            ])
            progress.update(step: step, metric: lastReturn)
            savedEpisodes = recorder?.writer.episodeCount ?? savedEpisodes
            let stopping = stopAfterSteps.map { step >= $0 } ?? false
            let finished = trainer.completedUpdates == config.updateCount
            if stopping || finished || trainer.completedUpdates % config.checkpointInterval == 0 {
                let state = TrainingState(updates: trainer.completedUpdates,
                                          environments: collector.environments.environments.map { $0.snapshot() },
                                          episodeProgress: collector.episodeProgress, savedEpisodes: savedEpisodes)
                let saved = try store.save(model: trainer.model, optimizer: trainer.optimizer,
                                           state: CheckpointState(step: step, streams: streams, recipe: state))
                lastCheckpoint = saved
                onCheckpoint(saved)
            }
            if finished { break }
            if stopping {
                try recorder?.writer.close()
                return .stopped(step: step)
            }
        }
        try recorder?.writer.close()
        return .finished(step: trainer.completedUpdates * batchSize)
    }

    /// Checks what the config alone cannot: the training seeds avoid the held-out ones, the
    /// objective is available and the demonstrations open and hold this environment; the
    /// command calls it before creating the run directory, so bad input writes nothing.
    /// - Throws: ``RecipeFailure`` naming the flag, key or file at fault.
    public static func checkBeforeStart(_ config: PPOGridworldConfig, seed: UInt64) throws {
        let training = config.trainingSeeds(seed: seed)
        if training.overlaps(config.heldOutSeeds) {
            throw RecipeFailure("--seed \(seed): the training seeds \(training) overlap the held-out evaluation seeds \(config.heldOutSeeds) (change --seed or eval.first_seed)")
        }
        _ = try config.objective.makeObjective(config: config)
        if config.initialization == .bc, config.demos != nil {
            _ = try BehaviourCloningStart(config: config, log: { _ in }).openDemonstrations()
        }
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

    /// The recorder streaming training episodes into `rollouts/`; a resumed run starts with each
    /// environment's next episode.
    private func makeRecorder(_ collector: RolloutCollector<GridworldEnvironment>, resumedFrom: SavedCheckpoint?,
                              savedEpisodes: Int) throws -> VectorEpisodeRecorder<GridObservation, Int> {
        let environments = collector.environments.environments
        var metadata = DatasetMetadata(datasetID: Self.datasetID(env: setup.config.env),
                                       observationSpace: environments[0].observationSpace,
                                       actionSpace: environments[0].actionSpace)
        metadata.algorithmName = "ppo-gridworld (\(setup.config.objective.rawValue) PPO)"
        metadata.description = "training episodes of \(setup.config.env), streamed by ppo-gridworld"
        metadata.config = ["env_id": setup.config.env, "seed": String(setup.seed)]
        metadata.seed = setup.seed
        let writer = try RolloutWriter(directory: setup.run.file("rollouts"), metadata: metadata)
        var recorder = VectorEpisodeRecorder<GridObservation, Int>(writer: writer, environmentCount: environments.count,
                                                                   autoresetMode: .sameStep)
        if resumedFrom != nil {
            if writer.episodeCount > savedEpisodes {
                log("warning: rollouts/ holds \(writer.episodeCount - savedEpisodes) episodes the interrupted run wrote after its checkpoint; they are kept")
            }
            recorder.startSkippingEpisodesInProgress()
        } else {
            let resets = environments.map { environment in
                Reset(observation: environment.observation,
                      info: StepInfo(stepCount: environment.state.stepCount, roomID: environment.state.roomID,
                                     mission: environment.state.mission))
            }
            recorder.start(resets, seed: setup.config.trainingSeeds(seed: setup.seed).lowerBound)
        }
        return recorder
    }

    /// Minari's `namespace/name-vN`: `Gridworld/DoorKey-5x5-v0` → `prism/gridworld/doorkey-5x5-ppo-v0`.
    static func datasetID(env: String) -> String {
        var name = env.lowercased()
        if let dash = name.lastIndex(of: "-"), name[name.index(after: dash)...].hasPrefix("v") { name = String(name[..<dash]) }
        return "prism/\(name)-ppo-v0"
    }
}
