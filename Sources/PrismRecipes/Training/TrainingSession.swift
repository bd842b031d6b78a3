import PrismNN
import PrismTensor

/// The random streams a recipe's training advances, as a `Codable` struct with one named
/// ``RandomStream`` per purpose (sampling, shuffling, …): each a child of the root seed, stored
/// in every checkpoint by ``TrainingLoop``.
public protocol TrainingStreams: Codable, Sendable {
    /// The streams of a new run, derived from the root seed's stream.
    init(root: RandomStream)
}

/// What a recipe plugs into ``TrainingLoop``: its model and optimizer, its own checkpointed state
/// and one iteration of its algorithm (a PPO update on a fresh rollout, one optimizer step on a
/// minibatch). The loop owns everything around it: resume, the streams, metrics, progress, the
/// checkpoint and stop cadence, the non-finite guard and the final evaluation.
public protocol TrainingSession {
    /// The network trained and checkpointed.
    associatedtype Model: Layer
    /// The optimizer whose state is checkpointed with it.
    associatedtype ModelOptimizer: Optimizer
    /// The streams ``iterate(streams:guard:)`` advances.
    associatedtype Streams: TrainingStreams
    /// What `state.json` holds besides the step and the streams.
    associatedtype State: Codable & Sendable
    /// What the final evaluation returns.
    associatedtype Evaluation

    /// The network; the loop loads a checkpoint's weights into it when resuming.
    var model: Model { get set }
    /// The optimizer; the loop loads a checkpoint's state into it when resuming.
    var optimizer: ModelOptimizer { get set }
    /// Iterations done so far (a resumed session starts at its checkpoint's).
    var completedIterations: Int { get }
    /// The logged step the session has reached when it counts steps itself (iterations of
    /// varying size, with ``TrainingPlan/stepBudget``); nil: iterations × steps per iteration.
    var completedSteps: Int? { get }
    /// The recipe state to store in a checkpoint written now.
    var checkpointState: State { get }

    /// Runs the next iteration and returns the metrics to log for it.
    /// - Parameters:
    ///   - streams: the run's streams, advanced as the iteration draws from them.
    ///   - guard: checks losses and gradient norms, naming the step and the last good
    ///     checkpoint; check them before the optimizer steps where the algorithm allows, and in
    ///     any case before returning them.
    mutating func iterate(streams: inout Streams, guard: NonFiniteGuard) throws -> [String: Double]

    /// Ends training after the last iteration or a stop (closes what the session keeps open,
    /// writes what a finished run leaves behind).
    mutating func finish(stopped: Bool) throws

    /// Evaluates the trained model at `step` and writes the results into the run directory.
    func evaluate(step: Int) throws -> Evaluation
}

extension TrainingSession {
    /// Iterations × steps per iteration.
    public var completedSteps: Int? { nil }

    /// Nothing to close.
    public mutating func finish(stopped: Bool) throws {}
}
