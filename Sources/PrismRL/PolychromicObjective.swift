import PrismTensor

/// The polychromic set objective (Hamid et al., 2025, "Polychromic Objectives for Reinforcement
/// Learning", docs/algorithms.md §2.2): `f_poly = ((1/n) Σᵢ Rᵢ) · d`, with the diversity `d` the fraction of
/// distinct signatures in the set (on gridworlds, the set of rooms a trajectory visits).
///
/// It is high only when the set is both successful and diverse. With rewards in [0, 1] the score
/// lies in [0, 1]; n identical successful trajectories score 1/n, n distinct ones 1.
/// - Parameters:
///   - rewards: `[n]` trajectory returns Rᵢ, normalised to [0, 1].
///   - signatures: `[n]` values equal exactly when two trajectories count as the same.
/// - Returns: the set's score.
public func polychromicScore<Signature: Hashable>(rewards: [Double], signatures: [Signature]) -> Double {
    precondition(!rewards.isEmpty && rewards.count == signatures.count,
                 "polychromicScore: \(rewards.count) rewards for \(signatures.count) signatures (need n > 0 of each)")
    let n = Double(rewards.count)
    let meanReward = rewards.reduce(0, +) / n
    let diversity = Double(Set(signatures).count) / n
    return meanReward * diversity
}

/// Forms M sets of n vines out of N (docs/algorithms.md §2.3 step 4): each set is the first n entries of a fresh
/// permutation of `0..<N` drawn from `stream`, so a set never holds a vine twice while different
/// sets may share vines.
/// - Returns: `[M][n]` vine indices.
public func makeVineSets(vineCount: Int, setSize: Int, setCount: Int, using stream: inout RandomStream) -> [[Int]] {
    precondition(setSize > 0 && setSize <= vineCount,
                 "makeVineSets: set size \(setSize) must be in 1...\(vineCount) (the vine count)")
    precondition(setCount > 0, "makeVineSets: set count \(setCount) must be > 0")
    return (0..<setCount).map { _ in Array(stream.permutation(vineCount).prefix(setSize)) }
}

/// The set advantages A♯_g = score_g − mean(score) of the M sets formed at one rollout state
/// (docs/algorithms.md §2.3 step 4; the Monte-Carlo baseline V̂♯ is the mean score). They sum to 0.
///
/// The mean is taken relative to the first score, so equal scores give exactly zero advantages
/// (a plain sum would round, e.g. three scores of 0.4 would leave −5.6e-17 each).
public func setAdvantages(scores: [Double]) -> [Double] {
    precondition(!scores.isEmpty, "setAdvantages: no scores")
    let reference = scores[0]
    let baseline = reference + scores.reduce(0) { $0 + ($1 - reference) } / Double(scores.count)
    return scores.map { $0 - baseline }
}

/// The advantage of each vine: the mean A♯ of the sets that contain it (the empirical marginal set
/// advantage, docs/algorithms.md §2.1 and §2.3 step 5), or nil for a vine in no set.
/// - Parameters:
///   - sets: `[M][n]` vine indices in `0..<vineCount`.
///   - setAdvantages: `[M]`.
/// - Returns: `[N]`.
public func marginalSetAdvantages(sets: [[Int]], setAdvantages: [Double], vineCount: Int) -> [Double?] {
    precondition(sets.count == setAdvantages.count,
                 "marginalSetAdvantages: \(sets.count) sets for \(setAdvantages.count) advantages")
    var sums = [Double](repeating: 0, count: vineCount)
    var counts = [Int](repeating: 0, count: vineCount)
    for (set, advantage) in zip(sets, setAdvantages) {
        for vine in set {
            precondition(vine >= 0 && vine < vineCount, "marginalSetAdvantages: vine \(vine) outside 0..<\(vineCount)")
            sums[vine] += advantage
            counts[vine] += 1
        }
    }
    return (0..<vineCount).map { counts[$0] == 0 ? nil : sums[$0] / Double(counts[$0]) }
}

/// The per-step advantages of each vine under window-W assignment (docs/algorithms.md §2.3 step 5): the vine's
/// set advantage on each of its first min(W, length) actions, which replace GAE there; vines without
/// an advantage get no samples.
/// - Parameters:
///   - vineAdvantages: `[N]` from ``marginalSetAdvantages(sets:setAdvantages:vineCount:)``.
///   - vineLengths: `[N]` numbers of actions of each vine.
///   - window: W ≥ 1.
/// - Returns: `[N][min(W, length)]` (empty for a vine without an advantage).
public func windowedAdvantages(vineAdvantages: [Double?], vineLengths: [Int], window: Int) -> [[Float]] {
    precondition(window >= 1, "windowedAdvantages: window \(window) must be ≥ 1")
    precondition(vineAdvantages.count == vineLengths.count,
                 "windowedAdvantages: \(vineAdvantages.count) advantages for \(vineLengths.count) vines")
    return zip(vineAdvantages, vineLengths).map { advantage, length in
        guard let advantage else { return [] }
        return [Float](repeating: Float(advantage), count: Swift.min(window, length))
    }
}

/// The polychromic advantages at one rollout state: the sets, their scores and advantages, and
/// each vine's marginal advantage.
public struct PolychromicSets: Equatable, Sendable {
    /// `[M][n]` vine indices.
    public var sets: [[Int]]
    /// `[M]` f_poly of each set.
    public var scores: [Double]
    /// `[M]` A♯ of each set.
    public var advantages: [Double]
    /// `[N]` marginal advantage of each vine (nil when in no set).
    public var vineAdvantages: [Double?]

    /// Scores M random sets of n out of `rewards.count` vines (docs/algorithms.md §2.3 step 4), drawing the sets
    /// from `stream` with ``makeVineSets(vineCount:setSize:setCount:using:)``.
    /// - Parameters:
    ///   - rewards: `[N]` vine returns in [0, 1].
    ///   - signatures: `[N]` diversity signatures.
    public init<Signature: Hashable>(rewards: [Double], signatures: [Signature], setSize: Int, setCount: Int,
                                     using stream: inout RandomStream) {
        precondition(rewards.count == signatures.count,
                     "PolychromicSets: \(rewards.count) rewards for \(signatures.count) signatures")
        sets = makeVineSets(vineCount: rewards.count, setSize: setSize, setCount: setCount, using: &stream)
        scores = sets.map { set in
            polychromicScore(rewards: set.map { rewards[$0] }, signatures: set.map { signatures[$0] })
        }
        advantages = setAdvantages(scores: scores)
        vineAdvantages = marginalSetAdvantages(sets: sets, setAdvantages: advantages, vineCount: rewards.count)
    }
}
