import PrismTensor

/// Rescales all gradients of `model` so that their joint L2 norm is at most `maxNorm`, in place
/// (PyTorch's `torch.nn.utils.clip_grad_norm_` with the L2 norm).
///
/// The total norm is `sqrt(Σ over parameters Σ g²)`, summed in Double in the model's parameter order
/// (parameters without a gradient contribute nothing; a gradient slot shared by several parameters
/// counts once). With `coefficient = maxNorm / (total + 1e-6)` in Float, every gradient is multiplied
/// by `coefficient` only if `coefficient < 1`; otherwise the gradients are left untouched. A
/// non-finite norm leaves them untouched too and is returned, so the caller can skip the step.
/// The gradients are scaled in their own storage, through each leaf's ``GradientAccumulator``.
/// - Parameters:
///   - model: the layer whose parameters' gradients are clipped.
///   - maxNorm: the largest allowed total norm, > 0.
/// - Returns: the total norm before clipping.
@discardableResult
public func clipGradientNorm(_ model: inout some Layer, maxNorm: Float) -> Float {
    precondition(maxNorm > 0, "clipGradientNorm: maxNorm \(maxNorm) must be > 0")
    let accumulators = uniqueGradientAccumulators(of: &model)
    var sumOfSquares: Double = 0
    for accumulator in accumulators {
        guard let gradient = accumulator.gradient else { continue }
        sumOfSquares += gradient.withUnsafeBufferPointer(squaredNorm)
    }
    let totalNorm = Float(sumOfSquares.squareRoot())
    let coefficient = maxNorm / (totalNorm + 1e-6)
    guard coefficient < 1 else { return totalNorm }
    for accumulator in accumulators {
        guard var gradient = accumulator.gradient else { continue }
        accumulator.gradient = nil  // leaves `gradient` uniquely referenced, so it is scaled in place
        gradient.withUnsafeMutableBufferPointer { buffer in
            guard let pointer = buffer.baseAddress else { return }
            let count = buffer.count
            var index = 0
            while index < count {
                pointer[index] = pointer[index] * coefficient
                index &+= 1
            }
        }
        accumulator.gradient = gradient
    }
    return totalNorm
}

/// The gradient slots of `model`'s trainable parameters, in parameter order, each listed once.
private func uniqueGradientAccumulators(of model: inout some Layer) -> [GradientAccumulator] {
    var seen: Set<ObjectIdentifier> = []
    var result: [GradientAccumulator] = []
    model.visitParameters(prefix: "") { _, parameter in
        guard let accumulator = parameter.gradientAccumulator,
              seen.insert(ObjectIdentifier(accumulator)).inserted else { return }
        result.append(accumulator)
    }
    return result
}

/// Σ x² over `buffer`, in Double, with four interleaved partial sums (one fixed order).
private func squaredNorm(_ buffer: UnsafeBufferPointer<Float>) -> Double {
    guard let pointer = buffer.baseAddress else { return 0 }
    let count = buffer.count
    var partial = (0.0, 0.0, 0.0, 0.0)
    var index = 0
    while index &+ 4 <= count {
        let a = Double(pointer[index]), b = Double(pointer[index &+ 1])
        let c = Double(pointer[index &+ 2]), d = Double(pointer[index &+ 3])
        partial.0 += a * a
        partial.1 += b * b
        partial.2 += c * c
        partial.3 += d * d
        index &+= 4
    }
    var total = (partial.0 + partial.1) + (partial.2 + partial.3)
    while index < count {
        let value = Double(pointer[index])
        total += value * value
        index &+= 1
    }
    return total
}
