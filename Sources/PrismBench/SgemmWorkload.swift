import PrismTensor

/// `sgemm`: C = A·B for square n×n Float32 matrices straight through `cblas_sgemm`, at 1 and 2
/// OpenBLAS threads; GFLOP/s = 2n³ / time.
enum SgemmWorkload {
    static let sizes = [64, 128, 256, 512, 1024]

    static func run(runs: Int, target: Double) -> [String] {
        var rows: [String] = []
        var stream = RandomStream(seed: 0)
        for threads in [1, 2] {
            BLAS.setThreadCount(threads)
            for n in sizes {
                let a = Tensor.normal([n, n], using: &stream)
                let b = Tensor.normal([n, n], using: &stream)
                var c = Tensor.zeros([n, n])
                let timing = c.withUnsafeMutableBufferPointer { output in
                    Timing.measure(runs: runs, target: target) {
                        BLAS.gemm(transposeA: false, transposeB: false, m: n, n: n, k: n, alpha: 1,
                                  a: a.storage.pointer, lda: n, b: b.storage.pointer, ldb: n, beta: 0,
                                  c: output.baseAddress!, ldc: n)
                    }
                }
                let gflops = 2 * Double(n * n * n) / (timing.median / 1000) / 1e9
                rows.append(timing.row("sgemm", threads: threads, extra: [("n", Double(n)), ("gflops", gflops)]))
            }
        }
        return rows
    }
}
