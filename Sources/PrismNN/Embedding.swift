import PrismTensor

/// A lookup table mapping token ids to learned `[D]` vectors (PyTorch's `nn.Embedding`).
public struct Embedding: Layer {
    /// `[V, D]`.
    public var weight: Tensor

    /// A `[vocabularySize, width]` table drawn from N(0, standardDeviation²) (PyTorch's default
    /// is 1; GPT-2 uses 0.02).
    public init(vocabularySize: Int, width: Int, standardDeviation: Float = 1, using stream: inout RandomStream) {
        weight = Tensor.normal([vocabularySize, width], standardDeviation: standardDeviation, using: &stream)
        weight.requiresGradient = true
    }

    /// The rows for `ids` (row-major, shape `idShape`): `idShape + [D]`.
    public func callAsFunction(_ ids: [Int], shape idShape: [Int]) -> Tensor {
        Tensor.embedding(weight, indices: ids, indexShape: idShape)
    }

    /// `weight`.
    public mutating func visitParameters(prefix: String, _ visit: (String, inout Tensor) throws -> Void) rethrows {
        try visit(prefix + "weight", &weight)
    }
}
