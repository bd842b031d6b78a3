import Foundation
import PrismTensor

/// The statistics of one OTR batch (docs/algorithms.md §6.2), over the positions the mask keeps.
public struct OTRMetrics: Equatable, Sendable {
    /// The mean ground-truth hit rate q(y*): c_t/K for Monte-Carlo, π'(y*) for the exact form.
    public var hitRate: Float
    /// The mean probability π(y*) of the target under the untempered policy.
    public var targetProbability: Float
    /// The token-mean negative log-likelihood −log π(y*): what `sft` would report as its loss.
    public var negativeLogLikelihood: Float
    /// The fraction of positions where no draw hit the target (always 0 for the exact form unless
    /// π'(y*) underflows).
    public var zeroHitFraction: Float
    /// The mean entropy −Σ π' log π' of the sampling policy.
    public var samplingEntropy: Float
    /// The reward-1 part of the loss, −q(y*)·log π(y*), under the loss's reduction.
    public var positiveLoss: Float
    /// The reward-β part, −β·Σ_{a≠y*} q(a)·log π(a), under the loss's reduction.
    public var betaLoss: Float

    /// The statistics under their metric keys (`otr/…`, and `nll_loss` as ORPO names its NLL).
    public func scalars() -> [String: Double] {
        ["otr/hit_rate": Double(hitRate), "otr/target_prob": Double(targetProbability),
         "nll_loss": Double(negativeLogLikelihood), "otr/zero_hit_fraction": Double(zeroHitFraction),
         "otr/sampling_entropy": Double(samplingEntropy), "otr/loss_positive": Double(positiveLoss),
         "otr/loss_beta": Double(betaLoss)]
    }
}

/// The one-token-rollout loss (Ming et al. 2025, "Guiding Supervised Fine-Tuning of LLMs with
/// Policy Gradient", arXiv 2509.26313; docs/algorithms.md §6.1) for fixed draws: each target token
/// is a one-step episode whose actions a were drawn from π' with frequency q(a), reward
/// R(a, y*) = 1 for the target and β otherwise, so
/// L_t = −[q(y*)·log π(y*) + β·Σ_{a≠y*} q(a)·log π(a)], with π = softmax(z) untempered and q a
/// constant. Positions off `mask` contribute nothing.
///
/// - Parameters:
///   - logits: `[B, T, V]` policy logits on the tape.
///   - targets: the `B·T` target tokens y*, row-major.
///   - mask: `[B, T]` 1 at completion positions, 0 at prompt and padding.
///   - sampling: π' and q at the `B·T` positions (see ``OTRSampling``).
///   - beta: β < 1, the reward of a non-target draw (0: only hits teach; small negative values
///     push drawn wrong tokens down).
///   - reduction: token mean (default, as `sft`) or the paper's per-sequence mean.
/// - Returns: the scalar loss on the tape and the batch's ``OTRMetrics``.
public func otrLoss(
    logits: Tensor, targets: [Int], mask: Tensor, sampling: OTRSampling, beta: Float, reduction: OTRReduction = .token
) -> PreferenceLossOutput<OTRMetrics> {
    precondition(logits.rank == 3, "otrLoss: logits must be [B, T, V], got \(logits.shape)")
    let (rows, width, vocabulary) = (logits.shape[0], logits.shape[1], logits.shape[2])
    let positions = rows * width
    precondition(mask.shape == [rows, width], "otrLoss: mask \(mask.shape) does not match logits \(logits.shape)")
    precondition(targets.count == positions, "otrLoss: \(targets.count) targets for \(positions) positions")
    precondition(sampling.positions == positions && sampling.vocabularySize == vocabulary,
                 "otrLoss: sampling is \(sampling.positions)×\(sampling.vocabularySize), logits \(logits.shape)")
    precondition(beta < 1 && beta.isFinite, "otrLoss: beta must be finite and below 1, got \(beta)")
    let kept = mask.scalars.map { $0 != 0 }
    for (position, target) in targets.enumerated() where kept[position] {
        precondition((0..<vocabulary).contains(target), "otrLoss: target \(target) at position \(position) is outside 0..<\(vocabulary)")
    }
    let weights = OTRWeights(targets: targets, kept: kept, sampling: sampling, beta: beta)
    let logProbabilities = logits.logSoftmax()
    let perPosition = -(Tensor(shape: logits.shape, scalars: weights.all) * logProbabilities).sum(alongAxis: 2)
    let counts = (0..<rows).map { row in kept[(row * width)..<((row + 1) * width)].count(where: { $0 }) }
    let loss = reduce(perPosition, counts: counts, reduction: reduction)
    let metrics = OTRWeights.metrics(
        logProbabilities: logProbabilities.detached.scalars, targets: targets, kept: kept, sampling: sampling,
        beta: beta, rowWeights: reductionWeights(counts: counts, reduction: reduction))
    return PreferenceLossOutput(loss: loss, metrics: metrics)
}

