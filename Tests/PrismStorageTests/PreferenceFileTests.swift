import Foundation
@testable import PrismStorage
import Testing

/// ``PreferenceFile``: round trips (unicode included), appends across sessions, clear errors.
@Suite struct PreferenceFileTests {
    static let pairs = [
        PreferencePair(prompt: "What is 2+2?", chosen: "4", rejected: "5", source: "rubric", chosenScore: 1, rejectedScore: 0, seed: 7),
        PreferencePair(prompt: "Übersetze: 猫 🐈", chosen: "Katze — «cat»", rejected: "Hund\nmit Zeilenumbruch", source: "mcts"),
        PreferencePair(prompt: "", chosen: "e\u{301} (combining)", rejected: "\"quoted\", comma", source: "human",
                       chosenScore: -0.5, rejectedScore: .infinity, seed: Int64.max),
    ]

    @Test func roundTripKeepsEveryFieldIncludingUnicode() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let url = directory.url.appendingPathComponent("prefs.hdf5")
        let writer = try PreferenceFile(url: url, mode: .append)
        #expect(writer.count == 0)
        try writer.append(contentsOf: Self.pairs)
        #expect(writer.count == 3)
        try writer.close()
        let reader = try PreferenceFile(url: url, mode: .read)
        #expect(reader.count == 3)
        let read = try reader.pairs()
        #expect(read == Self.pairs)
        #expect(read[1].chosenScore.isNaN && read[1].seed == -1)
    }

    @Test func appendingContinuesAcrossSessionsAndChunks() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let url = directory.url.appendingPathComponent("prefs.hdf5")
        do {
            let file = try PreferenceFile(url: url, mode: .append)
            try file.append(Self.pairs[0])
            try file.append(Self.pairs[1])
        }
        let many = (0..<600).map { PreferencePair(prompt: "p\($0)", chosen: "c\($0)", rejected: "r\($0)", source: "bulk", seed: Int64($0)) }
        do {
            let file = try PreferenceFile(url: url, mode: .append)
            #expect(file.count == 2)
            try file.append(contentsOf: many)
            #expect(file.count == 602)
        }
        let all = try PreferenceFile(url: url, mode: .read).pairs()
        #expect(all.count == 602)
        #expect(Array(all.prefix(2)) == Array(Self.pairs.prefix(2)))
        #expect(Array(all.dropFirst(2)) == many)
    }

    @Test func readOnlyFilesRefuseAppends() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let url = directory.url.appendingPathComponent("prefs.hdf5")
        try PreferenceFile(url: url, mode: .append).append(Self.pairs[0])
        let reader = try PreferenceFile(url: url, mode: .read)
        #expect(throws: StorageError.self) { try reader.append(Self.pairs[1]) }
        #expect(reader.count == 1)
    }

    @Test func badFilesGiveNamedErrors() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let missing = directory.url.appendingPathComponent("missing.hdf5")
        #expect(throws: StorageError.hdf5(operation: "open (file missing)", file: missing.path, object: "/")) {
            try PreferenceFile(url: missing, mode: .read)
        }
        #expect(!FileManager.default.fileExists(atPath: missing.path))
        #expect { try PreferenceFile(url: directory.url, mode: .append) } throws: { error in
            guard case .refusedPath(let path, let reason)? = error as? StorageError else { return false }
            return path == directory.url.path && reason.contains("directory")
        }
        let text = directory.url.appendingPathComponent("notes.hdf5")
        try Data("not hdf5".utf8).write(to: text)
        #expect { try PreferenceFile(url: text, mode: .append) } throws: { error in
            guard case .refusedPath(let path, let reason)? = error as? StorageError else { return false }
            return path == text.path && reason.contains("not an HDF5 file")
        }
        #expect(try String(contentsOf: text, encoding: .utf8) == "not hdf5")
    }

    @Test func otherHDF5FilesAndTruncatedFilesAreRejected() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let datasetDirectory = directory.url.appendingPathComponent("rollouts")
        let writer = try RolloutWriter(directory: datasetDirectory, metadata: DatasetMetadata(
            datasetID: "prism/test/prefs-v0", observationSpace: .discrete(count: 2), actionSpace: .discrete(count: 2)))
        try writer.close()
        let rollouts = datasetDirectory.appendingPathComponent("data/main_data.hdf5")
        #expect { try PreferenceFile(url: rollouts, mode: .read) } throws: { error in
            guard case .malformed(let file, let object, let reason)? = error as? StorageError else { return false }
            return file == rollouts.path && object == "/" && reason.contains("'format' is missing")
        }
        let url = directory.url.appendingPathComponent("prefs.hdf5")
        try PreferenceFile(url: url, mode: .append).append(contentsOf: Self.pairs)
        let bytes = try Data(contentsOf: url)
        try bytes.prefix(bytes.count / 2).write(to: url)
        #expect(throws: StorageError.self) { try PreferenceFile(url: url, mode: .read).pairs() }
    }
}
