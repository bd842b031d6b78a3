import CBLAS

/// OpenBLAS settings and the single-precision matrix multiply every matmul goes through.
public enum BLAS {
    /// Sets the number of threads OpenBLAS and Prism's own kernels use (process-wide; see
    /// ``Parallelism``). Small RL matrices run fastest on 1.
    public static func setThreadCount(_ count: Int) {
        openblas_set_num_threads(Int32(count))
        Parallelism.setThreadCount(count)
    }

    /// The number of threads OpenBLAS currently uses.
    public static var threadCount: Int { Int(openblas_get_num_threads()) }

    /// The CPU kernel OpenBLAS picked (e.g. "Haswell", "Cooperlake"); results are bitwise
    /// reproducible for a fixed kernel and thread count.
    public static var coreName: String { String(cString: openblas_get_corename()) }

    /// C = alpha · op(A) · op(B) + beta · C for row-major `A`, `B`, `C` (`cblas_sgemm`).
    /// op(A) is M×K, op(B) is K×N; the transposes are BLAS flags, never copies.
    @inline(__always)
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>, b: UnsafePointer<Float>, beta: Float, c: UnsafeMutablePointer<Float>
    ) {
        gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
             a: a, lda: transposeA ? m : k, b: b, ldb: transposeB ? k : n, beta: beta, c: c, ldc: n)
    }

    /// The same with explicit leading dimensions, for matrices embedded in wider rows (one head's
    /// columns inside a `[T, D]` activation).
    @inline(__always)
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}
