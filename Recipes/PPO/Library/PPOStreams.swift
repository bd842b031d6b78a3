import PrismRecipes
import PrismTensor

/// The random streams a `ppo-gridworld` run advances, children of the root seed named as in
/// every checkpoint's `state.json`: `sampling` (actions), `shuffling` (minibatches) and
/// `objective` (the objective's own draws: vines and sets). Weight initialisation (`init`) and
/// behaviour cloning (`bc`) draw once at the start and are not stored.
public struct PPOStreams: TrainingStreams, Equatable {
    /// Actions during collection.
    public var sampling: RandomStream
    /// Minibatch permutations.
    public var shuffling: RandomStream
    /// The training objective's draws.
    public var objective: RandomStream

    /// The streams of a new run.
    public init(root: RandomStream) {
        sampling = root.child("sampling")
        shuffling = root.child("shuffling")
        objective = root.child("objective")
    }
}
