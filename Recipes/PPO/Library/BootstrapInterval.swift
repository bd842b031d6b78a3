import PrismTensor

/// A mean over seeds with its 95 % percentile-bootstrap confidence interval: `resamples` times,
/// n values are drawn with replacement from the n given, and the interval is the 2.5th and
/// 97.5th percentiles (nearest rank) of the resampled means. The draws come from a stream
/// seeded with `seed`, so a report is reproducible.
public struct BootstrapInterval: Equatable, Sendable {
    /// The mean of the values.
    public let mean: Double
    /// The lower end of the interval.
    public let lower: Double
    /// The upper end of the interval.
    public let upper: Double

    /// The interval of `values` (at least one).
    public init(_ values: [Double], resamples: Int = 10_000, seed: UInt64 = 20_250_925) {
        precondition(!values.isEmpty && resamples > 0, "BootstrapInterval: needs values and resamples")
        let n = values.count
        mean = values.reduce(0, +) / Double(n)
        var stream = RandomStream(seed: seed)
        var means = (0..<resamples).map { _ in
            (0..<n).reduce(0.0) { sum, _ in sum + values[stream.nextInt(below: n)] } / Double(n)
        }
        means.sort()
        func percentile(_ p: Double) -> Double {
            means[min(resamples - 1, max(0, Int((p * Double(resamples)).rounded(.up)) - 1))]
        }
        lower = percentile(0.025)
        upper = percentile(0.975)
    }

    /// Whether the two intervals share no point.
    public func isDisjoint(from other: BootstrapInterval) -> Bool { upper < other.lower || other.upper < lower }

    /// `mean [lower, upper]` with three decimals.
    public var text: String { String(format: "%.3f [%.3f, %.3f]", mean, lower, upper) }
}
