import Foundation
import PrismRL
import PrismTensor
import PrismTestSupport
import Testing

/// `ppoLoss`: PPO invariants 1, 2 and 5 of docs/algorithms.md §1.1 with exact numbers, and a gradient check.
@Suite struct PPOLossTests {
    let advantages = TestData.values([0.5, -1.5, 2.0, 0.25, -0.75])
    let oldValues = TestData.values([0.1, 0.2, -0.3, 0.4, 0.0])
    let returns = TestData.values([0.6, -0.1, 0.5, 0.2, 1.0])
    let entropy = TestData.values([1.0, 0.9, 1.1, 0.8, 1.2])

    func loss(newLogProbs: Tensor, oldLogProbs: Tensor, advantages: Tensor? = nil, newValues: Tensor? = nil,
              configuration: PPOLossConfiguration = PPOLossConfiguration()) -> PPOLossOutput {
        ppoLoss(newLogProbs: newLogProbs, oldLogProbs: oldLogProbs, advantages: advantages ?? self.advantages,
                newValues: newValues ?? oldValues, oldValues: oldValues, returns: returns, entropy: entropy,
                configuration: configuration)
    }

    @Test func invariant1FirstMinibatchWithNormalisedAdvantages() {
        let logProbs = TestData.values([-0.5, -1.2, -2.0, -0.1, -0.7])
        let output = loss(newLogProbs: logProbs, oldLogProbs: logProbs)
        #expect(output.metrics.approxKL == 0 && output.metrics.oldApproxKL == 0 && output.metrics.clipFraction == 0)
        #expect(Swift.abs(output.metrics.policyLoss) <= 1e-7)
        // Value loss at V = V_old: clipped equals unclipped, ½·mean((V − R)²).
        let expectedValueLoss: Float = 0.5 * zip(oldValues.scalars, returns.scalars).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / 5
        expectClose(output.metrics.valueLoss, expectedValueLoss)
        let unclipped = loss(newLogProbs: logProbs, oldLogProbs: logProbs,
                             configuration: PPOLossConfiguration(clipsValueLoss: false))
        #expect(unclipped.metrics.valueLoss == output.metrics.valueLoss)
        expectClose(output.metrics.entropy, 1.0)
        expectClose(output.loss.item, output.metrics.policyLoss - 0.01 * 1.0 + 0.5 * expectedValueLoss)
    }

    @Test func invariant1WithoutNormalisationThePolicyLossIsMinusTheMeanAdvantage() {
        let logProbs = TestData.values([-0.5, -1.2, -2.0, -0.1, -0.7])
        let output = loss(newLogProbs: logProbs, oldLogProbs: logProbs,
                          configuration: PPOLossConfiguration(normalizesAdvantages: false))
        expectClose(output.metrics.policyLoss, -(0.5 - 1.5 + 2.0 + 0.25 - 0.75) / 5)
    }

    @Test func normalisationUsesTheUnbiasedStandardDeviation() {
        let logProbs = TestData.values([-0.5, -1.2, -2.0, -0.1, -0.7])
        let shifted = logProbs + TestData.values([0.3, -0.2, 0.1, 0.05, -0.15])
        let a = advantages.scalars
        let mean = a.reduce(0, +) / 5
        let std = (a.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 4).squareRoot()
        let normalised = TestData.values(a.map { ($0 - mean) / (std + 1e-8) })
        let viaFlag = loss(newLogProbs: shifted, oldLogProbs: logProbs)
        let byHand = loss(newLogProbs: shifted, oldLogProbs: logProbs, advantages: normalised,
                          configuration: PPOLossConfiguration(normalizesAdvantages: false))
        expectClose(viaFlag.metrics.policyLoss, byHand.metrics.policyLoss, absolute: 1e-6)
    }

    /// Per-sample clipped surrogate and its gradient with respect to the ratio, through the tape.
    func clipBranch(advantage: Float, ratio: Float) -> (loss: Float, ratioGradient: Float) {
        var newLogProbs = TestData.values([Float(log(Double(ratio)))])
        newLogProbs.requiresGradient = true
        let output = ppoLoss(newLogProbs: newLogProbs, oldLogProbs: TestData.values([0]), advantages: TestData.values([advantage]),
                             newValues: TestData.values([0]), oldValues: TestData.values([0]), returns: TestData.values([0]),
                             entropy: TestData.values([0]),
                             configuration: PPOLossConfiguration(normalizesAdvantages: false, entropyCoefficient: 0))
        output.loss.backward()
        // dL/dr = dL/dlog r / r.
        return (output.metrics.policyLoss, newLogProbs.gradient!.item / ratio)
    }

