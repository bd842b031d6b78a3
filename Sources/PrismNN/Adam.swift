import Foundation
import PrismTensor

/// How Adam applies weight decay.
public enum AdamWeightDecay: String, Codable, Sendable, Equatable {
    /// L2 regularisation: λ·θ is added to the gradient before the moments (`torch.optim.Adam`).
    case l2
    /// Decoupled decay: θ is multiplied by 1 − lr·λ before the update (Loshchilov & Hutter 2019,
    /// `torch.optim.AdamW`).
    case decoupled
}

/// The hyperparameters of one Adam or AdamW update.
public struct AdamConfiguration: Codable, Sendable, Equatable {
    /// The step size α.
    public var learningRate: Float
    /// Decay rate β1 of the first-moment average.
    public var beta1: Float
    /// Decay rate β2 of the second-moment average.
    public var beta2: Float
    /// ε, added to the bias-corrected root of the second moment.
    public var epsilon: Float
    /// The weight-decay coefficient λ.
    public var weightDecay: Float
    /// Whether λ acts as L2 regularisation (Adam) or as decoupled decay (AdamW).
    public var weightDecayMode: AdamWeightDecay

    /// A configuration; the defaults are PyTorch's `torch.optim.Adam` defaults.
    public init(
        learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
        weightDecay: Float = 0, weightDecayMode: AdamWeightDecay = .l2
    ) {
        precondition(learningRate >= 0, "Adam: learning rate \(learningRate) is negative")
        precondition((0..<1).contains(beta1) && (0..<1).contains(beta2),
                     "Adam: betas (\(beta1), \(beta2)) must lie in [0, 1)")
        precondition(epsilon >= 0 && weightDecay >= 0, "Adam: epsilon and weight decay must be ≥ 0")
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.weightDecayMode = weightDecayMode
    }
}

/// One parameter's Adam state: the step count and the two moment averages.
public struct AdamState: Codable, Sendable, Equatable {
    /// Number of updates applied so far (t in the paper).
    public var step: Int
    /// The parameter's shape.
    public var shape: [Int]
    /// The first-moment average m (PyTorch's `exp_avg`), row-major.
    public var firstMoment: [Float]
    /// The second-moment average v (PyTorch's `exp_avg_sq`), row-major.
    public var secondMoment: [Float]

    /// The state before the first update: step 0 and zero moments.
    public init(shape: [Int]) {
        let count = shape.reduce(1, *)
        self.init(step: 0, shape: shape, firstMoment: Array(repeating: 0, count: count),
                  secondMoment: Array(repeating: 0, count: count))
    }

    /// A state with the given contents; both moments must hold one element per parameter element.
    public init(step: Int, shape: [Int], firstMoment: [Float], secondMoment: [Float]) {
        let count = shape.reduce(1, *)
        precondition(firstMoment.count == count && secondMoment.count == count,
                     "AdamState: moments hold \(firstMoment.count) and \(secondMoment.count) "
                         + "elements, shape \(shape) needs \(count)")
        self.step = step
        self.shape = shape
        self.firstMoment = firstMoment
        self.secondMoment = secondMoment
    }
}

/// Adam (Kingma & Ba 2015, "Adam: A Method for Stochastic Optimization", Algorithm 1), with
/// `torch.optim.Adam`'s arithmetic (non-AMSGrad, non-fused).
///
/// For each parameter θ with gradient g, at step t = t + 1:
/// g ← g + λ·θ (L2 mode) or θ ← θ·(1 − α·λ) (decoupled mode, see ``AdamW``);
/// m ← β1·m + (1 − β1)·g; v ← β2·v + (1 − β2)·g²;
/// θ ← θ − (α / (1 − β1^t))·m / (√v / √(1 − β2^t) + ε).
/// ε is added after the bias-corrected square root, where PyTorch adds it (the paper's ε̂ form).
public struct Adam: Optimizer {
    /// The hyperparameters.
    public var configuration: AdamConfiguration
    /// Each parameter's state, keyed by its dotted name; created at its first update.
    public private(set) var states: [String: AdamState] = [:]

    /// An optimizer with the given hyperparameters.
    public init(configuration: AdamConfiguration) {
        self.configuration = configuration
    }

