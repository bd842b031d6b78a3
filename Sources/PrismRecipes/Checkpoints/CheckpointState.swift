import PrismTensor

/// What `state.json` in a checkpoint holds besides the weights: the step, every random stream
/// the run advances (a Codable struct of named streams, or a dictionary), and whatever else the
/// recipe needs to continue exactly (counters, environment states) as its own `Codable` value.
public struct CheckpointState<Streams: Codable & Sendable, Recipe: Codable & Sendable>: Codable, Sendable {
    /// The number of steps done when the checkpoint was written.
    public var step: Int
    /// Every random stream the run advances.
    public var streams: Streams
    /// The recipe's own state.
    public var recipe: Recipe

    /// A state at `step`.
    public init(step: Int, streams: Streams, recipe: Recipe) {
        self.step = step
        self.streams = streams
        self.recipe = recipe
    }
}

extension CheckpointState: Equatable where Streams: Equatable, Recipe: Equatable {}

/// A recipe state for runs that need only the step and the streams.
public struct NoRecipeState: Codable, Sendable, Equatable {
    /// The empty state.
    public init() {}
}
