import Foundation
import PrismNN
import PrismTensor
import PrismTestSupport
import Testing

/// `CausalSelfAttention`: hand values, head splitting, causality, prefix consistency, gradients.
@Suite struct AttentionTests {
    /// The bit patterns of row `(b, t)` of a `[B, T, D]` tensor.
    static func row(_ y: Tensor, _ b: Int, _ t: Int) -> [UInt32] {
        let (length, width) = (y.shape[1], y.shape[2])
        let start = (b * length + t) * width
        return y.scalars[start..<(start + width)].map(\.bitPattern)
    }

    /// `x` with row `(b, t)` replaced by `values`.
    static func replacingRow(_ x: Tensor, _ b: Int, _ t: Int, with values: [Float]) -> Tensor {
        var copy = x.detached
        let (length, width) = (x.shape[1], x.shape[2])
        copy.withUnsafeMutableBufferPointer { buffer in
            for j in 0..<width { buffer[(b * length + t) * width + j] = values[j] }
        }
        return copy
    }

    /// A width-2 attention whose four projections are the identity with zero bias.
    func identityAttention(headCount: Int) throws -> CausalSelfAttention {
        var stream = RandomStream(seed: 1)
        var attention = CausalSelfAttention(width: 2, headCount: headCount, using: &stream)
        var values: [String: Tensor] = [:]
        for name in ["query", "key", "value", "output"] {
            values[name + ".weight"] = TestData.values([1, 0, 0, 1], [2, 2])
            values[name + ".bias"] = Tensor.zeros([2])
        }
        try attention.loadParameters(values)
        return attention
    }

