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
        let layout = AttentionLayout(query.shape[0], query.shape[1], query.shape[2], headCount, stride: query.shape[2])
        var (result, probabilities) = layout.forward(query.storage.pointer, key.storage.pointer, value.storage.pointer)
        let (savedQ, savedK, savedV) = (query.detached, key.detached, value.detached)
        result.origin = Tape.record(inputs: [query, key, value], shape: result.shape) { g in
            let gradients = (0..<3).map { _ in Tensor(uninitializedShape: savedQ.shape) }
            layout.backward(g, probabilities, inputs: (savedQ.storage.pointer, savedK.storage.pointer, savedV.storage.pointer),
                            gradients: (gradients[0].storage.pointer, gradients[1].storage.pointer, gradients[2].storage.pointer))
            return gradients
        }
        return result
    }
}

/// Shapes and strides of one attention call: Q, K, V rows are `stride` floats apart, head h reads
/// columns `h·Dh ..< (h+1)·Dh` of each.
struct AttentionLayout {
    let batch, length, width, heads, headWidth, stride: Int
    let scale: Float

    init(_ batch: Int, _ length: Int, _ width: Int, _ heads: Int, stride: Int) {
        precondition(heads > 0 && width % heads == 0, "causalAttention: width \(width) not divisible by \(heads) heads")
        (self.batch, self.length, self.width, self.heads, self.stride) = (batch, length, width, heads, stride)
        headWidth = width / heads
        scale = 1 / Float(Double(headWidth).squareRoot())
    }

    /// The `[B, T, D]` output and the `[B, H, T, T]` probabilities. Heads are independent:
    /// threads take disjoint (batch, head) pairs.
    func forward(
        _ q: UnsafeMutablePointer<Float>, _ k: UnsafeMutablePointer<Float>, _ v: UnsafeMutablePointer<Float>
    ) -> (Tensor, Tensor) {
        let probabilities = Tensor(uninitializedShape: [batch, heads, length, length])
        let result = Tensor(uninitializedShape: [batch, length, width])
        let (p, y) = (probabilities.storage.pointer, result.storage.pointer)
        let square = length &* length
        Parallelism.forEachRange(batch &* heads, cost: square &* headWidth) { pairs in
            for pair in pairs {
                let (b, h) = pair.quotientAndRemainder(dividingBy: heads)
                let input = b &* length &* stride &+ h &* headWidth
                let output = b &* length &* width &+ h &* headWidth
                let scores = p + pair &* square
                BLAS.gemm(transposeA: false, transposeB: true, m: length, n: length, k: headWidth, alpha: scale,
                          a: q + input, lda: stride, b: k + input, ldb: stride, beta: 0, c: scores, ldc: length)
                for row in 0..<length {
                    let x = scores + row &* length
                    Tensor.softmaxRow(x, into: x, valid: row &+ 1, width: length)
                }
                BLAS.gemm(transposeA: false, transposeB: false, m: length, n: headWidth, k: length, alpha: 1,
                          a: scores, lda: length, b: v + input, ldb: stride, beta: 0, c: y + output, ldc: width)
            }
        }
        return (result, probabilities)
    }

    /// Writes dQ, dK, dV (rows `stride` apart, like the inputs) from the output gradient `g`.
    func backward(
        _ g: Tensor, _ probabilities: Tensor,
        inputs: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>),
        gradients: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>)
    ) {
        let (q, k, v) = inputs
        let (dq, dk, dv) = gradients
        let (gy, p) = (g.storage.pointer, probabilities.storage.pointer)
        let square = length &* length
        Parallelism.forEachRange(batch &* heads, cost: square &* headWidth) { pairs in
            let dScores = UnsafeMutablePointer<Float>.allocate(capacity: square)
            defer { dScores.deallocate() }
            for pair in pairs {
                let (b, h) = pair.quotientAndRemainder(dividingBy: heads)
                let input = b &* length &* stride &+ h &* headWidth
                let output = b &* length &* width &+ h &* headWidth
                let probs = p + pair &* square
                // dP = dY · Vᵀ ; dV = Pᵀ · dY
                BLAS.gemm(transposeA: false, transposeB: true, m: length, n: length, k: headWidth, alpha: 1,
                          a: gy + output, lda: width, b: v + input, ldb: stride, beta: 0, c: dScores, ldc: length)
                BLAS.gemm(transposeA: true, transposeB: false, m: length, n: headWidth, k: length, alpha: 1,
                          a: probs, lda: length, b: gy + output, ldb: width, beta: 0, c: dv + input, ldc: stride)
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
                          a: dScores, lda: length, b: k + input, ldb: stride, beta: 0, c: dq + input, ldc: stride)
                BLAS.gemm(transposeA: true, transposeB: false, m: length, n: headWidth, k: length, alpha: scale,
                          a: dScores, lda: length, b: q + input, ldb: stride, beta: 0, c: dk + input, ldc: stride)
            }
        }
    }
}

extension Tensor {
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
