/// A scalar function applied element-wise by a generic kernel. As a type (not a closure) it is
/// specialised and vectorised inside every thread's chunk.
protocol UnaryKernel { static func apply(_ x: Float) -> Float }

/// A scalar function of two operands applied element-wise by a generic kernel.
protocol BinaryKernel { static func apply(_ a: Float, _ b: Float) -> Float }

/// Element-wise maps: the building block of the unary primitives.
extension Tensor {
    /// Applies `K` to every element, split across threads for large tensors; no gradient.
    func map<K: UnaryKernel>(_: K.Type) -> Tensor {
        let result = Tensor(uninitializedShape: shape)
        let (source, target) = (storage.pointer, result.storage.pointer)
        Parallelism.forEachRange(count, cost: 16) { range in
            for i in range { target[i] = K.apply(source[i]) }
        }
        return result
    }

    /// Combines two same-shaped tensors with `K`, split across threads for large tensors.
    static func zip<K: BinaryKernel>(_ a: Tensor, _ b: Tensor, _: K.Type) -> Tensor {
        precondition(a.shape == b.shape, "Tensor.zip: shapes \(a.shape) and \(b.shape) differ")
        let result = Tensor(uninitializedShape: a.shape)
        let (pa, pb, target) = (a.storage.pointer, b.storage.pointer, result.storage.pointer)
        Parallelism.forEachRange(a.count, cost: 16) { range in
            for i in range { target[i] = K.apply(pa[i], pb[i]) }
        }
        return result
    }

    /// Applies `Forward` element-wise; the input gradient is `Backward(outputGradient, saved)`
    /// where `saved` is the output when `backwardUsesOutput`, else the input.
    func map<Forward: UnaryKernel, Backward: BinaryKernel>(
        _ forward: Forward.Type, backward: Backward.Type, backwardUsesOutput: Bool
    ) -> Tensor {
        var result = map(forward)
        let saved = backwardUsesOutput ? result.detached : detached
        result.origin = Tape.record(inputs: [self], shape: shape) { g in [Tensor.zip(g, saved, backward)] }
        return result
    }

    /// Applies `op` to every element, without recording a gradient.
    @inline(__always)
    public func map(_ op: (Float) -> Float) -> Tensor {
        let result = Tensor(uninitializedShape: shape)
        let source = storage.pointer
        let target = result.storage.pointer
        for i in 0..<count { target[i] = op(source[i]) }
        return result
    }

    /// Applies `op` to every element; the gradient is `backward(outputGradient, output)`.
    @inline(__always)
    func map(_ op: (Float) -> Float, backward: @escaping (Tensor, Tensor) -> Tensor) -> Tensor {
        var result = map(op)
        let output = result.detached
        result.origin = Tape.record(inputs: [self], shape: shape) { g in [backward(g, output)] }
        return result
    }

    /// Combines two same-shaped tensors element-wise, without recording a gradient.
    @inline(__always)
    public static func zip(_ a: Tensor, _ b: Tensor, _ op: (Float, Float) -> Float) -> Tensor {
        precondition(a.shape == b.shape, "Tensor.zip: shapes \(a.shape) and \(b.shape) differ")
        let result = Tensor(uninitializedShape: a.shape)
        let pa = a.storage.pointer
        let pb = b.storage.pointer
        let target = result.storage.pointer
        for i in 0..<a.count { target[i] = op(pa[i], pb[i]) }
        return result
    }

    /// 1 where `self ≥ other` (broadcasting), else 0; never differentiated.
    public func isGreaterOrEqual(_ other: Tensor) -> Tensor { compare(other) { $0 >= $1 } }
    /// 1 where `self > other` (broadcasting), else 0; never differentiated.
    public func isGreater(_ other: Tensor) -> Tensor { compare(other) { $0 > $1 } }
    /// 1 where `self < other` (broadcasting), else 0; never differentiated.
    public func isLess(_ other: Tensor) -> Tensor { compare(other) { $0 < $1 } }
    /// 1 where `self == other` (broadcasting), else 0; never differentiated.
    public func isEqual(_ other: Tensor) -> Tensor { compare(other) { $0 == $1 } }

    @inline(__always)
    func compare(_ other: Tensor, _ predicate: (Float, Float) -> Bool) -> Tensor {
        guard let shape = Shape.broadcast(self.shape, other.shape) else {
            preconditionFailure("compare: shapes \(self.shape) and \(other.shape) do not broadcast")
        }
        let result = Tensor(uninitializedShape: shape)
        Broadcast.apply(self, other, into: result.storage.pointer, shape: shape) { predicate($0, $1) ? 1 : 0 }
        return result
    }
}
