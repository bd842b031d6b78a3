import PrismEnv

/// Streams the episodes a ``VectorEnvironment`` plays into a ``RolloutWriter``, one Minari
/// episode per finished sub-environment episode, holding at most one episode per copy in memory.
/// Training loops (PPO's rollout collection) call ``start(_:seed:)`` after the vector reset and
/// ``record(actions:step:)`` after every vector step.
///
/// Both autoreset modes are understood: with ``AutoresetMode/sameStep`` an episode ends with the
/// step's `finalObservations`/`finalInfos` and the copy's next episode starts at once; with
/// ``AutoresetMode/nextStep`` the step after the end is the reset, and its action is not stored.
/// The first episode of copy i carries the seed `seed + i` (as the vector reset used); later
/// episodes continue the copy's stream and carry no seed. Step infos are stored as the
/// columns of ``StepInfoTable``.
public struct VectorEpisodeRecorder<Observation: SpaceRepresentable, Action: SpaceRepresentable> {
    /// The writer the finished episodes go to.
    public let writer: RolloutWriter
    private let mode: AutoresetMode
    private var episodes: [Episode?]
    private var infos: [StepInfoTable]
    private var awaitingReset: [Bool]
    private var skipping: [Bool]

    /// A recorder for `environmentCount` copies stepped with `mode`.
    public init(writer: RolloutWriter, environmentCount: Int, autoresetMode mode: AutoresetMode) {
        precondition(environmentCount > 0, "VectorEpisodeRecorder: needs at least one environment")
        self.writer = writer
        self.mode = mode
        episodes = [Episode?](repeating: nil, count: environmentCount)
        infos = [StepInfoTable](repeating: StepInfoTable(), count: environmentCount)
        awaitingReset = [Bool](repeating: false, count: environmentCount)
        skipping = [Bool](repeating: false, count: environmentCount)
    }

    /// Begins recording in the middle of the copies' episodes (a resumed training run): the
    /// episodes in progress are not stored, since their beginning was not seen; each copy's
    /// next episode is.
    public mutating func startSkippingEpisodesInProgress() {
        for index in episodes.indices {
            episodes[index] = nil
            awaitingReset[index] = false
            skipping[index] = true
        }
    }

    /// Begins every copy's episode with the vector reset's results; episodes still open are
    /// discarded (they never finished).
    public mutating func start(_ resets: [Reset<Observation>], seed: UInt64?) {
        precondition(resets.count == episodes.count, "VectorEpisodeRecorder.start: \(resets.count) resets for \(episodes.count) environments")
        for (index, reset) in resets.enumerated() {
            begin(index, reset.observation, reset.info, seed: seed.map { $0 &+ UInt64(index) })
        }
    }

    /// Adds one vector step taken with `actions`; appends every episode it finished and returns
    /// which copy each came from and its dataset id, in copy order.
    /// - Throws: ``StorageError`` from the writer (nothing of the failed episode is counted).
    @discardableResult
    public mutating func record(actions: [Action], step: VectorStep<Observation>) throws(StorageError) -> [FinishedEpisode] {
        precondition(actions.count == episodes.count && step.observations.count == episodes.count,
                     "VectorEpisodeRecorder.record: sizes differ from \(episodes.count) environments")
        var finished: [FinishedEpisode] = []
        for index in episodes.indices {
            if awaitingReset[index] {
                awaitingReset[index] = false
                begin(index, step.observations[index], step.infos[index], seed: nil)
                continue
            }
            if skipping[index] {
                guard step.terminated[index] || step.truncated[index] else { continue }
                skipping[index] = false
                beginAfterEnd(index, step)
                continue
            }
            guard var episode = episodes[index] else { continue }
            episodes[index] = nil  // sole owner: appending below does not copy the arrays
            let done = step.terminated[index] || step.truncated[index]
            let endsNow = done && mode == .sameStep
            let observation = endsNow ? step.finalObservations[index] ?? step.observations[index] : step.observations[index]
            let info = endsNow ? step.finalInfos[index] ?? step.infos[index] : step.infos[index]
            episode.actions.append(actions[index].spaceValue)
            episode.observations.append(observation.spaceValue)
            episode.rewards.append(step.rewards[index])
            episode.terminations.append(step.terminated[index])
            episode.truncations.append(step.truncated[index])
            infos[index].append(info)
            if done {
                episode.infos = infos[index].columns
                finished.append(FinishedEpisode(environment: index, id: try writer.append(episode), steps: episode.totalSteps,
                                                return: episode.rewards.reduce(0, +)))
                beginAfterEnd(index, step)
            } else {
                episodes[index] = episode
            }
        }
        return finished
    }

    /// After copy `index`'s episode ended at `step`: its next episode starts in this step's
    /// observation (same-step autoreset) or in the next step's (next-step autoreset).
    private mutating func beginAfterEnd(_ index: Int, _ step: VectorStep<Observation>) {
        if mode == .sameStep {
            begin(index, step.observations[index], step.infos[index], seed: nil)
        } else {
            awaitingReset[index] = true
        }
    }

    private mutating func begin(_ index: Int, _ observation: Observation, _ info: StepInfo, seed: UInt64?) {
        skipping[index] = false
        episodes[index] = Episode(seed: seed, observations: [observation.spaceValue], actions: [], rewards: [],
                                  terminations: [], truncations: [])
        infos[index].reset()
        infos[index].append(info)
    }
}

/// An episode ``VectorEpisodeRecorder`` appended: the copy it came from, its dataset id, its
/// length and undiscounted return (for logging `charts/episodic_return`).
public struct FinishedEpisode: Equatable, Sendable {
    /// The index of the sub-environment.
    public var environment: Int
    /// The episode's id in the dataset.
    public var id: Int
    /// The number of steps T.
    public var steps: Int
    /// The sum of its rewards.
    public var `return`: Double
}
