import PrismPolicy
import PrismTensor

/// The statistics of one REINFORCE batch.
public struct ReinforceMetrics: Equatable, Sendable {
    /// The mean over rows of the policy-gradient term −A·Σ_t log π.
    public var policyLoss: Float
    /// The mean over rows of the sequence KL estimate Σ_t k_t (before its coefficient).
    public var kl: Float
    /// The mean over rows of the penalty c·Σ_t k_t.
    public var klPenalty: Float
    /// The mean advantage, and its mean absolute value.
    public var advantageMean: Float, advantageAbsoluteMean: Float

    /// The statistics under their metric keys.
    public func scalars() -> [String: Double] {
        ["policy_loss": Double(policyLoss), "kl": Double(kl), "kl_penalty": Double(klPenalty),
         "advantage/mean": Double(advantageMean), "advantage/abs_mean": Double(advantageAbsoluteMean)]
    }
}

/// REINFORCE over generated tokens with a per-token KL penalty to a frozen reference
/// (Williams 1992; the SCoRe objective, Kumar et al. 2024, arXiv 2409.12917, Eq. 2;
/// docs/algorithms.md §7.1):
///
///     L = (1/B) Σ_b [ −A_b · Σ_t m_bt log π(y_bt) + c_b · Σ_t m_bt k_bt ]
///
/// A_b is row b's advantage (a constant), c_b its KL coefficient and k the per-token estimate of
/// KL(π ‖ π_ref). With ``KLEstimator/k3`` the penalty is in the loss: its value and its gradient
/// are 0 where π = π_ref. With ``KLEstimator/k1`` the penalty is the score-function form TRL uses:
/// the constant c_b·Σ_t k1_bt is subtracted from A_b, so the KL acts through log π as a reward.
/// Only tokens under `mask` (the generated ones) are actions: a prompt that contains an earlier
/// turn's answer is context, and no term here treats those tokens as actions.
///
/// - Parameters:
///   - policyLogProbabilities: `[B, T]` log π of each token on the tape, 0 off the mask (e.g.
///     ``SequenceLogProbabilities/perToken``).
///   - referenceLogProbabilities: `[B, T]` the frozen reference's, a constant.
///   - mask: `[B, T]` 1 on generated tokens.
///   - advantages: `B` constants (see ``ReinforceBaseline``).
///   - klCoefficients: `B` values c_b ≥ 0 (per row, so turns can differ).
/// - Returns: the scalar loss on the tape and ``ReinforceMetrics``.
public func reinforceLoss(
    policyLogProbabilities: Tensor, referenceLogProbabilities: Tensor, mask: Tensor, advantages: [Float],
    klCoefficients: [Float], estimator: KLEstimator = .k3
) -> (loss: Tensor, metrics: ReinforceMetrics) {
    precondition(policyLogProbabilities.rank == 2 && policyLogProbabilities.shape == mask.shape
                 && referenceLogProbabilities.shape == mask.shape,
                 "reinforceLoss: policy \(policyLogProbabilities.shape), reference \(referenceLogProbabilities.shape), mask \(mask.shape)")
    let rows = mask.shape[0]
    precondition(advantages.count == rows && klCoefficients.count == rows,
                 "reinforceLoss: \(advantages.count) advantages and \(klCoefficients.count) KL coefficients for \(rows) rows")
    let reference = referenceLogProbabilities.detached
    let perToken = estimator.perToken(policy: policyLogProbabilities, reference: reference, mask: mask)
    let sequenceKL = perToken.sum(alongAxis: 1)
    let klValues = sequenceKL.detached.scalars
    let effective: [Float] = estimator == .k1
        ? zip(advantages, zip(klCoefficients, klValues)).map { $0 - $1.0 * $1.1 } : advantages
    let logLikelihood = Tensor.where(mask, policyLogProbabilities, Tensor.zeros(mask.shape)).sum(alongAxis: 1)
    let policyTerm = -(logLikelihood * Tensor(effective))
    let scale = 1 / Float(max(rows, 1))
    let loss: Tensor
    if estimator == .k3 {
        loss = (policyTerm + sequenceKL * Tensor(klCoefficients)).sum().scaled(by: scale)
    } else {
        loss = policyTerm.sum().scaled(by: scale)
    }
    let policyValues = policyTerm.detached.scalars
    let metrics = ReinforceMetrics(
        policyLoss: policyValues.reduce(0, +) * scale, kl: klValues.reduce(0, +) * scale,
        klPenalty: zip(klCoefficients, klValues).map { $0 * $1 }.reduce(0, +) * scale,
        advantageMean: effective.reduce(0, +) * scale, advantageAbsoluteMean: effective.map(abs).reduce(0, +) * scale)
    return (loss, metrics)
}
