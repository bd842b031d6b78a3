/// How long a run trains and how ``TrainingLoop`` paces it: iterations, their size in logged
/// steps, the checkpoint cadence and what the progress line and the timing log show.
public struct TrainingPlan: Sendable {
    /// The iterations to run (PPO updates, optimizer steps).
    public var iterations: Int
    /// Logged steps per iteration: environment steps per PPO update, 1 for optimizer steps.
    public var stepsPerIteration: Int
    /// When set, training ends once the session's own step count
    /// (``TrainingSession/completedSteps``) reaches this, however many iterations that takes;
    /// ``iterations`` is then only the estimate progress messages show.
    public var stepBudget: Int?
    /// Write a checkpoint every this many iterations, and at the end or a stop.
    public var checkpointInterval: Int
    /// Keep this many most recent checkpoints.
    public var keepCheckpoints: Int
    /// What an iteration is called in messages (`update`, `step`).
    public var iterationName: String
    /// The metric the progress line shows (its last value is kept when an iteration lacks it).
    public var progressMetric: String
    /// The progress line's name for it.
    public var progressLabel: String
    /// The `timing.jsonl` key of logged steps per second of wall time.
    public var rateMetric: String

    /// A plan; the progress label defaults to the metric's key.
    public init(iterations: Int, stepsPerIteration: Int = 1, checkpointInterval: Int, keepCheckpoints: Int,
                iterationName: String, progressMetric: String, progressLabel: String? = nil, rateMetric: String) {
        precondition(stepsPerIteration > 0 && checkpointInterval > 0, "TrainingPlan: sizes must be positive")
        self.iterations = iterations
        self.stepsPerIteration = stepsPerIteration
        self.checkpointInterval = checkpointInterval
        self.keepCheckpoints = keepCheckpoints
        self.iterationName = iterationName
        self.progressMetric = progressMetric
        self.progressLabel = progressLabel ?? progressMetric
        self.rateMetric = rateMetric
    }

    /// The logged step after `iterations` iterations.
    public func step(afterIterations iterations: Int) -> Int { iterations * stepsPerIteration }
}
