/// Truncates episodes after `maxEpisodeSteps` steps (Gymnasium's `TimeLimit` wrapper): the step
/// that reaches the limit has `truncated = true`, whatever the environment said.
public struct TimeLimit<Base: Environment>: Environment {
    /// The wrapped environment.
    public var base: Base
    /// The number of steps after which an episode is truncated.
    public let maxEpisodeSteps: Int
    /// Steps taken in the current episode.
    public private(set) var elapsedSteps = 0
    /// The order rule for the episodes this wrapper ends.
    private var episode = EpisodeGuard()

    /// Wraps `base` with a limit of `maxEpisodeSteps` (at least 1).
    public init(_ base: Base, maxEpisodeSteps: Int) {
        precondition(maxEpisodeSteps >= 1, "TimeLimit: maxEpisodeSteps must be at least 1, got \(maxEpisodeSteps)")
        self.base = base
        self.maxEpisodeSteps = maxEpisodeSteps
    }

    /// The wrapped environment's name.
    public var name: String { base.name }
    /// The wrapped environment's observation space.
    public var observationSpace: Space { base.observationSpace }
    /// The wrapped environment's action space.
    public var actionSpace: Space { base.actionSpace }

    /// Resets the wrapped environment and the step counter.
    public mutating func reset(seed: UInt64?) -> Reset<Base.Observation> {
        elapsedSteps = 0
        episode.begin()
        return base.reset(seed: seed)
    }

    /// Steps the wrapped environment, truncating at the limit.
    public mutating func step(_ action: Base.Action) throws(EnvironmentError) -> Step<Base.Observation> {
        try episode.checkStep(name)
        var step = try base.step(action)
        elapsedSteps += 1
        if elapsedSteps >= maxEpisodeSteps { step.truncated = true }
        episode.end(terminated: step.terminated, truncated: step.truncated)
        return step
    }
}

extension TimeLimit: Restorable where Base: Restorable {
    /// The wrapped environment's snapshot with the step counter and episode phase.
    public func snapshot() -> (Base.Snapshot, Int, EpisodeGuard) { (base.snapshot(), elapsedSteps, episode) }

    /// Restores the wrapped environment, the step counter and the episode phase.
    public mutating func restore(_ snapshot: (Base.Snapshot, Int, EpisodeGuard)) {
        base.restore(snapshot.0)
        (elapsedSteps, episode) = (snapshot.1, snapshot.2)
    }
}
