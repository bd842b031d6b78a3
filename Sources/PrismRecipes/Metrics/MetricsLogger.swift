import Foundation
import PrismJSON

/// Writes a run's metrics to every sink at each log step: `metrics.jsonl` (deterministic values
/// only), `timing.jsonl` (wall-clock values such as `charts/SPS`), `metrics.csv` (both, flat) and
/// a TensorBoard event file (both). Everything is written through before `log` returns.
///
/// Keeping wall-clock values in their own file means two runs with the same seed, and a resumed
/// run and an uninterrupted one, have byte-identical `metrics.jsonl` files.
///
/// ```swift
/// let logger = try MetricsLogger(directory: run.url, resumingAfter: checkpoint?.step)
/// try logger.log(step: 2048, ["charts/episodic_return": 0.42], wallClock: ["charts/SPS": 1830])
/// ```
public final class MetricsLogger {
    /// The deterministic metrics, one JSON object per log step.
    public static let metricsFileName = "metrics.jsonl"
    /// The wall-clock metrics, one JSON object per log step.
    public static let timingFileName = "timing.jsonl"
    /// Every metric, flat.
    public static let csvFileName = "metrics.csv"

    private let directory: URL
    private let metrics: JSONLinesLog
    private let timing: JSONLinesLog
    private let table: CSVTable
    private let events: EventFileWriter
    private let clock: @Sendable () -> Date
    private var lastStep: Int?

    /// Opens the sinks in `directory`.
    /// - Parameters:
    ///   - resumingAfter: for a resumed run, the step of the checkpoint it continues from; lines
    ///     logged after it (by the interrupted run) are removed so they are not duplicated. Pass
    ///     `-1` when resuming without a checkpoint. `nil` for a new run, which needs the files absent.
    ///   - clock: the wall clock for TensorBoard's `wall_time` (injectable for tests).
    /// - Throws: ``RunDirectoryError``, naming the file (and line) at fault; nothing is changed then.
    public init(directory: URL, resumingAfter: Int? = nil, hostName: String = ProcessInfo.processInfo.hostName,
                clock: @escaping @Sendable () -> Date = { Date() }) throws(RunDirectoryError) {
        self.directory = directory
        self.clock = clock
        let metricsURL = directory.appendingPathComponent(Self.metricsFileName)
        let timingURL = directory.appendingPathComponent(Self.timingFileName)
        var rows: [[String: String]] = []
        if let resumingAfter {
            _ = try JSONLinesLog.read(timingURL)  // validate both files before changing either
            let kept = try JSONLinesLog.truncate(metricsURL, after: resumingAfter)
            let keptTiming = try JSONLinesLog.truncate(timingURL, after: resumingAfter)
            rows = Self.csvRows(kept + keptTiming)
            lastStep = kept.compactMap { if case .integer(let step)? = $0["step"] { step } else { nil } }.max()
        } else {
            for url in [metricsURL, timingURL] where FileManager.default.fileExists(atPath: url.path) {
                throw .notEmpty(path: directory.path)
            }
        }
        metrics = try JSONLinesLog(url: metricsURL)
        timing = try JSONLinesLog(url: timingURL)
        table = try CSVTable(url: directory.appendingPathComponent(Self.csvFileName), rows: rows)
        events = try EventFileWriter(directory: directory, wallTime: clock().timeIntervalSince1970, hostName: hostName)
        if let resumingAfter {
            try events.write(.sessionStart(wallTime: clock().timeIntervalSince1970, step: Int64(resumingAfter + 1)))
        }
    }

    /// The TensorBoard event file this logger writes.
    public var eventFileURL: URL { events.url }

    /// Records the metrics of one step. Steps must increase from call to call.
    /// - Parameters:
    ///   - metrics: values that are a function of the seed (losses, returns); non-finite values
    ///     are written as JSON `null` and empty CSV cells (check them with ``NonFiniteGuard`` first).
    ///   - wallClock: values that depend on the machine's speed (`charts/SPS`, `time/elapsed`).
    /// - Throws: ``MetricsError`` for a misuse, ``RunDirectoryError`` when a file cannot be written.
    public func log(step: Int, _ metrics: [String: Double], wallClock: [String: Double] = [:]) throws {
        if let lastStep, step <= lastStep { throw MetricsError.stepNotIncreasing(step: step, previous: lastStep) }
        if let name = Set(metrics.keys).intersection(wallClock.keys).sorted().first { throw MetricsError.duplicateName(name) }
        if metrics.keys.contains("step") || wallClock.keys.contains("step") { throw MetricsError.duplicateName("step") }
        lastStep = step
        try self.metrics.append(Self.jsonObject(step: step, metrics))
        if !wallClock.isEmpty { try timing.append(Self.jsonObject(step: step, wallClock)) }
        var row = ["step": String(step)]
        for (name, value) in metrics.merging(wallClock, uniquingKeysWith: { first, _ in first }) {
            row[name] = Self.cellText(value)
        }
        try table.append(row)
        let values = metrics.merging(wallClock, uniquingKeysWith: { first, _ in first })
            .sorted { $0.key < $1.key }.map { (tag: $0.key, value: Float($0.value)) }
        try events.write(.scalars(wallTime: clock().timeIntervalSince1970, step: Int64(step), values: values))
    }

    /// Closes the files.
    public func close() {
        metrics.close()
        timing.close()
        events.close()
    }

    private static func jsonObject(step: Int, _ values: [String: Double]) -> [String: JSONValue] {
        var object = values.mapValues { $0.isFinite ? JSONValue.number($0) : .null }
        object["step"] = .integer(step)
        return object
    }

    /// The CSV text of a value: shortest round-trip decimal, empty when not finite.
    static func cellText(_ value: Double) -> String {
        value.isFinite ? JSONValue.numberText(value) : ""
    }

    /// CSV rows rebuilt from JSONL objects, joined by step.
    private static func csvRows(_ objects: [[String: JSONValue]]) -> [[String: String]] {
        var byStep: [Int: [String: String]] = [:]
        for object in objects {
            guard case .integer(let step)? = object["step"] else { continue }
            var row = byStep[step] ?? ["step": String(step)]
            for (name, value) in object where name != "step" {
                switch value {
                case .integer(let number): row[name] = cellText(Double(number))
                case .number(let number): row[name] = cellText(number)
                default: row[name] = ""
                }
            }
            byStep[step] = row
        }
        return byStep.keys.sorted().map { byStep[$0]! }
    }
}

/// A misuse of ``MetricsLogger``.
public enum MetricsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `log` was called with a step not after the previous one.
    case stepNotIncreasing(step: Int, previous: Int)
    /// A metric name appears both as a metric and as a wall-clock value, or is `step`.
    case duplicateName(String)

    /// A message naming the step or metric.
    public var description: String {
        switch self {
        case .stepNotIncreasing(let step, let previous):
            return "metrics logged at step \(step), which is not after the previous log step \(previous)"
        case .duplicateName(let name):
            return "metric name '\(name)' is used twice (as a metric and a wall-clock value, or it is 'step')"
        }
    }
}