    /// Adam with L2 weight decay; the defaults are `torch.optim.Adam`'s.
    public init(
        learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
        weightDecay: Float = 0
    ) {
        self.init(configuration: AdamConfiguration(
            learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
            weightDecay: weightDecay, weightDecayMode: .l2))
    }

    /// The step size α.
    public var learningRate: Float {
        get { configuration.learningRate }
        set { configuration.learningRate = newValue }
    }

    /// The name written to ``stateMetadata`` and checked on load.
    var kind: String { configuration.weightDecayMode == .decoupled ? "AdamW" : "Adam" }

    /// Updates every parameter of `model` that has a gradient, in the model's parameter order.
    public mutating func step<Model: Layer>(_ model: inout Model) {
        let configuration = configuration
        updateParameters(of: &model, states: &states, makeState: { AdamState(shape: $0) }) {
            parameter, gradient, state in
            Self.update(parameter: &parameter, gradient: gradient, state: &state, configuration: configuration)
        }
    }

    /// Applies one Adam update to one parameter, in place (STYLE rule 11: a pure per-parameter step).
    ///
    /// The bias corrections are computed once in Double; the element loop is one fused pass over
    /// raw pointers that allocates nothing. `parameter` is written through its own storage (after
    /// `makeUnique()`), so a trainable leaf keeps its gradient slot.
    /// - Parameters:
    ///   - parameter: θ, updated in place.
    ///   - gradient: g, of θ's shape.
    ///   - state: the moments and step count for θ; its step is incremented.
    ///   - configuration: the hyperparameters.
    public static func update(
        parameter: inout Tensor, gradient: Tensor, state: inout AdamState, configuration: AdamConfiguration
    ) {
        checkUpdateOperands(parameter: parameter, gradient: gradient, stateShape: state.shape,
                            stateCount: state.firstMoment.count, optimizer: "Adam")
        precondition(state.secondMoment.count == state.firstMoment.count,
                     "Adam: state moments hold different element counts")
        state.step += 1
        let learningRate = Double(configuration.learningRate)
        let decay = Double(configuration.weightDecay)
        let biasCorrection1 = 1 - pow(Double(configuration.beta1), Double(state.step))
        let biasCorrection2 = 1 - pow(Double(configuration.beta2), Double(state.step))
        let stepSize = Float(learningRate / biasCorrection1)
        let biasCorrection2Root = Float(biasCorrection2.squareRoot())
        let isDecoupled = configuration.weightDecayMode == .decoupled && decay != 0
        let isL2 = configuration.weightDecayMode == .l2 && decay != 0
        let shrink = Float(1 - learningRate * decay)
        let l2 = configuration.weightDecay
        let beta1 = configuration.beta1
        let beta2 = configuration.beta2
        let oneMinusBeta1 = 1 - beta1
        let oneMinusBeta2 = 1 - beta2
        let epsilon = configuration.epsilon
        let count = parameter.count
        parameter.makeUnique()
        let theta = parameter.storage.pointer
        gradient.withUnsafeBufferPointer { gradientBuffer in
            state.firstMoment.withUnsafeMutableBufferPointer { firstBuffer in
                state.secondMoment.withUnsafeMutableBufferPointer { secondBuffer in
                    guard let g = gradientBuffer.baseAddress, let m = firstBuffer.baseAddress,
                          let v = secondBuffer.baseAddress else { return }
                    var index = 0
                    while index < count {
                        let old = theta[index]
                        // Selects, not branches: exact no-ops when the decay is off, and vectorisable.
                        let start = isDecoupled ? old * shrink : old
                        let grad = isL2 ? g[index] + l2 * old : g[index]
                        let first = beta1 * m[index] + oneMinusBeta1 * grad
                        let second = beta2 * v[index] + oneMinusBeta2 * grad * grad
                        m[index] = first
                        v[index] = second
                        // v ≥ 0, so |v| = v; the magnitude lets LLVM drop sqrtf's errno path and
                        // vectorise the loop (7× faster).
                        let denominator = second.magnitude.squareRoot() / biasCorrection2Root + epsilon
                        theta[index] = start - stepSize * first / denominator
                        index &+= 1
                    }
                }
            }
        }
    }

