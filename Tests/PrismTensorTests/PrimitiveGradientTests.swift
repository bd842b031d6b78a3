import PrismTensor
import PrismTestSupport
import Testing

/// Every differentiable op against central finite differences, one line each (tinygrad's
/// `helper_test_op` idea), including broadcasting and edge ranges.
@Suite struct PrimitiveGradientTests {
    let a = TestData.uniform([3, 4], seed: 1)
    let b = TestData.uniform([3, 4], seed: 2)
    let positive = TestData.uniform([3, 4], in: 0.5..<2, seed: 3)

    @Test func arithmetic() {
        expectGradients(at: [a, b]) { $0[0] + $0[1] }
        expectGradients(at: [a, b]) { $0[0] - $0[1] }
        expectGradients(at: [a, b]) { $0[0] * $0[1] }
        expectGradients(at: [a, positive]) { $0[0] / $0[1] }
        expectGradients(at: [a]) { -$0[0] }
        expectGradients(at: [a]) { 3 * $0[0] + 2 }
        expectGradients(at: [a]) { 1.5 - $0[0] / 4 }
        expectGradients(at: [positive]) { 2 / $0[0] }
        expectGradients(at: [positive]) { $0[0].raised(to: 3) }
        expectGradients(at: [a]) { $0[0].squared() }
        expectGradients(at: [a, b]) { Tensor.maximum($0[0], $0[1]) }
        expectGradients(at: [a, b]) { Tensor.minimum($0[0], $0[1]) }
    }

    @Test func broadcasting() {
        let row = TestData.uniform([4], seed: 4)
        let column = TestData.uniform([3, 1], seed: 5)
        let cube = TestData.uniform([2, 3, 4], seed: 6)
        let odd = TestData.uniform([2, 1, 4], seed: 7)
        expectGradients(at: [a, row]) { $0[0] + $0[1] }
        expectGradients(at: [row, a]) { $0[0] * $0[1] }
        expectGradients(at: [a, column]) { $0[0] * $0[1] }
        expectGradients(at: [column, a]) { $0[0] - $0[1] }
        expectGradients(at: [cube, column]) { $0[0] * $0[1] }
        expectGradients(at: [odd, column]) { $0[0] * $0[1] }
        expectGradients(at: [a, Tensor(0.7)]) { $0[0] * $0[1] }
        expectGradients(at: [row]) { $0[0].expanded(to: [2, 3, 4]) }
    }

    @Test func unary() {
        expectGradients(at: [a]) { $0[0].exp() }
        expectGradients(at: [positive]) { $0[0].log() }
        expectGradients(at: [positive]) { $0[0].sqrt() }
        expectGradients(at: [a.scaled(by: 3)]) { $0[0].tanh() }
        expectGradients(at: [a.scaled(by: 4)]) { $0[0].sigmoid() }
        expectGradients(at: [positive - 1.25]) { $0[0].relu() }
        expectGradients(at: [a.scaled(by: 3)]) { $0[0].gelu() }
        expectGradients(at: [a.scaled(by: 5)]) { $0[0].softplus() }
        expectGradients(at: [a.scaled(by: 5)]) { $0[0].logSigmoid() }
        expectGradients(at: [positive.scaled(by: -1)]) { $0[0].log1mexp() }
        expectGradients(at: [a.scaled(by: 2)]) { $0[0].clamped(to: -0.8...0.9) }
        expectGradients(at: [positive - 1.25]) { $0[0].abs() }
    }

    @Test func edgeRanges() {
        let large = TestData.values([-80, -30, -12, 12, 30, 80])
        expectGradients(at: [TestData.values([-60, -20, 10, 20, 40, 80])], step: 1e-4) { $0[0].exp() }
        expectGradients(at: [large], step: 1e-4) { $0[0].logSigmoid() }
        expectGradients(at: [large], step: 1e-4) { $0[0].softplus() }
        expectGradients(at: [large], step: 1e-4) { $0[0].sigmoid() }
        expectGradients(at: [large], step: 1e-4) { $0[0].tanh() }
        expectGradients(at: [TestData.values([-50, -20, -5, -0.7, -0.69, -0.1, -0.01])], step: 1e-4) { $0[0].log1mexp() }
    }

    @Test func reductions() {
        let cube = TestData.uniform([2, 3, 4], seed: 8)
        expectGradients(at: [cube]) { $0[0].sum() }
        expectGradients(at: [cube]) { $0[0].sum(alongAxis: 1) }
        expectGradients(at: [cube]) { $0[0].sum(alongAxes: [0, 2], keepingDimensions: true) }
        expectGradients(at: [cube]) { $0[0].mean(alongAxis: -1) }
        expectGradients(at: [cube]) { $0[0].mean() }
        expectGradients(at: [cube]) { $0[0].variance(alongAxis: 2) }
        expectGradients(at: [a]) { $0[0].standardDeviation() }
        expectGradients(at: [cube]) { $0[0].logSumExp(alongAxis: 1) }
        expectGradients(at: [cube]) { $0[0].max(alongAxis: 2) }
        expectGradients(at: [cube]) { $0[0].max(alongAxis: 0, keepingDimensions: true) }
    }

