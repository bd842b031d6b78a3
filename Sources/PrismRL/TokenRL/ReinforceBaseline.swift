/// What REINFORCE subtracts from each sequence's reward to lower the gradient's variance
/// (docs/algorithms.md §7.1); the SCoRe paper does not name one, so it is a choice.
public enum ReinforceBaseline: String, Codable, CaseIterable, Sendable {
    /// A = r.
    case none
    /// A = r − mean of the batch's rewards.
    case batchMean = "batch_mean"
    /// RLOO (Ahmadian et al. 2024, "Back to Basics: Revisiting REINFORCE Style Optimization for
    /// Learning from Human Feedback in LLMs"): with G samples per prompt in consecutive rows,
    /// A_i = r_i − (Σ_{j≠i} r_j)/(G − 1) within each group.
    case leaveOneOut = "leave_one_out"

    /// The advantages of `rewards`; for ``leaveOneOut``, rows `g·G ..< (g+1)·G` form group g.
    /// - Precondition: for ``leaveOneOut``, `groupSize` ≥ 2 divides the row count.
    public func advantages(_ rewards: [Float], groupSize: Int) -> [Float] {
        switch self {
        case .none:
            return rewards
        case .batchMean:
            let mean = rewards.reduce(0, +) / Float(max(rewards.count, 1))
            return rewards.map { $0 - mean }
        case .leaveOneOut:
            precondition(groupSize >= 2 && rewards.count % groupSize == 0,
                         "leave_one_out needs groups of at least 2 that divide \(rewards.count) rows, got \(groupSize)")
            var result = rewards
            for start in stride(from: 0, to: rewards.count, by: groupSize) {
                let group = rewards[start..<(start + groupSize)]
                let total = group.reduce(0, +)
                for i in start..<(start + groupSize) { result[i] = rewards[i] - (total - rewards[i]) / Float(groupSize - 1) }
            }
            return result
        }
    }
}
