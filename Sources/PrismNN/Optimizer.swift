import PrismTensor

/// Updates a model's parameters from their accumulated gradients, one parameter at a time.
///
/// `step` walks ``Layer/visitParameters(prefix:_:)`` in the layer's fixed order, skips parameters
/// whose gradient is nil (as PyTorch does), and writes the new values into each parameter's own
/// storage, so the parameter keeps its gradient slot and stays a trainable leaf. Per-parameter state
/// is keyed by the parameter's dotted name; ``stateTensors()`` and ``stateMetadata`` export it for a
/// checkpoint and ``loadState(tensors:metadata:)`` restores it, so a resumed run continues bitwise
/// like an uninterrupted one.
public protocol Optimizer {
    /// The step size used by the next ``step(_:)``; schedules set it before each step.
    var learningRate: Float { get set }

    /// Applies one update to every parameter of `model` that has a gradient.
    mutating func step<Model: Layer>(_ model: inout Model)

    /// The state tensors, named `<parameter>.<slot>` with PyTorch's slot names, in parameter order.
    func stateTensors() -> [(name: String, tensor: Tensor)]

    /// The non-tensor state (such as step counts), as strings keyed like the tensors.
    var stateMetadata: [String: String] { get }

    /// Replaces the state with one exported by ``stateTensors()`` and ``stateMetadata``.
    /// - Throws: ``OptimizerStateError`` naming the first missing or inconsistent entry.
    mutating func loadState(tensors: [String: Tensor], metadata: [String: String]) throws
}

/// Why optimizer state could not be restored from a checkpoint.
public enum OptimizerStateError: Error, Equatable, CustomStringConvertible {
    /// A tensor the state needs is absent.
    case missingTensor(name: String)
    /// A tensor's shape disagrees with the shape its sibling entries imply.
    case shapeMismatch(name: String, expected: [Int], found: [Int])
    /// A metadata entry is absent or cannot be parsed.
    case invalidMetadata(key: String, value: String?)
    /// A tensor belongs to no parameter described by the metadata.
    case unexpectedTensor(name: String)

    /// A message naming the entry.
    public var description: String {
        switch self {
        case .missingTensor(let name): "optimizer state tensor '\(name)' is missing"
        case .shapeMismatch(let name, let expected, let found):
            "optimizer state tensor '\(name)' has shape \(found), expected \(expected)"
        case .invalidMetadata(let key, let value):
            if let value {
                "optimizer state metadata '\(key)' has invalid value '\(value)'"
            } else {
                "optimizer state metadata '\(key)' is missing"
            }
        case .unexpectedTensor(let name):
            "optimizer state tensor '\(name)' belongs to no parameter in the state metadata"
        }
    }
}

extension Optimizer {
    /// Every entry the state exports, as a dictionary (the shape ``loadState(tensors:metadata:)``
    /// takes back).
    public var stateTensorDictionary: [String: Tensor] {
        Dictionary(stateTensors().map { ($0.name, $0.tensor) }, uniquingKeysWith: { first, _ in first })
    }
}

/// The metadata key naming the optimizer that wrote a state, checked when it is loaded.
let optimizerKindKey = "optimizer"

/// Throws unless `metadata` says the state was written by an optimizer of kind `kind`.
func checkOptimizerKind(_ metadata: [String: String], _ kind: String) throws(OptimizerStateError) {
    guard metadata[optimizerKindKey] == kind else {
        throw .invalidMetadata(key: optimizerKindKey, value: metadata[optimizerKindKey])
    }
}

/// Reads a state tensor, checking that its shape is `shape` when one is given.
func stateTensor(
    _ name: String, in tensors: [String: Tensor], shape: [Int]? = nil
) throws(OptimizerStateError) -> Tensor {
    guard let tensor = tensors[name] else { throw .missingTensor(name: name) }
    if let shape, tensor.shape != shape {
        throw .shapeMismatch(name: name, expected: shape, found: tensor.shape)
    }
    return tensor
}

/// Checks a parameter against its gradient and its state before a fused update loop.
func checkUpdateOperands(
    parameter: Tensor, gradient: Tensor, stateShape: [Int], stateCount: Int, optimizer: String
) {
    precondition(gradient.shape == parameter.shape,
                 "\(optimizer): gradient shape \(gradient.shape) differs from parameter \(parameter.shape)")
    precondition(stateShape == parameter.shape && stateCount == parameter.count,
                 "\(optimizer): state of shape \(stateShape) holds \(stateCount) elements, parameter "
                     + "\(parameter.shape) has \(parameter.count); was the state loaded for another model?")
}

/// Walks `model`'s parameters in order and calls `update` for each one that has a gradient, with
/// its state from `states` (created by `makeState(shape)` on first use). The shared loop of every
/// optimizer's `step`.
func updateParameters<Model: Layer, State>(
    of model: inout Model, states: inout [String: State], makeState: ([Int]) -> State,
    _ update: (inout Tensor, Tensor, inout State) -> Void
) {
    model.visitParameters(prefix: "") { name, parameter in
        guard let gradient = parameter.gradient else { return }
        let shape = parameter.shape
        update(&parameter, gradient, &states[name, default: makeState(shape)])
    }
}
