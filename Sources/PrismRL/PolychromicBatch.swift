/// What ``PolychromicPPO/trainingBatch(rollout:states:standardBatch:policy:environment:encode:discount:reward:signature:using:)``
/// did at one rollout state.
public struct PolychromicStateReport: Sendable {
    /// The rollout step t of the state.
    public var step: Int
    /// The environment copy e of the state.
    public var environment: Int
    /// `[N]` the vines sampled from it.
    public var vines: [Vine]
    /// `[N]` their normalised rewards.
    public var rewards: [Double]
    /// The M sets, their scores, advantages A♯ and each vine's marginal advantage.
    public var sets: PolychromicSets
    /// `[M]` the number of distinct signatures in each set.
    public var distinctSignatureCounts: [Int]
    /// The indices of the rollout samples whose GAE samples the vines replace.
    public var replacedSamples: [Int]
    /// Where the state's vine samples lie in the merged batch.
    public var samples: Range<Int>

    /// `[M]` the diversity d = distinct signatures / n of each set.
    public var diversities: [Double] {
        zip(distinctSignatureCounts, sets.sets).map { Double($0) / Double($1.count) }
    }
}

/// The output of ``PolychromicPPO/trainingBatch(rollout:states:standardBatch:policy:environment:encode:discount:reward:signature:using:)``.
public struct PolychromicBatch: Sendable {
    /// The training batch: kept GAE samples, then vine samples.
    public var batch: PPOBatch
    /// The `polychromic/…` metrics.
    public var metrics: PolychromicMetrics
    /// One report per rollout state, in order.
    public var states: [PolychromicStateReport]
}
