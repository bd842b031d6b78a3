/// Reductions along axes (sum, mean, max, variance, logSumExp) and broadcasting expansion.
extension Tensor {
    /// Sums over `axes`; kept axes have length 1 when `keepingDimensions` is true.
    public func sum(alongAxes axes: [Int], keepingDimensions: Bool = false) -> Tensor {
        let normalized = Set(axes.map { Shape.axis($0, rank: rank) }).sorted()
        var result = self
        for axis in normalized { result = result.sumKeepingAxis(axis) }
        if keepingDimensions { return result }
        return result.reshaped(to: shape.enumerated().filter { !normalized.contains($0.offset) }.map(\.element))
    }

    /// Sums over one axis (negative axes count from the end).
    public func sum(alongAxis axis: Int, keepingDimensions: Bool = false) -> Tensor {
        sum(alongAxes: [axis], keepingDimensions: keepingDimensions)
    }

    /// The sum of all elements, as a scalar tensor.
    public func sum() -> Tensor {
        var result = Tensor(uninitializedShape: [])
        result.storage.pointer[0] = VectorMath.sum(storage.pointer, count)
        let inputShape = shape
        result.origin = Tape.record(inputs: [self], shape: []) { g in [g.expanded(to: inputShape)] }
        return result
    }

    /// The mean of all elements, as a scalar tensor.
    public func mean() -> Tensor { sum().scaled(by: 1 / Float(Swift.max(count, 1))) }

    /// The mean over `axes`.
    public func mean(alongAxes axes: [Int], keepingDimensions: Bool = false) -> Tensor {
        let n = axes.map { shape[Shape.axis($0, rank: rank)] }.reduce(1, *)
        return sum(alongAxes: axes, keepingDimensions: keepingDimensions).scaled(by: 1 / Float(n))
    }

    /// The mean over one axis.
    public func mean(alongAxis axis: Int, keepingDimensions: Bool = false) -> Tensor {
        mean(alongAxes: [axis], keepingDimensions: keepingDimensions)
    }

    /// The variance over one axis: biased (divide by n) by default, unbiased (n − 1) on request.
    public func variance(alongAxis axis: Int, unbiased: Bool = false, keepingDimensions: Bool = false) -> Tensor {
        let n = shape[Shape.axis(axis, rank: rank)]
        let centered = self - mean(alongAxis: axis, keepingDimensions: true)
        let divisor = Float(unbiased ? n - 1 : n)
        return centered.squared().sum(alongAxis: axis, keepingDimensions: keepingDimensions).scaled(by: 1 / divisor)
    }

    /// The variance of all elements (biased unless `unbiased`).
    public func variance(unbiased: Bool = false) -> Tensor {
        reshaped(to: [count]).variance(alongAxis: 0, unbiased: unbiased)
    }

    /// The standard deviation of all elements (unbiased by default, as `torch.std`).
    public func standardDeviation(unbiased: Bool = true) -> Tensor { variance(unbiased: unbiased).sqrt() }

    /// log Σ e^x over one axis, shifted by the (constant) maximum so it never overflows.
    public func logSumExp(alongAxis axis: Int, keepingDimensions: Bool = false) -> Tensor {
        let peak = detached.max(alongAxis: axis, keepingDimensions: true).detached
        let safePeak = peak.map { $0.isFinite ? $0 : 0 }
        let summed = (self - safePeak).exp().sum(alongAxis: axis, keepingDimensions: true).log() + safePeak
        if keepingDimensions { return summed }
        return summed.reshaped(to: shape.enumerated().filter { $0.offset != Shape.axis(axis, rank: rank) }.map(\.element))
    }

    /// The maximum over one axis; the gradient flows to the first position of each maximum.
    public func max(alongAxis axis: Int, keepingDimensions: Bool = false) -> Tensor {
        let axis = Shape.axis(axis, rank: rank)
        let (outer, length, inner) = Shape.split(shape, at: axis)
        var keptShape = shape
        keptShape[axis] = 1
        var result = Tensor(uninitializedShape: keptShape)
        var winners = [Int](repeating: 0, count: outer * inner)
        let source = storage.pointer
        let target = result.storage.pointer
        for o in 0..<outer {
            for i in 0..<inner {
                var best = -Float.infinity
                var bestIndex = 0
                for k in 0..<length {
                    let value = source[(o &* length &+ k) &* inner &+ i]
                    if value > best || k == 0 { best = value; bestIndex = k }
                }
                target[o &* inner &+ i] = best
                winners[o &* inner &+ i] = (o &* length &+ bestIndex) &* inner &+ i
            }
        }
        let inputShape = shape
        result.origin = Tape.record(inputs: [self], shape: keptShape) { g in
            [g.scatterAdding(into: inputShape, at: winners)]
        }
        if keepingDimensions { return result }
        return result.reshaped(to: shape.enumerated().filter { $0.offset != axis }.map(\.element))
    }

    /// Sums over `axis`, keeping it with length 1.
    func sumKeepingAxis(_ axis: Int) -> Tensor {
        let (outer, length, inner) = Shape.split(shape, at: axis)
        var keptShape = shape
        keptShape[axis] = 1
        var result = Tensor(uninitializedShape: keptShape)
        let source = storage.pointer
        let target = result.storage.pointer
        if inner == 1 {
            for o in 0..<outer { target[o] = VectorMath.sum(source + o &* length, length) }
        } else {
            for o in 0..<outer {
                let row = target + o &* inner
                let block = source + o &* length &* inner
                for i in 0..<inner { row[i] = block[i] }
                for k in 1..<Swift.max(length, 1) {
                    let slice = block + k &* inner
                    for i in 0..<inner { row[i] += slice[i] }
                }
                if length == 0 { for i in 0..<inner { row[i] = 0 } }
            }
        }
        let inputShape = shape
        result.origin = Tape.record(inputs: [self], shape: keptShape) { g in [g.expanded(to: inputShape)] }
        return result
    }

    /// Broadcasts this tensor to `target` (NumPy rules); the gradient sums back.
    public func expanded(to target: [Int]) -> Tensor {
        if target == shape { return self }
        guard Shape.broadcast(shape, target) == target else {
            preconditionFailure("expanded(to:): shape \(shape) does not broadcast to \(target)")
        }
        var result = Tensor(uninitializedShape: target)
        let source = storage.pointer
        let output = result.storage.pointer
        let total = result.count
        switch Broadcast.layout(of: shape, in: target) {
        case .full:
            output.update(from: source, count: total)
        case .scalar:
            output.update(repeating: source[0], count: total)
        case .repeated(let period):
            for start in stride(from: 0, to: total, by: period) { (output + start).update(from: source, count: period) }
        case .blocks(let block):
            for row in 0..<(total / block) { (output + row &* block).update(repeating: source[row], count: block) }
        case .strided:
            Broadcast.apply(self, Tensor(0), into: output, shape: target) { a, _ in a }
        }
        let inputShape = shape
        result.origin = Tape.record(inputs: [self], shape: target) { g in [Broadcast.reduce(g, to: inputShape)] }
        return result
    }
}
