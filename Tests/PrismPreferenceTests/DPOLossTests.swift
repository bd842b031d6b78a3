import Foundation
import PrismPreference
import PrismTensor
import PrismTestSupport
import Testing

/// `dpoLoss`: the closed-form values of docs/algorithms.md §3.5 (invariants 1, 2, 4 and 6), the SimPO value of
/// §8.1, and TRL's metric definitions (§3.4).
@Suite struct DPOLossTests {
    static let log2: Float = 0.693_147_2

    /// A batch whose pair i has score h_i, spread over all four log-probs so that neither the
    /// policy nor the reference alone carries it.
    static func pairs(scores: [Float]) -> (Tensor, Tensor, Tensor, Tensor) {
        let policyChosen = scores.indices.map { -5 - Float($0) + 0.75 * scores[$0] }
        let referenceChosen = scores.indices.map { -5 - Float($0) }
        let policyRejected = scores.indices.map { -8 + 0.5 * Float($0) - 0.25 * scores[$0] }
        let referenceRejected = scores.indices.map { -8 + 0.5 * Float($0) }
        return (TestData.values(policyChosen), TestData.values(policyRejected),
                TestData.values(referenceChosen), TestData.values(referenceRejected))
    }

    static func loss(
        scores: [Float], variant: DPOVariant, beta: Float = 0.1
    ) -> PreferenceLossOutput<PreferenceRewardMetrics> {
        let (policyChosen, policyRejected, referenceChosen, referenceRejected) = pairs(scores: scores)
        let lengths = [Int](repeating: 1, count: scores.count)
        return dpoLoss(policyChosen: policyChosen, policyRejected: policyRejected, referenceChosen: referenceChosen,
                       referenceRejected: referenceRejected, chosenLengths: lengths, rejectedLengths: lengths,
                       variant: variant, beta: beta)
    }

    @Test(arguments: [
        (DPOVariant.sigmoid, log2), (.conservative(labelSmoothing: 0.1), log2),
        (.conservative(labelSmoothing: 0.3), log2),
        (.robust(labelSmoothing: 0.1), log2), (.robust(labelSmoothing: 0.3), log2), (.hinge, 1), (.ipo, 25),
    ] as [(DPOVariant, Float)])
    func invariant1PolicyEqualToReference(variant: DPOVariant, expected: Float) {
        let policyChosen = TestData.values([-12.5, -3.25, -20, -7])
        let policyRejected = TestData.values([-9, -14.75, -5.5, -30])
        let output = dpoLoss(
            policyChosen: policyChosen, policyRejected: policyRejected, referenceChosen: policyChosen,
            referenceRejected: policyRejected, chosenLengths: [5, 2, 9, 4], rejectedLengths: [3, 6, 2, 11],
            variant: variant, beta: 0.1)
        expectClose(output.loss.item, expected, absolute: 2e-6)
        let metrics = output.metrics
        #expect(metrics.chosenReward == 0 && metrics.rejectedReward == 0 && metrics.margin == 0)
        #expect(metrics.accuracy == 0, "ties are not wins: accuracy uses a strict >")
        expectClose(metrics.chosenLogProb, (-12.5 - 3.25 - 20 - 7) / 4)
        expectClose(metrics.rejectedLogProb, (-9 - 14.75 - 5.5 - 30) / 4)
    }

    @Test(arguments: [
        (DPOVariant.sigmoid, Float(1), Float(0.644_397)), (.sigmoid, 10, 0.313_262),
        (.conservative(labelSmoothing: 0.1), 10, 0.413_262), (.robust(labelSmoothing: 0.1), 10, 0.188_262),
        (.conservative(labelSmoothing: 0), 10, 0.313_262), (.robust(labelSmoothing: 0), 10, 0.313_262),
        (.hinge, 1, 0.9), (.hinge, 10, 0), (.hinge, 20, 0), (.hinge, -5, 1.5),
    ] as [(DPOVariant, Float, Float)])
    func invariant2ClosedFormValuesAtBetaOneTenth(variant: DPOVariant, score: Float, expected: Float) {
        expectClose(Self.loss(scores: [score], variant: variant).loss.item, expected, absolute: 2e-6)
    }

    @Test func theLossIsTheMeanOverPairs() {
        let expected = (0.644_397 + 0.313_262) / 2 as Float
        expectClose(Self.loss(scores: [1, 10], variant: .sigmoid).loss.item, expected, absolute: 2e-6)
    }

    @Test func ipoAveragesEveryLogProbOverItsCompletionLength() {
        // ρ̄_w = (−6 + 9)/3 = 1, ρ̄_l = (−10 + 10)/5 = 0: (1 − 5)² = 16 (summed log-probs would give (3 − 5)² = 4).
        let output = dpoLoss(
            policyChosen: TestData.values([-6]), policyRejected: TestData.values([-10]),
            referenceChosen: TestData.values([-9]), referenceRejected: TestData.values([-10]),
            chosenLengths: [3], rejectedLengths: [5], variant: .ipo, beta: 0.1)
        expectClose(output.loss.item, 16, absolute: 1e-5)
        // TRL's rewards stay on summed log-probs.
        expectClose(output.metrics.chosenReward, 0.3)
        expectClose(output.metrics.margin, 0.3)
    }

    @Test func ipoIsMinimisedAtHalfInverseBeta() {
        let output = dpoLoss(
            policyChosen: TestData.values([-2]), policyRejected: TestData.values([-10]),
            referenceChosen: TestData.values([-12]), referenceRejected: TestData.values([-10]),
            chosenLengths: [4], rejectedLengths: [7], variant: .ipo, beta: 0.2)
        #expect(output.loss.item == 0)
    }

