/// Index-driven primitives: take-along-axis, embedding lookup, `where`, one-hot.
extension Tensor {
    /// Picks, for every position of `indexShape`, the element at `indices[...]` along `axis`
    /// (NumPy `take_along_axis`). `indexShape` equals this shape except at `axis`.
    /// - Parameters:
    ///   - indices: row-major indices, `Shape.count(indexShape)` of them, each in `0..<shape[axis]`.
    public func takingAlongAxis(_ indices: [Int], indexShape: [Int], axis: Int) -> Tensor {
        let axis = Shape.axis(axis, rank: rank)
        var expected = shape
        expected[axis] = indexShape.count == rank ? indexShape[axis] : -1
        precondition(indexShape == expected, "takingAlongAxis: index shape \(indexShape) does not fit \(shape) at axis \(axis)")
        precondition(indices.count == Shape.count(indexShape), "takingAlongAxis: \(indices.count) indices for shape \(indexShape)")
        let (outer, length, inner) = Shape.split(shape, at: axis)
        let picks = indexShape[axis]
        var result = Tensor(uninitializedShape: indexShape)
        var flat = [Int](repeating: 0, count: indices.count)
        let source = storage.pointer
        let target = result.storage.pointer
        for o in 0..<outer {
            for p in 0..<picks {
                for i in 0..<inner {
                    let position = (o &* picks &+ p) &* inner &+ i
                    let index = indices[position]
                    precondition(index >= 0 && index < length, "takingAlongAxis: index \(index) out of range 0..<\(length)")
                    flat[position] = (o &* length &+ index) &* inner &+ i
                    target[position] = source[flat[position]]
                }
            }
        }
        let inputShape = shape
        result.origin = Tape.record(inputs: [self], shape: indexShape) { g in
            [g.scatterAdding(into: inputShape, at: flat)]
        }
        return result
    }

    /// A zero tensor of `shape` with element `positions[i]` increased by this tensor's element i:
    /// the gradient of every gather.
    func scatterAdding(into shape: [Int], at positions: [Int]) -> Tensor {
        let gradient = Tensor.zeros(shape)
        let out = gradient.storage.pointer
        let incoming = storage.pointer
        for (index, position) in positions.enumerated() { out[position] += incoming[index] }
        return gradient
    }

    /// For a `[..., C]` tensor and one class index per row, the `[...]` elements `x[..., index]`.
    public func gathering(lastAxis indices: [Int]) -> Tensor {
        var indexShape = shape
        indexShape[rank - 1] = 1
        return takingAlongAxis(indices, indexShape: indexShape, axis: -1).reshaped(to: Array(shape.dropLast()))
    }

    /// The rows of a `[N, …]` tensor at `indices`, in that order: `[indices.count, …]` (a 1-D
    /// tensor gives its elements), as CleanRL's `b_obs[mb_inds]`. The gradient scatter-adds into
    /// the rows the values came from.
    public func rows(_ indices: [Int]) -> Tensor {
        precondition(rank >= 1, "rows: a scalar has no rows")
        let (rowCount, width) = (shape[0], Shape.count(Array(shape.dropFirst())))
        let (inputShape, outputShape) = (shape, [indices.count] + Array(shape.dropFirst()))
        var result = Tensor(uninitializedShape: outputShape)
        let (source, target) = (storage.pointer, result.storage.pointer)
        for (position, index) in indices.enumerated() {
            precondition(index >= 0 && index < rowCount, "rows: index \(index) out of range 0..<\(rowCount)")
            (target + position &* width).update(from: source + index &* width, count: width)
        }
        result.origin = Tape.record(inputs: [self], shape: outputShape) { g in
            let gradient = Tensor.zeros(inputShape)
            let (out, incoming) = (gradient.storage.pointer, g.storage.pointer)
            for (position, index) in indices.enumerated() {
                let (row, from) = (out + index &* width, incoming + position &* width)
                for j in 0..<width { row[j] += from[j] }
            }
            return [gradient]
        }
        return result
    }

    /// Rows of an embedding table `[V, D]` for each index: the result has shape `indexShape + [D]`
    /// (``rows(_:)`` reshaped). The gradient scatter-adds into the table rows.
    public static func embedding(_ table: Tensor, indices: [Int], indexShape: [Int]) -> Tensor {
        precondition(table.rank == 2, "embedding: table must be [V, D], got \(table.shape)")
        precondition(indices.count == Shape.count(indexShape), "embedding: \(indices.count) indices for shape \(indexShape)")
        return table.rows(indices).reshaped(to: indexShape + [table.shape[1]])
    }

    /// `a` where `condition` is non-zero, else `b`, all three broadcast together. Selection is
    /// exact (no `c·a + (1−c)·b`), so an infinite or NaN value in the unselected branch is harmless.
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor {
        guard let ab = Shape.broadcast(a.shape, b.shape), let shape = Shape.broadcast(condition.shape, ab) else {
            preconditionFailure("where: shapes \(condition.shape), \(a.shape), \(b.shape) do not broadcast")
        }
        let mask = condition.detached.expanded(to: shape)
        let (x, y) = (a.expanded(to: shape), b.expanded(to: shape))
        var result = Tensor(uninitializedShape: shape)
        let (pm, px, py, target) = (mask.storage.pointer, x.storage.pointer, y.storage.pointer, result.storage.pointer)
        for i in 0..<result.count { target[i] = pm[i] != 0 ? px[i] : py[i] }
        result.origin = Tape.record(inputs: [x, y], shape: shape) { g in
            [Tensor.zip(g, mask) { $1 != 0 ? $0 : 0 }, Tensor.zip(g, mask) { $1 != 0 ? 0 : $0 }]
        }
        return result
    }

    /// `[indices.count, depth]` rows with a 1 at each index.
    public static func oneHot(_ indices: [Int], depth: Int) -> Tensor {
        let result = Tensor.zeros([indices.count, depth])
        let target = result.storage.pointer
        for (row, index) in indices.enumerated() {
            precondition(index >= 0 && index < depth, "oneHot: index \(index) out of range 0..<\(depth)")
            target[row &* depth &+ index] = 1
        }
        return result
    }

    /// A `[T, T]` mask with 1 on and below the diagonal (the positions a causal token may see).
    public static func causalMask(_ length: Int) -> Tensor {
        let result = Tensor.zeros([length, length])
        let target = result.storage.pointer
        for row in 0..<length { for column in 0...row { target[row &* length &+ column] = 1 } }
        return result
    }
}
