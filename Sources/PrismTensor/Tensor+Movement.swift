/// Shape and layout changes: reshape, permute, transpose, slice, concatenate, stack.
extension Tensor {
    /// The same elements viewed with a new shape (one dimension may be -1 and is inferred).
    /// Shares storage: no copy.
    public func reshaped(to newShape: [Int]) -> Tensor {
        var resolved = newShape
        if let inferred = newShape.firstIndex(of: -1) {
            let known = newShape.filter { $0 != -1 }.reduce(1, *)
            precondition(known > 0 && count % known == 0, "reshaped(to:): cannot infer -1 in \(newShape) for \(shape)")
            resolved[inferred] = count / known
        }
        precondition(Shape.count(resolved) == count, "reshaped(to:): \(shape) has \(count) elements, \(newShape) does not")
        if resolved == shape { return self }
        let inputShape = shape
        let origin = Tape.record(inputs: [self], shape: resolved) { g in [g.reshaped(to: inputShape)] }
        return Tensor(shape: resolved, storage: storage, origin: origin)
    }

    /// Adds a length-1 axis at `axis`.
    public func expandingShape(at axis: Int) -> Tensor {
        var newShape = shape
        newShape.insert(1, at: axis < 0 ? axis + rank + 1 : axis)
        return reshaped(to: newShape)
    }

    /// Removes the length-1 axis at `axis`.
    public func squeezingShape(at axis: Int) -> Tensor {
        let axis = Shape.axis(axis, rank: rank)
        precondition(shape[axis] == 1, "squeezingShape(at:): axis \(axis) of \(shape) has length \(shape[axis])")
        var newShape = shape
        newShape.remove(at: axis)
        return reshaped(to: newShape)
    }

    /// Reorders the axes: output axis i is input axis `axes[i]`. Copies into a contiguous tensor.
    public func permuted(_ axes: [Int]) -> Tensor {
        precondition(axes.sorted() == Array(0..<rank), "permuted: \(axes) is not a permutation of 0..<\(rank)")
        if axes == Array(0..<rank) { return self }
        let outputShape = axes.map { shape[$0] }
        var result = Tensor(uninitializedShape: outputShape)
        let inputStrides = Shape.strides(shape)
        // Trailing axes that stay in place form contiguous blocks copied whole.
        var kept = rank
        while kept > 0 && axes[kept - 1] == kept - 1 && axes[0..<(kept - 1)].allSatisfy({ $0 < kept - 1 }) {
            kept -= 1
        }
        let block = Shape.count(Array(shape[kept...]))
        let outerShape = Array(outputShape[..<kept])
        let outerStrides = axes[..<kept].map { inputStrides[$0] }
        var index = [Int](repeating: 0, count: kept)
        var offset = 0
        let source = storage.pointer
        var target = result.storage.pointer
        for _ in 0..<Shape.count(outerShape) {
            if block == 1 { target.pointee = source[offset] } else { target.update(from: source + offset, count: block) }
            target += block
            var axis = kept - 1
            while axis >= 0 {
                index[axis] += 1
                offset += outerStrides[axis]
                if index[axis] < outerShape[axis] { break }
                offset -= outerStrides[axis] * outerShape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        var inverse = [Int](repeating: 0, count: rank)
        for (position, axis) in axes.enumerated() { inverse[axis] = position }
        result.origin = Tape.record(inputs: [self], shape: outputShape) { g in [g.permuted(inverse)] }
        return result
    }

    /// Swaps the last two axes (a copy; matmul takes transposes as flags instead).
    public func transposed() -> Tensor {
        precondition(rank >= 2, "transposed: needs rank ≥ 2, got \(shape)")
        var axes = Array(0..<rank)
        axes.swapAt(rank - 1, rank - 2)
        return permuted(axes)
    }

    /// The elements with index in `range` along `axis`.
    public func slice(alongAxis axis: Int, _ range: Range<Int>) -> Tensor {
        let axis = Shape.axis(axis, rank: rank)
        precondition(range.lowerBound >= 0 && range.upperBound <= shape[axis],
                     "slice: range \(range) is out of bounds for axis \(axis) of \(shape)")
        let (outer, length, inner) = Shape.split(shape, at: axis)
        var outputShape = shape
        outputShape[axis] = range.count
        var result = Tensor(uninitializedShape: outputShape)
        let chunk = range.count &* inner
        let source = storage.pointer
        let target = result.storage.pointer
        for o in 0..<outer {
            (target + o &* chunk).update(from: source + (o &* length &+ range.lowerBound) &* inner, count: chunk)
        }
        let inputShape = shape
        result.origin = Tape.record(inputs: [self], shape: outputShape) { g in
            let gradient = Tensor.zeros(inputShape)
            let out = gradient.storage.pointer
            let incoming = g.storage.pointer
            for o in 0..<outer {
                (out + (o &* length &+ range.lowerBound) &* inner).update(from: incoming + o &* chunk, count: chunk)
            }
            return [gradient]
        }
        return result
    }

    /// Joins tensors along `axis`; all other axes must agree.
    public static func concatenate(_ tensors: [Tensor], alongAxis axis: Int) -> Tensor {
        precondition(!tensors.isEmpty, "concatenate: no tensors")
        let first = tensors[0]
        let axis = Shape.axis(axis, rank: first.rank)
        for t in tensors {
            var a = t.shape, b = first.shape
            precondition(a.count == b.count, "concatenate: ranks differ (\(t.shape) vs \(first.shape))")
            a[axis] = 0; b[axis] = 0
            precondition(a == b, "concatenate: shapes \(t.shape) and \(first.shape) differ off axis \(axis)")
        }
        let lengths = tensors.map { $0.shape[axis] }
        var outputShape = first.shape
        outputShape[axis] = lengths.reduce(0, +)
        let (outer, total, inner) = Shape.split(outputShape, at: axis)
        var result = Tensor(uninitializedShape: outputShape)
        let target = result.storage.pointer
        var start = 0
        for (t, length) in Swift.zip(tensors, lengths) {
            let chunk = length &* inner
            for o in 0..<outer {
                (target + (o &* total &+ start) &* inner).update(from: t.storage.pointer + o &* chunk, count: chunk)
            }
            start += length
        }
        result.origin = Tape.record(inputs: tensors, shape: outputShape) { g in
            var begin = 0
            return lengths.map { length in
                defer { begin += length }
                return g.slice(alongAxis: axis, begin..<(begin + length))
            }
        }
        return result
    }

    /// Stacks equal-shaped tensors along a new axis.
    public static func stack(_ tensors: [Tensor], alongAxis axis: Int = 0) -> Tensor {
        precondition(!tensors.isEmpty, "stack: no tensors")
        return concatenate(tensors.map { $0.expandingShape(at: axis) }, alongAxis: axis)
    }
}
