import Foundation
import PrismPreference
import PrismTensor
import PrismTestSupport
import Testing

/// `orpoLoss`: docs/algorithms.md §4.3 invariants 1–6 with exact numbers, both NLL scopes, TRL's metrics (§4.2)
/// and a finite-difference check.
@Suite struct ORPOLossTests {
    let policyChosen = TestData.values([-6, -1.5, -10])
    let policyRejected = TestData.values([-9, -4, -2.5])
    let chosenLengths = [4, 3, 5]
    let rejectedLengths = [3, 2, 5]
    let promptLogProbs = TestData.values([-20, -11, -7.5])
    let promptLengths = [6, 4, 3]

    func loss(lambda: Float, chosen: Tensor? = nil, rejected: Tensor? = nil, scope: ORPONLLScope = .responseOnly)
        -> PreferenceLossOutput<ORPOMetrics>
    {
        orpoLoss(policyChosen: chosen ?? policyChosen, policyRejected: rejected ?? policyRejected,
                 chosenLengths: chosenLengths, rejectedLengths: rejectedLengths, lambda: lambda, nllScope: scope,
                 chosenPromptLogProbs: promptLogProbs, chosenPromptLengths: promptLengths)
    }

    /// The odds-ratio part of the loss, L − L_SFT, for one pair with the given averages and lengths.
    static func oddsRatioTerm(chosenAverage: Double, chosenLength: Int, rejectedAverage: Double, rejectedLength: Int,
                              lambda: Float = 1) -> Float {
        let output = orpoLoss(
            policyChosen: TestData.values([Float(chosenAverage * Double(chosenLength))]),
            policyRejected: TestData.values([Float(rejectedAverage * Double(rejectedLength))]),
            chosenLengths: [chosenLength], rejectedLengths: [rejectedLength], lambda: lambda)
        return output.loss.item - output.metrics.nll
    }

    @Test func invariant1LambdaZeroIsExactlyTheNLL() {
        let output = loss(lambda: 0)
        #expect(output.loss.item == output.metrics.nll)
        expectClose(output.metrics.nll, (6 + 1.5 + 10) / 12)
        var (chosen, rejected) = (policyChosen, policyRejected)
        chosen.requiresGradient = true
        rejected.requiresGradient = true
        loss(lambda: 0, chosen: chosen, rejected: rejected).loss.backward()
        #expect(chosen.gradient?.scalars == [Float](repeating: -1 / Float(12), count: 3))
        #expect(rejected.gradient?.scalars.allSatisfy { $0 == 0 } ?? true)
    }

    @Test(arguments: [Float(0.1), 1])
    func invariant2EqualAveragesGiveLogTwo(lambda: Float) {
        // Averages −2 (−8/4) and −2 (−6/3).
        let output = orpoLoss(policyChosen: TestData.values([-8]), policyRejected: TestData.values([-6]),
                              chosenLengths: [4], rejectedLengths: [3], lambda: lambda)
        expectClose(output.loss.item, 2 + lambda * 0.693_147, absolute: 2e-6)
        expectClose(output.metrics.logOddsRatio, -0.693_147, absolute: 1e-6)
        #expect(output.metrics.logOddsChosen == 0)
        #expect(output.metrics.rewards.accuracy == 0)
    }

    @Test func invariant3HalfAgainstQuarterGivesMinusLogThreeQuarters() {
        // P_w = 0.5 over 3 tokens, P_l = 0.25 over 2: odds 1 and 1/3, log-odds ratio ln 3.
        let output = orpoLoss(policyChosen: TestData.values([Float(3 * Foundation.log(0.5))]),
                              policyRejected: TestData.values([Float(2 * Foundation.log(0.25))]),
                              chosenLengths: [3], rejectedLengths: [2], lambda: 1)
        expectClose(output.loss.item - output.metrics.nll, 0.287_682, absolute: 2e-6)
        expectClose(output.metrics.logOddsRatio, -0.287_682, absolute: 2e-6)
        expectClose(output.metrics.logOddsChosen, 1.098_612, absolute: 2e-6)
        expectClose(output.metrics.nll, 0.693_147, absolute: 1e-6)
    }

    @Test func invariant4AntisymmetryAndMonotonicity() {
        let forward = orpoLoss(policyChosen: TestData.values([-3]), policyRejected: TestData.values([-1.2]),
                               chosenLengths: [2], rejectedLengths: [3], lambda: 1)
        let backward = orpoLoss(policyChosen: TestData.values([-1.2]), policyRejected: TestData.values([-3]),
                                chosenLengths: [3], rejectedLengths: [2], lambda: 1)
        // L_OR = −log_odds_ratio; L_OR(w,l) − L_OR(l,w) = −(log odds(y_w) − log odds(y_l)).
        let difference = -forward.metrics.logOddsRatio + backward.metrics.logOddsRatio
        expectClose(difference, -forward.metrics.logOddsChosen, absolute: 1e-6)
        #expect(backward.metrics.logOddsChosen == -forward.metrics.logOddsChosen)
        var previous = Float.infinity
        for average in stride(from: -4.0, through: -0.05, by: 0.25) {
            let term = Self.oddsRatioTerm(
                chosenAverage: average, chosenLength: 4, rejectedAverage: -1, rejectedLength: 3)
            #expect(term < previous, "L_OR must fall as avg log π(y_w) rises (at \(average))")
            previous = term
        }
    }

