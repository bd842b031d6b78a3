import Foundation
import PrismPreference
import PrismTensor
import PrismTestSupport
import Testing

/// Padding and masks at the level of `dpoLoss` (docs/algorithms.md §3.5 invariant 5, §3.6): the inputs are masked
/// sums plus mask counts, so padding changes neither; the summed variants never read the counts and
/// the length-averaged ones read exactly them.
@Suite struct DPOMaskTests {
    /// Per-sequence masked sums and mask counts of per-token log-probs.
    static func masked(_ rows: [[Float]], _ masks: [[Float]]) -> (Tensor, [Int]) {
        let sums = zip(rows, masks).map { row, mask in zip(row, mask).reduce(Float(0)) { $0 + $1.0 * $1.1 } }
        return (TestData.values(sums), masks.map { Int($0.reduce(0, +)) })
    }

    static let chosen: [[Float]] = [[-0.5, -1.25, -0.125], [-2, -0.25]]
    static let rejected: [[Float]] = [[-1.5, -0.75], [-0.5, -3, -1, -0.25]]

    /// The loss on the unpadded rows, and on the same rows padded with garbage log-probs under mask 0.
    static func unpaddedAndPadded(_ variant: DPOVariant) -> (Float, Float) {
        func loss(
            _ chosen: [[Float]], _ chosenMask: [[Float]], _ rejected: [[Float]], _ rejectedMask: [[Float]]
        ) -> Float {
            let (policyChosen, chosenLengths) = masked(chosen, chosenMask)
            let (policyRejected, rejectedLengths) = masked(rejected, rejectedMask)
            return dpoLoss(
                policyChosen: policyChosen, policyRejected: policyRejected,
                referenceChosen: policyChosen * 1.25, referenceRejected: policyRejected * 0.75,
                chosenLengths: chosenLengths, rejectedLengths: rejectedLengths, variant: variant, beta: 0.5
            ).loss.item
        }
        let ones = { (rows: [[Float]]) in rows.map { $0.map { _ in Float(1) } } }
        let pad = { (rows: [[Float]], width: Int) in
            rows.map { $0 + [Float](repeating: -7.5, count: width - $0.count) }
        }
        let padMask = { (rows: [[Float]], width: Int) in
            rows.map { [Float](repeating: 1, count: $0.count) + [Float](repeating: 0, count: width - $0.count) }
        }
        return (loss(chosen, ones(chosen), rejected, ones(rejected)),
                loss(pad(chosen, 6), padMask(chosen, 6), pad(rejected, 6), padMask(rejected, 6)))
    }

    @Test(arguments: [
        DPOVariant.sigmoid, .conservative(labelSmoothing: 0.1), .robust(labelSmoothing: 0.1), .hinge, .ipo,
        .simPO(gamma: 0.5),
    ])
    func paddingUnderTheMaskChangesNothing(variant: DPOVariant) {
        let (unpadded, padded) = Self.unpaddedAndPadded(variant)
        #expect(unpadded == padded)
    }

    @Test(arguments: [DPOVariant.sigmoid, .conservative(labelSmoothing: 0.1), .robust(labelSmoothing: 0.1), .hinge])
    func summedVariantsIgnoreTheLengths(variant: DPOVariant) {
        func loss(_ chosenLengths: [Int], _ rejectedLengths: [Int]) -> Float {
            dpoLoss(policyChosen: TestData.values([-4, -9]), policyRejected: TestData.values([-6, -2]),
                    referenceChosen: TestData.values([-5, -8]), referenceRejected: TestData.values([-5, -3]),
                    chosenLengths: chosenLengths, rejectedLengths: rejectedLengths, variant: variant).loss.item
        }
        #expect(loss([1, 2], [3, 4]) == loss([40, 7], [0, 64]))
    }

    @Test(arguments: [DPOVariant.ipo, .simPO(gamma: 0.5)])
    func lengthAveragedVariantsReadTheCounts(variant: DPOVariant) {
        func loss(_ chosenLengths: [Int]) -> Float {
            dpoLoss(policyChosen: TestData.values([-4, -9]), policyRejected: TestData.values([-6, -2]),
                    referenceChosen: TestData.values([-5, -8]), referenceRejected: TestData.values([-5, -3]),
                    chosenLengths: chosenLengths, rejectedLengths: [2, 2], variant: variant).loss.item
        }
        // Counting two pad positions as tokens (a mask bug) must show up.
        #expect(loss([3, 4]) != loss([5, 6]))
    }

    @Test(arguments: [DPOVariant.ipo, .simPO(gamma: 0.5)])
    func anEmptyCompletionAveragesToZero(variant: DPOVariant) {
        let output = dpoLoss(
            policyChosen: TestData.values([0]), policyRejected: TestData.values([-3]),
            referenceChosen: TestData.values([0]), referenceRejected: TestData.values([-4]),
            chosenLengths: [0], rejectedLengths: [2], variant: variant, beta: 0.5)
        #expect(output.loss.item.isFinite)
        // avg_w = 0, avg_l = −1.5 (IPO: ρ̄_l = 0.5).
        let expected: Float = variant == .ipo ? (-0.5 - 1) * (-0.5 - 1) : Float(Foundation.log1p(Foundation.exp(-0.25)))
        expectClose(output.loss.item, expected, absolute: 2e-6)
    }
}
