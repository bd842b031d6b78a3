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
        output(Tensor.causalAttention(query: query(x), key: key(x), value: value(x), headCount: headCount))
    }

    /// `query`, `key`, `value`, `output`, each `weight` then `bias`.
    public mutating func visitParameters(prefix: String, _ visit: (String, inout Tensor) throws -> Void) rethrows {
        try query.visitParameters(prefix: prefix + "query.", visit)
        try key.visitParameters(prefix: prefix + "key.", visit)
        try value.visitParameters(prefix: prefix + "value.", visit)
        try output.visitParameters(prefix: prefix + "output.", visit)
    }
}
