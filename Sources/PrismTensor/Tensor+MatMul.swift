/// Matrix products through `cblas_sgemm`, with transposes as BLAS flags.
extension Tensor {
    /// `alpha · op(a) · op(b)` where op transposes the last two axes when asked.
    ///
    /// Shapes: `a` is `[..., M, K]` (`[..., K, M]` if `transposeA`), `b` is `[..., K, N]`
    /// (`[..., N, K]` if `transposeB`) with the same leading batch axes, or `b` is a matrix shared by
    /// every batch item (a linear layer's weight). The result is `[..., M, N]`.
    public static func matmul(
        _ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false, alpha: Float = 1
    ) -> Tensor {
        precondition(a.rank >= 2 && b.rank >= 2, "matmul: operands need rank ≥ 2, got \(a.shape) and \(b.shape)")
        if b.rank == 2 && a.rank > 2 {
            if !transposeA {
                let flat = a.reshaped(to: [-1, a.shape[a.rank - 1]])
                let product = matmul(flat, b, transposeB: transposeB, alpha: alpha)
                return product.reshaped(to: Array(a.shape.dropLast()) + [product.shape[1]])
            }
            let batched = b.expanded(to: Array(a.shape.dropLast(2)) + b.shape)
            return matmul(a, batched, transposeA: true, transposeB: transposeB, alpha: alpha)
        }
        let batchShape = Array(a.shape.dropLast(2))
        precondition(Array(b.shape.dropLast(2)) == batchShape,
                     "matmul: batch axes differ: \(a.shape) and \(b.shape)")
        let (ar, ac) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
        let (br, bc) = (b.shape[b.rank - 2], b.shape[b.rank - 1])
        let (m, k) = transposeA ? (ac, ar) : (ar, ac)
        let (kb, n) = transposeB ? (bc, br) : (br, bc)
        precondition(k == kb, "matmul: inner dimensions differ: \(a.shape)\(transposeA ? "ᵀ" : "") · \(b.shape)\(transposeB ? "ᵀ" : "")")
        let batch = Shape.count(batchShape)
        let outputShape = batchShape + [m, n]
        var result = Tensor(uninitializedShape: outputShape)
        let (pa, pb, pc) = (a.storage.pointer, b.storage.pointer, result.storage.pointer)
        for item in 0..<batch {
            BLAS.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                      a: pa + item &* m &* k, b: pb + item &* k &* n, beta: 0, c: pc + item &* m &* n)
        }
        let (da, db) = (a.detached, b.detached)
        let (needsA, needsB) = (a.requiresGradient, b.requiresGradient)
        result.origin = Tape.record(inputs: [a, b], shape: outputShape) { g in
            var gradientA: Tensor?, gradientB: Tensor?
            if needsA {
                gradientA = transposeA
                    ? matmul(db, g, transposeA: transposeB, transposeB: true, alpha: alpha)
                    : matmul(g, db, transposeB: !transposeB, alpha: alpha)
            }
            if needsB {
                gradientB = transposeB
                    ? matmul(g, da, transposeA: true, transposeB: transposeA, alpha: alpha)
                    : matmul(da, g, transposeA: !transposeA, alpha: alpha)
            }
            return [gradientA, gradientB]
        }
        return result
    }

    /// `self · other` (see ``matmul(_:_:transposeA:transposeB:alpha:)``).
    public func matmul(_ other: Tensor) -> Tensor { Tensor.matmul(self, other) }
}
