import Foundation
import PrismPolicy
import PrismRL
import PrismTensor
import PrismTestSupport
import Testing

/// REINFORCE over generated tokens (docs/algorithms.md §7.1, §7.7): the KL terms, the
/// baselines, masking, SCoRe's turn rewards and the self-correction statistics.
@Suite struct TokenReinforceTests {
    // Four rows of five positions; the mask marks generated tokens (row 3 is mostly padding).
    let policy = TestData.uniform([4, 5], in: -3 ..< -0.1, seed: 3)
    let reference = TestData.uniform([4, 5], in: -3 ..< -0.1, seed: 4)
    let mask = TestData.values([0, 1, 1, 1, 0,
                                0, 0, 1, 1, 1,
                                1, 1, 1, 1, 1,
                                0, 1, 0, 0, 0], [4, 5])
    let advantages: [Float] = [1.5, -0.5, 0, 2]
    let coefficients: [Float] = [0.1, 0.1, 0.35, 0.1]

    /// The masked policy values (0 off the mask), as ``SequenceLogProbabilities/perToken`` gives them.
    func masked(_ values: Tensor) -> Tensor { Tensor.where(mask, values, Tensor.zeros(mask.shape)) }

    func gradient(_ estimator: KLEstimator, advantages: [Float]? = nil, reference: Tensor? = nil, values: Tensor? = nil)
        -> (loss: Float, gradient: [Float])
    {
        var leaf = (values ?? policy).detached
        leaf.requiresGradient = true
        let output = reinforceLoss(policyLogProbabilities: masked(leaf), referenceLogProbabilities: reference ?? self.reference,
                                   mask: mask, advantages: advantages ?? self.advantages, klCoefficients: coefficients,
                                   estimator: estimator)
        output.loss.backward()
        return (output.loss.item, leaf.gradient?.scalars ?? [])
    }

    /// Plain REINFORCE: −(1/B) Σ_b A_b Σ_t m log π and its gradient −A_b/B on generated tokens.
    func plain() -> (loss: Float, gradient: [Float]) {
        var loss: Float = 0
        var gradient = [Float](repeating: 0, count: 20)
        for row in 0..<4 {
            for t in 0..<5 where mask.scalars[row * 5 + t] == 1 {
                loss -= advantages[row] * policy.scalars[row * 5 + t] / 4
                gradient[row * 5 + t] = -advantages[row] / 4
            }
        }
        return (loss, gradient)
    }

