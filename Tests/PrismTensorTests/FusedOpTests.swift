import PrismTensor
import PrismTestSupport
import Testing

/// Each fused op (one pass forward, one backward) equals the composition of primitives it
/// replaces, in value and in gradient.
@Suite struct FusedOpTests {
    /// Forward values and input gradients of `f` under the weights `Σ wᵢ f(x)ᵢ`.
    func valueAndGradients(_ inputs: [Tensor], _ f: ([Tensor]) -> Tensor) -> (Tensor, [Tensor]) {
        let leaves = inputs.map { input -> Tensor in
            var leaf = input.detached
            leaf.requiresGradient = true
            return leaf
        }
        let output = f(leaves)
        let weights = TestData.uniform(output.shape, seed: 99)
        (output * weights).sum().backward()
        return (output.detached, leaves.map { $0.gradient ?? Tensor.zeros($0.shape) })
    }

    func expectSame(_ inputs: [Tensor], fused: ([Tensor]) -> Tensor, composed: ([Tensor]) -> Tensor) {
        let (fusedValue, fusedGradients) = valueAndGradients(inputs, fused)
        let (composedValue, composedGradients) = valueAndGradients(inputs, composed)
        expectClose(fusedValue, composedValue, absolute: 1e-6, relative: 1e-5)
        for (f, c) in zip(fusedGradients, composedGradients) { expectClose(f, c, absolute: 1e-6, relative: 1e-4) }
    }

    let logits = TestData.uniform([5, 7], in: -4..<4, seed: 3)

    @Test func softmaxEqualsComposition() {
        expectSame([logits], fused: { $0[0].softmax() }) { inputs in
            let shifted = (inputs[0] - inputs[0].max(alongAxis: -1, keepingDimensions: true).detached).exp()
            return shifted / shifted.sum(alongAxis: -1, keepingDimensions: true)
        }
    }

    @Test func causalSoftmaxEqualsMaskedComposition() {
        let scores = TestData.uniform([2, 4, 4], in: -4..<4, seed: 4)
        let mask = Tensor.causalMask(4)
        expectSame([scores], fused: { $0[0].softmax(causal: true) }) { inputs in
            let masked = Tensor.where(mask, inputs[0], Tensor(-Float.infinity))
            let shifted = (masked - masked.max(alongAxis: -1, keepingDimensions: true).detached).exp()
            return shifted / shifted.sum(alongAxis: -1, keepingDimensions: true)
        }
    }

    @Test func logSoftmaxEqualsComposition() {
        expectSame([logits], fused: { $0[0].logSoftmax() }) { $0[0] - $0[0].logSumExp(alongAxis: -1, keepingDimensions: true) }
    }

    @Test func crossEntropyEqualsComposition() {
        let targets = [0, 6, 3, 3, 1]
        expectSame([logits], fused: { Tensor.crossEntropy(logits: $0[0], targets: targets) }) {
            -$0[0].logSoftmax().gathering(lastAxis: targets).mean()
        }
    }

    @Test func crossEntropyIgnoresNegativeTargets() {
        let targets = [0, -1, 3, -1, 1]
        expectSame([logits], fused: { Tensor.crossEntropy(logits: $0[0], targets: targets) }) {
            let kept = Tensor.concatenate([$0[0].slice(alongAxis: 0, 0..<1), $0[0].slice(alongAxis: 0, 2..<3),
                                           $0[0].slice(alongAxis: 0, 4..<5)], alongAxis: 0)
            return -kept.logSoftmax().gathering(lastAxis: [0, 3, 1]).mean()
        }
    }

    @Test func layerNormEqualsComposition() {
        let x = TestData.uniform([2, 3, 8], in: -2..<3, seed: 5)
        let gain = TestData.uniform([8], in: 0.5..<1.5, seed: 6)
        let bias = TestData.uniform([8], seed: 7)
        expectSame([x, gain, bias], fused: { Tensor.layerNorm($0[0], gain: $0[1], bias: $0[2]) }) { inputs in
            let centered = inputs[0] - inputs[0].mean(alongAxis: -1, keepingDimensions: true)
            let variance = centered.squared().mean(alongAxis: -1, keepingDimensions: true)
            return centered / (variance + 1e-5).sqrt() * inputs[1] + inputs[2]
        }
    }

    @Test func causalAttentionEqualsComposition() {
        let (batch, length, width, heads) = (2, 5, 8, 2)
        let inputs = (0..<3).map { TestData.uniform([batch, length, width], in: -2..<2, seed: UInt64(30 + $0)) }
        expectSame(inputs, fused: { Tensor.causalAttention(query: $0[0], key: $0[1], value: $0[2], headCount: heads) }) {
            func split(_ x: Tensor) -> Tensor {
                x.reshaped(to: [batch, length, heads, width / heads]).permuted([0, 2, 1, 3])
            }
            let scores = Tensor.matmul(split($0[0]), split($0[1]).transposed()) / Float(width / heads).squareRoot()
            let masked = Tensor.where(Tensor.causalMask(length), scores, Tensor(-Float.infinity))
            let shifted = (masked - masked.max(alongAxis: -1, keepingDimensions: true).detached).exp()
            let weights = shifted / shifted.sum(alongAxis: -1, keepingDimensions: true)
            return Tensor.matmul(weights, split($0[2])).permuted([0, 2, 1, 3]).reshaped(to: [batch, length, width])
        }
    }
}
