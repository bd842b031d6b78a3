import PrismTensor

/// The hyperparameters of one SGD update.
public struct SGDConfiguration: Codable, Sendable, Equatable {
    /// The step size α.
    public var learningRate: Float
    /// The momentum factor μ; 0 turns momentum off.
    public var momentum: Float
    /// The L2 weight-decay coefficient λ, added to the gradient as λ·θ.
    public var weightDecay: Float
    /// Whether to use Nesterov momentum (Sutskever et al. 2013, PyTorch's formulation).
    public var isNesterov: Bool

    /// A configuration; Nesterov momentum needs a positive momentum, as in PyTorch.
    public init(learningRate: Float, momentum: Float = 0, weightDecay: Float = 0, isNesterov: Bool = false) {
        precondition(learningRate >= 0, "SGD: learning rate \(learningRate) is negative")
        precondition(momentum >= 0 && weightDecay >= 0, "SGD: momentum and weight decay must be ≥ 0")
        precondition(!isNesterov || momentum > 0, "SGD: Nesterov momentum requires momentum > 0")
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
        self.isNesterov = isNesterov
    }
}

/// One parameter's SGD state: the momentum buffer, absent before the first momentum update.
public struct SGDState: Codable, Sendable, Equatable {
    /// The parameter's shape.
    public var shape: [Int]
    /// The momentum buffer b (PyTorch's `momentum_buffer`), row-major, or nil before the first step.
    public var momentumBuffer: [Float]?

    /// A state; a buffer, when given, holds one element per parameter element.
    public init(shape: [Int], momentumBuffer: [Float]? = nil) {
        if let momentumBuffer {
            precondition(momentumBuffer.count == shape.reduce(1, *),
                         "SGDState: buffer holds \(momentumBuffer.count) elements for shape \(shape)")
        }
        self.shape = shape
        self.momentumBuffer = momentumBuffer
    }
}

/// Stochastic gradient descent with momentum, dampening 0, optional Nesterov momentum and L2 weight
/// decay, with `torch.optim.SGD`'s arithmetic.
///
/// For each parameter θ with gradient g: g ← g + λ·θ; with momentum μ > 0, b ← g on the first step
/// and b ← μ·b + g afterwards, then d = g + μ·b (Nesterov) or d = b; without momentum d = g;
/// finally θ ← θ − α·d.
public struct SGD: Optimizer {
    /// The hyperparameters.
    public var configuration: SGDConfiguration
    /// Each parameter's state, keyed by its dotted name; created at its first update.
    public private(set) var states: [String: SGDState] = [:]

    /// An optimizer with the given hyperparameters.
    public init(configuration: SGDConfiguration) {
        self.configuration = configuration
    }

    /// SGD; the defaults are `torch.optim.SGD`'s (learning rate has no default there either).
    public init(learningRate: Float, momentum: Float = 0, weightDecay: Float = 0, isNesterov: Bool = false) {
        self.init(configuration: SGDConfiguration(
            learningRate: learningRate, momentum: momentum, weightDecay: weightDecay, isNesterov: isNesterov))
    }

    /// The step size α.
    public var learningRate: Float {
        get { configuration.learningRate }
        set { configuration.learningRate = newValue }
    }

    /// Updates every parameter of `model` that has a gradient, in the model's parameter order.
    public mutating func step<Model: Layer>(_ model: inout Model) {
        let configuration = configuration
        updateParameters(of: &model, states: &states, makeState: { SGDState(shape: $0) }) {
            parameter, gradient, state in
            Self.update(parameter: &parameter, gradient: gradient, state: &state, configuration: configuration)
        }
    }

    /// Applies one SGD update to one parameter, in place (STYLE rule 11: a pure per-parameter step).
    ///
    /// One fused pass over raw pointers; the momentum buffer is allocated on the first step only.
    /// - Parameters:
    ///   - parameter: θ, updated in place through its own storage (it keeps its gradient slot).
    ///   - gradient: g, of θ's shape.
    ///   - state: θ's momentum buffer, created on the first step when momentum is on.
    ///   - configuration: the hyperparameters.
    public static func update(
        parameter: inout Tensor, gradient: Tensor, state: inout SGDState, configuration: SGDConfiguration
    ) {
        let count = parameter.count
        let momentum = configuration.momentum
        let isFirst = state.momentumBuffer == nil
        var buffer: [Float] = state.momentumBuffer ?? (momentum != 0 ? Array(repeating: 0, count: count) : [])
        state.momentumBuffer = nil  // keeps `buffer` uniquely referenced, so it is written in place
        checkUpdateOperands(parameter: parameter, gradient: gradient, stateShape: state.shape,
                            stateCount: momentum != 0 ? buffer.count : count, optimizer: "SGD")
        let learningRate = configuration.learningRate
        let decay = configuration.weightDecay
        let hasDecay = decay != 0
        let isNesterov = configuration.isNesterov
        parameter.makeUnique()
        let theta = parameter.storage.pointer
        gradient.withUnsafeBufferPointer { gradientBuffer in
            guard let g = gradientBuffer.baseAddress else { return }
            guard momentum != 0 else {
                var index = 0
                while index < count {
                    let grad = hasDecay ? g[index] + decay * theta[index] : g[index]
                    theta[index] = theta[index] - learningRate * grad
                    index &+= 1
                }
                return
            }
            buffer.withUnsafeMutableBufferPointer { momentumBuffer in
                guard let b = momentumBuffer.baseAddress else { return }
                var index = 0
                while index < count {
                    let grad = hasDecay ? g[index] + decay * theta[index] : g[index]
                    // PyTorch starts the buffer as a copy of the gradient, not as μ·0 + g.
                    let velocity = isFirst ? grad : momentum * b[index] + grad
                    b[index] = velocity
                    let direction = isNesterov ? grad + momentum * velocity : velocity
                    theta[index] = theta[index] - learningRate * direction
                    index &+= 1
                }
            }
        }
        if momentum != 0 || !isFirst { state.momentumBuffer = buffer }
    }

    /// `<parameter>.momentum_buffer` (PyTorch's name) for every parameter with a buffer, sorted by name.
    public func stateTensors() -> [(name: String, tensor: Tensor)] {
        states.keys.sorted().compactMap { name -> (name: String, tensor: Tensor)? in
            guard let state = states[name], let buffer = state.momentumBuffer else { return nil }
            return (name + ".momentum_buffer", Tensor(shape: state.shape, scalars: buffer))
        }
    }

    /// `optimizer` (`SGD`); the buffers carry the rest of the state.
    public var stateMetadata: [String: String] { [optimizerKindKey: "SGD"] }

    /// Replaces every parameter's state with the exported one.
    /// - Throws: ``OptimizerStateError`` if the optimizer kind differs or a tensor is not a
    ///   `<parameter>.momentum_buffer`.
    public mutating func loadState(tensors: [String: Tensor], metadata: [String: String]) throws {
        try checkOptimizerKind(metadata, "SGD")
        var loaded: [String: SGDState] = [:]
        for (key, tensor) in tensors {
            guard key.hasSuffix(".momentum_buffer") else {
                throw OptimizerStateError.unexpectedTensor(name: key)
            }
            let name = String(key.dropLast(".momentum_buffer".count))
            loaded[name] = SGDState(shape: tensor.shape, momentumBuffer: tensor.scalars)
        }
        states = loaded
    }
}