    @Test(arguments: [DPOVariant.ipo, .simPO(gamma: 0.5)])
    func invariant6LengthAveragedVariantsAreLengthInvariant(variant: DPOVariant) {
        func loss(_ repeats: Float) -> Float {
            dpoLoss(
                policyChosen: TestData.values([-6.5 * repeats, -2 * repeats]),
                policyRejected: TestData.values([-9 * repeats, -4 * repeats]),
                referenceChosen: TestData.values([-7 * repeats, -3 * repeats]),
                referenceRejected: TestData.values([-8 * repeats, -4.5 * repeats]),
                chosenLengths: [3 * Int(repeats), 2 * Int(repeats)],
                rejectedLengths: [4 * Int(repeats), 1 * Int(repeats)],
                variant: variant, beta: 0.5
            ).loss.item
        }
        expectClose(loss(2), loss(1), absolute: 1e-6)
        expectClose(loss(3), loss(1), absolute: 1e-6)
    }

    @Test(arguments: [Float(0.1), 1, 2.5])
    func simPOWithEqualAverageLogProbsIsSoftplusOfGamma(beta: Float) {
        // avg log π(y_w) = −6/3 = avg log π(y_l) = −10/5 = −2: log(1 + e^0.5), for any β.
        let output = dpoLoss(
            policyChosen: TestData.values([-6]), policyRejected: TestData.values([-10]),
            chosenLengths: [3], rejectedLengths: [5], variant: .simPO(gamma: 0.5), beta: beta)
        expectClose(output.loss.item, 0.974_077, absolute: 2e-6)
        #expect(output.metrics.accuracy == 0)
    }

    @Test func simPOIsReferenceFreeAndUsesAveragedRewards() {
        let policyChosen = TestData.values([-4]), policyRejected = TestData.values([-6])
        let withoutReference = dpoLoss(
            policyChosen: policyChosen, policyRejected: policyRejected, chosenLengths: [4], rejectedLengths: [3],
            variant: .simPO(gamma: 0.5), beta: 2.5)
        // −log σ(2.5·(−1 − (−2)) − 0.5) = log(1 + e^−2).
        expectClose(withoutReference.loss.item, 0.126_928, absolute: 2e-6)
        let metrics = withoutReference.metrics
        expectClose(metrics.chosenReward, -2.5)
        expectClose(metrics.rejectedReward, -5)
        expectClose(metrics.margin, 2.5)
        #expect(metrics.accuracy == 1)
        expectClose(metrics.chosenLogProb, -1)
        expectClose(metrics.rejectedLogProb, -2)
        let withReference = dpoLoss(
            policyChosen: policyChosen, policyRejected: policyRejected, referenceChosen: TestData.values([-1]),
            referenceRejected: TestData.values([-50]), chosenLengths: [4], rejectedLengths: [3],
            variant: .simPO(gamma: 0.5), beta: 2.5)
        #expect(withReference.loss.item == withoutReference.loss.item)
        #expect(DPOVariant.simPO().usesReference == false && DPOVariant.ipo.usesReference)
    }

    @Test(arguments: [
        DPOVariant.sigmoid, .conservative(labelSmoothing: 0.2), .robust(labelSmoothing: 0.2), .hinge, .ipo,
    ])
    func invariant4SwappingChosenAndRejectedNegatesTheScore(variant: DPOVariant) {
        let scores: [Float] = [0, 0.5, -3, 12]
        let forward = Self.loss(scores: scores, variant: variant)
        let swapped = Self.loss(scores: scores.map { -$0 }, variant: variant)
        expectClose(swapped.metrics.margin, -forward.metrics.margin, absolute: 1e-6)
        if variant == .sigmoid {
            for h in scores {
                let pair = Self.loss(scores: [h], variant: .sigmoid).loss.item
                    + Self.loss(scores: [-h], variant: .sigmoid).loss.item
                let x = 0.1 * Double(h)
                let closedForm = Foundation.log1p(Foundation.exp(-x)) + Foundation.log1p(Foundation.exp(x))
                expectClose(pair, Float(closedForm), absolute: 2e-6)
                if h == 0 { expectClose(pair, 2 * Self.log2, absolute: 2e-6) } else { #expect(pair > 2 * Self.log2) }
            }
        }
    }

    @Test func metricsFollowTRL() {
        // β = 0.5; pairs: a win, a tie at 0, a loss and a tie at 0.5.
        let output = dpoLoss(
            policyChosen: TestData.values([-2, -5, -7, -1]), policyRejected: TestData.values([-6, -4, -3, -9]),
            referenceChosen: TestData.values([-3, -5, -6, -2]), referenceRejected: TestData.values([-5, -4, -4, -10]),
            chosenLengths: [1, 1, 1, 1], rejectedLengths: [1, 1, 1, 1], variant: .sigmoid, beta: 0.5)
        let metrics = output.metrics
        // chosen rewards 0.5·[1, 0, −1, 1], rejected 0.5·[−1, 0, 1, 1].
        expectClose(metrics.chosenReward, 0.125)
        expectClose(metrics.rejectedReward, 0.125)
        expectClose(metrics.margin, 0)
        #expect(metrics.accuracy == 0.25)
        expectClose(metrics.chosenLogProb, -3.75)
        expectClose(metrics.rejectedLogProb, -5.5)
        let scalars = metrics.scalars()
        #expect(Set(scalars.keys) == ["rewards/chosen", "rewards/rejected", "rewards/accuracies", "rewards/margins",
                                      "logps/chosen", "logps/rejected"])
        #expect(scalars["rewards/accuracies"] == 0.25 && scalars["logps/rejected"] == -5.5)
    }

    @Test func accuracyCountsStrictWinsOnly() {
        let output = Self.loss(scores: [1e-3, 0, -1e-3, 2], variant: .sigmoid)
        #expect(output.metrics.accuracy == 0.5)
    }
}
