import PrismTensor

/// A multilayer perceptron: linear layers with an activation between them and none after the
/// last. CleanRL's actor is `MLP(sizes: [obs, 64, 64, actions], activation: .tanh,
/// hiddenInitialization: .orthogonal(gain: √2), outputInitialization: .orthogonal(gain: 0.01))`.
public struct MLP: Layer {
    /// The linear layers, first to last; parameters are named `layers.<i>.weight`.
    public var layers: [Linear]
    /// The activation after every layer but the last.
    public var activation: Activation

    /// Layers of the given `sizes` (input, hidden…, output) drawn from `stream` in order.
    public init(
        sizes: [Int], activation: Activation, hiddenInitialization: Initialization = .kaimingUniform,
        outputInitialization: Initialization? = nil, using stream: inout RandomStream
    ) {
        precondition(sizes.count >= 2, "MLP: needs at least input and output sizes, got \(sizes)")
        layers = []
        for index in 0..<(sizes.count - 1) {
            let isLast = index == sizes.count - 2
            let initialization = isLast ? (outputInitialization ?? hiddenInitialization) : hiddenInitialization
            layers.append(Linear(inputSize: sizes[index], outputSize: sizes[index + 1],
                                 initialization: initialization, using: &stream))
        }
        self.activation = activation
    }

    /// Maps `[..., input]` to `[..., output]`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        var h = x
        for (index, layer) in layers.enumerated() {
            h = layer(h)
            if index < layers.count - 1 { h = activation(h) }
        }
        return h
    }

    /// `layers.0.weight`, `layers.0.bias`, `layers.1.weight`, …
    public mutating func visitParameters(prefix: String, _ visit: (String, inout Tensor) throws -> Void) rethrows {
        for index in layers.indices { try layers[index].visitParameters(prefix: "\(prefix)layers.\(index).", visit) }
    }
}