    @Test(arguments: [Float(-1e-9), 0])
    func invariant5NearCertainCompletionsStayFinite(average: Float) {
        var chosen = TestData.values([average, -2])
        var rejected = TestData.values([average, average])
        chosen.requiresGradient = true
        rejected.requiresGradient = true
        let output = orpoLoss(policyChosen: chosen, policyRejected: rejected, chosenLengths: [1, 1],
                              rejectedLengths: [1, 1], lambda: 1)
        #expect(output.loss.item.isFinite)
        output.loss.backward()
        let gradients = (chosen.gradient?.scalars ?? [.nan]) + (rejected.gradient?.scalars ?? [.nan])
        #expect(gradients.allSatisfy { $0.isFinite }, "\(gradients)")
        #expect(output.metrics.logOddsRatio.isFinite && output.metrics.logOddsChosen.isFinite)
    }

    @Test func invariant5TheLogOddsOfAlmostCertainCompletionsAreExact() {
        // log odds(−1e-9) = −1e-9 − log(1 − e^−1e-9) ≈ −log(1e-9) = 20.723266 (naive log1p(−exp) gives +inf in Float).
        let output = orpoLoss(policyChosen: TestData.values([-1e-9]), policyRejected: TestData.values([-0.693_147_18]),
                              chosenLengths: [1], rejectedLengths: [1], lambda: 1)
        expectClose(output.metrics.logOddsChosen, 20.723_266, absolute: 1e-4)
    }

    @Test func invariant6TheOddsRatioTermIsLengthInvariant() {
        let once = Self.oddsRatioTerm(chosenAverage: -0.75, chosenLength: 4, rejectedAverage: -1.5, rejectedLength: 2)
        let twice = Self.oddsRatioTerm(chosenAverage: -0.75, chosenLength: 8, rejectedAverage: -1.5, rejectedLength: 4)
        #expect(once == twice)
    }

    @Test func theNLLScopeDecidesWhichTokensL_SFTAverages() {
        let response = loss(lambda: 0.1, scope: .responseOnly)
        let full = loss(lambda: 0.1, scope: .promptAndResponse)
        expectClose(response.metrics.nll, 17.5 / 12)
        expectClose(full.metrics.nll, (17.5 + 38.5) / 25)
        #expect(response.metrics.logOddsRatio == full.metrics.logOddsRatio)
        #expect(response.metrics.rewards == full.metrics.rewards)
        expectClose(full.loss.item - full.metrics.nll, response.loss.item - response.metrics.nll, absolute: 1e-6)

        var prompt = promptLogProbs
        prompt.requiresGradient = true
        orpoLoss(policyChosen: policyChosen, policyRejected: policyRejected, chosenLengths: chosenLengths,
                 rejectedLengths: rejectedLengths, nllScope: .promptAndResponse, chosenPromptLogProbs: prompt,
                 chosenPromptLengths: promptLengths).loss.backward()
        #expect(prompt.gradient?.scalars == [Float](repeating: -1 / Float(25), count: 3))
    }

    @Test func metricsFollowTRL() {
        let output = loss(lambda: 0.5)
        let metrics = output.metrics
        // Averages: chosen [−1.5, −0.5, −2], rejected [−3, −2, −0.5].
        expectClose(metrics.rewards.chosenReward, 0.5 * -4 / 3)
        expectClose(metrics.rewards.rejectedReward, 0.5 * -5.5 / 3)
        expectClose(metrics.rewards.margin, 0.5 * 1.5 / 3)
        expectClose(metrics.rewards.accuracy, 2 / 3)
        expectClose(metrics.rewards.chosenLogProb, -4 / 3)
        expectClose(metrics.rewards.rejectedLogProb, -5.5 / 3)
        func logOdds(_ average: Double) -> Double { average - Foundation.log(-Foundation.expm1(average)) }
        let differences = [(-1.5, -3.0), (-0.5, -2.0), (-2.0, -0.5)].map { logOdds($0.0) - logOdds($0.1) }
        let logSigmoids = differences.map { -Foundation.log1p(Foundation.exp(-$0)) }
        expectClose(metrics.logOddsChosen, Float(differences.reduce(0, +) / 3), absolute: 1e-6)
        expectClose(metrics.logOddsRatio, Float(logSigmoids.reduce(0, +) / 3), absolute: 1e-6)
        expectClose(output.loss.item, metrics.nll - 0.5 * metrics.logOddsRatio, absolute: 1e-6)
        #expect(Set(metrics.scalars().keys) == [
            "rewards/chosen", "rewards/rejected", "rewards/accuracies", "rewards/margins", "logps/chosen",
            "logps/rejected", "nll_loss", "log_odds_ratio", "log_odds_chosen",
        ])
        #expect(metrics.scalars()["nll_loss"] == Double(metrics.nll))
    }

    @Test func accuracyIsStrict() {
        let output = orpoLoss(policyChosen: TestData.values([-4, -3]), policyRejected: TestData.values([-2, -6]),
                              chosenLengths: [2, 1], rejectedLengths: [1, 3], lambda: 0.1)
        // Averages: a tie (−2, −2) and a loss (−3 against −2).
        #expect(output.metrics.rewards.accuracy == 0)
    }

    @Test(arguments: ORPONLLScope.allCases)
    func gradientsMatchFiniteDifferences(scope: ORPONLLScope) {
        expectGradients(at: [policyChosen, policyRejected, promptLogProbs]) { inputs in
            orpoLoss(policyChosen: inputs[0], policyRejected: inputs[1], chosenLengths: chosenLengths,
                     rejectedLengths: rejectedLengths, lambda: 0.5, nllScope: scope, chosenPromptLogProbs: inputs[2],
                     chosenPromptLengths: promptLengths).loss
        }
    }
}
