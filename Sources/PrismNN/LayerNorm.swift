import PrismTensor

/// Layer normalisation over the last axis (Ba et al., 2016), PyTorch's `nn.LayerNorm(D)`:
/// gain (`weight`) starts at 1, `bias` at 0, ε = 1e-5. Fused forward and backward.
public struct LayerNorm: Layer {
    /// The gain γ, `[D]`.
    public var weight: Tensor
    /// The shift β, `[D]`.
    public var bias: Tensor
    /// Added to the variance before the square root.
    public var epsilon: Float

    /// A fresh normalisation over `width` features.
    public init(width: Int, epsilon: Float = 1e-5) {
        weight = Tensor.ones([width])
        weight.requiresGradient = true
        bias = Tensor.zeros([width])
        bias.requiresGradient = true
        self.epsilon = epsilon
    }

    /// Normalises `[..., D]`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        Tensor.layerNorm(x, gain: weight, bias: bias, epsilon: epsilon)
    }

    /// `weight`, then `bias`.
    public mutating func visitParameters(prefix: String, _ visit: (String, inout Tensor) throws -> Void) rethrows {
        try visit(prefix + "weight", &weight)
        try visit(prefix + "bias", &bias)
    }
}
