import Foundation

/// Shows the progress of long work (training steps, recorded episodes, generated lines) on
/// standard error: on a terminal, one line redrawn in place (at most
/// ten times a second); when piped or redirected, a plain line at a modest interval (default
/// every 10 s) so logs stay short. The final step is always shown.
public final class ProgressDisplay {
    /// Where lines go, and whether it is a terminal.
    public struct Output: Sendable {
        /// Whether to redraw one line in place.
        public var isTerminal: Bool
        /// Writes text as is (no newline added).
        public var write: @Sendable (String) -> Void

        /// Standard error, a terminal when `isatty(2)` says so.
        public static var standardError: Output {
            Output(isTerminal: isatty(STDERR_FILENO) != 0) { text in
                FileHandle.standardError.write(Data(text.utf8))
            }
        }

        /// An output with the given behaviour (tests capture the text this way).
        public init(isTerminal: Bool, write: @escaping @Sendable (String) -> Void) {
            self.isTerminal = isTerminal
            self.write = write
        }
    }

    private let total: Int
    private let metricName: String?
    private let label: String
    private let rateUnit: String
    private let output: Output
    private let interval: TimeInterval
    private let clock: () -> Date
    private var start: (step: Int, time: Date)?
    private var lastShown: Date?
    private var lineOpen = false

    /// A display for a run of `total` steps that shows the metric `metricName` when given one.
    /// - Parameter pipedInterval: seconds between lines when the output is not a terminal.
    /// - Parameters:
    ///   - label: what is counted (`step` by default).
    ///   - rateUnit: how the rate is shown (`SPS`, steps per second, by default).
    public init(total: Int, metricName: String? = nil, label: String = "step", rateUnit: String = "SPS",
                output: Output = .standardError,
                pipedInterval: TimeInterval = 10, clock: @escaping () -> Date = { Date() }) {
        self.total = total
        self.metricName = metricName
        self.label = label
        self.rateUnit = rateUnit
        self.output = output
        self.interval = output.isTerminal ? 0.1 : pipedInterval
        self.clock = clock
    }

    /// Reports that `step` steps are done; `metric` is the latest value of the named metric and
    /// `status` a short note appended to the line. SPS counts from the first update, so a
    /// resumed run measures only its own steps.
    public func update(step: Int, metric: Double? = nil, status: String? = nil) {
        let now = clock()
        guard let start else {
            self.start = (step, now)
            return
        }
        if let lastShown, now.timeIntervalSince(lastShown) < interval, step < total { return }
        lastShown = now
        let elapsed = now.timeIntervalSince(start.time)
        let rate = elapsed > 0 ? Double(step - start.step) / elapsed : nil
        let text = ProgressFormat.line(step: step, total: total, stepsPerSecond: rate,
                                       metric: metricName.flatMap { name in metric.map { (name, $0) } }, label: label,
                                       rateUnit: rateUnit, status: status)
        if output.isTerminal {
            output.write("\r" + text + "\u{1B}[K")
            lineOpen = true
        } else {
            output.write(text + "\n")
        }
    }

    /// Ends the redrawn line (on a terminal) so later output starts on a fresh line.
    public func finish() {
        if lineOpen { output.write("\n") }
        lineOpen = false
    }
}