/// The OTR loss with its draws made here from the forward pass's own logits: π' = softmax(z/τ)
/// detached, then K draws per kept position (`.monteCarlo`) or π' itself (`.exact`) as q.
///
/// - Parameters:
///   - temperature: τ of π' (the paper uses τ > 1 to explore).
///   - stream: the source of the Monte-Carlo draws.
/// - SeeAlso: ``otrLoss(logits:targets:mask:sampling:beta:reduction:)`` for the rest.
public func otrLoss(
    logits: Tensor, targets: [Int], mask: Tensor, mode: OTRMode, temperature: Float = 1, beta: Float = 0,
    reduction: OTRReduction = .token, using stream: inout RandomStream
) -> PreferenceLossOutput<OTRMetrics> {
    let sampling = OTRSampling(logits: logits, mode: mode, temperature: temperature, mask: mask.scalars.map { $0 != 0 },
                               using: &stream)
    return otrLoss(logits: logits, targets: targets, mask: mask, sampling: sampling, beta: beta, reduction: reduction)
}

/// `[B, T]` per-position losses reduced as `reduction` says: Σ/Σm (token) or the mean over rows
/// of each row's Σ/T_b (sequence). The token form sums rows first, then the batch, then divides,
/// exactly as `sft` reduces its NLL.
func reduce(_ perPosition: Tensor, counts: [Int], reduction: OTRReduction) -> Tensor {
    let rowSums = perPosition.sum(alongAxis: 1)
    switch reduction {
    case .token:
        return rowSums.sum() / Float(Swift.max(1, counts.reduce(0, +)))
    case .sequence:
        return (rowSums / Tensor(counts.map { Float(Swift.max(1, $0)) })).mean()
    }
}

/// The weight each row's positions carry in the reduced loss.
func reductionWeights(counts: [Int], reduction: OTRReduction) -> [Float] {
    switch reduction {
    case .token:
        let share = 1 / Float(Swift.max(1, counts.reduce(0, +)))
        return counts.map { _ in share }
    case .sequence:
        return counts.map { 1 / Float(Swift.max(1, $0) * Swift.max(1, counts.count)) }
    }
}

/// The constant coefficients of log π(a) in L_t: q(y*) at the target, β·q(a) elsewhere, 0 off
/// the mask.
struct OTRWeights {
    /// Row-major `[B·T·V]`.
    let all: [Float]

    init(targets: [Int], kept: [Bool], sampling: OTRSampling, beta: Float) {
        let vocabulary = sampling.vocabularySize
        var all = [Float](repeating: 0, count: sampling.frequencies.count)
        sampling.frequencies.withUnsafeBufferPointer { q in
            all.withUnsafeMutableBufferPointer { w in
                for position in 0..<sampling.positions where kept[position] {
                    let offset = position * vocabulary
                    if beta != 0 { for v in 0..<vocabulary { w[offset + v] = beta * q[offset + v] } }
                    w[offset + targets[position]] = q[offset + targets[position]]
                }
            }
        }
        self.all = all
    }

    /// ``OTRMetrics`` from the detached log-probabilities, each position's loss parts weighted by
    /// its row's reduction weight.
    static func metrics(logProbabilities: [Float], targets: [Int], kept: [Bool], sampling: OTRSampling, beta: Float,
                        rowWeights: [Float]) -> OTRMetrics {
        let vocabulary = sampling.vocabularySize, width = kept.count / Swift.max(1, rowWeights.count)
        var hit: Double = 0, probability: Double = 0, nll: Double = 0, zeroHits = 0, entropy: Double = 0
        var positive: Double = 0, betaPart: Double = 0, counted = 0
        for position in 0..<sampling.positions where kept[position] {
            let offset = position * vocabulary, target = targets[position]
            let q = Double(sampling.frequencies[offset + target]), logp = Double(logProbabilities[offset + target])
            hit += q
            probability += Foundation.exp(logp)
            nll -= logp
            zeroHits += q == 0 ? 1 : 0
            var others: Double = 0
            for v in 0..<vocabulary {
                let p = Double(sampling.probabilities[offset + v])
                if p > 0 { entropy -= p * Foundation.log(p) }
                if v != target { others += Double(sampling.frequencies[offset + v]) * Double(logProbabilities[offset + v]) }
            }
            let weight = Double(rowWeights[position / width])
            positive -= weight * q * logp
            betaPart -= weight * Double(beta) * others
            counted += 1
        }
        let n = Double(Swift.max(1, counted))
        return OTRMetrics(hitRate: Float(hit / n), targetProbability: Float(probability / n),
                          negativeLogLikelihood: Float(nll / n), zeroHitFraction: Float(Double(zeroHits) / n),
                          samplingEntropy: Float(entropy / n), positiveLoss: Float(positive), betaLoss: Float(betaPart))
    }
}
