import PrismTensor

/// A module with trainable parameters that it lists itself, by name, in a fixed order.
///
/// Names follow the module tree, dot-separated (`blocks.0.attention.query.weight`), like PyTorch
/// state dicts, so checkpoints are stable and a PyTorch twin of the same net can load them. The
/// fixed order also fixes the optimizer's order, which keeps training bit-reproducible.
public protocol Layer {
    /// Calls `visit` with every parameter's full name (`prefix` + local name) and in-place access,
    /// in the layer's fixed order. Composite layers forward to their children with a longer prefix.
    mutating func visitParameters(prefix: String, _ visit: (String, inout Tensor) throws -> Void) rethrows
}

extension Layer {
    /// Every parameter with its dotted name, in the fixed order.
    public var namedParameters: [(name: String, tensor: Tensor)] {
        var copy = self
        var result: [(name: String, tensor: Tensor)] = []
        copy.visitParameters(prefix: "") { name, tensor in result.append((name, tensor)) }
        return result
    }

    /// Total number of scalar parameters.
    public var parameterCount: Int { namedParameters.reduce(0) { $0 + $1.tensor.count } }

    /// Forgets every parameter's accumulated gradient (PyTorch's `zero_grad(set_to_none=True)`).
    public func zeroGradients() {
        for (_, tensor) in namedParameters { tensor.zeroGradient() }
    }

    /// Replaces parameter values by name (e.g. from a checkpoint), keeping them trainable.
    /// - Throws: ``ParameterLoadingError`` naming the first missing parameter or shape mismatch.
    public mutating func loadParameters(_ values: [String: Tensor]) throws(ParameterLoadingError) {
        let expected = namedParameters
        for (name, tensor) in expected {
            guard let value = values[name] else { throw .missing(name: name) }
            guard value.shape == tensor.shape else {
                throw .shapeMismatch(name: name, expected: tensor.shape, found: value.shape)
            }
        }
        visitParameters(prefix: "") { name, tensor in
            guard let value = values[name] else { return }
            var leaf = value.detached
            leaf.makeUnique()
            leaf.requiresGradient = true
            tensor = leaf
        }
    }
}

/// Why parameters could not be loaded into a layer.
public enum ParameterLoadingError: Error, Equatable, CustomStringConvertible {
    /// The source has no tensor for this parameter.
    case missing(name: String)
    /// The source tensor's shape differs from the parameter's.
    case shapeMismatch(name: String, expected: [Int], found: [Int])

    /// A message naming the parameter.
    public var description: String {
        switch self {
        case .missing(let name): "parameter '\(name)' is missing from the checkpoint"
        case .shapeMismatch(let name, let expected, let found):
            "parameter '\(name)' has shape \(found) in the checkpoint, the model expects \(expected)"
        }
    }
}
