import Foundation
import PrismEnv
@testable import PrismStorage
import Testing

/// Round trips through ``RolloutWriter`` and ``RolloutReader`` for every space kind, compared bitwise.
@Suite struct RoundTripTests {
    static let spaces: [(String, Space)] = [
        ("box-float32", .box(low: -.infinity, high: .infinity, shape: [2, 3])),
        ("box-uint8", .box(low: 0, high: 255, shape: [4, 4, 3], elementType: .uint8)),
        ("discrete", .discrete(count: 7, start: 2)),
        ("multi-discrete", .multiDiscrete(counts: [3, 5, 2], start: [0, 1, -1])),
        ("text", .text(minLength: 0, maxLength: 12, charset: "abc é\n\"λ")),
        ("dict", .dict(["image": .box(low: 0, high: 255, shape: [3, 3, 3], elementType: .uint8),
                        "direction": .discrete(count: 4), "mission": .text(minLength: 1, maxLength: 8, charset: "xyz "),
                        "nested": .dict(["v": .box(low: -1, high: 1, shape: [2])])])),
    ]

    @Test(arguments: 0..<spaces.count)
    func roundTripIsBitwiseEqual(_ index: Int) throws {
        let (name, space) = Self.spaces[index]
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let target = directory.url.appendingPathComponent(name)
        let episodes = SyntheticEpisodes.make(5, observationSpace: space, actionSpace: space)
        let writer = try RolloutWriter(directory: target, metadata: DatasetMetadata(datasetID: "prism/test/\(name)-v0",
                                                                                  observationSpace: space, actionSpace: space))
        for episode in episodes { try writer.append(episode) }
        try writer.close()

        let reader = try RolloutReader(directory: target)
        #expect(reader.episodeCount == 5)
        #expect(reader.metadata.totalSteps == episodes.map(\.totalSteps).reduce(0, +))
        #expect(reader.observationSpace == space && reader.actionSpace == space)
        #expect(reader.validate().isEmpty, "\(reader.validate())")
        for (i, written) in episodes.enumerated() {
            let read = try reader.episode(i)
            #expect(read.id == i)
            #expect(read.seed == written.seed)
            #expect(read.observations.map(\.bitPatterns) == written.observations.map(\.bitPatterns))
            #expect(read.actions.map(\.bitPatterns) == written.actions.map(\.bitPatterns))
            #expect(read.observations == written.observations && read.actions == written.actions)
            #expect(read.rewards.map(\.bitPattern) == written.rewards.map(\.bitPattern))
            #expect(read.terminations == written.terminations && read.truncations == written.truncations)
            #expect(read.infos == written.infos)
        }
        #expect(Array(reader).count == 5)
    }

    @Test func metadataCarriesMinariKeysAndPrismExtras() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        var metadata = DatasetMetadata(datasetID: "prism/test/meta-v0", observationSpace: .box(low: -.infinity, high: 1, shape: [2]),
                                       actionSpace: .discrete(count: 3))
        metadata.author = ["Prism"]
        metadata.algorithmName = "random"
        metadata.config = ["lr": "0.1"]
        metadata.seed = 9
        metadata.gitRevision = "abc123"
        let writer = try RolloutWriter(directory: directory.url, metadata: metadata)
        try writer.append(SyntheticEpisodes.make(1, observationSpace: metadata.observationSpace, actionSpace: metadata.actionSpace)[0])
        try writer.close()
        let text = try String(contentsOf: directory.url.appendingPathComponent("data/metadata.json"), encoding: .utf8)
        #expect(text.contains(#""observation_space": "{\"type\": \"Box\", \"dtype\": \"float32\", \"shape\": [2], \"low\": [-Infinity, -Infinity]"#))
        #expect(text.contains(#""minari_version": "0.5.4""#) && text.contains(#""jpeg_encoding": false"#))
        let parsed = try DatasetMetadata.parse(text, file: "metadata.json")
        #expect(parsed.config == ["lr": "0.1"] && parsed.seed == 9 && parsed.gitRevision == "abc123")
        #expect(parsed.totalEpisodes == 1 && parsed.author == ["Prism"] && parsed.algorithmName == "random")
        #expect(parsed.observationSpace == metadata.observationSpace)
    }

    @Test func transitionBatchEncodesEpisodes() throws {
        let space = Space.box(low: 0, high: 1, shape: [2])
        let episodes = SyntheticEpisodes.make(3, observationSpace: space, actionSpace: .discrete(count: 3))
        let batch = try TransitionBatch(episodes: episodes, encodeObservation: { value in
            if case .box(let xs) = value { return xs } else { return [] }
        }, encodeAction: { value in
            if case .discrete(let a) = value { return (0..<3).map { $0 == a ? 1 : 0 } } else { return [] }
        })
        let total = episodes.map(\.totalSteps).reduce(0, +)
        #expect(batch.observations.shape == [total, 2] && batch.actions.shape == [total, 3])
        #expect(batch.terminations.scalars.reduce(0, +) == 2 && batch.truncations.scalars.reduce(0, +) == 1)
        guard case .box(let second)? = episodes.first?.observations[1] else { Issue.record("no observation"); return }
        #expect(Array(batch.nextObservations.scalars[0..<2]) == second)
    }
}
