import Foundation
import PrismTensor

/// Multi-head causal self-attention (Vaswani et al., 2017, §3.2) with each position attending
/// only to itself and earlier positions.
///
/// Shapes: input `[B, T, D]`; per head `Dh = D / H`; scores `[B, H, T, T]`.
public struct CausalSelfAttention: Layer {
    /// Projections `[D, D]` each, named `query`, `key`, `value`, `output`.
    public var query: Linear, key: Linear, value: Linear, output: Linear
    /// Number of heads H.
    public let headCount: Int

    /// Attention over `width` features split across `headCount` heads.
    public init(width: Int, headCount: Int, initialization: Initialization = .kaimingUniform,
                using stream: inout RandomStream) {
        precondition(width % headCount == 0, "CausalSelfAttention: width \(width) not divisible by \(headCount) heads")
        query = Linear(inputSize: width, outputSize: width, initialization: initialization, using: &stream)
        key = Linear(inputSize: width, outputSize: width, initialization: initialization, using: &stream)
        value = Linear(inputSize: width, outputSize: width, initialization: initialization, using: &stream)
        output = Linear(inputSize: width, outputSize: width, initialization: initialization, using: &stream)
        self.headCount = headCount
    }

    /// softmax(Q Kᵀ / √Dh + causal mask) V, heads concatenated, then the output projection.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        let (batch, length, width) = (x.shape[0], x.shape[1], x.shape[2])
        let headWidth = width / headCount
        func heads(_ projected: Tensor) -> Tensor {  // [B, T, D] → [B, H, T, Dh]
            projected.reshaped(to: [batch, length, headCount, headWidth]).permuted([0, 2, 1, 3])
        }
        let (q, k, v) = (heads(query(x)), heads(key(x)), heads(value(x)))
        let scale = 1 / Float(Double(headWidth).squareRoot())
        let weights = Tensor.matmul(q, k, transposeB: true, alpha: scale).softmax(causal: true)  // [B, H, T, T]
        let mixed = Tensor.matmul(weights, v).permuted([0, 2, 1, 3]).reshaped(to: [batch, length, width])
        return output(mixed)
    }

    /// `query`, `key`, `value`, `output`, each `weight` then `bias`.
    public mutating func visitParameters(prefix: String, _ visit: (String, inout Tensor) throws -> Void) rethrows {
        try query.visitParameters(prefix: prefix + "query.", visit)
        try key.visitParameters(prefix: prefix + "key.", visit)
        try value.visitParameters(prefix: prefix + "value.", visit)
        try output.visitParameters(prefix: prefix + "output.", visit)
    }
}
