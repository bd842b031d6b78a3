import PrismEnv
import PrismPolicy
import PrismRL
import PrismTensor
import PrismTestSupport
import Testing

/// `RolloutCollector`: what lands in the buffer under same-step autoreset, episode statistics,
/// bootstrap values and determinism.
@Suite struct RolloutCollectorTests {
    static func makeModel(seed: UInt64 = 1) -> ActorCritic {
        var stream = RandomStream(seed: seed)
        return ActorCritic(ActorCriticConfiguration(observationSize: 6, actionCount: 2, hiddenSizes: [8]), using: &stream)
    }

    static func makeCollector(copies: Int = 3, maxSteps: Int = 4) -> RolloutCollector<TestCorridor> {
        let environments = VectorEnvironment((0..<copies).map { _ in TestCorridor(maxSteps: maxSteps) }, autoresetMode: .sameStep)
        return RolloutCollector(environments: environments, seed: 5) { TestCorridor.encode($0) }
    }

    /// The cell shown by a one-hot observation row.
    func cell(_ buffer: RolloutBuffer, _ index: Int) -> Int {
        (0..<6).first { buffer.observations.scalars[index * 6 + $0] == 1 } ?? -1
    }

    @Test func bufferFollowsTheRolloutConvention() throws {
        let model = Self.makeModel()
        var collector = Self.makeCollector()
        var stream = RandomStream(seed: 2)
        let rollout = try collector.collect(steps: 10, policy: model, using: &stream)
        let buffer = rollout.buffer
        #expect(buffer.sampleCount == 30)
        var ended = 0
        for t in 0..<10 {
            for e in 0..<3 {
                let i = buffer.index(step: t, environment: e)
                let position = cell(buffer, i)
                let next = Swift.max(0, Swift.min(5, position + (buffer.actions[i] == 1 ? 1 : -1)))
                // Behaviour log-probs and values are the model's at the stored observation.
                let row = Tensor(shape: [1, 6], scalars: TestCorridor.encode(position))
                let (logits, value) = model(row)
                expectClose(buffer.logProbs[i], Categorical(logits: logits).logProbabilities(of: [buffer.actions[i]]).item)
                expectClose(buffer.values[i], value.item)
                if buffer.truncated[i] {
                    // B_t is V(final observation), not of the reset observation that follows.
                    expectClose(buffer.bootstrapValues[i], model.value(Tensor(shape: [1, 6], scalars: TestCorridor.encode(next))).item)
                } else {
                    #expect(buffer.bootstrapValues[i] == 0)
                }
                if buffer.terminated[i] || buffer.truncated[i] {
                    ended += 1
                    if t < 9 { #expect(cell(buffer, buffer.index(step: t + 1, environment: e)) == 0) }
                } else if t < 9 {
                    #expect(cell(buffer, buffer.index(step: t + 1, environment: e)) == next)
                }
            }
        }
        #expect(ended == rollout.episodes.count && ended > 0)
        #expect(rollout.episodes.allSatisfy { $0.length <= 4 })
        expectClose(buffer.lastValues[0], model.value(Tensor(shape: [1, 6], scalars: collector.observationTensor.scalars[0..<6].map { $0 })).item)
    }

    @Test func episodeStatisticsSumTheirRewardsAcrossCollections() throws {
        let model = Self.makeModel(seed: 3)
        var collector = Self.makeCollector(copies: 2, maxSteps: 6)
        var stream = RandomStream(seed: 4)
        var rewardsSeen = [Double](repeating: 0, count: 2)
        var episodeRewards = [Double](repeating: 0, count: 2)
        for _ in 0..<4 {
            let rollout = try collector.collect(steps: 5, policy: model, using: &stream)
            for t in 0..<5 {
                for e in 0..<2 { rewardsSeen[e] += Double(rollout.buffer.rewards[rollout.buffer.index(step: t, environment: e)]) }
            }
            for episode in rollout.episodes { episodeRewards[episode.environment] += episode.totalReward }
        }
        // Every finished episode's reward was seen in the buffers; unfinished ones carry no reward yet.
        for e in 0..<2 { expectClose(Float(episodeRewards[e]), Float(rewardsSeen[e]), absolute: 1e-5) }
    }

    @Test func collectionIsSeedLockedAndSnapshotsChangeNothing() throws {
        let model = Self.makeModel(seed: 5)
        var plain = Self.makeCollector()
        var withSnapshots = Self.makeCollector()
        var s1 = RandomStream(seed: 6)
        var s2 = RandomStream(seed: 6)
        let a = try plain.collect(steps: 8, policy: model, using: &s1)
        let (b, states) = try withSnapshots.collect(steps: 8, policy: model, snapshottingAt: [(2, 1), (5, 0)], using: &s2)
        #expect(a.buffer.actions == b.buffer.actions && a.buffer.observations.scalars == b.buffer.observations.scalars)
        #expect(a.buffer.rewards == b.buffer.rewards && s1 == s2)
        #expect(states.map(\.step) == [2, 5] && states.map(\.environment) == [1, 0])
        // A restored snapshot replays the recorded step.
        for state in states {
            var environment = TestCorridor(maxSteps: 4)
            environment.restore(state.snapshot)
            let i = b.buffer.index(step: state.step, environment: state.environment)
            #expect(TestCorridor.encode(state.observation) == Array(b.buffer.observations.scalars[(i * 6)..<(i * 6 + 6)]))
            let step = try environment.step(b.buffer.actions[i])
            expectClose(Float(step.reward), b.buffer.rewards[i])
            #expect(step.terminated == b.buffer.terminated[i] && step.truncated == b.buffer.truncated[i])
        }
    }

    @Test func windowIndicesStopAtTheEpisodeEnd() throws {
        var buffer = RolloutBuffer(stepCount: 6, environmentCount: 2, observationSize: 1)
        buffer.terminated[buffer.index(step: 3, environment: 1)] = true
        #expect(buffer.windowIndices(step: 1, environment: 1, window: 5) == [3, 5, 7])
        #expect(buffer.windowIndices(step: 2, environment: 0, window: 3) == [4, 6, 8])
        #expect(buffer.windowIndices(step: 4, environment: 0, window: 5) == [8, 10])
        #expect(evenlySpacedSteps(count: 2, stepCount: 128) == [32, 96])
    }
}
