import PrismRL

/// What a PPO recipe checkpoint's `state.json` holds besides the weights, the optimizer and
/// the random streams: everything else a resumed run needs to continue exactly as the
/// uninterrupted one.
public struct TrainingState<EnvironmentSnapshot: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    /// PPO updates done (the learning-rate schedule's position).
    public var updates: Int
    /// Every training environment's complete state: world, random stream and episode phase.
    /// The collector's current observations follow from them.
    public var environments: [EnvironmentSnapshot]
    /// The return and length so far of the episode each environment is in.
    public var episodeProgress: EpisodeProgress
    /// Episodes written to `rollouts/` so far (with `save_rollouts`).
    public var savedEpisodes: Int
    /// Environment steps so far, vines included, when they count in the budget
    /// (`polychromic.budget_includes_vines`); absent otherwise (updates × E·T).
    public var environmentSteps: Int?

    /// A state with the given parts.
    public init(updates: Int, environments: [EnvironmentSnapshot], episodeProgress: EpisodeProgress,
                savedEpisodes: Int, environmentSteps: Int? = nil) {
        self.updates = updates
        self.environments = environments
        self.episodeProgress = episodeProgress
        self.savedEpisodes = savedEpisodes
        self.environmentSteps = environmentSteps
    }
}
