import PrismEnv
import PrismPolicy
import PrismRL
import PrismTensor
import Testing

/// A collector rebuilt from saved state continues exactly; an observer sees every step and
/// changes nothing.
@Suite struct RolloutCollectorResumeTests {
    @Test func aResumedCollectorContinuesExactly() throws {
        let model = RolloutCollectorTests.makeModel()
        var whole = RolloutCollectorTests.makeCollector(copies: 3, maxSteps: 5)
        var split = RolloutCollectorTests.makeCollector(copies: 3, maxSteps: 5)
        var wholeStream = RandomStream(seed: 8), splitStream = RandomStream(seed: 8)
        _ = try whole.collect(steps: 7, policy: model, using: &wholeStream)
        let expected = try whole.collect(steps: 7, policy: model, using: &wholeStream)
        _ = try split.collect(steps: 7, policy: model, using: &splitStream)
        #expect(split.episodeProgress.lengths.contains { $0 > 0 }, "the test needs episodes in progress at the split")
        let saved = split.environments.environments.map { $0.snapshot() }
        let environments = saved.map { snapshot in
            var copy = TestCorridor(maxSteps: 5)
            copy.restore(snapshot)
            return copy
        }
        var resumed = RolloutCollector(resuming: VectorEnvironment(environments, autoresetMode: .sameStep),
                                       observations: split.observations, progress: split.episodeProgress) { TestCorridor.encode($0) }
        let continued = try resumed.collect(steps: 7, policy: model, using: &splitStream)
        #expect(continued.episodes == expected.episodes)
        #expect(continued.buffer.actions == expected.buffer.actions && continued.buffer.rewards == expected.buffer.rewards)
        #expect(continued.buffer.observations.scalars == expected.buffer.observations.scalars && continued.buffer.lastValues == expected.buffer.lastValues)
        // Dropping the progress changes the episode statistics: the test can tell.
        var forgetful = RolloutCollector(resuming: VectorEnvironment(environments, autoresetMode: .sameStep),
                                         observations: split.observations,
                                         progress: EpisodeProgress(rewards: [0, 0, 0], lengths: [0, 0, 0])) { TestCorridor.encode($0) }
        var again = RandomStream(seed: 8)
        var first = RolloutCollectorTests.makeCollector(copies: 3, maxSteps: 5)
        _ = try first.collect(steps: 7, policy: model, using: &again)
        #expect(try forgetful.collect(steps: 7, policy: model, using: &again).episodes != expected.episodes)
    }

    @Test func anObserverSeesEveryStepAndChangesNothing() throws {
        let model = RolloutCollectorTests.makeModel()
        var plain = RolloutCollectorTests.makeCollector()
        var observed = RolloutCollectorTests.makeCollector()
        var a = RandomStream(seed: 3), b = RandomStream(seed: 3)
        let reference = try plain.collect(steps: 9, policy: model, using: &a)
        var seen: [[Int]] = []
        var ends = 0
        let rollout = try observed.collect(steps: 9, policy: model, using: &b) { actions, step in
            seen.append(actions)
            ends += zip(step.terminated, step.truncated).filter { $0 || $1 }.count
        }
        #expect(rollout.buffer.actions == reference.buffer.actions && rollout.episodes == reference.episodes)
        #expect(seen.flatMap { $0 } == reference.buffer.actions)
        #expect(ends == reference.episodes.count)
        #expect(a == b)
    }
}