    @Test func invariant2ClipBranchesAndTheirGradients() {
        let positiveHigh = clipBranch(advantage: 2, ratio: 1.5)
        expectClose(positiveHigh.loss, -1.2 * 2)
        #expect(positiveHigh.ratioGradient == 0)
        let negativeLow = clipBranch(advantage: -2, ratio: 0.5)
        expectClose(negativeLow.loss, -0.8 * -2)
        #expect(negativeLow.ratioGradient == 0)
        let positiveLow = clipBranch(advantage: 2, ratio: 0.5)
        expectClose(positiveLow.loss, -0.5 * 2)
        expectClose(positiveLow.ratioGradient, -2)
        let negativeHigh = clipBranch(advantage: -2, ratio: 1.5)
        expectClose(negativeHigh.loss, -1.5 * -2)
        expectClose(negativeHigh.ratioGradient, 2)
    }

    @Test func clipFractionCountsRatiosOutsideTheTrustRegion() {
        let old = TestData.values([0, 0, 0, 0, 0])
        let new = TestData.values([0.5, -0.5, 0.1, -0.1, 0].map { Float(log(1 + Double($0))) })
        let output = loss(newLogProbs: new, oldLogProbs: old)
        expectClose(output.metrics.clipFraction, 2.0 / 5)
    }

    @Test func invariant5K3IsNeverNegativeWhileK1CanBe() {
        var sawNegativeK1 = false
        for seed in 1...50 {
            let old = TestData.uniform([16], in: -3..<0, seed: UInt64(seed))
            let new = old + TestData.uniform([16], in: -0.5..<0.5, seed: UInt64(seed + 100))
            let metrics = ppoLoss(newLogProbs: new, oldLogProbs: old, advantages: TestData.uniform([16], seed: 3),
                                  newValues: TestData.uniform([16], seed: 4), oldValues: TestData.uniform([16], seed: 5),
                                  returns: TestData.uniform([16], seed: 6), entropy: TestData.uniform([16], seed: 7),
                                  configuration: PPOLossConfiguration()).metrics
            #expect(metrics.approxKL >= 0)
            if metrics.oldApproxKL < 0 { sawNegativeK1 = true }
        }
        #expect(sawNegativeK1)
    }

    @Test func klPenaltyAddsItsWeightedMean() {
        let logProbs = TestData.values([-0.5, -1.2, -2.0, -0.1, -0.7])
        let kl = TestData.values([0.1, 0.0, 0.3, 0.2, 0.4])
        var configuration = PPOLossConfiguration()
        let without = ppoLoss(newLogProbs: logProbs, oldLogProbs: logProbs, advantages: advantages, newValues: oldValues,
                              oldValues: oldValues, returns: returns, entropy: entropy, configuration: configuration)
        configuration.klCoefficient = 0.5
        let with = ppoLoss(newLogProbs: logProbs, oldLogProbs: logProbs, advantages: advantages, newValues: oldValues,
                           oldValues: oldValues, returns: returns, entropy: entropy, behaviourKL: kl, configuration: configuration)
        expectClose(with.metrics.behaviourKL, 0.2)
        expectClose(with.loss.item, without.loss.item + 0.5 * 0.2)
    }

    @Test func gradientOfTheWholeLossMatchesFiniteDifferences() {
        // Points away from the clip boundaries, where the loss is smooth.
        let old = TestData.values([-0.5, -1.2, -2.0, -0.1, -0.7])
        let new = old + TestData.values([0.05, -0.4, 0.3, 0.02, -0.06])
        let newValues = oldValues + TestData.values([0.05, -0.6, 0.4, 0.1, -0.05])
        let kl = TestData.values([0.1, 0.0, 0.3, 0.2, 0.4])
        let configuration = PPOLossConfiguration(klCoefficient: 0.3)
        expectGradients(at: [new, newValues, entropy, kl], step: 1e-3) { inputs in
            ppoLoss(newLogProbs: inputs[0], oldLogProbs: old, advantages: advantages, newValues: inputs[1],
                    oldValues: oldValues, returns: returns, entropy: inputs[2], behaviourKL: inputs[3],
                    configuration: configuration).loss
        }
    }
}
