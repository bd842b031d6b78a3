/// A row-major, contiguous Float32 tensor with value semantics and reverse-mode autodiff.
///
/// Copies share storage until one of them mutates (copy-on-write). Operations on tensors that
/// require a gradient are recorded on a ``Tape``; ``backward(_:)`` then accumulates gradients into
/// every leaf that requires one (see ``requiresGradient`` and ``gradient``).
public struct Tensor: @unchecked Sendable {
    /// Where a tensor's gradient goes: into a leaf's accumulator, or into a tape node.
    enum Origin {
        case leaf(GradientAccumulator)
        case node(Tape, Int)
    }

    /// The elements, shared copy-on-write.
    public private(set) var storage: TensorStorage
    /// The extent of each axis; `[]` is a scalar.
    public let shape: [Int]
    var origin: Origin?

    /// Wraps existing storage; `storage.count` must equal the product of `shape`.
    public init(shape: [Int], storage: TensorStorage) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative dimension in shape \(shape)")
        precondition(Shape.count(shape) == storage.count,
                     "Tensor: shape \(shape) needs \(Shape.count(shape)) elements, storage has \(storage.count)")
        self.shape = shape
        self.storage = storage
        self.origin = nil
    }

    init(shape: [Int], storage: TensorStorage, origin: Origin?) {
        self.shape = shape
        self.storage = storage
        self.origin = origin
    }

    /// A tensor of the given shape holding `scalars` in row-major order.
    public init(shape: [Int], scalars: [Float]) {
        precondition(Shape.count(shape) == scalars.count,
                     "Tensor(shape:scalars:): shape \(shape) needs \(Shape.count(shape)) scalars, got \(scalars.count)")
        let storage = TensorStorage(uninitializedCount: scalars.count)
        storage.pointer.initialize(from: scalars, count: scalars.count)
        self.init(shape: shape, storage: storage)
    }

    /// A one-dimensional tensor of `scalars`.
    public init(_ scalars: [Float]) { self.init(shape: [scalars.count], scalars: scalars) }

    /// A scalar (rank 0) tensor.
    public init(_ scalar: Float) { self.init(shape: [], storage: TensorStorage(repeating: scalar, count: 1)) }

    /// A tensor of the given shape whose elements are not initialised; the caller writes them all.
    public init(uninitializedShape shape: [Int]) {
        self.init(shape: shape, storage: TensorStorage(uninitializedCount: Shape.count(shape)))
    }

    /// A tensor of the given shape filled with `value`.
    public init(repeating value: Float, shape: [Int]) {
        self.init(shape: shape, storage: TensorStorage(repeating: value, count: Shape.count(shape)))
    }

    /// A tensor of zeros.
    public static func zeros(_ shape: [Int]) -> Tensor { Tensor(repeating: 0, shape: shape) }
    /// A tensor of ones.
    public static func ones(_ shape: [Int]) -> Tensor { Tensor(repeating: 1, shape: shape) }

    /// Number of axes.
    public var rank: Int { shape.count }
    /// Number of elements.
    public var count: Int { storage.count }
    /// The elements in row-major order.
    public var scalars: [Float] { Array(UnsafeBufferPointer(start: storage.pointer, count: storage.count)) }
    /// The single element of a one-element tensor.
    public var item: Float {
        precondition(count == 1, "Tensor.item: tensor of shape \(shape) has \(count) elements, not 1")
        return storage.pointer[0]
    }

    /// Calls `body` with read access to the elements.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.pointer, count: storage.count))
    }

    /// Calls `body` with write access to the elements, copying the storage first if it is shared.
    /// Writing bypasses autodiff: use it for parameter updates and initialisation only.
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        makeUnique()
        return try body(UnsafeMutableBufferPointer(start: storage.pointer, count: storage.count))
    }

    /// Copies the storage if another tensor shares it, so that writes stay private to this value.
    public mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    // MARK: Gradients

    /// Whether this tensor is a leaf whose gradient is accumulated by ``backward(_:)``.
    /// Setting it to true makes the tensor a fresh leaf (a parameter); false detaches it.
    public var requiresGradient: Bool {
        get { origin != nil }
        set { origin = newValue ? .leaf(GradientAccumulator()) : nil }
    }

    /// The gradient accumulated into this leaf by backward passes, or nil.
    public var gradient: Tensor? {
        guard case .leaf(let accumulator) = origin else { return nil }
        return accumulator.gradient
    }

    /// The gradient slot of a leaf, for optimizers that read and clear gradients in place.
    public var gradientAccumulator: GradientAccumulator? {
        guard case .leaf(let accumulator) = origin else { return nil }
        return accumulator
    }

    /// Forgets the accumulated gradient of this leaf (PyTorch's `zero_grad(set_to_none=True)`).
    public func zeroGradient() {
        if case .leaf(let accumulator) = origin { accumulator.gradient = nil }
    }

    /// The same values with no gradient history (PyTorch's `detach()`).
    public var detached: Tensor { Tensor(shape: shape, storage: storage) }

    /// Back-propagates from this tensor into every leaf it depends on.
    ///
    /// - Parameter seed: the gradient of the final objective with respect to this tensor; defaults
    ///   to ones (so a scalar loss gets d loss / d loss = 1). Must have this tensor's shape.
    /// The recorded graph is released as it is consumed; a second backward through it traps.
    public func backward(_ seed: Tensor? = nil) {
        let seed = seed?.detached ?? Tensor.ones(shape)
        precondition(seed.shape == shape, "backward: seed shape \(seed.shape) differs from tensor shape \(shape)")
        switch origin {
        case nil:
            preconditionFailure("backward: tensor of shape \(shape) does not depend on any parameter")
        case .leaf(let accumulator):
            accumulator.accumulate(seed)
        case .node(let tape, let index):
            let (owner, resolved) = Tape.resolve(tape, index)
            owner.propagate(from: resolved, seed: seed)
        }
    }

    /// Adds `other` (same shape) into this tensor's elements without recording.
    public mutating func addInPlace(_ other: Tensor) {
        precondition(other.shape == shape, "addInPlace: shape \(other.shape) differs from \(shape)")
        makeUnique()
        let source = other.storage.pointer
        let target = storage.pointer
        for index in 0..<count { target[index] += source[index] }
    }

    /// Adds a gradient contribution, in place when shapes agree (they always do for gradients).
    mutating func accumulate(_ other: Tensor) {
        if shape == other.shape {
            origin = nil
            addInPlace(other)
        } else {
            self = withoutGradients { self + other }
        }
    }
}

extension Tensor: CustomStringConvertible {
    /// A short summary: shape and up to eight leading values.
    public var description: String {
        let shown = scalars.prefix(8).map { String($0) }.joined(separator: ", ")
        return "Tensor(shape: \(shape), [\(shown)\(count > 8 ? ", …" : "")])"
    }
}
