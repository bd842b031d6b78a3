import PrismPreference
import PrismTensor
import PrismTestSupport
import Testing

/// `dpoLoss` gradients: symmetry (docs/algorithms.md §3.5 invariant 3), constant reference log-probs, and a
/// finite-difference check of every variant.
@Suite struct DPOGradientTests {
    static let sumBased: [DPOVariant] = [
        .sigmoid, .conservative(labelSmoothing: 0.2), .robust(labelSmoothing: 0.2), .hinge,
    ]
    static let everyVariant: [DPOVariant] = sumBased + [.ipo, .simPO(gamma: 0.5)]

    let policyChosen = TestData.values([-12.5, -3.25, -20])
    let policyRejected = TestData.values([-9, -14.75, -5.5])
    let referenceChosen = TestData.values([-13, -6, -18.5])
    let referenceRejected = TestData.values([-10.5, -12, -7])
    let chosenLengths = [5, 2, 9]
    let rejectedLengths = [3, 6, 2]

    /// The gradients of the loss with respect to the chosen and rejected policy log-probs.
    func gradients(_ variant: DPOVariant, beta: Float = 0.1, chosen: Tensor? = nil, rejected: Tensor? = nil)
        -> (chosen: [Float], rejected: [Float])
    {
        var (policyChosen, policyRejected) = (chosen ?? self.policyChosen, rejected ?? self.policyRejected)
        policyChosen.requiresGradient = true
        policyRejected.requiresGradient = true
        dpoLoss(policyChosen: policyChosen, policyRejected: policyRejected, referenceChosen: referenceChosen,
                referenceRejected: referenceRejected, chosenLengths: chosenLengths, rejectedLengths: rejectedLengths,
                variant: variant, beta: beta).loss.backward()
        return (policyChosen.gradient?.scalars ?? [], policyRejected.gradient?.scalars ?? [])
    }

    @Test(arguments: sumBased)
    func invariant3GradientsAreOppositeForSummedVariants(variant: DPOVariant) {
        let (chosen, rejected) = gradients(variant)
        #expect(chosen.count == 3 && rejected.count == 3)
        #expect(chosen.contains { $0 != 0 }, "the test points must not sit where the loss is flat")
        for (c, r) in zip(chosen, rejected) { #expect(c == -r, "\(c) vs \(r)") }
    }

    @Test(arguments: [DPOVariant.ipo, .simPO(gamma: 0.5)])
    func lengthAveragedGradientsAreOppositePerToken(variant: DPOVariant) {
        let (chosen, rejected) = gradients(variant)
        for index in 0..<3 {
            let perTokenChosen = chosen[index] * Float(chosenLengths[index])
            let perTokenRejected = rejected[index] * Float(rejectedLengths[index])
            #expect(perTokenChosen != 0)
            expectClose(perTokenChosen, -perTokenRejected, absolute: 1e-7, relative: 1e-5)
        }
    }

    @Test func sigmoidGradientMagnitudeAtZeroScoreIsHalfBeta() {
        let (chosen, rejected) = gradients(.sigmoid, beta: 0.1, chosen: referenceChosen, rejected: referenceRejected)
        // ∂/∂logπ(y_w) of −log σ(βh) is −β σ(−βh) = −β/2 per pair; the mean over 3 pairs divides by 3.
        for (c, r) in zip(chosen, rejected) {
            expectClose(c, -0.05 / 3, absolute: 1e-8)
            expectClose(r, 0.05 / 3, absolute: 1e-8)
        }
    }

    @Test(arguments: everyVariant)
    func referenceLogProbsReceiveNoGradient(variant: DPOVariant) {
        var (referenceChosen, referenceRejected) = (self.referenceChosen, self.referenceRejected)
        referenceChosen.requiresGradient = true
        referenceRejected.requiresGradient = true
        var policyChosen = self.policyChosen
        policyChosen.requiresGradient = true
        dpoLoss(policyChosen: policyChosen, policyRejected: policyRejected, referenceChosen: referenceChosen,
                referenceRejected: referenceRejected, chosenLengths: chosenLengths, rejectedLengths: rejectedLengths,
                variant: variant).loss.backward()
        #expect(policyChosen.gradient != nil)
        #expect(referenceChosen.gradient == nil && referenceRejected.gradient == nil)
    }

    @Test(arguments: everyVariant)
    func gradientsMatchFiniteDifferences(variant: DPOVariant) {
        let beta: Float = variant == .simPO(gamma: 0.5) ? 2.5 : 0.1
        expectGradients(at: [policyChosen, policyRejected]) { inputs in
            dpoLoss(policyChosen: inputs[0], policyRejected: inputs[1], referenceChosen: referenceChosen,
                    referenceRejected: referenceRejected, chosenLengths: chosenLengths,
                    rejectedLengths: rejectedLengths, variant: variant, beta: beta).loss
        }
    }
}
