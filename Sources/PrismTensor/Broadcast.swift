/// Broadcasting element-wise kernels and the matching gradient reduction.
enum Broadcast {
    /// How an operand of a binary op lines up with the output.
    enum Layout {
        /// Same number of elements as the output, same order.
        case full
        /// One element used everywhere.
        case scalar
        /// A block of `period` elements repeated along the leading axes (a bias row).
        case repeated(period: Int)
        /// Each element held constant over a block of `block` output elements (a column).
        case blocks(block: Int)
        /// Anything else: per-axis strides with zeros on broadcast axes.
        case strided([Int])
    }

    static func layout(of shape: [Int], in output: [Int]) -> Layout {
        let total = Shape.count(output)
        let count = Shape.count(shape)
        if count == total { return .full }
        if count == 1 { return .scalar }
        let padded = [Int](repeating: 1, count: output.count - shape.count) + shape
        if let first = padded.firstIndex(where: { $0 != 1 }),
           Array(padded[first...]) == Array(output[first...]) {
            return .repeated(period: count)
        }
        if let last = padded.lastIndex(where: { $0 != 1 }),
           Array(padded[...last]) == Array(output[...last]) {
            return .blocks(block: total / count)
        }
        var strides = Shape.strides(padded)
        for axis in padded.indices where padded[axis] == 1 { strides[axis] = 0 }
        return .strided(strides)
    }

    /// Writes `op(a[i], b[i])` for every output position, with NumPy broadcasting.
    @inline(__always)
    static func apply(
        _ a: Tensor, _ b: Tensor, into output: UnsafeMutablePointer<Float>, shape: [Int],
        _ op: (Float, Float) -> Float
    ) {
        let total = Shape.count(shape)
        let pa = a.storage.pointer
        let pb = b.storage.pointer
        switch (layout(of: a.shape, in: shape), layout(of: b.shape, in: shape)) {
        case (.full, .full):
            for i in 0..<total { output[i] = op(pa[i], pb[i]) }
        case (.full, .scalar):
            let s = pb[0]
            for i in 0..<total { output[i] = op(pa[i], s) }
        case (.scalar, .full):
            let s = pa[0]
            for i in 0..<total { output[i] = op(s, pb[i]) }
        case (.full, .repeated(let period)):
            for start in stride(from: 0, to: total, by: period) {
                let o = output + start
                let x = pa + start
                for j in 0..<period { o[j] = op(x[j], pb[j]) }
            }
        case (.repeated(let period), .full):
            for start in stride(from: 0, to: total, by: period) {
                let o = output + start
                let y = pb + start
                for j in 0..<period { o[j] = op(pa[j], y[j]) }
            }
        case (.full, .blocks(let block)):
            for row in 0..<(total / block) {
                let s = pb[row]
                let o = output + row &* block
                let x = pa + row &* block
                for j in 0..<block { o[j] = op(x[j], s) }
            }
        case (.blocks(let block), .full):
            for row in 0..<(total / block) {
                let s = pa[row]
                let o = output + row &* block
                let y = pb + row &* block
                for j in 0..<block { o[j] = op(s, y[j]) }
            }
        default:
            let stridesA = generalStrides(a.shape, in: shape)
            let stridesB = generalStrides(b.shape, in: shape)
            var index = [Int](repeating: 0, count: shape.count)
            var offsetA = 0
            var offsetB = 0
            for i in 0..<total {
                output[i] = op(pa[offsetA], pb[offsetB])
                var axis = shape.count - 1
                while axis >= 0 {
                    index[axis] += 1
                    offsetA += stridesA[axis]
                    offsetB += stridesB[axis]
                    if index[axis] < shape[axis] { break }
                    offsetA -= stridesA[axis] * shape[axis]
                    offsetB -= stridesB[axis] * shape[axis]
                    index[axis] = 0
                    axis -= 1
                }
            }
        }
    }

    /// Strides of `shape` read as broadcast into `output`: zero on broadcast axes.
    static func generalStrides(_ shape: [Int], in output: [Int]) -> [Int] {
        let padded = [Int](repeating: 1, count: output.count - shape.count) + shape
        var strides = Shape.strides(padded)
        for axis in padded.indices where padded[axis] == 1 { strides[axis] = 0 }
        return strides
    }

    /// Sums a gradient of the broadcast output shape back down to an operand's `shape`.
    static func reduce(_ gradient: Tensor, to shape: [Int]) -> Tensor {
        if gradient.shape == shape { return gradient }
        let rank = gradient.rank
        let padded = [Int](repeating: 1, count: rank - shape.count) + shape
        let axes = (0..<rank).filter { padded[$0] == 1 && gradient.shape[$0] != 1 }
        return gradient.sum(alongAxes: axes, keepingDimensions: true).reshaped(to: shape)
    }
}
