import Foundation
@testable import PrismRecipes
import Testing

/// metrics.jsonl, timing.jsonl, metrics.csv and the event file, fresh and resumed.
@Suite struct MetricsLoggerTests {
    static let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_700_000_000) }

    func logger(_ directory: URL, resumingAfter: Int? = nil) throws -> MetricsLogger {
        try MetricsLogger(directory: directory, resumingAfter: resumingAfter, hostName: "test", clock: Self.clock)
    }

    /// The deterministic metrics of step `step` in a fake run.
    static func metrics(_ step: Int) -> [String: Double] {
        var values = ["charts/episodic_return": Double(step) / 8, "losses/value_loss": 1 / Double(step)]
        if step >= 3 { values["losses/approx_kl"] = 0.01 * Double(step) }
        return values
    }

    @Test func writesSortedJSONLinesAndSeparatesWallClock() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = try logger(directory)
        try log.log(step: 1, ["b": 2, "a": 0.5], wallClock: ["charts/SPS": 1234])
        try log.log(step: 2, ["b": 3, "a": .nan])
        log.close()
        #expect(contents(directory.appendingPathComponent("metrics.jsonl"))
                == "{\"a\": 0.5, \"b\": 2.0, \"step\": 1}\n{\"a\": null, \"b\": 3.0, \"step\": 2}\n")
        #expect(contents(directory.appendingPathComponent("timing.jsonl")) == "{\"charts/SPS\": 1234.0, \"step\": 1}\n")
        #expect(contents(directory.appendingPathComponent("metrics.csv")) == "step,a,b,charts/SPS\n1,0.5,2.0,1234.0\n2,,3.0,\n")
    }

    @Test func csvHeaderGrowsToTheUnionOfKeys() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = try logger(directory)
        try log.log(step: 1, ["z": 1])
        try log.log(step: 2, ["z": 2])
        try log.log(step: 3, ["a,b": 3, "z": 3])
        #expect(contents(directory.appendingPathComponent("metrics.csv")) == "step,\"a,b\",z\n1,,1.0\n2,,2.0\n3,3.0,3.0\n")
        try log.log(step: 4, ["z": 4])
        #expect(contents(directory.appendingPathComponent("metrics.csv")).hasSuffix("3,3.0,3.0\n4,,4.0\n"))
    }

    @Test func misuseIsRejected() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = try logger(directory)
        try log.log(step: 5, ["a": 1])
        #expect(throws: MetricsError.stepNotIncreasing(step: 5, previous: 5)) { try log.log(step: 5, ["a": 1]) }
        #expect(throws: MetricsError.duplicateName("a")) { try log.log(step: 6, ["a": 1], wallClock: ["a": 2]) }
        #expect(throws: MetricsError.duplicateName("step")) { try log.log(step: 6, ["step": 1]) }
        #expect(throws: RunDirectoryError.notEmpty(path: directory.path)) { _ = try logger(directory) }
    }

    @Test func resumedRunWritesTheSameMetricsAsAnUninterruptedOne() throws {
        let whole = try makeTemporaryDirectory()
        let split = try makeTemporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: whole)
            try? FileManager.default.removeItem(at: split)
        }
        let uninterrupted = try logger(whole)
        for step in 1...8 { try uninterrupted.log(step: step, Self.metrics(step), wallClock: ["charts/SPS": Double(100 + step)]) }
        uninterrupted.close()

        let killed = try logger(split)
        for step in 1...6 {
            let values = step <= 4 ? Self.metrics(step) : ["stale/metric": -1]
            try killed.log(step: step, values, wallClock: ["charts/SPS": Double(100 + step)])
        }
        killed.close()
        let resumed = try logger(split, resumingAfter: 4)
        for step in 5...8 { try resumed.log(step: step, Self.metrics(step), wallClock: ["charts/SPS": Double(100 + step)]) }
        resumed.close()

        for name in ["metrics.jsonl", "timing.jsonl", "metrics.csv"] {
            #expect(contents(split.appendingPathComponent(name)) == contents(whole.appendingPathComponent(name)), "\(name)")
        }
        #expect(contents(split.appendingPathComponent("metrics.jsonl")).split(separator: "\n").count == 8)
        let events = try FileManager.default.contentsOfDirectory(atPath: split.path).filter { $0.contains("tfevents") }.sorted()
        #expect(events == ["events.out.tfevents.1700000000.test", "events.out.tfevents.1700000000.test.1"])
        let second = try readRecords(split.appendingPathComponent(events[1]))
        #expect(second[1] == TensorBoardEvent.sessionStart(wallTime: 1_700_000_000, step: 5).encoded)
        #expect(second.count == 2 + 4)
    }

    @Test func resumingRejectsAMalformedLineAndChangesNothing() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = "{\"a\": 1.0, \"step\": 1}\nnot json\n{\"a\": 1.0, \"step\": 3}\n"
        let url = try writeFile(text, named: "metrics.jsonl", in: directory)
        #expect(throws: RunDirectoryError.unreadable(path: url.path, line: 2, reason: "not a JSON object")) {
            _ = try logger(directory, resumingAfter: 1)
        }
        #expect(contents(url) == text)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("metrics.csv").path))
    }

    @Test func aLineCutShortByAKillIsDroppedOnResume() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try writeFile("{\"a\": 1.0, \"step\": 1}\n{\"a\": 2.0, \"st", named: "metrics.jsonl", in: directory)
        let log = try logger(directory, resumingAfter: 1)
        try log.log(step: 2, ["a": 2])
        log.close()
        #expect(contents(url) == "{\"a\": 1.0, \"step\": 1}\n{\"a\": 2.0, \"step\": 2}\n")
    }
}
