import CPrismBLAS
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// OpenBLAS settings and the single-precision matrix multiply every matmul goes through.
///
/// Prism loads OpenBLAS itself on first use, so that it can choose the kernel before the library
/// initialises (``BLASKernelChoice``); when it overrides OpenBLAS's detection it says so once on
/// standard error.
public enum BLAS {
    /// The kernel choice, made when OpenBLAS was loaded.
    public static let kernel: BLASKernelChoice = load()

    /// Loads OpenBLAS, and loads it again with a better kernel when it picked a generic one.
    private static func load() -> BLASKernelChoice {
        let userSetting = getenv("OPENBLAS_CORETYPE").map { String(cString: $0) }
        guard prism_blas_open(nil) == 0 else { fatalError(String(cString: prism_blas_error())) }
        let detected = String(cString: prism_blas_corename())
        let choice = BLASKernelChoice.decide(features: .current, detected: detected, userSetting: userSetting)
        if case .override(let detected, let chosen) = choice {
            guard prism_blas_close() == 0, prism_blas_open(chosen) == 0 else { fatalError(String(cString: prism_blas_error())) }
            let line = "prism: OpenBLAS picked its generic '\(detected)' kernel for this CPU; using '\(chosen)' "
                + "(set OPENBLAS_CORETYPE to choose)\n"
            line.withCString { _ = write(2, $0, strlen($0)) }
        }
        return choice
    }

    /// Sets the number of threads OpenBLAS and Prism's own kernels use (process-wide; see
    /// ``Parallelism``). Small RL matrices run fastest on 1.
    public static func setThreadCount(_ count: Int) {
        _ = kernel
        prism_blas_set_num_threads(Int32(count))
        Parallelism.setThreadCount(count)
    }

    /// The number of threads OpenBLAS currently uses.
    public static var threadCount: Int {
        _ = kernel
        return Int(prism_blas_get_num_threads())
    }

    /// The CPU kernel OpenBLAS runs (e.g. "Haswell", "SkylakeX", "Zen"); results are bitwise
    /// reproducible for a fixed kernel and thread count.
    public static var coreName: String {
        _ = kernel
        return String(cString: prism_blas_corename())
    }

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
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        _ = kernel
        prism_sgemm(transposeA ? 1 : 0, transposeB ? 1 : 0, Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b,
                    Int32(ldb), beta, c, Int32(ldc))
    }
}
