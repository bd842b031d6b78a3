import Foundation
import PrismTensor

/// Wall-clock timing in the reference bench's protocol: warm up, size a batch of iterations to a
/// target duration, then time `runs` batches and report per-iteration statistics.
struct Timing {
    /// Per-iteration milliseconds of each timed batch, sorted.
    let milliseconds: [Double]

    var median: Double {
        let n = milliseconds.count
        return n % 2 == 1 ? milliseconds[n / 2] : (milliseconds[n / 2 - 1] + milliseconds[n / 2]) / 2
    }

    /// Times `body`: 5 warm-up calls, a batch doubled until it lasts `target` seconds, `runs` batches.
    static func measure(runs: Int, target: Double, _ body: () -> Void) -> Timing {
        for _ in 0..<5 { body() }
        var iterations = 1
        while true {
            let elapsed = seconds { for _ in 0..<iterations { body() } }
            if elapsed > target || iterations >= 1 << 16 { break }
            iterations *= 2
        }
        var samples: [Double] = []
        for _ in 0..<runs {
            let elapsed = seconds { for _ in 0..<iterations { body() } }
            samples.append(elapsed / Double(iterations) * 1000)
        }
        return Timing(milliseconds: samples.sorted())
    }

    static func seconds(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// The JSON row: workload, its text labels, threads, median/min/max in ms, runs, the OpenBLAS
    /// kernel and thread count it ran with, plus extra fields.
    func row(_ workload: String, labels: [(String, String)] = [], threads: Int, extra: [(String, Double)] = []) -> String {
        var fields: [(String, String)] = [("workload", "\"\(workload)\"")] + labels.map { ($0.0, "\"\($0.1)\"") } + [
            ("threads", "\(threads)"),
            ("median_ms", format(median)), ("min_ms", format(milliseconds.first ?? 0)),
            ("max_ms", format(milliseconds.last ?? 0)), ("runs", "\(milliseconds.count)"),
            ("blas_core", "\"\(BLAS.coreName)\""), ("blas_threads", "\(BLAS.threadCount)"),
        ]
        fields += extra.map { ($0.0, format($0.1)) }
        return "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }

    private func format(_ value: Double) -> String {
        value == value.rounded() && Swift.abs(value) < 1e15 ? String(Int(value)) : String(format: "%.4f", value)
    }
}
