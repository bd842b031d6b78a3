import Foundation

/// Axis ticks at round numbers (1, 2 or 5 times a power of ten) covering a data range, about
/// five of them; the axis spans from the first tick to the last.
struct ChartTicks {
    /// The axis range, from the first tick to the last.
    let low: Double
    let high: Double
    /// The distance between ticks.
    let spacing: Double

    /// Ticks covering `low...high`; an empty range is widened around its value.
    init(low dataLow: Double, high dataHigh: Double, target: Int = 5) {
        var dataLow = dataLow
        var dataHigh = dataHigh
        if dataHigh <= dataLow {
            let pad = dataLow == 0 ? 1 : abs(dataLow) * 0.1
            dataLow -= pad
            dataHigh += pad
        }
        let rough = (dataHigh - dataLow) / Double(target)
        let magnitude = pow(10, (log10(rough)).rounded(.down))
        let spacing = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        self.spacing = spacing
        low = (dataLow / spacing).rounded(.down) * spacing
        high = (dataHigh / spacing).rounded(.up) * spacing
    }

    /// Every tick value from `low` to `high`.
    var values: [Double] {
        let count = Int(((high - low) / spacing).rounded())
        return (0...count).map { low + Double($0) * spacing }
    }

    /// A tick's label with only the decimals the spacing needs (`0.25`, `1000`, `1e+06`).
    func label(_ value: Double) -> String {
        let value = abs(value) < spacing * 1e-9 ? 0 : value
        if abs(value) >= 1e6 || (abs(value) < 1e-3 && value != 0) { return String(format: "%.3g", value) }
        let decimals = max(0, Int((-log10(spacing)).rounded(.up)))
        return String(format: "%.\(decimals)f", value)
    }
}