    @Test(arguments: KLEstimator.allCases)
    func withTheReferenceEqualToThePolicyEveryKLTermIsZero(estimator: KLEstimator) {
        let (loss, gradient) = gradient(estimator, reference: policy)
        let expected = plain()
        expectClose(loss, expected.loss, relative: 1e-6)
        for (a, b) in zip(gradient, expected.gradient) { #expect(abs(a - b) <= 1e-6, "\(a) vs \(b)") }
        let metrics = reinforceLoss(policyLogProbabilities: masked(policy), referenceLogProbabilities: policy, mask: mask,
                                    advantages: advantages, klCoefficients: coefficients, estimator: estimator).metrics
        #expect(metrics.kl == 0 && metrics.klPenalty == 0)
    }

    @Test func withZeroRewardTheOnlyGradientIsTheKLs() {
        // Row 2 plays a first turn whose reward (and so advantage) is 0: its gradient is c·∂k3/∂log π = c(1 − e^{ref − log π})/B.
        let (_, gradient) = gradient(.k3)
        for t in 0..<5 {
            let index = 2 * 5 + t
            let expected = coefficients[2] * (1 - Foundation.exp(reference.scalars[index] - policy.scalars[index])) / 4
            #expect(abs(gradient[index] - expected) <= 1e-6, "position \(t): \(gradient[index]) vs \(expected)")
        }
        // With the reference equal to the policy that gradient is 0 as well.
        let (_, pinned) = self.gradient(.k3, reference: policy)
        #expect(pinned[10..<15].allSatisfy { $0 == 0 })
        // k1 acts as a reward: the row's gradient is −(0 − c·Σ k1)/B on each generated token.
        let (_, k1) = self.gradient(.k1)
        var sequenceKL: Float = 0
        for t in 0..<5 { sequenceKL += policy.scalars[10 + t] - reference.scalars[10 + t] }
        for t in 0..<5 { #expect(abs(k1[10 + t] - coefficients[2] * sequenceKL / 4) <= 1e-6) }
    }

    @Test(arguments: KLEstimator.allCases)
    func paddingAndPromptTokensContributeNothing(estimator: KLEstimator) {
        var changed = policy.scalars, changedReference = reference.scalars
        for index in 0..<20 where mask.scalars[index] == 0 { changed[index] = -7; changedReference[index] = -0.01 }
        let base = gradient(estimator)
        let other = gradient(estimator, reference: TestData.values(changedReference, [4, 5]), values: TestData.values(changed, [4, 5]))
        #expect(base.loss == other.loss)
        for index in 0..<20 where mask.scalars[index] == 0 { #expect(base.gradient[index] == 0 && other.gradient[index] == 0) }
    }

    @Test func k3PenaltyPassesTheGradientCheck() {
        expectGradients(at: [policy]) { inputs in
            reinforceLoss(policyLogProbabilities: masked(inputs[0]), referenceLogProbabilities: reference, mask: mask,
                          advantages: advantages, klCoefficients: coefficients).loss
        }
    }

    @Test func baselines() {
        #expect(ReinforceBaseline.leaveOneOut.advantages([1, 1, 1, 1, 0, 0, 0, 0], groupSize: 4) == [Float](repeating: 0, count: 8))
        #expect(ReinforceBaseline.leaveOneOut.advantages([1, 0, 0, 3], groupSize: 2) == [1, -1, -3, 3])
        let third: Float = -1 / 3
        #expect(ReinforceBaseline.leaveOneOut.advantages([1, 0, 0, 0], groupSize: 4) == [1, third, third, third])
        #expect(ReinforceBaseline.batchMean.advantages([1, 0, 0, 3], groupSize: 2) == [0, -1, -1, 2])
        #expect(ReinforceBaseline.none.advantages([1, 0, 0, 3], groupSize: 2) == [1, 0, 0, 3])
    }

    @Test func shapedRewardTable() {
        let table: [((Float, Float), Float)] = [((0, 1), 11), ((1, 0), -10), ((1, 1), 1), ((0, 0), 0)]
        for ((r1, r2), expected) in table {
            let rewards = SelfCorrectionStage.shapedReward.turnRewards(first: r1, second: r2, alpha: 10)
            #expect(rewards.first == r1 && rewards.second == expected)
            #expect(SelfCorrectionStage.shapedSecondReward(first: r1, second: r2, alpha: 10) == expected)
        }
        // γ = 0: the first turn's reward never depends on the second attempt.
        for r2 in [Float(0), 1] {
            #expect(SelfCorrectionStage.shapedReward.turnRewards(first: 1, second: r2, alpha: 10).first == 1)
            let initialization = SelfCorrectionStage.initialization.turnRewards(first: 1, second: r2, alpha: 10)
            #expect(initialization.first == 0 && initialization.second == r2)
        }
        let stageOne = SelfCorrectionStage.initialization.klCoefficients(beta1: 0.01, beta2: 0.1)
        let stageTwo = SelfCorrectionStage.shapedReward.klCoefficients(beta1: 0.01, beta2: 0.1)
        #expect(stageOne.first == Float(0.01) + Float(0.1) && stageOne.second == 0.01)
        #expect(stageTwo.first == 0.01 && stageTwo.second == 0.01)
    }

    @Test func deltaIsFixedMinusBroken() {
        let correct = ["82", "10", "7", "55", "13", "40"]
        let first = ["82", "11", "7", "54", "13", "40"]
        let second = ["82", "10", "8", "54", "31", "40"]
        let statistics = SelfCorrectionStatistics(first: first, second: second, correct: correct)
        #expect(statistics.accuracyFirst == 4.0 / 6)
        #expect(statistics.accuracySecond == 3.0 / 6)
        #expect(statistics.incorrectToCorrect == 1.0 / 6)
        #expect(statistics.correctToIncorrect == 2.0 / 6)
        #expect(abs(statistics.delta - (statistics.incorrectToCorrect - statistics.correctToIncorrect)) < 1e-15)
        #expect(statistics.changedAnswerRate == 3.0 / 6)
        // Edit distances 0, 1, 1, 0, 2, 0 over lengths 4, 4, 2, 4, 4, 4.
        expectClose(Float(statistics.editDistanceRatio), Float((1.0 / 4 + 1.0 / 2 + 2.0 / 4) / 6))
    }
}
