import Dispatch
import Synchronization

/// How many threads Prism's own kernels use (set together with OpenBLAS's by
/// ``BLAS/setThreadCount(_:)``).
///
/// Work is split into a fixed number of contiguous chunks, one per thread, and every chunk runs
/// the same code as the single-threaded kernel on its own rows or elements: element-wise and
/// row-wise results are bitwise the same for every thread count. Only ops that reduce across
/// chunks (LayerNorm's gain and bias gradients) combine per-chunk partial sums, in chunk order, so
/// they are reproducible for a fixed thread count.
public enum Parallelism {
    private static let workers = Atomic<Int>(1)

    /// The number of threads kernels split large work across.
    public static var threadCount: Int { workers.load(ordering: .relaxed) }

    static func setThreadCount(_ count: Int) {
        workers.store(Swift.max(1, count), ordering: .relaxed)
    }

    /// Below this many scalar operations a kernel runs on the calling thread.
    static let minimumParallelWork = 1 << 16

    /// The number of chunks `count` items of `cost` scalar operations each are split into.
    static func chunkCount(_ count: Int, cost: Int) -> Int {
        let threads = threadCount
        guard threads > 1, count > 1, count &* cost >= minimumParallelWork else { return 1 }
        return Swift.min(threads, count)
    }

    /// Calls `body(chunk, range)` for `chunks` contiguous ranges covering `0..<count`, concurrently
    /// when `chunks > 1`.
    @inline(__always)
    static func forEachChunk(_ count: Int, chunks: Int, _ body: (Int, Range<Int>) -> Void) {
        if chunks <= 1 {
            body(0, 0..<count)
            return
        }
        withoutActuallyEscaping(body) { body in
            let work = UncheckedBox(body)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let start = count * chunk / chunks
                let end = count * (chunk + 1) / chunks
                work.value(chunk, start..<end)
            }
        }
    }

    /// `forEachChunk` with the chunk count chosen from the work size.
    @inline(__always)
    static func forEachRange(_ count: Int, cost: Int = 1, _ body: (Range<Int>) -> Void) {
        forEachChunk(count, chunks: chunkCount(count, cost: cost)) { _, range in body(range) }
    }
}

/// Carries a non-Sendable value (a kernel closure over raw pointers into disjoint ranges) into
/// worker threads; each worker writes only its own range.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
