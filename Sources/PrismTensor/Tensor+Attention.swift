/// Fused multi-head causal attention straight from `[B, T, D]` projections.
extension Tensor {
    /// softmax(Q Kᵀ / √Dh + causal mask) V for every batch item and head (Vaswani et al., 2017,
    /// Eq. 1), heads concatenated: `query`, `key`, `value` and the result are `[B, T, D]`, head h
    /// owning columns `h·Dh ..< (h+1)·Dh`.
    ///
    /// Each head's matrices are read in place through BLAS leading dimensions, so no head is
    /// permuted or copied; the probabilities `[B, H, T, T]` are kept for the backward pass, which
    /// is four strided GEMMs and the softmax backward per head. A test checks it against the
    /// composition of reshape, permute, matmul and softmax.
    public static func causalAttention(query: Tensor, key: Tensor, value: Tensor, headCount: Int) -> Tensor {
        precondition(query.rank == 3 && key.shape == query.shape && value.shape == query.shape,
                     "causalAttention: query \(query.shape), key \(key.shape), value \(value.shape) must be equal [B, T, D]")
        let (batch, length, width) = (query.shape[0], query.shape[1], query.shape[2])
        precondition(width % headCount == 0, "causalAttention: width \(width) not divisible by \(headCount) heads")
        let headWidth = width / headCount
        let scale = 1 / Float(Double(headWidth).squareRoot())
        let probabilities = Tensor(uninitializedShape: [batch, headCount, length, length])
        let result = Tensor(uninitializedShape: query.shape)
        let (q, k, v) = (query.storage.pointer, key.storage.pointer, value.storage.pointer)
        let (p, y) = (probabilities.storage.pointer, result.storage.pointer)
        let square = length &* length
        // Heads are independent: threads take disjoint (batch, head) pairs.
        Parallelism.forEachRange(batch &* headCount, cost: square &* headWidth) { pairs in
            for pair in pairs {
                let (b, h) = pair.quotientAndRemainder(dividingBy: headCount)
                let offset = b &* length &* width &+ h &* headWidth
                let scores = p + pair &* square
                BLAS.gemm(transposeA: false, transposeB: true, m: length, n: length, k: headWidth, alpha: scale,
                          a: q + offset, lda: width, b: k + offset, ldb: width, beta: 0, c: scores, ldc: length)
                causalSoftmaxRows(scores, length)
                BLAS.gemm(transposeA: false, transposeB: false, m: length, n: headWidth, k: length, alpha: 1,
                          a: scores, lda: length, b: v + offset, ldb: width, beta: 0, c: y + offset, ldc: width)
            }
        }
        var output = result
        let (savedQ, savedK, savedV) = (query.detached, key.detached, value.detached)
        output.origin = Tape.record(inputs: [query, key, value], shape: query.shape) { g in
            let gradients = (Tensor(uninitializedShape: savedQ.shape), Tensor(uninitializedShape: savedQ.shape),
                             Tensor(uninitializedShape: savedQ.shape))
            let (dq, dk, dv) = (gradients.0.storage.pointer, gradients.1.storage.pointer, gradients.2.storage.pointer)
            let (q, k, v, gy) = (savedQ.storage.pointer, savedK.storage.pointer, savedV.storage.pointer, g.storage.pointer)
            let p = probabilities.storage.pointer
            Parallelism.forEachRange(batch &* headCount, cost: square &* headWidth) { pairs in
                let dScores = UnsafeMutablePointer<Float>.allocate(capacity: square)
                defer { dScores.deallocate() }
                for pair in pairs {
                    let (b, h) = pair.quotientAndRemainder(dividingBy: headCount)
                    let offset = b &* length &* width &+ h &* headWidth
                    let probs = p + pair &* square
                    // dP = dY · Vᵀ ; dV = Pᵀ · dY
                    BLAS.gemm(transposeA: false, transposeB: true, m: length, n: length, k: headWidth, alpha: 1,
                              a: gy + offset, lda: width, b: v + offset, ldb: width, beta: 0, c: dScores, ldc: length)
                    BLAS.gemm(transposeA: true, transposeB: false, m: length, n: headWidth, k: length, alpha: 1,
                              a: probs, lda: length, b: gy + offset, ldb: width, beta: 0, c: dv + offset, ldc: width)
                    // dS = P ⊙ (dP − Σ_j dP·P), row by row (masked entries have P = 0).
                    for row in 0..<length {
                        let pr = probs + row &* length
                        let dr = dScores + row &* length
                        let inner = VectorMath.dot(dr, pr, row &+ 1)
                        for j in 0...row { dr[j] = pr[j] * (dr[j] - inner) }
                        for j in (row &+ 1)..<length { dr[j] = 0 }
                    }
                    // dQ = scale · dS · K ; dK = scale · dSᵀ · Q
                    BLAS.gemm(transposeA: false, transposeB: false, m: length, n: headWidth, k: length, alpha: scale,
                              a: dScores, lda: length, b: k + offset, ldb: width, beta: 0, c: dq + offset, ldc: width)
                    BLAS.gemm(transposeA: true, transposeB: false, m: length, n: headWidth, k: length, alpha: scale,
                              a: dScores, lda: length, b: q + offset, ldb: width, beta: 0, c: dk + offset, ldc: width)
                }
            }
            return [gradients.0, gradients.1, gradients.2]
        }
        return output
    }

    /// In-place causal softmax of a `[T, T]` score block: row r keeps columns 0...r.
    @inline(__always)
    static func causalSoftmaxRows(_ scores: UnsafeMutablePointer<Float>, _ length: Int) {
        for row in 0..<length {
            let x = scores + row &* length
            softmaxRow(x, into: x, valid: row &+ 1, width: length)
        }
    }

    /// Softmax of the first `valid` elements of a row of `width`, the rest set to 0 (in place allowed).
    @inline(__always)
    static func softmaxRow(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, valid: Int, width: Int) {
        let peak = VectorMath.max(x, valid)
        for j in 0..<valid { y[j] = VectorMath.exp(x[j] - peak) }
        let inverse = 1 / VectorMath.sum(y, valid)
        for j in 0..<valid { y[j] *= inverse }
        for j in valid..<width { y[j] = 0 }
    }
}
