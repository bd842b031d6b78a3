import Foundation
import PrismNN
import PrismTensor
import PrismTestSupport
import Testing

/// `Embedding` (table lookup) and `LayerNorm` (normalisation over the last axis).
@Suite struct EmbeddingAndLayerNormTests {
    // MARK: Embedding

    @Test func embeddingRowsAreTableRows() {
        var stream = RandomStream(seed: 1)
        let embedding = Embedding(vocabularySize: 7, width: 3, using: &stream)
        #expect(embedding.weight.shape == [7, 3])
        let ids = [6, 0, 3, 3, 1, 6]
        let y = embedding(ids, shape: [2, 3])
        #expect(y.shape == [2, 3, 3])
        let table = embedding.weight.scalars
        let expected = ids.flatMap { table[($0 * 3)..<($0 * 3 + 3)] }
        #expect(y.scalars.map(\.bitPattern) == expected.map(\.bitPattern))
    }

    @Test func embeddingWithChosenTable() throws {
        var stream = RandomStream(seed: 1)
        var embedding = Embedding(vocabularySize: 3, width: 2, using: &stream)
        try embedding.loadParameters(["weight": TestData.values([0, 1, 10, 11, 20, 21], [3, 2])])
        #expect(embedding([2, 0, 1], shape: [3]).scalars == [20, 21, 0, 1, 10, 11])
        #expect(embedding([1], shape: [1, 1]).shape == [1, 1, 2])
    }

    @Test func embeddingParametersAndInit() {
        var stream = RandomStream(seed: 2)
        let embedding = Embedding(vocabularySize: 64, width: 64, standardDeviation: 0.02, using: &stream)
        #expect(embedding.namedParameters.map(\.name) == ["weight"])
        #expect(embedding.weight.requiresGradient)
        let values = embedding.weight.scalars.map(Double.init)
        let std = (values.reduce(0) { $0 + $1 * $1 } / Double(values.count)).squareRoot()
        #expect(Swift.abs(std / 0.02 - 1) < 0.05, "std \(std)")
    }

    @Test func embeddingGradientScatterAddsIntoRows() {
        var stream = RandomStream(seed: 3)
        let embedding = Embedding(vocabularySize: 4, width: 2, using: &stream)
        let ids = [2, 0, 2]
        let seed = TestData.values([1, 2, 3, 4, 5, 6], [3, 2])
        embedding(ids, shape: [3]).backward(seed)
        // Row 2 receives positions 0 and 2, row 0 position 1, rows 1 and 3 nothing.
        #expect(embedding.weight.gradient?.scalars == [3, 4, 0, 0, 6, 8, 0, 0])
        expectGradients(at: [embedding.weight]) { inputs in
            var layer = embedding
            layer.weight = inputs[0]
            return layer(ids, shape: [3]).squared()
        }
    }

    // MARK: LayerNorm

    /// `(x − mean) / √(var + ε) · gain + bias` per row of the last axis, in Float64.
    func reference(_ x: Tensor, gain: [Float], bias: [Float], epsilon: Double = 1e-5) -> Tensor {
        let width = gain.count
        let values = x.scalars.map(Double.init)
        var result: [Float] = []
        for row in 0..<(x.count / width) {
            let slice = values[(row * width)..<((row + 1) * width)]
            let mean = slice.reduce(0, +) / Double(width)
            let variance = slice.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(width)
            let inverse = 1 / (variance + epsilon).squareRoot()
            for (j, v) in slice.enumerated() { result.append(Float((v - mean) * inverse * Double(gain[j]) + Double(bias[j]))) }
        }
        return Tensor(shape: x.shape, scalars: result)
    }

    @Test func layerNormDefaultsAreUnitGainZeroBias() {
        var norm = LayerNorm(width: 5)
        #expect(norm.weight.scalars == [1, 1, 1, 1, 1])
        #expect(norm.bias.scalars == [0, 0, 0, 0, 0])
        #expect(norm.epsilon == 1e-5)
        #expect(norm.namedParameters.map(\.name) == ["weight", "bias"])
        #expect(norm.parameterCount == 10)
        var names: [String] = []
        norm.visitParameters(prefix: "ln.") { name, _ in names.append(name) }
        #expect(names == ["ln.weight", "ln.bias"])
    }

    @Test func layerNormRowsHaveZeroMeanUnitVariance() {
        let norm = LayerNorm(width: 16)
        let x = TestData.uniform([3, 4, 16], in: -3..<5, seed: 5)
        let y = norm(x)
        #expect(y.shape == [3, 4, 16])
        let values = y.scalars.map(Double.init)
        for row in 0..<12 {
            let slice = values[(row * 16)..<((row + 1) * 16)]
            let mean = slice.reduce(0, +) / 16
            let variance = slice.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 16
            #expect(Swift.abs(mean) < 1e-5, "row \(row) mean \(mean)")
            #expect(Swift.abs(variance - 1) < 1e-5, "row \(row) variance \(variance)")
        }
    }

    @Test func layerNormMatchesHandValues() {
        // x = [1, 2, 3, 4]: mean 2.5, biased variance 1.25; with ε = 1, √2.25 = 1.5.
        let norm = LayerNorm(width: 4, epsilon: 1)
        expectClose(norm(TestData.values([1, 2, 3, 4])), TestData.values([-1, -1.0 / 3, 1.0 / 3, 1]))
        // A constant row normalises to the bias (0 here), not NaN.
        #expect(LayerNorm(width: 3)(TestData.values([2, 2, 2])).scalars == [0, 0, 0])
    }

    @Test func layerNormWithChosenGainAndBias() throws {
        var norm = LayerNorm(width: 6)
        let gain: [Float] = [1, -2, 0.5, 3, 0, 1.5]
        let bias: [Float] = [0.1, 0, -1, 2, 0.25, -0.5]
        try norm.loadParameters(["weight": Tensor(gain), "bias": Tensor(bias)])
        let x = TestData.uniform([2, 3, 6], in: -2..<2, seed: 6)
        expectClose(norm(x), reference(x, gain: gain, bias: bias), absolute: 2e-6, relative: 1e-5)
    }

    @Test func layerNormHonoursEpsilon() {
        let x = TestData.uniform([4, 8], in: -0.01..<0.01, seed: 7)
        let gain = [Float](repeating: 1, count: 8), bias = [Float](repeating: 0, count: 8)
        // With a tiny variance ε matters: ε = 1e-5 and ε = 1e-3 give clearly different outputs.
        expectClose(LayerNorm(width: 8)(x), reference(x, gain: gain, bias: bias, epsilon: 1e-5), absolute: 1e-5, relative: 1e-4)
        expectClose(LayerNorm(width: 8, epsilon: 1e-3)(x), reference(x, gain: gain, bias: bias, epsilon: 1e-3),
                    absolute: 1e-5, relative: 1e-4)
    }

    @Test func layerNormGradients() {
        var norm = LayerNorm(width: 5)
        norm.weight = TestData.uniform([5], in: 0.5..<1.5, seed: 8)
        norm.bias = TestData.uniform([5], seed: 9)
        let x = TestData.uniform([3, 5], in: -2..<2, seed: 10)
        expectGradients(at: [x, norm.weight, norm.bias]) { inputs in
            var layer = norm
            layer.weight = inputs[1]
            layer.bias = inputs[2]
            return layer(inputs[0])
        }
    }
}
