import Foundation
import PrismEnv
import PrismStorage
import PrismTensor
import Testing

/// The acceptance crash test: a child process (this test binary, running only
/// ``childWritesUntilKilled()``) appends episodes and reports each finished one on stdout; the
/// parent kills it with SIGKILL at random points. Every time, the dataset validates without
/// errors and every episode reported finished before the kill loads. With `PRISM_INTEROP_DIR` set
/// the killed datasets are kept under `minari-crash/` for `check_minari.py`, which loads them
/// with Minari.
@Suite struct CrashKillTests {
    static let childVariable = "PRISM_STORAGE_CRASH_CHILD"
    static let marker = "PRISM-FINISHED "
    static let observationSpace = Space.dict(["state": .box(low: -10, high: 10, shape: [64]), "note": .text(minLength: 0, maxLength: 8, charset: "abcd")])
    static let actionSpace = Space.discrete(count: 5)
    static let metadata = DatasetMetadata(datasetID: "prism/test/crash-v0", observationSpace: observationSpace, actionSpace: actionSpace)

    @Test(.enabled(if: ProcessInfo.processInfo.environment[childVariable] != nil))
    func childWritesUntilKilled() throws {
        guard let path = ProcessInfo.processInfo.environment[Self.childVariable] else { return }
        let writer = try RolloutWriter(directory: URL(fileURLWithPath: path), metadata: Self.metadata)
        var seed: UInt64 = 0
        while true {
            seed += 1
            let episode = SyntheticEpisodes.make(1, observationSpace: Self.observationSpace, actionSpace: Self.actionSpace, seed: seed)[0]
            var long = episode
            long.infos = [:]
            for _ in 0..<20 {
                long.observations.removeLast()
                long.observations += episode.observations
                long.actions += episode.actions
                long.rewards += episode.rewards
                long.terminations = [Bool](repeating: false, count: long.actions.count)
                long.truncations = long.terminations
            }
            let id = try writer.append(long)
            FileHandle.standardOutput.write(Data("\(Self.marker)\(id)\n".utf8))
        }
    }

    @Test func sigkilledWritersLeaveLoadableDatasets() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.cleanup() }
        let root = ProcessInfo.processInfo.environment["PRISM_INTEROP_DIR"]
            .map { URL(fileURLWithPath: $0).appendingPathComponent("minari-crash") } ?? scratch.url
        try? FileManager.default.removeItem(at: root)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        var random = RandomStream(seed: 2026)
        var rounds: [[String: Any]] = []
        for round in 0..<5 {
            let target = root.appendingPathComponent("round-\(round)")
            let wanted = 1 + random.nextInt(below: 25)
            let delay = UInt32(random.nextInt(below: 3001))
            let reported = try runAndKill(target, after: wanted, extraDelayMicroseconds: delay)
            #expect(reported >= wanted)
            let reader = try RolloutReader(directory: target)
            #expect(reader.episodeCount >= reported, "round \(round): \(reader.episodeCount) counted, \(reported) reported")
            #expect(reader.validate().filter { $0.severity == .error }.isEmpty, "round \(round): \(reader.validate())")
            for index in 0..<reader.episodeCount { _ = try reader.episode(index) }
            rounds.append(["path": target.lastPathComponent, "reported": reported])
        }
        let data = try JSONSerialization.data(withJSONObject: ["rounds": rounds], options: [.sortedKeys])
        try data.write(to: root.appendingPathComponent("expected.json"))
    }

    /// Starts the child on `target`, waits until it reported `count` finished episodes plus a
    /// random delay, kills it with SIGKILL and returns how many it reported.
    func runAndKill(_ target: URL, after count: Int, extraDelayMicroseconds: UInt32) throws -> Int {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        child.arguments = ["--testing-library", "swift-testing", "--filter", "childWritesUntilKilled"]
        child.environment = ProcessInfo.processInfo.environment.merging([Self.childVariable: target.path]) { $1 }
        let output = Pipe()
        child.standardOutput = output
        child.standardError = FileHandle.nullDevice
        try child.run()
        var buffer = ""
        var reported = 0
        while reported < count {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            buffer += String(decoding: data, as: UTF8.self)
            reported = buffer.components(separatedBy: "\n").filter { $0.hasPrefix(Self.marker) }.count
        }
        usleep(extraDelayMicroseconds)
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        try? output.fileHandleForReading.close()
        return buffer.components(separatedBy: "\n").filter { $0.hasPrefix(Self.marker) }.count
    }
}
