import Foundation
@testable import PrismRecipes
import Testing

/// Writes TensorBoard runs for the Python interop check (`make interop`):
/// `$PRISM_INTEROP_DIR/tensorboard/<run>/events.out.tfevents.*` plus
/// `$PRISM_INTEROP_DIR/tensorboard/expected.json`, which `Tests/Interop/check_tensorboard.py`
/// compares with what TensorBoard's `EventAccumulator` reads. One run is resumed after a
/// simulated kill, so the check also proves that TensorBoard drops the steps the killed run
/// logged after its checkpoint. Without the variable the files go to a temporary directory and
/// are only self-checked here.
@Suite struct TensorBoardInteropTests {
    /// Every tag's `[step, value]` pairs per run; values are the Float32 TensorBoard stores.
    struct Expected: Encodable {
        var runs: [String: [String: [[Double]]]]
    }

    static var directory: URL {
        if let path = ProcessInfo.processInfo.environment["PRISM_INTEROP_DIR"] {
            return URL(fileURLWithPath: path).appendingPathComponent("tensorboard")
        }
        return FileManager.default.temporaryDirectory.appendingPathComponent("prism-interop-tensorboard-\(getpid())")
    }

    static func metrics(_ step: Int) -> [String: Double] {
        ["charts/episodic_return": 0.1 * Double(step) - 0.05, "losses/value_loss": 1 / Double(step * step + 1)]
    }

    @Test func scalarsForTensorBoard() throws {
        let root = Self.directory
        try? FileManager.default.removeItem(at: root)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        var expected = Expected(runs: [:])

        let plain = root.appendingPathComponent("plain")
        try FileManager.default.createDirectory(at: plain, withIntermediateDirectories: true)
        let logger = try MetricsLogger(directory: plain)
        var tags: [String: [[Double]]] = [:]
        for step in stride(from: 0, through: 1000, by: 100) {
            let values = Self.metrics(step + 1)
            try logger.log(step: step, values, wallClock: ["charts/SPS": 1000 + Double(step)])
            for (tag, value) in values.merging(["charts/SPS": 1000 + Double(step)], uniquingKeysWith: { a, _ in a }) {
                tags[tag, default: []].append([Double(step), Double(Float(value))])
            }
        }
        logger.close()
        expected.runs["plain"] = tags

        let resumed = root.appendingPathComponent("resumed")
        try FileManager.default.createDirectory(at: resumed, withIntermediateDirectories: true)
        let killed = try MetricsLogger(directory: resumed)
        for step in 1...7 { try killed.log(step: step, step <= 4 ? Self.metrics(step) : ["charts/episodic_return": -99]) }
        killed.close()
        let continued = try MetricsLogger(directory: resumed, resumingAfter: 4)
        for step in 5...9 { try continued.log(step: step, Self.metrics(step)) }
        continued.close()
        var resumedTags: [String: [[Double]]] = [:]
        for step in 1...9 {
            for (tag, value) in Self.metrics(step) { resumedTags[tag, default: []].append([Double(step), Double(Float(value))]) }
        }
        expected.runs["resumed"] = resumedTags

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        try encoder.encode(expected).write(to: root.appendingPathComponent("expected.json"))

        let files = try FileManager.default.contentsOfDirectory(atPath: resumed.path).filter { $0.contains("tfevents") }
        #expect(files.count == 2)
        for file in files { #expect(try !readRecords(resumed.appendingPathComponent(file)).isEmpty) }
    }
}
