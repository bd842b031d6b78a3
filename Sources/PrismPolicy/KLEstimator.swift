import PrismTensor

/// Per-token estimators of `KL(π ‖ π_ref)` from the log-probabilities of sampled tokens
/// (Schulman, "Approximating KL Divergence", 2020; TRL's `kl_estimator`). With
/// `log r = log π_ref − log π`:
/// - ``k1``: `−log r`, unbiased, can be negative per token;
/// - ``k3``: `(r − 1) − log r`, unbiased and ≥ 0 per token.
public enum KLEstimator: String, Codable, Sendable, CaseIterable {
    /// `−log r = log π − log π_ref`.
    case k1
    /// `(r − 1) − log r`.
    case k3

    /// The estimate at every position, `policy` and `reference` being per-token log-probabilities
    /// of the same tokens (e.g. ``SequenceLogProbabilities/perToken``); positions where `mask` is
    /// 0 are exactly 0. Differentiable in both inputs.
    public func perToken(policy: Tensor, reference: Tensor, mask: Tensor) -> Tensor {
        precondition(policy.shape == reference.shape && policy.shape == mask.shape,
                     "KLEstimator: shapes \(policy.shape), \(reference.shape), \(mask.shape) differ")
        let logRatio = reference - policy
        let estimate: Tensor = switch self {
        case .k1: -logRatio
        case .k3: logRatio.exp() - 1 - logRatio
        }
        return Tensor.where(mask, estimate, Tensor.zeros(mask.shape))
    }
}