    @Test func movement() {
        let cube = TestData.uniform([2, 3, 4], seed: 9)
        expectGradients(at: [cube]) { $0[0].reshaped(to: [4, -1]) }
        expectGradients(at: [cube]) { $0[0].permuted([2, 0, 1]) }
        expectGradients(at: [cube]) { $0[0].permuted([1, 0, 2]) }
        expectGradients(at: [cube]) { $0[0].transposed() }
        expectGradients(at: [cube]) { $0[0].slice(alongAxis: 1, 1..<3) }
        expectGradients(at: [a, b]) { Tensor.concatenate([$0[0], $0[1]], alongAxis: 1) }
        expectGradients(at: [a, b]) { Tensor.concatenate([$0[0], $0[1], $0[0]], alongAxis: 0) }
        expectGradients(at: [a, b]) { Tensor.stack([$0[0], $0[1]], alongAxis: 1) }
        expectGradients(at: [cube]) { $0[0].expandingShape(at: 1).squeezingShape(at: 1) }
    }

    @Test func indexing() {
        let table = TestData.uniform([5, 3], seed: 10)
        expectGradients(at: [a]) { $0[0].gathering(lastAxis: [3, 0, 3]) }
        expectGradients(at: [a]) { $0[0].takingAlongAxis([2, 0, 1, 1, 0, 2, 2, 2], indexShape: [2, 4], axis: 0) }
        expectGradients(at: [table]) { Tensor.embedding($0[0], indices: [4, 1, 4, 0], indexShape: [2, 2]) }
        expectGradients(at: [table]) { $0[0].rows([4, 1, 4, 0]) }
        expectGradients(at: [TestData.uniform([5], seed: 12)]) { $0[0].rows([2, 2, 0]) }
        expectGradients(at: [TestData.uniform([4, 2, 3], seed: 13)]) { $0[0].rows([3, 0]) }
        let mask = TestData.values([1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 0], [3, 4])
        expectGradients(at: [a, b]) { Tensor.where(mask, $0[0], $0[1]) }
        expectGradients(at: [a, TestData.uniform([4], seed: 11)]) { Tensor.where(mask, $0[0], $0[1]) }
    }

    @Test func matrixProducts() {
        let m = TestData.uniform([3, 5], seed: 12)
        let n = TestData.uniform([5, 2], seed: 13)
        expectGradients(at: [m, n]) { Tensor.matmul($0[0], $0[1]) }
        expectGradients(at: [m, n.transposed()]) { Tensor.matmul($0[0], $0[1], transposeB: true) }
        expectGradients(at: [m.transposed(), n]) { Tensor.matmul($0[0], $0[1], transposeA: true, alpha: 0.5) }
        expectGradients(at: [m.transposed(), n.transposed()]) {
            Tensor.matmul($0[0], $0[1], transposeA: true, transposeB: true)
        }
        let x = TestData.uniform([2, 3, 5], seed: 14)
        let y = TestData.uniform([2, 5, 4], seed: 15)
        expectGradients(at: [x, y]) { Tensor.matmul($0[0], $0[1]) }
        expectGradients(at: [x, x]) { Tensor.matmul($0[0], $0[1], transposeB: true) }
        expectGradients(at: [x, n]) { Tensor.matmul($0[0], $0[1]) }
        expectGradients(at: [x, TestData.uniform([3, 2], seed: 16)]) { Tensor.matmul($0[0], $0[1], transposeA: true) }
    }

    @Test func fusedOps() {
        let logits = TestData.uniform([4, 6], in: -3..<3, seed: 17)
        let scores = TestData.uniform([2, 4, 4], in: -3..<3, seed: 18)
        expectGradients(at: [logits]) { $0[0].softmax() }
        expectGradients(at: [scores]) { $0[0].softmax(causal: true) }
        expectGradients(at: [logits]) { $0[0].logSoftmax() }
        expectGradients(at: [logits]) { Tensor.crossEntropy(logits: $0[0], targets: [5, 0, -1, 2]) }
        let gain = TestData.uniform([6], in: 0.5..<1.5, seed: 19)
        let bias = TestData.uniform([6], seed: 20)
        expectGradients(at: [logits, gain, bias]) { Tensor.layerNorm($0[0], gain: $0[1], bias: $0[2]) }
        let projections = (0..<3).map { TestData.uniform([2, 3, 4], seed: UInt64(21 + $0)) }
        expectGradients(at: projections) { Tensor.causalAttention(query: $0[0], key: $0[1], value: $0[2], headCount: 2) }
        let weight = TestData.uniform([3, 6], seed: 24)
        expectGradients(at: [logits, weight, TestData.uniform([3], seed: 25)]) { Tensor.linear($0[0], weight: $0[1], bias: $0[2]) }
        expectGradients(at: [logits.reshaped(to: [2, 2, 6]), weight]) { Tensor.linear($0[0], weight: $0[1], bias: nil) }
    }
}
