import PrismTensor

/// The implicit-reward statistics TRL logs for every preference loss (docs/algorithms.md §3.4 and §4.2), each
/// a mean over the pairs of the batch, accumulated in Double.
public struct PreferenceRewardMetrics: Equatable, Sendable {
    /// `rewards/chosen`: the mean reward of the chosen completions.
    public var chosenReward: Float
    /// `rewards/rejected`: the mean reward of the rejected completions.
    public var rejectedReward: Float
    /// `rewards/accuracies`: the fraction of pairs whose chosen reward is strictly greater than
    /// the rejected one, so ties (such as every pair at initialisation) count as wrong.
    public var accuracy: Float
    /// `rewards/margins`: the mean of chosen minus rejected reward.
    public var margin: Float
    /// `logps/chosen`: the mean policy log-prob of the chosen completions.
    public var chosenLogProb: Float
    /// `logps/rejected`: the mean policy log-prob of the rejected completions.
    public var rejectedLogProb: Float

    /// The statistics of per-pair rewards and policy log-probs (all `[B]`, read without gradient).
    init(chosenRewards: Tensor, rejectedRewards: Tensor, chosenLogProbs: Tensor, rejectedLogProbs: Tensor) {
        let (chosen, rejected) = (chosenRewards.scalars, rejectedRewards.scalars)
        chosenReward = Self.mean(chosen)
        rejectedReward = Self.mean(rejected)
        accuracy = Self.mean(zip(chosen, rejected).map { $0 > $1 ? 1 : 0 })
        margin = Self.mean(zip(chosen, rejected).map { $0 - $1 })
        chosenLogProb = Self.mean(chosenLogProbs.scalars)
        rejectedLogProb = Self.mean(rejectedLogProbs.scalars)
    }

    /// The statistics under TRL's metric keys.
    public func scalars() -> [String: Double] {
        [
            "rewards/chosen": Double(chosenReward), "rewards/rejected": Double(rejectedReward),
            "rewards/accuracies": Double(accuracy), "rewards/margins": Double(margin),
            "logps/chosen": Double(chosenLogProb), "logps/rejected": Double(rejectedLogProb),
        ]
    }

    static func mean(_ values: [Float]) -> Float {
        Float(values.reduce(0.0) { $0 + Double($1) } / Double(Swift.max(values.count, 1)))
    }
}