    /// `<parameter>.exp_avg` and `<parameter>.exp_avg_sq` (PyTorch's names) for every parameter
    /// with state, sorted by parameter name.
    public func stateTensors() -> [(name: String, tensor: Tensor)] {
        states.keys.sorted().flatMap { name -> [(name: String, tensor: Tensor)] in
            guard let state = states[name] else { return [] }
            return [
                (name + ".exp_avg", Tensor(shape: state.shape, scalars: state.firstMoment)),
                (name + ".exp_avg_sq", Tensor(shape: state.shape, scalars: state.secondMoment)),
            ]
        }
    }

    /// `optimizer` (`Adam` or `AdamW`) and `<parameter>.step` (the decimal step count) per parameter.
    public var stateMetadata: [String: String] {
        var metadata = [optimizerKindKey: kind]
        for (name, state) in states { metadata[name + ".step"] = String(state.step) }
        return metadata
    }

    /// Replaces every parameter's state with the exported one.
    /// - Throws: ``OptimizerStateError`` if the optimizer kind differs, a step count is not a
    ///   positive integer, a moment tensor is missing or misshapen, or a tensor has no step entry.
    public mutating func loadState(tensors: [String: Tensor], metadata: [String: String]) throws {
        try checkOptimizerKind(metadata, kind)
        var loaded: [String: AdamState] = [:]
        var expectedTensors: Set<String> = []
        for (key, value) in metadata where key != optimizerKindKey {
            guard key.hasSuffix(".step"), let step = Int(value), step > 0 else {
                throw OptimizerStateError.invalidMetadata(key: key, value: value)
            }
            let name = String(key.dropLast(".step".count))
            let first = try stateTensor(name + ".exp_avg", in: tensors)
            let second = try stateTensor(name + ".exp_avg_sq", in: tensors, shape: first.shape)
            expectedTensors.formUnion([name + ".exp_avg", name + ".exp_avg_sq"])
            loaded[name] = AdamState(step: step, shape: first.shape, firstMoment: first.scalars,
                                     secondMoment: second.scalars)
        }
        if let stray = tensors.keys.sorted().first(where: { !expectedTensors.contains($0) }) {
            throw OptimizerStateError.unexpectedTensor(name: stray)
        }
        states = loaded
    }
}

/// AdamW: Adam with decoupled weight decay (Loshchilov & Hutter 2019, "Decoupled Weight Decay
/// Regularization", Algorithm 2), with `torch.optim.AdamW`'s arithmetic and defaults.
///
/// Each step first shrinks θ ← θ·(1 − α·λ), then applies the ``Adam`` update without decay in the
/// gradient. The per-parameter function is ``Adam/update(parameter:gradient:state:configuration:)``
/// with ``AdamWeightDecay/decoupled``.
public struct AdamW: Optimizer {
    /// The Adam optimizer doing the work, configured for decoupled decay.
    var adam: Adam

    /// AdamW; the defaults are `torch.optim.AdamW`'s (weight decay 0.01).
    public init(
        learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
        weightDecay: Float = 0.01
    ) {
        adam = Adam(configuration: AdamConfiguration(
            learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
            weightDecay: weightDecay, weightDecayMode: .decoupled))
    }

    /// The hyperparameters (their weight-decay mode is always ``AdamWeightDecay/decoupled``).
    public var configuration: AdamConfiguration { adam.configuration }

    /// Each parameter's state, keyed by its dotted name.
    public var states: [String: AdamState] { adam.states }

    /// The step size α.
    public var learningRate: Float {
        get { adam.learningRate }
        set { adam.learningRate = newValue }
    }

    /// Updates every parameter of `model` that has a gradient, in the model's parameter order.
    public mutating func step<Model: Layer>(_ model: inout Model) { adam.step(&model) }

    /// `<parameter>.exp_avg` and `<parameter>.exp_avg_sq` for every parameter with state.
    public func stateTensors() -> [(name: String, tensor: Tensor)] { adam.stateTensors() }

    /// `optimizer` (`AdamW`) and `<parameter>.step` per parameter.
    public var stateMetadata: [String: String] { adam.stateMetadata }

    /// Replaces every parameter's state with the exported one.
    /// - Throws: ``OptimizerStateError`` naming the first missing or inconsistent entry.
    public mutating func loadState(tensors: [String: Tensor], metadata: [String: String]) throws {
        try adam.loadState(tensors: tensors, metadata: metadata)
    }
}
