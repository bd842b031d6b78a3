import PrismTensor

/// A fully connected layer `y = x · Wᵀ + b` with PyTorch's parameter layout (`weight` is
/// `[out, in]`), so checkpoints map one to one onto `nn.Linear`.
public struct Linear: Layer {
    /// `[out, in]`.
    public var weight: Tensor
    /// `[out]`, or nil for a layer without bias.
    public var bias: Tensor?

    /// A layer drawn from `stream`. The bias starts at zero for orthogonal init (CleanRL's
    /// `layer_init`) and as PyTorch's U(−1/√in, 1/√in) for the Kaiming default.
    public init(
        inputSize: Int, outputSize: Int, hasBias: Bool = true,
        initialization: Initialization = .kaimingUniform, using stream: inout RandomStream
    ) {
        weight = initialization.makeWeight(outputs: outputSize, inputs: inputSize, using: &stream)
        weight.requiresGradient = true
        guard hasBias else { return }
        var bias: Tensor
        if initialization == .kaimingUniform {
            let bound = 1 / Float(Double(Swift.max(inputSize, 1)).squareRoot())
            bias = Tensor.uniform([outputSize], in: -bound..<bound, using: &stream)
        } else {
            bias = Tensor.zeros([outputSize])
        }
        bias.requiresGradient = true
        self.bias = bias
    }

    /// Applies the layer to `[..., in]`, giving `[..., out]`.
    public func callAsFunction(_ x: Tensor) -> Tensor { Tensor.linear(x, weight: weight, bias: bias) }

    /// `weight`, then `bias`.
    public mutating func visitParameters(prefix: String, _ visit: (String, inout Tensor) throws -> Void) rethrows {
        try visit(prefix + "weight", &weight)
        guard var bias else { return }
        self.bias = nil  // keeps `bias` uniquely referenced, so in-place updates need no copy
        defer { self.bias = bias }
        try visit(prefix + "bias", &bias)
    }
}
