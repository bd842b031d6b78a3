/// What one polychromic batch reports (docs/algorithms.md §2.3 "Metrics to log"). Means and standard deviations
/// are taken in Double with the population (biased) variance.
public struct PolychromicMetrics: Equatable, Sendable {
    /// The metric key of ``vineStepCount``, which a step budget that counts vines reads.
    public static let vineStepsKey = "polychromic/vine_steps"
    /// `polychromic/set_score_mean`: mean f_poly over the M sets of every rollout state.
    public var setScoreMean: Double
    /// `polychromic/set_score_std`.
    public var setScoreStandardDeviation: Double
    /// `polychromic/diversity_mean`: mean diversity d (distinct signatures / n) over the sets.
    public var diversityMean: Double
    /// `polychromic/fraction_diverse_sets`: the fraction of sets with d > 1/n (at least two
    /// different trajectories).
    public var fractionDiverseSets: Double
    /// `polychromic/advantage_mean`: mean advantage of the vine samples in the batch.
    public var advantageMean: Double
    /// `polychromic/advantage_std`.
    public var advantageStandardDeviation: Double
    /// `polychromic/gae_advantage_std`: standard deviation of the GAE samples kept in the batch,
    /// to compare the two scales PPO's normalisation mixes.
    public var gaeAdvantageStandardDeviation: Double
    /// `polychromic/vines`: vines sampled (p·N).
    public var vineCount: Int
    /// `polychromic/env_restores`: environment copies restored to a rollout state.
    public var environmentRestoreCount: Int
    /// `polychromic/vine_steps`: environment steps spent on vines.
    public var vineStepCount: Int
    /// `polychromic/vine_reward_mean`: mean normalised reward of the vines.
    public var vineRewardMean: Double
    /// `polychromic/vine_samples`: samples the vines added to the batch.
    public var vineSampleCount: Int
    /// `polychromic/replaced_samples`: GAE samples removed from the batch.
    public var replacedSampleCount: Int

    /// The metrics under their `polychromic/…` keys.
    public var scalars: [String: Double] {
        [
            "polychromic/set_score_mean": setScoreMean,
            "polychromic/set_score_std": setScoreStandardDeviation,
            "polychromic/diversity_mean": diversityMean,
            "polychromic/fraction_diverse_sets": fractionDiverseSets,
            "polychromic/advantage_mean": advantageMean,
            "polychromic/advantage_std": advantageStandardDeviation,
            "polychromic/gae_advantage_std": gaeAdvantageStandardDeviation,
            "polychromic/vines": Double(vineCount),
            "polychromic/env_restores": Double(environmentRestoreCount),
            Self.vineStepsKey: Double(vineStepCount),
            "polychromic/vine_reward_mean": vineRewardMean,
            "polychromic/vine_samples": Double(vineSampleCount),
            "polychromic/replaced_samples": Double(replacedSampleCount),
        ]
    }
}

/// The mean and population standard deviation of `values` in Double; NaN for no values.
func meanAndStandardDeviation(_ values: some Collection<Double>) -> (mean: Double, standardDeviation: Double) {
    guard !values.isEmpty else { return (.nan, .nan) }
    let count = Double(values.count)
    let mean = values.reduce(0, +) / count
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / count
    return (mean, variance.squareRoot())
}
