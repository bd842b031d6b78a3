import Foundation
import PrismPolicy
import PrismTensor
import PrismTestSupport
import Testing

/// `Categorical`: closed-form log-probabilities, entropy and KL, their gradients, sampling and mode.
@Suite struct CategoricalTests {
    /// Logits log 1, log 2, log 3 (and a shifted copy): probabilities 1/6, 2/6, 3/6.
    let logits = TestData.values([0, Float(log(2.0)), Float(log(3.0)), 5, 5 + Float(log(2.0)), 5 + Float(log(3.0))], [2, 3])

    @Test func logProbabilitiesAreLogSoftmaxGathered() {
        let distribution = Categorical(logits: logits)
        expectClose(distribution.logProbabilities(of: [2, 0]), TestData.values([Float(log(0.5)), Float(log(1.0 / 6))]))
        expectClose(distribution.probabilities, TestData.values([1 / 6, 2 / 6, 3 / 6, 1 / 6, 2 / 6, 3 / 6], [2, 3]))
    }

    @Test func entropyMatchesTheClosedForm() {
        let p = [1.0 / 6, 2.0 / 6, 3.0 / 6]
        let expected = Float(-p.reduce(0) { $0 + $1 * log($1) })
        expectClose(Categorical(logits: logits).entropy(), TestData.values([expected, expected]))
        // Uniform over A actions: log A, the maximum.
        expectClose(Categorical(logits: Tensor.zeros([1, 7])).entropy(), TestData.values([Float(log(7.0))]))
    }

    @Test func klDivergenceMatchesTheClosedFormAndIsZeroToItself() {
        let p = Categorical(logits: logits)
        let q = Categorical(logits: Tensor.zeros([2, 3]))
        let probabilities = [1.0 / 6, 2.0 / 6, 3.0 / 6]
        let expected = Float(probabilities.reduce(0) { $0 + $1 * (log($1) - log(1.0 / 3)) })
        expectClose(p.klDivergence(to: q), TestData.values([expected, expected]))
        expectClose(p.klDivergence(to: p), Tensor.zeros([2]), absolute: 1e-6)
    }

    @Test func modeIsTheFirstLargestLogit() {
        let distribution = Categorical(logits: TestData.values([0, 3, 3, 1, -2, -1, -5, -1], [2, 4]))
        #expect(distribution.mode == [1, 1])
    }

    @Test func samplesFollowTheProbabilitiesAndAreSeeded() {
        let many = Tensor(shape: [20_000, 3], scalars: Array(repeating: logits.scalars[0..<3], count: 20_000).flatMap { $0 })
        var stream = RandomStream(seed: 7)
        let actions = Categorical(logits: many).sample(using: &stream)
        let frequencies: [Float] = (0..<3).map { action in Float(actions.filter { $0 == action }.count) / 20_000 }
        let probabilities: [Float] = [1.0 / 6, 2.0 / 6, 3.0 / 6]
        for (frequency, probability) in zip(frequencies, probabilities) {
            #expect(Swift.abs(frequency - probability) < 0.015, "frequency \(frequency) vs \(probability)")
        }
        var again = RandomStream(seed: 7)
        #expect(Categorical(logits: many).sample(using: &again) == actions)
    }

    @Test func masksNeverSampleAZeroProbabilityAction() {
        var stream = RandomStream(seed: 3)
        let masked = TestData.values([0, -.infinity, 0, -.infinity, -.infinity, 1], [2, 3])
        for _ in 0..<200 {
            let actions = Categorical(logits: masked).sample(using: &stream)
            #expect(actions[0] != 1 && actions[1] == 2)
        }
    }

    @Test func gradientsOfLogProbEntropyAndKLMatchFiniteDifferences() {
        let x = TestData.uniform([3, 4], in: -2..<2, seed: 11)
        let y = TestData.uniform([3, 4], in: -2..<2, seed: 12)
        expectGradients(at: [x]) { Categorical(logits: $0[0]).logProbabilities(of: [3, 0, 2]) }
        expectGradients(at: [x]) { Categorical(logits: $0[0]).entropy() }
        expectGradients(at: [x, y]) { Categorical(logits: $0[0]).klDivergence(to: Categorical(logits: $0[1])) }
    }
}
