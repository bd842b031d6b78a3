import Foundation
import PrismPolicy
import PrismTensor
import PrismTestSupport
import Testing

/// Label shift, completion masks and reductions of docs/algorithms.md §0, with hand-set logits.
@Suite struct SequenceLogProbabilitiesTests {
    /// Row 0: prompt [1, 0], completion [2, 1]. Row 1: prompt [1], completion [0], then padding.
    let batch = TokenBatch([PromptCompletion(prompt: [1, 0], completion: [2, 1]),
                            PromptCompletion(prompt: [1], completion: [0])])

    static func logs(_ probabilities: [Double]) -> [Float] { probabilities.map { Float(log($0)) } }

    /// Logits `[2, 3, 3]`: each scored position gets a known distribution; positions off the mask
    /// get extreme or infinite values that must not reach the results.
    var logits: Tensor {
        let rows: [[Float]] = [
            [1e4, -1e4, 0], Self.logs([0.25, 0.25, 0.5]), Self.logs([0.1, 0.6, 0.3]),
            Self.logs([0.2, 0.3, 0.5]), [-1e4, 3, 1e4], [-.infinity, 0, 0],
        ]
        return Tensor(shape: [2, 3, 3], scalars: rows.flatMap { $0 })
    }

    @Test func batchShiftsLabelsAndMasksPromptAndPadding() {
        #expect(batch.length == 4)
        #expect(batch.ids == [1, 0, 2, 1, 1, 0, 0, 0])
        #expect(batch.inputIDs == [1, 0, 2, 1, 0, 0])
        #expect(batch.targetIDs == [0, 2, 1, 0, 0, 0])
        #expect(batch.completionMask.scalars == [0, 1, 1, 1, 0, 0])
        #expect(batch.completionCounts == [2, 1])
    }

    @Test func perTokenSumMeanAndCountsAreExact() {
        let values = SequenceLogProbabilities(logits: logits, batch: batch, includingEntropy: true)
        let expected = Self.logs([1, 0.5, 0.6, 0.2, 1, 1])
        expectClose(values.perToken, Tensor(shape: [2, 3], scalars: [0, expected[1], expected[2], expected[3], 0, 0]))
        expectClose(values.sum, Tensor([expected[1] + expected[2], expected[3]]))
        expectClose(values.mean, Tensor([(expected[1] + expected[2]) / 2, expected[3]]))
        #expect(values.counts == [2, 1])
        func entropy(_ p: [Double]) -> Float { Float(-p.reduce(0) { $0 + $1 * log($1) }) }
        expectClose(values.entropy!, Tensor(shape: [2, 3], scalars: [
            0, entropy([0.25, 0.25, 0.5]), entropy([0.1, 0.6, 0.3]), entropy([0.2, 0.3, 0.5]), 0, 0]))
        let tokenMean = (expected[1] + expected[2] + expected[3]) / 3
        expectClose(values.maskedMean(values.perToken), Tensor(tokenMean))
    }

    @Test func temperatureDividesLogitsFirst() {
        let values = SequenceLogProbabilities(logits: logits, batch: batch, temperature: 0.5)
        // softmax(2·log p) ∝ p²: at row 1 position 0, target 0 has 0.04 / (0.04 + 0.09 + 0.25).
        expectClose(values.perToken.slice(alongAxis: 0, 1..<2).slice(alongAxis: 1, 0..<1),
                    Tensor(shape: [1, 1], scalars: [Float(log(0.04 / 0.38))]))
    }

    @Test func emptyCompletionHasZeroSumMeanAndCount() {
        let batch = TokenBatch([PromptCompletion(prompt: [1, 2], completion: []),
                                PromptCompletion(prompt: [1], completion: [2])])
        let values = SequenceLogProbabilities(logits: Tensor.zeros([2, 1, 3]), batch: batch)
        #expect(values.counts == [0, 1])
        #expect(values.sum.scalars[0] == 0 && values.mean.scalars[0] == 0)
        expectClose(values.sum.slice(alongAxis: 0, 1..<2), Tensor([Float(-log(3.0))]))
    }

    @Test func gradientReachesOnlyScoredLogits() {
        var input = logits.map { $0.isFinite ? Swift.min(Swift.max($0, -30), 30) : -30 }
        input.requiresGradient = true
        SequenceLogProbabilities(logits: input, batch: batch).sum.sum().backward()
        let gradient = input.gradient!.scalars
        let scored: Set<Int> = [1, 2, 3]  // (row 0, pos 1), (row 0, pos 2), (row 1, pos 0)
        for position in 0..<6 {
            let row = Array(gradient[(position * 3)..<(position * 3 + 3)])
            if scored.contains(position) {
                #expect(row.contains { $0 != 0 })
                #expect(Swift.abs(row.reduce(0, +)) < 1e-6)
            } else {
                #expect(row == [0, 0, 0])
            }
        }
    }
}
