import PrismEnv
import PrismPolicy
import PrismTensor

/// One finished episode seen while collecting (`charts/episodic_return`, `charts/episodic_length`).
public struct EpisodeStatistics: Equatable, Sendable {
    /// The environment copy it ran in.
    public var environment: Int
    /// The undiscounted sum of its rewards.
    public var totalReward: Double
    /// Its number of steps.
    public var length: Int
    /// The last step's success flag, if the environment reports one.
    public var isSuccess: Bool?
}

/// The episodes in progress in each copy of a vector environment: their return and length so
/// far (what a checkpoint must hold for `charts/episodic_return` to continue exactly).
public struct EpisodeProgress: Codable, Equatable, Sendable {
    /// `[E]` the sum of rewards so far.
    public var rewards: [Double]
    /// `[E]` the steps so far.
    public var lengths: [Int]

    /// Progress with the given sums and lengths.
    public init(rewards: [Double], lengths: [Int]) {
        self.rewards = rewards
        self.lengths = lengths
    }
}

/// The output of ``RolloutCollector/collect(steps:policy:using:)``.
public struct Rollout: Sendable {
    /// The T × E samples.
    public var buffer: RolloutBuffer
    /// The episodes that ended during the collection, in the order they ended.
    public var episodes: [EpisodeStatistics]
}

/// Steps a vector environment with an ``ActorCritic`` policy and fills a ``RolloutBuffer``
/// (CleanRL's rollout phase), generic over any ``Environment`` with discrete `Int` actions.
///
/// The vector environment must use same-step autoreset: when a copy's episode ends, its final
/// observation gives the bootstrap value Bₜ = V(final observation) if it was truncated (Prism's
/// rollout convention, docs/algorithms.md §1.1). Episodes carry over from one collection to the next.
public struct RolloutCollector<Base: Environment> where Base.Action == Int {
    /// The environments, in the state the last collection left them.
    public private(set) var environments: VectorEnvironment<Base>
    /// Maps an observation to the F floats the policy reads.
    public let encode: (Base.Observation) -> [Float]
    /// The observation each copy currently shows.
    public private(set) var observations: [Base.Observation]
    private var runningRewards: [Double]
    private var runningLengths: [Int]

    /// The return and length so far of the episode each copy is in, for checkpoints.
    public var episodeProgress: EpisodeProgress {
        EpisodeProgress(rewards: runningRewards, lengths: runningLengths)
    }

    /// A collector over `environments` (reset here with `seed`: copy i gets `seed + i`).
    public init(environments: VectorEnvironment<Base>, seed: UInt64, encode: @escaping (Base.Observation) -> [Float]) {
        precondition(environments.autoresetMode == .sameStep,
                     "RolloutCollector: the vector environment must use same-step autoreset")
        var environments = environments
        observations = environments.reset(seed: seed).map(\.observation)
        self.environments = environments
        self.encode = encode
        runningRewards = [Double](repeating: 0, count: environments.count)
        runningLengths = [Int](repeating: 0, count: environments.count)
    }

    /// A collector continuing where another stopped, without resetting: `environments` in the
    /// state it left them (restored from a checkpoint), showing `observations`, with the
    /// episodes in progress at `progress`. Collections then equal those the other would make.
    public init(resuming environments: VectorEnvironment<Base>, observations: [Base.Observation],
                progress: EpisodeProgress, encode: @escaping (Base.Observation) -> [Float]) {
        precondition(environments.autoresetMode == .sameStep,
                     "RolloutCollector: the vector environment must use same-step autoreset")
        let count = environments.count
        precondition(observations.count == count && progress.rewards.count == count && progress.lengths.count == count,
                     "RolloutCollector(resuming:): observations and progress need \(count) entries each")
        self.environments = environments
        self.observations = observations
        self.encode = encode
        runningRewards = progress.rewards
        runningLengths = progress.lengths
    }

    /// The current observations as a `[E, F]` tensor.
    public var observationTensor: Tensor { VectorEnvironment<Base>.batch(observations, encode: encode) }

    /// Collects `steps` steps of every copy, sampling actions from `policy` with `stream`
    /// (one draw per copy per step, in copy order), without recording gradients.
    /// - Throws: ``EnvironmentError`` if a copy rejects an action.
    public mutating func collect(
        steps: Int, policy: ActorCritic, using stream: inout RandomStream
    ) throws -> Rollout {
        try collect(steps: steps, policy: policy, using: &stream, beforeStep: { _, _ in })
    }

    /// ``collect(steps:policy:using:)`` calling `observe(actions, step)` after every vector step
    /// with the actions taken and what the environments returned (e.g. to record episodes with
    /// a `VectorEpisodeRecorder`); the observer sees the data but cannot change the rollout.
    /// - Throws: ``EnvironmentError`` if a copy rejects an action, or what `observe` throws.
    public mutating func collect(
        steps: Int, policy: ActorCritic, using stream: inout RandomStream,
        observe: ([Int], VectorStep<Base.Observation>) throws -> Void
    ) throws -> Rollout {
        try collect(steps: steps, policy: policy, using: &stream, beforeStep: { _, _ in }, afterStep: observe)
    }

    /// ``collect(steps:policy:using:)`` calling `beforeStep(t, self)` before the policy acts at
    /// step t and `afterStep(actions, result)` after the vector step.
    mutating func collect(
        steps: Int, policy: ActorCritic, using stream: inout RandomStream,
        beforeStep: (Int, RolloutCollector) -> Void,
        afterStep: ([Int], VectorStep<Base.Observation>) throws -> Void = { _, _ in }
    ) throws -> Rollout {
        let e = environments.count
        let width = encode(observations[0]).count
        var buffer = RolloutBuffer(stepCount: steps, environmentCount: e, observationSize: width)
        var episodes: [EpisodeStatistics] = []
        for t in 0..<steps {
            beforeStep(t, self)
            let current = observationTensor
            let decision = policy.decide(current, using: &stream)
            buffer.recordDecision(step: t, observations: current, actions: decision.actions, logProbs: decision.logProbs,
                                  values: decision.values)
            let result = try environments.step(decision.actions)
            try afterStep(decision.actions, result)
            var bootstrap = [Float](repeating: 0, count: e)
            let truncatedCopies = (0..<e).filter { result.truncated[$0] && !result.terminated[$0] }
            if !truncatedCopies.isEmpty {
                let finals = truncatedCopies.compactMap { result.finalObservations[$0] }
                precondition(finals.count == truncatedCopies.count, "RolloutCollector: a truncated copy has no final observation")
                let finalValues = withoutGradients {
                    policy.value(VectorEnvironment<Base>.batch(finals, encode: encode))
                }.scalars
                for (slot, copy) in truncatedCopies.enumerated() { bootstrap[copy] = finalValues[slot] }
            }
            buffer.recordOutcome(step: t, rewards: result.rewards.map { Float($0) }, terminated: result.terminated,
                                 truncated: result.truncated, bootstrapValues: bootstrap)
            for copy in 0..<e {
                runningRewards[copy] += result.rewards[copy]
                runningLengths[copy] += 1
                guard result.terminated[copy] || result.truncated[copy] else { continue }
                episodes.append(EpisodeStatistics(environment: copy, totalReward: runningRewards[copy],
                                                  length: runningLengths[copy],
                                                  isSuccess: result.finalInfos[copy]?.isSuccess))
                runningRewards[copy] = 0
                runningLengths[copy] = 0
            }
            observations = result.observations
        }
        let last = observationTensor
        buffer.lastValues = withoutGradients { policy.value(last) }.scalars
        return Rollout(buffer: buffer, episodes: episodes)
    }
}
