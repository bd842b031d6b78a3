import Foundation
import PrismEnv
@testable import PrismStorage
import Testing

/// Appending on reopen, refusing foreign paths, crash safety and named errors for damaged files.
///
/// Crash simulation: a SIGKILL leaves on disk exactly what the writer had handed to the kernel,
/// so a copy of `data/` taken while a writer is still open (never closed) is the state a killed
/// writer leaves. Snapshots are taken after each flushed episode and after a group was created
/// but before the metadata counted it (a half-written episode).
@Suite struct DurabilityTests {
    static let observationSpace = Space.dict(["pos": .box(low: -5, high: 5, shape: [2]), "goal": .text(minLength: 0, maxLength: 6, charset: "abc")])
    static let actionSpace = Space.multiDiscrete(counts: [2, 3], start: [0, 0])
    static let metadata = DatasetMetadata(datasetID: "prism/test/durable-v0", observationSpace: observationSpace, actionSpace: actionSpace)
    static let episodes = SyntheticEpisodes.make(6, observationSpace: observationSpace, actionSpace: actionSpace)

    @Test func reopeningAppendsWithContinuingIDs() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let first = try RolloutWriter(directory: directory.url, metadata: Self.metadata)
        for episode in Self.episodes.prefix(2) { try first.append(episode) }
        try first.close()
        let second = try RolloutWriter(directory: directory.url, metadata: Self.metadata)
        #expect(second.episodeCount == 2)
        #expect(try second.append(Self.episodes[2]) == 2)
        try second.close()
        let reader = try RolloutReader(directory: directory.url)
        #expect(reader.episodeCount == 3 && reader.validate().isEmpty)
        #expect(reader.metadata.totalSteps == Self.episodes.prefix(3).map(\.totalSteps).reduce(0, +))
        #expect(try reader.episode(2).observations == Self.episodes[2].observations)
    }

    @Test func refusesForeignPaths() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let file = directory.url.appendingPathComponent("notes.txt")
        try Data("hello".utf8).write(to: file)
        #expect(throws: StorageError.self) { try RolloutWriter(directory: file, metadata: Self.metadata) }
        #expect(throws: StorageError.self) { try RolloutWriter(directory: directory.url, metadata: Self.metadata) }
        let other = directory.url.appendingPathComponent("other")
        try RolloutWriter(directory: other, metadata: Self.metadata).close()
        let mismatched = DatasetMetadata(datasetID: "x", observationSpace: .discrete(count: 2), actionSpace: Self.actionSpace)
        do {
            _ = try RolloutWriter(directory: other, metadata: mismatched)
            Issue.record("a dataset with other spaces was reopened")
        } catch {
            #expect("\(error)".contains("different observation or action spaces"))
        }
    }

    @Test func killedWriterSnapshotsLoadEveryCountedEpisode() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let live = directory.url.appendingPathComponent("live")
        let writer = try RolloutWriter(directory: live, metadata: Self.metadata)
        var snapshots: [(URL, Int)] = []
        for (index, episode) in Self.episodes.enumerated() {
            try writer.append(episode)
            snapshots.append((try snapshot(live, into: directory.url, name: "after-\(index)"), index + 1))
        }
        for (url, counted) in snapshots {
            let reader = try RolloutReader(directory: url)
            #expect(reader.episodeCount == counted)
            #expect(reader.validate().filter { $0.severity == .error }.isEmpty)
            for index in 0..<counted { #expect(try reader.episode(index).actions == Self.episodes[index].actions) }
        }
        withExtendedLifetime(writer) {}
    }

    @Test func halfWrittenGroupIsIgnoredAndReplacedOnAppend() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let live = directory.url.appendingPathComponent("live")
        let writer = try RolloutWriter(directory: live, metadata: Self.metadata)
        for episode in Self.episodes.prefix(3) { try writer.append(episode) }
        let countedMetadata = try Data(contentsOf: live.appendingPathComponent("data/metadata.json"))
        try writer.append(Self.episodes[3])
        let copy = try snapshot(live, into: directory.url, name: "killed")
        try countedMetadata.write(to: copy.appendingPathComponent("data/metadata.json"))

        do {
            let reader = try RolloutReader(directory: copy)
            #expect(reader.episodeCount == 3)
            #expect(reader.validate().map(\.severity) == [.warning])
        }
        let resumed = try RolloutWriter(directory: copy, metadata: Self.metadata)
        #expect(try resumed.append(Self.episodes[5]) == 3)
        try resumed.close()
        let after = try RolloutReader(directory: copy)
        #expect(after.validate().isEmpty)
        #expect(try after.episode(3).observations == Self.episodes[5].observations)
        withExtendedLifetime(writer) {}
    }

    @Test func damagedFilesGiveNamedErrors() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let writer = try RolloutWriter(directory: directory.url, metadata: Self.metadata)
        for episode in Self.episodes { try writer.append(episode) }
        try writer.close()
        let hdf5 = directory.url.appendingPathComponent("data/main_data.hdf5")
        let bytes = try Data(contentsOf: hdf5)

        try bytes.prefix(bytes.count / 2).write(to: hdf5)
        #expect(throws: StorageError.self) {
            let reader = try RolloutReader(directory: directory.url)
            for index in 0..<reader.episodeCount { _ = try reader.episode(index) }
        }
        try (Data(repeating: 0, count: 1024) + bytes.dropFirst(1024)).write(to: hdf5)
        do {
            _ = try RolloutReader(directory: directory.url)
            Issue.record("a file with a zeroed superblock opened")
        } catch {
            #expect("\(error)".contains("main_data.hdf5"))
            #expect("\(error)".contains("file signature not found"), "HDF5's reason is part of the message: \(error)")
        }
        try Data("{\"dataset_id\": 3}".utf8).write(to: directory.url.appendingPathComponent("data/metadata.json"))
        do {
            _ = try RolloutReader(directory: directory.url)
            Issue.record("bad metadata was accepted")
        } catch {
            #expect("\(error)".contains("metadata.json"))
        }
    }

    /// Copies `dataset/data` to `root/name/data` while the writer keeps it open.
    func snapshot(_ dataset: URL, into root: URL, name: String) throws -> URL {
        let target = root.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: dataset.appendingPathComponent("data"), to: target.appendingPathComponent("data"))
        return target
    }
}
