import PrismTensor

/// A pre-LN transformer block (Xiong et al., 2020; GPT-2):
/// `x + attention(norm1(x))`, then `x + down(gelu(up(norm2(x))))` with a 4× hidden width.
public struct TransformerBlock: Layer {
    /// Normalisation before attention.
    public var norm1: LayerNorm
    /// Causal self-attention.
    public var attention: CausalSelfAttention
    /// Normalisation before the feed-forward network.
    public var norm2: LayerNorm
    /// Feed-forward expansion `D → 4D`.
    public var up: Linear
    /// Feed-forward projection `4D → D`.
    public var down: Linear

    /// A block of the given width and head count, drawn from `stream`.
    public init(width: Int, headCount: Int, initialization: Initialization = .kaimingUniform,
                using stream: inout RandomStream) {
        norm1 = LayerNorm(width: width)
        attention = CausalSelfAttention(width: width, headCount: headCount, initialization: initialization, using: &stream)
        norm2 = LayerNorm(width: width)
        up = Linear(inputSize: width, outputSize: 4 * width, initialization: initialization, using: &stream)
        down = Linear(inputSize: 4 * width, outputSize: width, initialization: initialization, using: &stream)
    }

    /// Maps `[B, T, D]` to `[B, T, D]`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        let h = x + attention(norm1(x))
        return h + down(up(norm2(h)).gelu())
    }

    /// `norm1`, `attention`, `norm2`, `up`, `down`.
    public mutating func visitParameters(prefix: String, _ visit: (String, inout Tensor) throws -> Void) rethrows {
        try norm1.visitParameters(prefix: prefix + "norm1.", visit)
        try attention.visitParameters(prefix: prefix + "attention.", visit)
        try norm2.visitParameters(prefix: prefix + "norm2.", visit)
        try up.visitParameters(prefix: prefix + "up.", visit)
        try down.visitParameters(prefix: prefix + "down.", visit)
    }
}
