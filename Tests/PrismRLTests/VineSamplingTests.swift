import PrismEnv
import PrismPolicy
import PrismRL
import PrismTensor
import PrismTestSupport
import Testing

/// Vine sampling from restored states (docs/algorithms.md §2 invariant 6) and the training samples made from vines.
@Suite struct VineSamplingTests {
    static func makeModel() -> ActorCritic {
        var stream = RandomStream(seed: 21)
        return ActorCritic(ActorCriticConfiguration(observationSize: 6, actionCount: 2, hiddenSizes: [8]), using: &stream)
    }

    /// A slippery corridor three steps into an episode, and its snapshot.
    func midEpisode() throws -> (TestCorridor, TestCorridor, Int) {
        var environment = TestCorridor(maxSteps: 10, slip: 0.3)
        var observation = environment.reset(seed: 17).observation
        for action in [1, 1, 0] { observation = try environment.step(action).observation }
        return (environment, environment.snapshot(), observation)
    }

    @Test func invariant6RestoringASnapshotReplaysTheSameObservations() throws {
        var (environment, snapshot, _) = try midEpisode()
        let actions = [1, 1, 0, 1, 1, 1, 1]
        func replay(_ environment: inout TestCorridor) throws -> [Int] {
            var seen: [Int] = []
            for action in actions {
                let step = try environment.step(action)
                seen.append(step.observation)
                if step.isDone { break }
            }
            return seen
        }
        let first = try replay(&environment)
        environment.restore(snapshot)
        #expect(try replay(&environment) == first)
        // The slip stream is part of the state: a fresh corridor at the same cell diverges.
        var fresh = TestCorridor(maxSteps: 10, slip: 0.3)
        _ = fresh.reset(seed: 99)
        fresh.position = snapshot.position
        fresh.steps = snapshot.steps
        #expect(try replay(&fresh) != first)
    }

    @Test func vinesStartAtTheSnapshotRecordBehaviourLogProbsAndAreSeeded() throws {
        let (environment, snapshot, observation) = try midEpisode()
        let model = Self.makeModel()
        var stream = RandomStream(seed: 5)
        let vines = try sampleVines(from: snapshot, observation: observation, environment: environment, count: 8,
                                    maxSteps: 6, policy: model, encode: { TestCorridor.encode($0) }, using: &stream)
        #expect(vines.count == 8)
        for vine in vines {
            #expect(Array(vine.observations[0..<6]) == TestCorridor.encode(observation))
            #expect(vine.length >= 1 && vine.length <= 6)
            #expect(vine.isTerminated != vine.isTruncated)
            let rows = Tensor(shape: [vine.length, 6], scalars: vine.observations)
            let (logits, values) = model(rows)
            expectClose(TestData.values(vine.logProbs), Categorical(logits: logits).logProbabilities(of: vine.actions))
            expectClose(TestData.values(vine.values), values)
            #expect(vine.infos.count == vine.length && vine.rewards.count == vine.length)
        }
        var again = RandomStream(seed: 5)
        let repeated = try sampleVines(from: snapshot, observation: observation, environment: environment, count: 8,
                                       maxSteps: 6, policy: model, encode: { TestCorridor.encode($0) }, using: &again)
        #expect(repeated.map(\.actions) == vines.map(\.actions) && repeated.map(\.rewards) == vines.map(\.rewards))
        #expect(Set(vines.map(\.actions)).count > 1)
    }

    @Test func horizonCutVinesBootstrapFromTheirLastObservation() throws {
        let (environment, snapshot, observation) = try midEpisode()
        let model = Self.makeModel()
        var stream = RandomStream(seed: 6)
        let vines = try sampleVines(from: snapshot, observation: observation, environment: environment, count: 4,
                                    maxSteps: 1, policy: model, encode: { TestCorridor.encode($0) }, using: &stream)
        for vine in vines where vine.isTruncated {
            var copy = environment
            let step = try copy.step(vine.actions[0])
            let expected = model.value(Tensor(shape: [1, 6], scalars: TestCorridor.encode(step.observation))).item
            #expect(copy.position == step.observation)
            expectClose(vine.bootstrapValue, expected)
        }
    }

    @Test func vineSamplesTakeTheWindowAndDiscountedReturns() {
        var long = Vine(observationSize: 1)
        long.observations = [0, 1, 2, 3]
        long.actions = [1, 0, 1, 1]
        long.logProbs = [-0.1, -0.2, -0.3, -0.4]
        long.values = [0.5, 0.5, 0.5, 0.5]
        long.rewards = [0, 0, 0, 1]
        long.isTerminated = true
        var short = Vine(observationSize: 1)
        short.observations = [7]
        short.actions = [0]
        short.logProbs = [-0.7]
        short.values = [0.2]
        short.rewards = [0.5]
        short.isTruncated = true
        short.bootstrapValue = 2
        let batch = PPOBatch(vines: [long, short, long], advantages: [0.25, -0.5, nil], window: 3, discount: 0.9)
        #expect(batch.count == 4)
        #expect(batch.actions == [1, 0, 1, 0] && batch.observations.scalars == [0, 1, 2, 7])
        #expect(batch.advantages == [0.25, 0.25, 0.25, -0.5])
        #expect(batch.logProbs == [-0.1, -0.2, -0.3, -0.7])
        expectClose(TestData.values(batch.returns), TestData.values([0.729, 0.81, 0.9, 0.5 + 0.9 * 2]))
    }

    @Test func rolloutSamplesNearARolloutStateAreReplacedByVineSamples() {
        let rollout = PPOBatch(observations: Tensor(shape: [4, 1], scalars: [0, 1, 2, 3]), actions: [0, 1, 0, 1],
                               logProbs: [-1, -1, -1, -1], values: [0, 0, 0, 0], advantages: [1, 2, 3, 4], returns: [1, 2, 3, 4])
        let vines = PPOBatch(observations: Tensor(shape: [1, 1], scalars: [9]), actions: [1], logProbs: [-0.5], values: [0.1],
                             advantages: [0.7], returns: [0.3])
        let combined = rollout.removing([1, 2]).appending(vines)
        #expect(combined.observations.scalars == [0, 3, 9] && combined.advantages == [1, 4, 0.7] && combined.returns == [1, 4, 0.3])
    }
}

/// Polychromic sets scored straight from sampled vines, with a room-set signature.
@Suite struct VineSetTests {
    @Test func roomSignaturesFromStepInfosDriveTheScores() throws {
        var environment = TestCorridor(maxSteps: 10, slip: 0.2)
        let observation = environment.reset(seed: 3).observation
        var stream = RandomStream(seed: 8)
        let vines = try sampleVines(from: environment.snapshot(), observation: observation, environment: environment,
                                    count: 8, maxSteps: 10, policy: VineSamplingTests.makeModel(),
                                    encode: { TestCorridor.encode($0) }, using: &stream)
        let rooms: ([StepInfo]) -> Set<Int> = { Set($0.compactMap(\.roomID)) }
        var setStream = RandomStream(seed: 4)
        let sets = PolychromicSets(vines: vines, setSize: 4, setCount: 4, signature: rooms, using: &setStream)
        var expectedStream = RandomStream(seed: 4)
        let expected = PolychromicSets(rewards: vines.map(\.totalReward), signatures: vines.map { rooms($0.infos) },
                                       setSize: 4, setCount: 4, using: &expectedStream)
        #expect(sets == expected)
        #expect(Set(vines.map { rooms($0.infos) }).count > 1)
    }
}
