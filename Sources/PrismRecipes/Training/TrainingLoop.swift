import Foundation
import PrismTensor

/// How a training run ended.
public enum TrainingOutcome: Equatable, Sendable {
    /// All planned iterations ran; the final checkpoint is at `step`.
    case finished(step: Int)
    /// `--stop-after-steps` stopped it after the checkpoint at `step`.
    case stopped(step: Int)
}

/// What a session is built from: the root stream (for streams used once, such as weight
/// initialisation), the restored checkpoint state when resuming, and for a new run its metrics
/// log (for anything logged before the first iteration, such as behaviour cloning at step 0).
public struct TrainingStart<Streams: TrainingStreams, State: Codable & Sendable> {
    /// `RandomStream(seed: root seed)`.
    public var root: RandomStream
    /// The checkpoint being resumed, with its state (nil for a new run).
    public var resumed: (checkpoint: SavedCheckpoint, state: CheckpointState<Streams, State>)?
    /// The run's metrics log; nil when resuming (a resumed run logs nothing before its first
    /// iteration).
    public var logger: MetricsLogger?
}

/// The one training loop every recipe runs on (the shape of CleanRL's and TRL's loops, written
/// once): it restores a checkpoint or starts fresh, then repeats the session's iteration, logging
/// its metrics (`metrics.jsonl`, `metrics.csv`, TensorBoard) and wall-clock rates
/// (`timing.jsonl`), updating the progress line, stopping on a non-finite loss, checkpointing
/// every `checkpointInterval` iterations, at `--stop-after-steps` and at the end, and finally
/// evaluates the trained model.
///
/// A checkpoint holds the model, the optimizer, the run's streams and the session's state, so a
/// resumed run continues bit for bit:
/// ```swift
/// let result = try TrainingLoop(setup: setup, plan: plan, stopAfterSteps: options.stopAfterSteps)
///     .run { start in try MySession(config: setup.config, start: start) }
/// ```
public struct TrainingLoop<Config: RecipeConfig> {
    /// The run's settings and directory.
    public let setup: RecipeSetup<Config>
    /// Iterations and cadence.
    public let plan: TrainingPlan
    /// `--stop-after-steps`.
    public var stopAfterSteps: Int?
    /// Where progress lines go.
    public var progressOutput: ProgressDisplay.Output = .standardError
    /// Where messages go.
    public var log: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    /// Called after every checkpoint is in place.
    public var onCheckpoint: (SavedCheckpoint) -> Void = { _ in }

    /// A loop over `plan` in `setup`'s run directory.
    public init(setup: RecipeSetup<Config>, plan: TrainingPlan, stopAfterSteps: Int?) {
        self.setup = setup
        self.plan = plan
        self.stopAfterSteps = stopAfterSteps
    }

    /// What a run produced.
    public struct Result<Session: TrainingSession> {
        /// How training ended.
        public var outcome: TrainingOutcome
        /// The session as training left it.
        public var session: Session
        /// The final evaluation (nil when the run stopped early).
        public var evaluation: Session.Evaluation?
    }