    @Test func parameterNamesAndCount() {
        var stream = RandomStream(seed: 1)
        let attention = CausalSelfAttention(width: 8, headCount: 2, using: &stream)
        #expect(attention.namedParameters.map(\.name) == [
            "query.weight", "query.bias", "key.weight", "key.bias",
            "value.weight", "value.bias", "output.weight", "output.bias",
        ])
        #expect(attention.namedParameters.map(\.tensor.shape) == [[8, 8], [8], [8, 8], [8], [8, 8], [8], [8, 8], [8]])
        #expect(attention.parameterCount == 4 * (8 * 8 + 8))
        #expect(attention.headCount == 2)
    }

    @Test func singleHeadHandValues() throws {
        let attention = try identityAttention(headCount: 1)
        // x₀ = [1, 0], x₁ = [0, 1]. Position 0 sees only itself; position 1 has scores
        // [x₁·x₀, x₁·x₁] / √2 = [0, 1/√2], so it outputs p₀·x₀ + p₁·x₁ = [p₀, p₁].
        let y = attention(TestData.values([1, 0, 0, 1], [1, 2, 2]))
        #expect(y.shape == [1, 2, 2])
        let e = Foundation.exp(1 / 2.0.squareRoot())
        expectClose(y, TestData.values([1, 0, Float(1 / (1 + e)), Float(e / (1 + e))], [1, 2, 2]))
    }

    @Test func headsAttendOverTheirOwnColumns() throws {
        let attention = try identityAttention(headCount: 2)
        // Head widths are 1 (scale 1). Head 0 (column 0) at position 1: scores [0·1, 0·0] = [0, 0],
        // so it averages column 0 of v: (1 + 0) / 2. Head 1 (column 1): scores [1·0, 1·1] = [0, 1],
        // so it outputs e/(1 + e) · 1.
        let y = attention(TestData.values([1, 0, 0, 1], [1, 2, 2]))
        let e = Foundation.exp(1.0)
        expectClose(y, TestData.values([1, 0, 0.5, Float(e / (1 + e))], [1, 2, 2]))
    }

    @Test func matchesAReferenceComputation() {
        // softmax(Q Kᵀ / √Dh + causal mask) V per head, heads concatenated, then the output
        // projection: computed here with plain loops in Float64 from the layer's own projections.
        let (batch, length, width, heads) = (2, 4, 6, 3)
        let headWidth = width / heads
        var stream = RandomStream(seed: 14)
        let attention = CausalSelfAttention(width: width, headCount: heads, using: &stream)
        let x = TestData.uniform([batch, length, width], in: -2..<2, seed: 15)
        let (q, k, v) = (attention.query(x).scalars, attention.key(x).scalars, attention.value(x).scalars)
        var mixed = [Float](repeating: 0, count: batch * length * width)
        for b in 0..<batch {
            for h in 0..<heads {
                func at(_ t: Int, _ d: Int) -> Int { (b * length + t) * width + h * headWidth + d }
                for i in 0..<length {
                    let scores = (0...i).map { j in
                        (0..<headWidth).reduce(0.0) { $0 + Double(q[at(i, $1)]) * Double(k[at(j, $1)]) }
                            / Double(headWidth).squareRoot()
                    }
                    let peak = scores.max()!
                    let weights = scores.map { Foundation.exp($0 - peak) }
                    let total = weights.reduce(0, +)
                    for d in 0..<headWidth {
                        let value = (0...i).reduce(0.0) { $0 + weights[$1] / total * Double(v[at($1, d)]) }
                        mixed[at(i, d)] = Float(value)
                    }
                }
            }
        }
        let expected = attention.output(Tensor(shape: x.shape, scalars: mixed))
        expectClose(attention(x), expected, absolute: 1e-5, relative: 1e-4)
    }

    @Test func outputShapeMatchesInput() {
        var stream = RandomStream(seed: 2)
        let attention = CausalSelfAttention(width: 8, headCount: 4, using: &stream)
        for shape in [[1, 1, 8], [2, 5, 8], [3, 7, 8]] {
            #expect(attention(TestData.uniform(shape, seed: 3)).shape == shape)
        }
    }

    @Test func firstPositionIsTheProjectedValue() {
        // Position 0 attends only to itself: y₀ = output(value(x₀)).
        var stream = RandomStream(seed: 2)
        let attention = CausalSelfAttention(width: 8, headCount: 2, using: &stream)
        let x = TestData.uniform([2, 4, 8], seed: 3)
        let y = attention(x)
        let v = attention.output(attention.value(x))
        for b in 0..<2 {
            let start = b * 4 * 8
            expectClose(Tensor(Array(y.scalars[start..<(start + 8)])), Tensor(Array(v.scalars[start..<(start + 8)])),
                        absolute: 1e-6, relative: 1e-5)
        }
    }

    @Test func changingAPositionLeavesEarlierPositionsBitwiseUnchanged() {
        var stream = RandomStream(seed: 4)
        let attention = CausalSelfAttention(width: 8, headCount: 2, using: &stream)
        let x = TestData.uniform([2, 5, 8], seed: 5)
        let base = attention(x)
        let replacement = TestData.uniform([8], in: -2..<2, seed: 6).scalars
        for t in 0..<5 {
            let y = attention(Self.replacingRow(x, 0, t, with: replacement))
            for s in 0..<t { #expect(Self.row(y, 0, s) == Self.row(base, 0, s), "position \(s) changed by position \(t)") }
            #expect(Self.row(y, 0, t) != Self.row(base, 0, t), "position \(t) ignored its own input")
            if t + 1 < 5 { #expect(Self.row(y, 0, 4) != Self.row(base, 0, 4), "last position ignored position \(t)") }
            // The other batch item is untouched.
            for s in 0..<5 { #expect(Self.row(y, 1, s) == Self.row(base, 1, s), "batch 1 changed by batch 0") }
        }
    }

    @Test func prefixGivesTheSameOutputs() {
        // Running on the first t positions gives the first t rows of the full output.
        var stream = RandomStream(seed: 7)
        let attention = CausalSelfAttention(width: 8, headCount: 2, using: &stream)
        let x = TestData.uniform([2, 6, 8], seed: 8)
        let full = attention(x)
        for t in 1...5 {
            expectClose(attention(x.slice(alongAxis: 1, 0..<t)), full.slice(alongAxis: 1, 0..<t),
                        absolute: 1e-6, relative: 1e-5)
        }
    }

    @Test func gradientWithRespectToInput() {
        var stream = RandomStream(seed: 9)
        let attention = CausalSelfAttention(width: 4, headCount: 2, using: &stream)
        let x = TestData.uniform([2, 3, 4], seed: 10)
        expectGradients(at: [x]) { attention($0[0]) }
    }

    @Test func gradientWithRespectToProjections() {
        var stream = RandomStream(seed: 11)
        let template = CausalSelfAttention(width: 4, headCount: 2, using: &stream)
        let x = TestData.uniform([1, 3, 4], in: -2..<2, seed: 12)
        let parameters = template.namedParameters.map(\.tensor)
        expectGradients(at: parameters) { inputs in
            var attention = template
            attention.query.weight = inputs[0]
            attention.query.bias = inputs[1]
            attention.key.weight = inputs[2]
            attention.key.bias = inputs[3]
            attention.value.weight = inputs[4]
            attention.value.bias = inputs[5]
            attention.output.weight = inputs[6]
            attention.output.bias = inputs[7]
            return attention(x)
        }
    }
}
