import PrismTensor

/// An element-wise nonlinearity, chosen by name in configs.
public enum Activation: String, Codable, Sendable, CaseIterable {
    case tanh, relu, gelu, sigmoid, identity

    /// Applies the nonlinearity.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        switch self {
        case .tanh: x.tanh()
        case .relu: x.relu()
        case .gelu: x.gelu()
        case .sigmoid: x.sigmoid()
        case .identity: x
        }
    }
}