    /// Trains the session `makeSession` builds until the plan is done or `--stop-after-steps`
    /// is reached, then (when finished) evaluates it.
    /// - Throws: ``NonFiniteValueError`` (the last good checkpoint is kept), and checkpoint,
    ///   metrics and the session's own errors.
    public func run<Session: TrainingSession>(
        _ makeSession: (TrainingStart<Session.Streams, Session.State>) throws -> Session
    ) throws -> Result<Session> {
        let store = setup.run.checkpoints(keepLast: plan.keepCheckpoints)
        let root = RandomStream(seed: setup.seed)
        let resumed = try setup.checkpoint.map { checkpoint in
            (checkpoint, try store.loadState(CheckpointState<Session.Streams, Session.State>.self, from: checkpoint))
        }
        // A new run logs from the start (a session may log at step 0); a resumed run trims its
        // logs to the checkpoint only once the checkpoint has loaded, so a failed resume keeps them.
        let openLogger = { try MetricsLogger(directory: setup.run.url, resumingAfter: setup.resumeStep) }
        let newRunLogger = resumed == nil ? try openLogger() : nil
        var session = try makeSession(TrainingStart(root: root, resumed: resumed, logger: newRunLogger))
        var streams = resumed?.1.streams ?? Session.Streams(root: root)
        if let (checkpoint, _) = resumed {
            try store.loadModel(&session.model, from: checkpoint)
            try store.loadOptimizer(&session.optimizer, from: checkpoint)
            log("resuming \(setup.run.url.path) from \(checkpoint.url.lastPathComponent) (\(plan.iterationName) \(session.completedIterations) of \(plan.iterations))")
        }
        let logger = try newRunLogger ?? openLogger()
        let began = Date()
        let outcome: TrainingOutcome
        do {
            defer { logger.close() }
            outcome = try iterate(&session, streams: &streams, store: store, logger: logger, lastCheckpoint: resumed?.0)
            try session.finish(stopped: !outcome.isFinished)
        }
        guard case .finished(let step) = outcome else { return Result(outcome: outcome, session: session, evaluation: nil) }
        let seconds = Date().timeIntervalSince(began)
        log("trained to step \(step) in \(String(format: "%.1f", seconds)) s; evaluating")
        return Result(outcome: outcome, session: session, evaluation: try session.evaluate(step: step))
    }

    /// The iterations from the session's position to the end of the plan or the stop.
    private func iterate<Session: TrainingSession>(
        _ session: inout Session, streams: inout Session.Streams, store: CheckpointStore, logger: MetricsLogger,
        lastCheckpoint: SavedCheckpoint?
    ) throws -> TrainingOutcome {
        let progress = ProgressDisplay(total: plan.stepBudget ?? plan.step(afterIterations: plan.iterations),
                                       metricName: plan.progressLabel, output: progressOutput)
        defer { progress.finish() }
        func reached(_ session: Session) -> Int { session.completedSteps ?? plan.step(afterIterations: session.completedIterations) }
        func isDone(_ session: Session) -> Bool {
            plan.stepBudget.map { reached(session) >= $0 } ?? (session.completedIterations >= plan.iterations)
        }
        let start = Date(), startStep = reached(session)
        var lastCheckpoint = lastCheckpoint
        var shown: Double?
        progress.update(step: startStep)
        while !isDone(session) {
            let next = NonFiniteGuard(step: reached(session) + plan.stepsPerIteration, lastCheckpoint: lastCheckpoint)
            let metrics = try session.iterate(streams: &streams, guard: next)
            let iteration = session.completedIterations, step = reached(session)
            let elapsed = Date().timeIntervalSince(start)
            try logger.log(step: step, metrics, wallClock: [
                plan.rateMetric: elapsed > 0 ? Double(step - startStep) / elapsed : 0, "time/elapsed": elapsed,
            ])
            shown = metrics[plan.progressMetric] ?? shown
            progress.update(step: step, metric: shown)
            let stopping = stopAfterSteps.map { step >= $0 } ?? false
            let finished = isDone(session)
            if stopping || finished || iteration % plan.checkpointInterval == 0 {
                let saved = try store.save(model: session.model, optimizer: session.optimizer,
                                           state: CheckpointState(step: step, streams: streams, recipe: session.checkpointState))
                lastCheckpoint = saved
                onCheckpoint(saved)
            }
            if stopping && !finished { return .stopped(step: step) }
        }
        return .finished(step: reached(session))
    }
}

extension TrainingOutcome {
    /// Whether every planned iteration ran.
    public var isFinished: Bool {
        if case .finished = self { true } else { false }
    }

    /// The step of the last checkpoint.
    public var step: Int {
        switch self {
        case .finished(let step), .stopped(let step): step
        }
    }
}
