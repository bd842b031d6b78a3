import Foundation
import PrismEnv
import PrismStorage
import PrismTensor
import Testing

/// Seeded episode sampling from a dataset.
@Suite struct SamplingTests {
    @Test func seededSamplesAreReproducibleAndDrawnFromTheDataset() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let space = Space.discrete(count: 5)
        let episodes = SyntheticEpisodes.make(6, observationSpace: space, actionSpace: space)
        let writer = try RolloutWriter(directory: directory.url,
                                       metadata: DatasetMetadata(datasetID: "prism/test/sample-v0", observationSpace: space, actionSpace: space))
        for episode in episodes { try writer.append(episode) }
        try writer.close()
        let reader = try RolloutReader(directory: directory.url)

        var first = RandomStream(seed: 4)
        var second = RandomStream(seed: 4)
        let a = try reader.sampleEpisodes(40, using: &first)
        let b = try reader.sampleEpisodes(40, using: &second)
        #expect(a.map(\.seed) == b.map(\.seed))
        // Each sample is one of the stored episodes, picked by the stream's draws in order.
        var replay = RandomStream(seed: 4)
        let picks = (0..<40).map { _ in replay.nextInt(below: 6) }
        #expect(a.map(\.seed) == picks.map { episodes[$0].seed })
        #expect(Set(picks).count > 3)
        #expect(a.allSatisfy { sample in episodes.contains { $0.seed == sample.seed && $0.actions == sample.actions } })
    }
}
