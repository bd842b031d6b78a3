import PrismEnv
import PrismPolicy
import PrismTensor

/// How an evaluated policy picks its actions.
public enum ActionSelection: String, Sendable, Codable {
    /// The most likely action (the greedy policy).
    case greedy
    /// An action drawn from the policy's distribution.
    case sampled
}

/// One evaluation episode: the seed its environment was reset with and how it went.
public struct EvaluationEpisode: Equatable, Sendable {
    /// The reset seed.
    public var seed: UInt64
    /// The undiscounted sum of its rewards.
    public var totalReward: Double
    /// Its number of steps.
    public var length: Int
    /// Whether its last step reported success (`StepInfo.isSuccess`).
    public var isSuccess: Bool
    /// The infos of its steps (not of the reset), for trajectory signatures.
    public var infos: [StepInfo]
}

/// Success rate, mean return and mean length over a set of episodes.
public struct EpisodeSummary: Equatable, Sendable {
    /// The fraction of successful episodes.
    public var successRate: Double
    /// The mean undiscounted return.
    public var meanReturn: Double
    /// The mean number of steps.
    public var meanLength: Double
    /// The number of episodes.
    public var episodeCount: Int

    /// A summary with the given values.
    public init(successRate: Double, meanReturn: Double, meanLength: Double, episodeCount: Int) {
        self.successRate = successRate
        self.meanReturn = meanReturn
        self.meanLength = meanLength
        self.episodeCount = episodeCount
    }

    /// The summary of `episodes` (all zero when there are none).
    public init(_ episodes: [EvaluationEpisode]) {
        let count = Double(Swift.max(episodes.count, 1))
        successRate = Double(episodes.filter(\.isSuccess).count) / count
        meanReturn = episodes.reduce(0) { $0 + $1.totalReward } / count
        meanLength = Double(episodes.reduce(0) { $0 + $1.length }) / count
        episodeCount = episodes.count
    }
}

/// What ``evaluatePolicy(_:environment:encode:seeds:samplesPerSeed:maxSteps:signature:using:)`` measured.
public struct PolicyEvaluation: Equatable, Sendable {
    /// One greedy episode per seed.
    public var greedy: EpisodeSummary
    /// `samplesPerSeed` sampled episodes per seed.
    public var sampled: EpisodeSummary
    /// pass@k for k = 1 … samplesPerSeed: the unbiased estimate from each seed's sampled
    /// episodes (Chen et al., 2021), averaged over the seeds.
    public var passAtK: [Int: Double]
    /// The mean over seeds of (distinct trajectory signatures among the sampled episodes) /
    /// samplesPerSeed, the set diversity of polychromic PPO (docs/algorithms.md §2.2) measured on the policy.
    public var diversity: Double
    /// The seeds evaluated.
    public var seeds: [UInt64]
}

/// Evaluates `policy` on held-out seeds of an environment (generic over ``Environment``; no
/// concrete environment is named): one greedy episode per seed, and `samplesPerSeed` sampled
/// episodes per seed for the sampled summary, pass@k and trajectory diversity.
///
/// Each environment is a copy of `environment` reset with its seed, so episodes of one seed
/// start from the same state. Actions are drawn from `stream` only for the sampled episodes.
/// - Parameters:
///   - seeds: the held-out reset seeds (keep them disjoint from the training seeds).
///   - samplesPerSeed: n ≥ 1 sampled episodes per seed (pass@k is reported for k ≤ n).
///   - maxSteps: a cap on episode length for environments without a time limit.
///   - signature: equal for two episodes that count as the same trajectory, read from the
///     episode's step infos (on a gridworld the set of rooms visited: `{ Set($0.compactMap(\.roomID)) }`).
/// - Throws: ``EnvironmentError`` if an environment rejects an action.
public func evaluatePolicy<Env: Environment, Signature: Hashable>(
    _ policy: ActorCritic, environment: Env, encode: (Env.Observation) -> [Float], seeds: [UInt64],
    samplesPerSeed: Int, maxSteps: Int = 100_000, signature: ([StepInfo]) -> Signature,
    using stream: inout RandomStream
) throws(EnvironmentError) -> PolicyEvaluation where Env.Action == Int {
    precondition(!seeds.isEmpty, "evaluatePolicy: no seeds")
    precondition(samplesPerSeed >= 1, "evaluatePolicy: samplesPerSeed \(samplesPerSeed) must be ≥ 1")
    let greedy = try playEpisodes(policy, environment: environment, encode: encode, seeds: seeds,
                                  selection: .greedy, maxSteps: maxSteps, using: &stream)
    var sampled: [EvaluationEpisode] = []
    var passSums = [Double](repeating: 0, count: samplesPerSeed)
    var diversitySum = 0.0
    for seed in seeds {
        let episodes = try playEpisodes(policy, environment: environment, encode: encode,
                                        seeds: [UInt64](repeating: seed, count: samplesPerSeed),
                                        selection: .sampled, maxSteps: maxSteps, using: &stream)
        let successes = episodes.filter(\.isSuccess).count
        for k in 1...samplesPerSeed { passSums[k - 1] += passAtK(n: samplesPerSeed, c: successes, k: k) }
        diversitySum += Double(Set(episodes.map { signature($0.infos) }).count) / Double(samplesPerSeed)
        sampled += episodes
    }
    let count = Double(seeds.count)
    return PolicyEvaluation(
        greedy: EpisodeSummary(greedy), sampled: EpisodeSummary(sampled),
        passAtK: Dictionary(uniqueKeysWithValues: passSums.enumerated().map { ($0.offset + 1, $0.element / count) }),
        diversity: diversitySum / count, seeds: seeds)
}

/// Plays one episode per seed in lockstep (one batched forward pass per step), each in a copy of
/// `environment` reset with its seed, until every episode ends or reaches `maxSteps` steps.
/// - Parameter stream: draws one action per running episode per step when `selection` is
///   ``ActionSelection/sampled``; untouched when greedy.
/// - Returns: the episodes, in seed order.
/// - Throws: ``EnvironmentError`` if an environment rejects an action.
public func playEpisodes<Env: Environment>(
    _ policy: ActorCritic, environment: Env, encode: (Env.Observation) -> [Float], seeds: [UInt64],
    selection: ActionSelection, maxSteps: Int = 100_000, using stream: inout RandomStream
) throws(EnvironmentError) -> [EvaluationEpisode] where Env.Action == Int {
    var copies = [Env](repeating: environment, count: seeds.count)
    let first = seeds.indices.map { encode(copies[$0].reset(seed: seeds[$0]).observation) }
    var episodes = seeds.map { EvaluationEpisode(seed: $0, totalReward: 0, length: 0, isSuccess: false, infos: []) }
    guard !seeds.isEmpty else { return episodes }
    var lockstep = LockstepCopies(copies: copies, observations: first)
    for _ in 0..<maxSteps where !lockstep.running.isEmpty {
        try lockstep.step(policy: policy, selection: selection, encode: encode, using: &stream) { move in
            let index = move.copy
            episodes[index].totalReward += move.step.reward
            episodes[index].length += 1
            episodes[index].infos.append(move.step.info)
            if move.step.isDone { episodes[index].isSuccess = move.step.info.isSuccess == true }
            return !move.step.isDone
        }
    }
    return episodes
}
