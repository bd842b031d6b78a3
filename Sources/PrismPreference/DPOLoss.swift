import PrismTensor

/// The DPO family of preference losses (docs/algorithms.md §3): DPO (Rafailov et al., 2023, Eq. 7), cDPO,
/// robust DPO, hinge, IPO and SimPO, as chosen by `variant` (see ``DPOVariant`` for each formula).
///
/// With ρ(y) = log π_θ(y|x) − log π_ref(y|x), the score of a pair is h = ρ(y_w) − ρ(y_l) on summed
/// log-probs; IPO divides each of the four log-probs by its completion length first (h̄), and
/// SimPO uses avg log π_θ(y_w) − avg log π_θ(y_l) with no reference. The loss is the mean of the
/// per-pair losses. The reference log-probs are constants: no gradient flows into them.
///
/// The metrics follow TRL (docs/algorithms.md §3.4): rewards are β·ρ on summed log-probs and `logps/*` the summed
/// policy log-probs; for reference-free SimPO the rewards are β·avg log π_θ and `logps/*` the
/// averaged log-probs, as TRL's CPO trainer logs them.
///
/// - Parameters:
///   - policyChosen, policyRejected: `[B]` summed completion log-probs of π_θ (completion tokens
///     only, EOS included, padding excluded), on the tape.
///   - referenceChosen, referenceRejected: `[B]` the same sums under π_ref; required by every
///     variant but SimPO, which ignores them.
///   - chosenLengths, rejectedLengths: the `B` completion token counts behind each sum (the
///     number of ones in the completion mask); only IPO and SimPO read them.
///   - variant: the per-pair objective.
///   - beta: β, the inverse temperature of the implicit reward (TRL's default 0.1).
/// - Returns: the scalar loss on the tape and the batch's reward metrics.
public func dpoLoss(
    policyChosen: Tensor, policyRejected: Tensor, referenceChosen: Tensor? = nil, referenceRejected: Tensor? = nil,
    chosenLengths: [Int], rejectedLengths: [Int], variant: DPOVariant = .sigmoid, beta: Float = 0.1
) -> PreferenceLossOutput<PreferenceRewardMetrics> {
    variant.checkCoefficients(beta: beta)
    checkBatch("dpoLoss", [("policyChosen", policyChosen), ("policyRejected", policyRejected)],
               [("chosenLengths", chosenLengths), ("rejectedLengths", rejectedLengths)])
    guard variant.usesReference else {
        let chosen = lengthAveraged(policyChosen, lengths: chosenLengths)
        let rejected = lengthAveraged(policyRejected, lengths: rejectedLengths)
        let loss = variant.pairLosses(scores: chosen - rejected, beta: beta).mean()
        let metrics = PreferenceRewardMetrics(
            chosenRewards: chosen.detached.scaled(by: beta), rejectedRewards: rejected.detached.scaled(by: beta),
            chosenLogProbs: chosen.detached, rejectedLogProbs: rejected.detached)
        return PreferenceLossOutput(loss: loss, metrics: metrics)
    }
    guard let referenceChosen, let referenceRejected else {
        preconditionFailure("dpoLoss: the \(variant) variant needs referenceChosen and referenceRejected")
    }
    checkBatch("dpoLoss", [("policyChosen", policyChosen), ("referenceChosen", referenceChosen),
                           ("referenceRejected", referenceRejected)], [])
    let chosenRatio = policyChosen - referenceChosen.detached
    let rejectedRatio = policyRejected - referenceRejected.detached
    let scores = variant.averagesOverLength
        ? lengthAveraged(chosenRatio, lengths: chosenLengths) - lengthAveraged(rejectedRatio, lengths: rejectedLengths)
        : chosenRatio - rejectedRatio
    let loss = variant.pairLosses(scores: scores, beta: beta).mean()
    let metrics = PreferenceRewardMetrics(
        chosenRewards: chosenRatio.detached.scaled(by: beta), rejectedRewards: rejectedRatio.detached.scaled(by: beta),
        chosenLogProbs: policyChosen.detached, rejectedLogProbs: policyRejected.detached)
    return PreferenceLossOutput(loss: loss, metrics: metrics)
}
