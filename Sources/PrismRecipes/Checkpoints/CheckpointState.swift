import PrismTensor

/// What `state.json` in a checkpoint holds besides the weights: the step, every random stream
/// by name, and whatever else the recipe needs to continue exactly (counters, schedules, running
/// statistics) as its own `Codable` value.
public struct CheckpointState<Recipe: Codable & Sendable>: Codable, Sendable {
    /// The number of steps done when the checkpoint was written.
    public var step: Int
    /// Every random stream the run uses, by the name the recipe gives it.
    public var streams: [String: RandomStream]
    /// The recipe's own state.
    public var recipe: Recipe

    /// A state at `step`.
    public init(step: Int, streams: [String: RandomStream], recipe: Recipe) {
        self.step = step
        self.streams = streams
        self.recipe = recipe
    }
}

extension CheckpointState: Equatable where Recipe: Equatable {}

/// A recipe state for runs that need only the step and the streams.
public struct NoRecipeState: Codable, Sendable, Equatable {
    /// The empty state.
    public init() {}
}
