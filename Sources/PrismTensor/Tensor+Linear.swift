/// The affine map of a linear layer as one fused node.
extension Tensor {
    /// `x · Wᵀ + b` over the last axis of `x` (PyTorch's `F.linear`): `x` is `[..., I]`, `weight`
    /// is `[O, I]`, `bias` is `[O]`; the result is `[..., O]`.
    ///
    /// The bias is written into the output first and `cblas_sgemm` accumulates onto it (beta = 1),
    /// so the forward is one BLAS call and the backward two BLAS calls plus a column sum (one BLAS
    /// call when `x` does not require a gradient).
    public static func linear(_ x: Tensor, weight: Tensor, bias: Tensor?) -> Tensor {
        precondition(weight.rank == 2, "linear: weight must be [out, in], got \(weight.shape)")
        let (outputs, inputs) = (weight.shape[0], weight.shape[1])
        precondition(x.shape.last == inputs, "linear: input \(x.shape) does not end in \(inputs) (weight \(weight.shape))")
        if let bias { precondition(bias.shape == [outputs], "linear: bias \(bias.shape) must be [\(outputs)]") }
        let rows = x.count / Swift.max(inputs, 1)
        let outputShape = Array(x.shape.dropLast()) + [outputs]
        var result = Tensor(uninitializedShape: outputShape)
        let target = result.storage.pointer
        if let bias {
            for row in 0..<rows { (target + row &* outputs).update(from: bias.storage.pointer, count: outputs) }
        }
        BLAS.gemm(transposeA: false, transposeB: true, m: rows, n: outputs, k: inputs, alpha: 1,
                  a: x.storage.pointer, b: weight.storage.pointer, beta: bias == nil ? 0 : 1, c: target)
        let (savedX, savedWeight, inputShape) = (x.detached, weight.detached, x.shape)
        let recorded = bias.map { [x, weight, $0] } ?? [x, weight]
        let needsInputGradient = x.requiresGradient
        result.origin = Tape.record(inputs: recorded, shape: outputShape) { g in
            // An input that is data (observations) needs no gradient: skip its GEMM entirely.
            var gradientX: Tensor?
            if needsInputGradient {
                let dx = Tensor(uninitializedShape: inputShape)
                BLAS.gemm(transposeA: false, transposeB: false, m: rows, n: inputs, k: outputs, alpha: 1,
                          a: g.storage.pointer, b: savedWeight.storage.pointer, beta: 0, c: dx.storage.pointer)
                gradientX = dx
            }
            let gradientWeight = Tensor(uninitializedShape: [outputs, inputs])
            BLAS.gemm(transposeA: true, transposeB: false, m: outputs, n: inputs, k: rows, alpha: 1,
                      a: g.storage.pointer, b: savedX.storage.pointer, beta: 0, c: gradientWeight.storage.pointer)
            guard recorded.count == 3 else { return [gradientX, gradientWeight] }
            return [gradientX, gradientWeight, g.reshaped(to: [rows, outputs]).sum(alongAxis: 0)]
        }
        return result
    }
}
