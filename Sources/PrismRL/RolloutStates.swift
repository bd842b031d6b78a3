import PrismEnv
import PrismPolicy
import PrismTensor

/// A state visited during collection, saved so vines can start from it (docs/algorithms.md §2.3 step 2).
public struct RolloutState<Base: Restorable> {
    /// The step t of the rollout at which it was seen (before the policy acted).
    public var step: Int
    /// The environment copy e.
    public var environment: Int
    /// The copy's complete state.
    public var snapshot: Base.Snapshot
    /// The observation the copy showed.
    public var observation: Base.Observation
}

extension RolloutCollector where Base: Restorable {
    /// ``collect(steps:policy:using:)``, also saving the state of copy e before step t for every
    /// requested `(step, environment)` pair and, with `episodeStarts`, the state of every copy at
    /// the first step of the rollout where an episode begins in it (taken once per copy, after
    /// the requests of that step, unless requested already). Snapshots do not consume
    /// randomness, so the rollout is identical to one collected without them. `observe` sees
    /// every vector step, as in ``RolloutCollector/collect(steps:policy:using:observe:)``.
    /// - Throws: ``EnvironmentError`` if a copy rejects an action, or what `observe` throws.
    public mutating func collect(
        steps: Int, policy: ActorCritic, snapshottingAt requests: [(step: Int, environment: Int)],
        episodeStarts: Bool = false,
        using stream: inout RandomStream, observe: ([Int], VectorStep<Base.Observation>) throws -> Void = { _, _ in }
    ) throws -> (rollout: Rollout, states: [RolloutState<Base>]) {
        var states: [RolloutState<Base>] = []
        var startTaken = [Bool](repeating: !episodeStarts, count: environments.count)
        let rollout = try collect(steps: steps, policy: policy, using: &stream, beforeStep: { t, collector in
            func save(_ copy: Int) {
                states.append(RolloutState(step: t, environment: copy,
                                           snapshot: collector.environments.environments[copy].snapshot(),
                                           observation: collector.observations[copy]))
            }
            var requested: Set<Int> = []
            for request in requests where request.step == t {
                save(request.environment)
                requested.insert(request.environment)
            }
            guard startTaken.contains(false) else { return }
            let lengths = collector.episodeProgress.lengths
            for copy in startTaken.indices where !startTaken[copy] && lengths[copy] == 0 {
                startTaken[copy] = true
                if !requested.contains(copy) { save(copy) }
            }
        }, afterStep: observe)
        return (rollout, states)
    }
}

/// `count` steps spread evenly over `0..<stepCount` (⌊(i + ½)·T/p⌋ for i < p), the replications'
/// choice of rollout states along a trajectory.
public func evenlySpacedSteps(count: Int, stepCount: Int) -> [Int] {
    precondition(count > 0 && count <= stepCount, "evenlySpacedSteps: count \(count) must be in 1...\(stepCount)")
    return (0..<count).map { ($0 * 2 + 1) * stepCount / (2 * count) }
}

extension RolloutBuffer {
    /// The sample indices of environment `environment` from step `step` for up to `window` steps,
    /// stopping after the step that ends the episode: the samples whose GAE advantages the vines
    /// started at that state replace (docs/algorithms.md §2.3 step 5).
    public func windowIndices(step: Int, environment: Int, window: Int) -> [Int] {
        precondition(window >= 1, "windowIndices: window \(window) must be ≥ 1")
        var result: [Int] = []
        var t = step
        while t < stepCount && result.count < window {
            let i = index(step: t, environment: environment)
            result.append(i)
            if terminated[i] || truncated[i] { break }
            t += 1
        }
        return result
    }
}
