import Foundation

/// The text of a progress report, kept apart from any terminal handling so it can be tested.
public enum ProgressFormat {
    /// `step 2048/100000 (2.0%)  1830 SPS  return 0.421  ETA 53m35s`; the metric, status and ETA
    /// parts are left out when unknown; `label` replaces `step` (`recording DoorKey 3/20`) and
    /// `rateUnit` names the rate (`episodes/s`).
    public static func line(step: Int, total: Int, stepsPerSecond: Double?, metric: (name: String, value: Double)?,
                            label: String = "step", rateUnit: String = "SPS", status: String? = nil) -> String {
        var parts = [total > 0
            ? "\(label) \(step)/\(total) (\(String(format: "%.1f", 100 * Double(step) / Double(total)))%)"
            : "\(label) \(step)"]
        if let stepsPerSecond, stepsPerSecond.isFinite {
            parts.append("\(Int(stepsPerSecond.rounded())) \(rateUnit)")
        }
        if let metric { parts.append("\(metric.name) \(number(metric.value))") }
        if let status, !status.isEmpty { parts.append(status) }
        if let stepsPerSecond, stepsPerSecond > 0, total > step {
            parts.append("ETA \(duration(Double(total - step) / stepsPerSecond))")
        }
        return parts.joined(separator: "  ")
    }

    /// A duration as `45s`, `3m05s` or `2h07m`.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        let whole = Int(seconds.rounded())
        if whole < 60 { return "\(whole)s" }
        if whole < 3600 { return "\(whole / 60)m" + String(format: "%02ds", whole % 60) }
        return "\(whole / 3600)h" + String(format: "%02dm", (whole % 3600) / 60)
    }

    /// A metric value with four significant digits (`0.4213`, `1.235e+04`, `nan`).
    public static func number(_ value: Double) -> String {
        String(format: "%.4g", value)
    }
}
