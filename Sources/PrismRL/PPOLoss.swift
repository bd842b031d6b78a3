import Foundation
import PrismTensor

/// The coefficients of the PPO loss; defaults as CleanRL's `ppo.py`.
public struct PPOLossConfiguration: Codable, Sendable, Equatable {
    /// Surrogate clipping coefficient ε (Schulman et al., 2017, Eq. 7); also clips the value loss.
    public var clipCoefficient: Float = 0.2
    /// Whether advantages are normalised per minibatch to mean 0 and (unbiased) std 1.
    public var normalizesAdvantages: Bool = true
    /// Whether the value loss is clipped around the old values.
    public var clipsValueLoss: Bool = true
    /// Weight c_v of the value loss.
    public var valueCoefficient: Float = 0.5
    /// Weight c_ent of the entropy bonus.
    public var entropyCoefficient: Float = 0.01
    /// How the advantages are normalised when the batch mixes polychromic set advantages with
    /// GAE advantages (only read when ``normalizesAdvantages``).
    public var advantageNormalization = AdvantageNormalization.joint
    /// Weight c_KL of the per-state KL penalty to the behaviour policy (polychromic PPO, docs/algorithms.md §2.3
    /// step 6); 0 in standard PPO.
    public var klCoefficient: Float = 0

    /// The CleanRL defaults, with any coefficient overridden.
    public init(clipCoefficient: Float = 0.2, normalizesAdvantages: Bool = true, clipsValueLoss: Bool = true,
                valueCoefficient: Float = 0.5, entropyCoefficient: Float = 0.01, klCoefficient: Float = 0) {
        self.clipCoefficient = clipCoefficient
        self.normalizesAdvantages = normalizesAdvantages
        self.clipsValueLoss = clipsValueLoss
        self.valueCoefficient = valueCoefficient
        self.entropyCoefficient = entropyCoefficient
        self.klCoefficient = klCoefficient
    }
}

/// How a minibatch's advantages are normalised when some are polychromic set advantages A♯
/// (docs/algorithms.md §2.3 pitfalls: one scale for both changes their relative weight).
public enum AdvantageNormalization: String, Codable, Sendable, CaseIterable {
    /// One mean and standard deviation over the whole minibatch (CleanRL): A♯ samples are shifted
    /// by the GAE samples' mean and scaled by a std the GAE samples dominate.
    case joint
    /// Each group by its own statistics: GAE samples to mean 0 and std 1; A♯ samples divided by
    /// their own std without a shift, since A♯ already sums to zero at every rollout state.
    case separate
}

/// What one PPO minibatch loss reports, with CleanRL's meanings.
public struct PPOLossMetrics: Equatable, Sendable {
    /// The clipped surrogate L_pg.
    public var policyLoss: Float
    /// The (clipped) value loss L_v, before its coefficient.
    public var valueLoss: Float
    /// The mean policy entropy H.
    public var entropy: Float
    /// mean(−log r), the k1 estimate of KL(π_old ‖ π_new); may be negative.
    public var oldApproxKL: Float
    /// mean((r − 1) − log r), the k3 estimate of KL(π_old ‖ π_new); never negative.
    public var approxKL: Float
    /// The fraction of samples with |r − 1| > ε.
    public var clipFraction: Float
    /// The mean exact KL(π_β ‖ π_θ) of the penalty term (0 when no penalty is given).
    public var behaviourKL: Float
    /// The share of the policy gradient's per-sample weights |Â| that set-advantage samples
    /// carry: Σ_{A♯}|Â| / Σ|Â| (the surrogate's gradient is mean(Â·∇r), so this is the A♯ part's
    /// weight in it; 0 without set advantages).
    public var setAdvantageShare: Float = 0
}

/// A PPO loss value with its metrics.
public struct PPOLossOutput {
    /// The scalar objective to minimise, on the tape.
    public var loss: Tensor
    /// The detached components.
    public var metrics: PPOLossMetrics
}

