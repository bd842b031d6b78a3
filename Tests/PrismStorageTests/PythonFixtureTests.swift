import Foundation
import PrismEnv
import PrismStorage
import Testing

/// Reads `Tests/Fixtures/minari-python`, a dataset written by h5py in Minari 0.5.4's layout
/// (Box observations with infinite bounds, Discrete actions, numpy bool flags, an `infos`
/// dataset, `track_order=True`), and compares it with the arrays in its `expected.json`.
@Suite struct PythonFixtureTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/minari-python")

    static func expectedEpisodes() throws -> [[String: Any]] {
        let data = try Data(contentsOf: fixture.appendingPathComponent("expected.json"))
        let root = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return root?["episodes"] as? [[String: Any]] ?? []
    }

    @Test func readsEveryEpisodeWrittenByPython() throws {
        let reader = try RolloutReader(directory: Self.fixture)
        #expect(reader.metadata.datasetID == "python/fixture-v0")
        #expect(reader.observationSpace == .box(low: [-.infinity, -1, 0], high: [.infinity, 1, 10], shape: [3], elementType: .float32))
        #expect(reader.actionSpace == .discrete(count: 4))
        #expect(reader.validate().isEmpty, "\(reader.validate())")
        let expected = try Self.expectedEpisodes()
        #expect(reader.episodeCount == 3 && expected.count == 3)
        for (index, want) in expected.enumerated() {
            let episode = try reader.episode(index)
            let observations = (want["observations"] as? [[Double]] ?? []).map { SpaceValue.box($0.map { Float($0) }) }
            #expect(episode.observations == observations)
            #expect(episode.actions == (want["actions"] as? [Int] ?? []).map { SpaceValue.discrete($0) })
            #expect(episode.rewards == want["rewards"] as? [Double] ?? [])
            #expect(episode.terminations == want["terminations"] as? [Bool] ?? [])
            #expect(episode.truncations == want["truncations"] as? [Bool] ?? [])
            #expect(episode.seed == (want["seed"] as? Int).map { UInt64($0) })
            #expect(episode.infos["distance"] == (want["distance"] as? [Double]).map { InfoColumn.float64($0) })
        }
    }

    @Test func appendsToACopyOfThePythonDataset() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let copy = directory.url.appendingPathComponent("copy")
        try FileManager.default.copyItem(at: Self.fixture, to: copy)
        let (metadata, episode) = try { () throws -> (DatasetMetadata, Episode) in
            let source = try RolloutReader(directory: copy)
            return (source.metadata, try source.episode(0))
        }()
        let writer = try RolloutWriter(directory: copy, metadata: metadata)
        #expect(try writer.append(episode) == 3)
        try writer.close()
        let reader = try RolloutReader(directory: copy)
        #expect(reader.episodeCount == 4 && reader.validate().isEmpty)
        #expect(try reader.episode(3).observations == episode.observations)
    }
}
