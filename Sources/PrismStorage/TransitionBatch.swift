import PrismEnv
import PrismTensor

/// Transitions `(o_t, a_t, r_t, o_{t+1}, done_t)` gathered from episodes as tensors, for
/// behaviour cloning and offline learning.
public struct TransitionBatch {
    /// `[N, observationWidth]` encoded observations `o_t`.
    public var observations: Tensor
    /// `[N, actionWidth]` encoded actions `a_t`.
    public var actions: Tensor
    /// `[N]` rewards.
    public var rewards: Tensor
    /// `[N, observationWidth]` encoded next observations `o_{t+1}`.
    public var nextObservations: Tensor
    /// `[N]` 1 where the transition terminated the episode (do not bootstrap), else 0.
    public var terminations: Tensor
    /// `[N]` 1 where the transition truncated the episode, else 0.
    public var truncations: Tensor

    /// Every transition of `episodes`, in order, with observations and actions encoded by the
    /// caller (e.g. one-hot or image flattening).
    /// - Throws: ``StorageError/invalidEpisode(reason:)`` when encodings differ in width.
    public init(episodes: [Episode], encodeObservation: (SpaceValue) -> [Float],
                encodeAction: (SpaceValue) -> [Float]) throws(StorageError) {
        var steps: [(episode: Int, step: Int)] = []
        for (e, episode) in episodes.enumerated() {
            for t in 0..<episode.totalSteps { steps.append((e, t)) }
        }
        try self.init(episodes: episodes, steps: steps, encodeObservation: encodeObservation, encodeAction: encodeAction)
    }

    /// The transitions at `steps` (episode index in `episodes`, step index within it).
    public init(episodes: [Episode], steps: [(episode: Int, step: Int)], encodeObservation: (SpaceValue) -> [Float],
                encodeAction: (SpaceValue) -> [Float]) throws(StorageError) {
        var observations: [Float] = [], next: [Float] = [], actions: [Float] = []
        var rewards: [Float] = [], terminations: [Float] = [], truncations: [Float] = []
        var observationWidth: Int?, actionWidth: Int?
        func checked(_ values: [Float], _ width: inout Int?, _ what: String) throws(StorageError) -> [Float] {
            if let width, width != values.count {
                throw .invalidEpisode(reason: "\(what) encodings differ in width (\(width) and \(values.count))")
            }
            width = values.count
            return values
        }
        for (e, t) in steps {
            guard episodes.indices.contains(e), t >= 0, t < episodes[e].totalSteps else {
                throw .invalidEpisode(reason: "no transition \(t) in episode \(e)")
            }
            let episode = episodes[e]
            observations += try checked(encodeObservation(episode.observations[t]), &observationWidth, "observation")
            next += try checked(encodeObservation(episode.observations[t + 1]), &observationWidth, "observation")
            actions += try checked(encodeAction(episode.actions[t]), &actionWidth, "action")
            rewards.append(Float(episode.rewards[t]))
            terminations.append(episode.terminations[t] ? 1 : 0)
            truncations.append(episode.truncations[t] ? 1 : 0)
        }
        let count = steps.count
        self.observations = Tensor(shape: [count, observationWidth ?? 0], scalars: observations)
        nextObservations = Tensor(shape: [count, observationWidth ?? 0], scalars: next)
        self.actions = Tensor(shape: [count, actionWidth ?? 0], scalars: actions)
        self.rewards = Tensor(shape: [count], scalars: rewards)
        self.terminations = Tensor(shape: [count], scalars: terminations)
        self.truncations = Tensor(shape: [count], scalars: truncations)
    }
}