/// The PPO objective for one minibatch (Schulman et al., 2017, "Proximal Policy Optimization
/// Algorithms", Eq. 7 and 9), with CleanRL `ppo.py`'s details (docs/algorithms.md §1.1):
///
/// - r = exp(log π_new − log π_old); Â = (A − mean A) / (std A + 1e-8) with the unbiased std, when
///   normalising and the minibatch has more than one sample;
/// - L_pg = mean(max(−Â·r, −Â·clip(r, 1 − ε, 1 + ε)));
/// - L_v = ½·mean(max((V − R)², (V_old + clip(V − V_old, −ε, ε) − R)²)) when clipping, else
///   ½·mean((V − R)²);
/// - L = L_pg − c_ent·mean(H) + c_v·L_v + c_KL·mean(D_KL(π_β ‖ π_θ)).
///
/// - Parameters:
///   - newLogProbs: `[B]` log π_θ(a|s), on the tape.
///   - oldLogProbs: `[B]` log π_old(a|s) recorded at collection (treated as constants).
///   - advantages: `[B]` (constants).
///   - newValues: `[B]` V_θ(s), on the tape.
///   - oldValues: `[B]` values recorded at collection (constants).
///   - returns: `[B]` value targets (constants).
///   - entropy: `[B]` per-state entropy of π_θ, on the tape.
///   - behaviourKL: `[B]` per-state D_KL(π_β ‖ π_θ) for the penalty, or nil for none.
///   - setAdvantageMask: `[B]` true where the advantage is a polychromic set advantage A♯, for
///     ``AdvantageNormalization/separate`` and ``PPOLossMetrics/setAdvantageShare`` (nil: none is).
///   - configuration: the coefficients.
/// - Returns: the loss and its metrics.
public func ppoLoss(
    newLogProbs: Tensor, oldLogProbs: Tensor, advantages: Tensor, newValues: Tensor, oldValues: Tensor,
    returns: Tensor, entropy: Tensor, behaviourKL: Tensor? = nil, setAdvantageMask: [Bool]? = nil,
    configuration: PPOLossConfiguration
) -> PPOLossOutput {
    let b = newLogProbs.count
    for (name, tensor) in [("oldLogProbs", oldLogProbs), ("advantages", advantages), ("newValues", newValues),
                           ("oldValues", oldValues), ("returns", returns), ("entropy", entropy)] {
        precondition(tensor.shape == newLogProbs.shape,
                     "ppoLoss: \(name) has shape \(tensor.shape), newLogProbs \(newLogProbs.shape)")
    }
    precondition(newLogProbs.rank == 1 && b > 0, "ppoLoss: newLogProbs must be a non-empty [B], got \(newLogProbs.shape)")
    let epsilon = configuration.clipCoefficient
    let logRatio = newLogProbs - oldLogProbs.detached
    let ratio = logRatio.exp()

    precondition(setAdvantageMask.map { $0.count == b } ?? true, "ppoLoss: setAdvantageMask needs \(b) entries")
    var a = advantages.detached
    if configuration.normalizesAdvantages && b > 1 {
        if configuration.advantageNormalization == .separate, let mask = setAdvantageMask, mask.contains(true) {
            a = Tensor(separatelyNormalizedAdvantages(a.scalars, setAdvantageMask: mask))
        } else {
            a = (a - a.mean()) / (a.standardDeviation() + 1e-8)
        }
    }
    let unclipped = -a * ratio
    let clipped = -a * ratio.clamped(to: (1 - epsilon)...(1 + epsilon))
    let policyLoss = Tensor.maximum(unclipped, clipped).mean()

    let (vOld, r) = (oldValues.detached, returns.detached)
    let valueLoss: Tensor
    if configuration.clipsValueLoss {
        let vClipped = vOld + (newValues - vOld).clamped(to: -epsilon...epsilon)
        valueLoss = 0.5 * Tensor.maximum((newValues - r).squared(), (vClipped - r).squared()).mean()
    } else {
        valueLoss = 0.5 * (newValues - r).squared().mean()
    }
    let meanEntropy = entropy.mean()
    var loss = policyLoss - configuration.entropyCoefficient * meanEntropy + configuration.valueCoefficient * valueLoss
    var behaviourKLValue: Float = 0
    if let behaviourKL {
        precondition(behaviourKL.shape == newLogProbs.shape,
                     "ppoLoss: behaviourKL has shape \(behaviourKL.shape), newLogProbs \(newLogProbs.shape)")
        let meanKL = behaviourKL.mean()
        behaviourKLValue = meanKL.item
        loss = loss + configuration.klCoefficient * meanKL
    }
    let ratioStatistics = RatioStatistics(logRatios: logRatio.scalars, ratios: ratio.scalars, clipCoefficient: epsilon)
    let metrics = PPOLossMetrics(
        policyLoss: policyLoss.item, valueLoss: valueLoss.item, entropy: meanEntropy.item,
        oldApproxKL: ratioStatistics.oldApproxKL, approxKL: ratioStatistics.approxKL,
        clipFraction: ratioStatistics.clipFraction, behaviourKL: behaviourKLValue,
        setAdvantageShare: setAdvantageMask.map { setAdvantageWeightShare(a.scalars, setAdvantageMask: $0) } ?? 0)
    return PPOLossOutput(loss: loss, metrics: metrics)
}

/// The KL estimates and clip fraction of a minibatch's probability ratios, summed in Double.
///
/// k3 is computed as `expm1(log r) − log r`, which stays ≥ 0 where `(r − 1) − log r` in Float would
/// round below zero for r ≈ 1; the clip fraction uses the ratios the loss itself used.
struct RatioStatistics {
    var oldApproxKL: Float
    var approxKL: Float
    var clipFraction: Float

    init(logRatios: [Float], ratios: [Float], clipCoefficient: Float) {
        var (k1, k3, clipped) = (0.0, 0.0, 0)
        for logRatio in logRatios {
            k1 -= Double(logRatio)
            k3 += Foundation.expm1(Double(logRatio)) - Double(logRatio)
        }
        for ratio in ratios where Swift.abs(ratio - 1) > clipCoefficient { clipped += 1 }
        let n = Double(Swift.max(logRatios.count, 1))
        oldApproxKL = Float(k1 / n)
        approxKL = Float(k3 / n)
        clipFraction = Float(Double(clipped) / n)
    }
}
