import Foundation
import Gridworld
import PrismEnv
@testable import PrismStorage
import Testing
import ToolUse

/// The storage path `prism-data record → validate → inspect/export-csv` takes, through public
/// PrismStorage APIs: expert gridworld and oracle ToolUse episodes written, appended, validated
/// and read back transition by transition.
@Suite struct DataToolTests {
    /// An expert DoorKey episode from a reset with `seed`, as `record --policy expert` plays it.
    static func doorKeyEpisode(seed: UInt64) throws -> Episode {
        var environment = try #require(Gridworld.make("Gridworld/DoorKey-5x5-v0", seed: seed))
        var episode = Episode(seed: seed, observations: [environment.reset(seed: seed).observation.spaceValue],
                              actions: [], rewards: [], terminations: [], truncations: [])
        for action in try #require(GridworldExpert().plan(from: environment.state)) {
            let step = try environment.step(action.rawValue)
            episode.actions.append(.discrete(action.rawValue))
            episode.observations.append(step.observation.spaceValue)
            episode.rewards.append(step.reward)
            episode.terminations.append(step.terminated)
            episode.truncations.append(step.truncated)
            if step.isDone { break }
        }
        return episode
    }

    /// An oracle ToolUse episode, as `record --env ToolUse/Mixed-v0 --policy expert` plays it.
    static func toolUseEpisode(seed: UInt64) throws -> Episode {
        var environment = ToolUseEnvironment()
        var observation = environment.reset(seed: seed).observation
        var oracle = OraclePolicy(task: try #require(environment.task))
        var episode = Episode(seed: seed, observations: [.text(observation)], actions: [], rewards: [], terminations: [], truncations: [])
        while episode.totalSteps < 50 {
            let action = oracle.action(after: observation)
            let step = try environment.step(action)
            observation = step.observation
            episode.actions.append(.text(action))
            episode.observations.append(.text(observation))
            episode.rewards.append(step.reward)
            episode.terminations.append(step.terminated)
            episode.truncations.append(step.truncated)
            if step.isDone { break }
        }
        return episode
    }

    @Test func recordedExpertDoorKeyEpisodesValidateAndReadBack() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let environment = try #require(Gridworld.make("Gridworld/DoorKey-5x5-v0"))
        let metadata = DatasetMetadata(datasetID: "prism/gridworld/doorkey-5x5-expert-v0",
                                       observationSpace: environment.observationSpace, actionSpace: environment.actionSpace)
        let episodes = try (0..<5).map { try Self.doorKeyEpisode(seed: 1 + UInt64($0)) }
        do {
            let writer = try RolloutWriter(directory: directory.url, metadata: metadata)
            for episode in episodes.prefix(3) { try writer.append(episode) }
            try writer.close()
        }
        do {  // a second `record` run of the same env appends; ids continue
            let writer = try RolloutWriter(directory: directory.url, metadata: metadata)
            #expect(writer.episodeCount == 3)
            for episode in episodes.dropFirst(3) { #expect(try writer.append(episode) >= 3) }
            try writer.close()
        }
        let reader = try RolloutReader(directory: directory.url)
        #expect(reader.validate().isEmpty)
        #expect(reader.episodeCount == 5)
        #expect(reader.metadata.totalSteps == episodes.map(\.totalSteps).reduce(0, +))
        for (index, expected) in episodes.enumerated() {
            let episode = try reader.episode(index)
            #expect(episode.id == index && episode.seed == expected.seed)
            #expect(episode.actions == expected.actions && episode.observations == expected.observations)
            #expect(episode.terminations.last == true && episode.rewards.reduce(0, +) > 0.9)
        }
    }

    @Test func recordedToolUseOracleEpisodesValidateAndReadBack() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let environment = ToolUseEnvironment()
        let writer = try RolloutWriter(directory: directory.url, metadata: DatasetMetadata(
            datasetID: "prism/tooluse/mixed-expert-v0", observationSpace: environment.observationSpace, actionSpace: environment.actionSpace))
        let episodes = try (0..<6).map { try Self.toolUseEpisode(seed: 1 + UInt64($0)) }
        for episode in episodes { try writer.append(episode) }
        try writer.close()
        let reader = try RolloutReader(directory: directory.url)
        #expect(reader.validate().isEmpty)
        let read = Array(reader)
        #expect(read.count == 6)
        #expect(read.map(\.actions) == episodes.map(\.actions))
        #expect(read.map(\.observations) == episodes.map(\.observations))
        #expect(read.allSatisfy { $0.rewards.reduce(0, +) == 1 })
    }

    @Test func recordingIntoAForeignDirectoryIsRefusedWithItsPath() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        try Data("hello".utf8).write(to: directory.url.appendingPathComponent("notes.txt"))
        let environment = try #require(Gridworld.make("Gridworld/DoorKey-5x5-v0"))
        #expect { try RolloutWriter(directory: directory.url, metadata: DatasetMetadata(
            datasetID: "prism/x-v0", observationSpace: environment.observationSpace, actionSpace: environment.actionSpace))
        } throws: { error in
            guard case .refusedPath(let path, let reason)? = error as? StorageError else { return false }
            return path == directory.url.path && reason.contains("notes.txt")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["notes.txt"])
    }
}
