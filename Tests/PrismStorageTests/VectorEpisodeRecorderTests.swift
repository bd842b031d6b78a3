import Foundation
import Gridworld
import PrismEnv
import PrismStorage
import PrismTensor
import Testing

/// A vector environment's episodes streamed through ``VectorEpisodeRecorder`` equal, step for
/// step, the episodes a single copy replays from the same seeds and actions, in both autoreset
/// modes; the dataset counts exactly the episodes that ended and validates cleanly.
@Suite struct VectorEpisodeRecorderTests {
    static let copies = 3
    static let seed: UInt64 = 40

    static func makeCopy() throws -> GridworldEnvironment {
        guard let env = Gridworld.make("Empty-5x5") else { throw EnvironmentError.unknownIdentifier("Empty-5x5", known: Gridworld.ids) }
        return env
    }

    @Test(arguments: [AutoresetMode.sameStep, .nextStep])
    func streamedEpisodesReplayInASingleCopy(_ mode: AutoresetMode) throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        var vector = VectorEnvironment(try (0..<Self.copies).map { _ in try Self.makeCopy() }, autoresetMode: mode)
        let metadata = DatasetMetadata(datasetID: "prism/test/vector-v0", observationSpace: vector.environments[0].observationSpace,
                                       actionSpace: vector.environments[0].actionSpace)
        let writer = try RolloutWriter(directory: directory.url, metadata: metadata)
        var recorder = VectorEpisodeRecorder<GridworldEnvironment.Observation, Int>(
            writer: writer, environmentCount: Self.copies, autoresetMode: mode)
        recorder.start(vector.reset(seed: Self.seed), seed: Self.seed)
        var random = RandomStream(seed: 7)
        var ended = 0
        var finished: [FinishedEpisode] = []
        for _ in 0..<600 {
            let actions = (0..<Self.copies).map { _ in random.nextInt(below: 3) }
            let step = try vector.step(actions)
            ended += zip(step.terminated, step.truncated).filter { $0 || $1 }.count
            finished += try recorder.record(actions: actions, step: step)
        }
        try writer.close()

        let reader = try RolloutReader(directory: directory.url)
        #expect(ended > 10)
        #expect(reader.episodeCount == ended && finished.count == ended)
        #expect(reader.validate().isEmpty, "\(reader.validate())")
        #expect(finished.map(\.id) == Array(0..<ended))
        for copy in 0..<Self.copies {
            var single = try Self.makeCopy()
            for (order, record) in finished.filter({ $0.environment == copy }).enumerated() {
                let episode = try reader.episode(record.id)
                #expect(episode.seed == (order == 0 ? Self.seed + UInt64(copy) : nil))
                #expect(episode.totalSteps == record.steps && episode.rewards.reduce(0, +) == record.return)
                let reset = single.reset(seed: order == 0 ? Self.seed + UInt64(copy) : nil)
                var observations = [reset.observation.spaceValue]
                var rewards: [Double] = [], terminations: [Bool] = [], truncations: [Bool] = []
                var stepCounts = [Int64(reset.info.stepCount ?? -1)]
                for action in episode.actions {
                    let step = try single.step(try Int(spaceValue: action))
                    observations.append(step.observation.spaceValue)
                    rewards.append(step.reward)
                    terminations.append(step.terminated)
                    truncations.append(step.truncated)
                    stepCounts.append(Int64(step.info.stepCount ?? -1))
                }
                #expect(episode.observations == observations, "copy \(copy) episode \(order)")
                #expect(episode.rewards == rewards && episode.terminations == terminations && episode.truncations == truncations)
                #expect(terminations.last == true || truncations.last == true)
                #expect(episode.infos["step_count"] == .int64(stepCounts))
            }
        }
    }
}

/// A recorder started in the middle of episodes (a resumed run) stores only the episodes that
/// begin after it started, each complete from its reset.
@Suite struct VectorEpisodeRecorderResumeTests {
    @Test func episodesInProgressAreSkipped() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        var vector = VectorEnvironment(try (0..<2).map { _ in try VectorEpisodeRecorderTests.makeCopy() }, autoresetMode: .sameStep)
        _ = vector.reset(seed: 3)
        var random = RandomStream(seed: 11)
        func randomStep() throws -> ([Int], VectorStep<GridworldEnvironment.Observation>) {
            let actions = (0..<2).map { _ in random.nextInt(below: 3) }
            return (actions, try vector.step(actions))
        }
        for _ in 0..<30 { _ = try randomStep() }
        let metadata = DatasetMetadata(datasetID: "prism/test/resume-v0", observationSpace: vector.environments[0].observationSpace,
                                       actionSpace: vector.environments[0].actionSpace)
        let writer = try RolloutWriter(directory: directory.url, metadata: metadata)
        var recorder = VectorEpisodeRecorder<GridworldEnvironment.Observation, Int>(writer: writer, environmentCount: 2, autoresetMode: .sameStep)
        recorder.startSkippingEpisodesInProgress()
        var endsPerCopy = [0, 0]
        var stored: [FinishedEpisode] = []
        for _ in 0..<800 {
            let (actions, step) = try randomStep()
            for copy in 0..<2 where step.terminated[copy] || step.truncated[copy] { endsPerCopy[copy] += 1 }
            stored += try recorder.record(actions: actions, step: step)
        }
        try writer.close()
        #expect(endsPerCopy.allSatisfy { $0 >= 2 })
        // The first end of each copy closes the skipped episode.
        #expect(stored.count == endsPerCopy.reduce(0, +) - 2)
        let reader = try RolloutReader(directory: directory.url)
        #expect(reader.validate().isEmpty, "\(reader.validate())")
        for record in stored {
            let episode = try reader.episode(record.id)
            #expect(episode.seed == nil)
            #expect(episode.totalSteps == record.steps)
            // A partial episode would be truncated before Empty-5x5's 100-step limit.
            if episode.truncations.last == true { #expect(episode.totalSteps == 100) }
        }
    }
}
