import Foundation

/// Fused, numerically stable softmax, log-softmax and cross-entropy over the last axis.
///
/// Each is one pass forward and one pass backward; tests check both against the composition of
/// primitives (`exp(x − max) / Σ exp(x − max)`, `x − logSumExp(x)`).
extension Tensor {
    /// Softmax over the last axis. With `causal`, a `[..., Tq, Tk]` tensor of attention scores
    /// has row r restricted to its first `Tk − Tq + r + 1` columns (the rest become exactly 0).
    public func softmax(causal: Bool = false) -> Tensor {
        let width = shape.last ?? 1
        let rows = count / Swift.max(width, 1)
        let queries = causal ? shape[rank - 2] : 1
        var result = Tensor(uninitializedShape: shape)
        let source = storage.pointer
        let target = result.storage.pointer
        Parallelism.forEachRange(rows, cost: width &* 16) { range in
            for row in range {
                let valid = causal ? width - queries + row % queries + 1 : width
                Tensor.softmaxRow(source + row &* width, into: target + row &* width, valid: valid, width: width)
            }
        }
        let output = result.detached
        result.origin = Tape.record(inputs: [self], shape: shape) { g in
            // dx = y · (g − Σ g·y)
            let gradient = Tensor(uninitializedShape: output.shape)
            let (py, pg, pd) = (output.storage.pointer, g.storage.pointer, gradient.storage.pointer)
            Parallelism.forEachRange(rows, cost: width &* 4) { range in
                for row in range {
                    let offset = row &* width
                    let inner = VectorMath.dot(pg + offset, py + offset, width)
                    for j in 0..<width { pd[offset &+ j] = py[offset &+ j] * (pg[offset &+ j] - inner) }
                }
            }
            return [gradient]
        }
        return result
    }

    /// log-softmax over the last axis: `x − logSumExp(x)`.
    public func logSoftmax() -> Tensor {
        let width = shape.last ?? 1
        let rows = count / Swift.max(width, 1)
        var result = Tensor(uninitializedShape: shape)
        let source = storage.pointer
        let target = result.storage.pointer
        Parallelism.forEachRange(rows, cost: width &* 16) { range in
            for row in range {
                let x = source + row &* width
                let y = target + row &* width
                let peak = VectorMath.max(x, width)
                for j in 0..<width { y[j] = VectorMath.exp(x[j] - peak) }
                let shift = peak + Foundation.log(VectorMath.sum(y, width))
                for j in 0..<width { y[j] = x[j] - shift }
            }
        }
        let output = result.detached
        result.origin = Tape.record(inputs: [self], shape: shape) { g in
            // dx = g − softmax(x) · Σ g
            let gradient = Tensor(uninitializedShape: output.shape)
            let (py, pg, pd) = (output.storage.pointer, g.storage.pointer, gradient.storage.pointer)
            Parallelism.forEachRange(rows, cost: width &* 16) { range in
                for row in range {
                    let offset = row &* width
                    let total = VectorMath.sum(pg + offset, width)
                    for j in 0..<width { pd[offset &+ j] = pg[offset &+ j] - VectorMath.exp(py[offset &+ j]) * total }
                }
            }
            return [gradient]
        }
        return result
    }

    /// Mean cross-entropy of `[N, C]` logits against one class per row (PyTorch's
    /// `F.cross_entropy`). Rows whose target is negative are ignored (PyTorch's `ignore_index`);
    /// the mean is over the remaining rows.
    public static func crossEntropy(logits: Tensor, targets: [Int]) -> Tensor {
        let width = logits.shape.last ?? 1
        let rows = logits.count / Swift.max(width, 1)
        precondition(targets.count == rows, "crossEntropy: \(targets.count) targets for \(rows) rows of \(logits.shape)")
        let probabilities = Tensor(uninitializedShape: [rows, width])
        let source = logits.storage.pointer
        let p = probabilities.storage.pointer
        var total: Double = 0
        var counted = 0
        for row in 0..<rows {
            let x = source + row &* width
            let y = p + row &* width
            let peak = VectorMath.max(x, width)
            for j in 0..<width { y[j] = VectorMath.exp(x[j] - peak) }
            let sum = VectorMath.sum(y, width)
            let scale = 1 / sum
            for j in 0..<width { y[j] *= scale }
            let target = targets[row]
            guard target >= 0 else { continue }
            precondition(target < width, "crossEntropy: target \(target) out of range 0..<\(width) in row \(row)")
            total += Double(peak + Foundation.log(sum) - x[target])
            counted += 1
        }
        let denominator = Float(Swift.max(counted, 1))
        var result = Tensor(Float(total) / denominator)
        let inputShape = logits.shape
        result.origin = Tape.record(inputs: [logits], shape: []) { g in
            // d/dx = (softmax − onehot) · g / N
            let scale = g.item / denominator
            let p = probabilities.storage.pointer
            let gradient = Tensor(uninitializedShape: inputShape)
            let pd = gradient.storage.pointer
            for row in 0..<rows {
                let offset = row &* width
                guard targets[row] >= 0 else {
                    for j in 0..<width { pd[offset &+ j] = 0 }
                    continue
                }
                for j in 0..<width { pd[offset &+ j] = p[offset &+ j] * scale }
                pd[offset &+ targets[row]] -= scale
            }
            return [gradient]
        }
        return result
    }
}
