import PrismEnv
import PrismPolicy
import PrismRL
import PrismTensor
import PrismTestSupport
import Testing

/// The configurable parts of polychromic PPO: where rollout states lie, vine tails, separate
/// normalisation of A♯, its share of the gradient, and the per-epoch π_β refresh.
@Suite struct PolychromicVariantsTests {
    @Test func perCopyPlacementPutsPStatesInEveryCopy() throws {
        var configuration = PolychromicPPOConfiguration()
        configuration.statePlacement = .copy
        let driver = try PolychromicPPO(configuration: configuration)
        let requests = driver.rolloutStateRequests(stepCount: 16, environmentCount: 3)
        #expect(requests.map(\.step) == [4, 4, 4, 12, 12, 12] && requests.map(\.environment) == [0, 1, 2, 0, 1, 2])
        var fixture = PolychromicFixture()
        fixture.configuration = configuration
        let run = try fixture.run()
        #expect(run.states.count == 2 * PolychromicFixture.environmentCount)
        #expect(Set(run.result.states.map(\.environment)) == Set(0..<PolychromicFixture.environmentCount))
    }

    @Test func episodeStartsAreSnapshottedOncePerCopyWhereAnEpisodeBegins() throws {
        var configuration = PolychromicPPOConfiguration()
        configuration.includesEpisodeStarts = true
        var fixture = PolychromicFixture()
        fixture.configuration = configuration
        let run = try fixture.run()
        let starts = run.states.filter { !($0.step == 4 && $0.environment == 0) && !($0.step == 12 && $0.environment == 1) }
        // The first collection starts every copy at an episode start.
        #expect(starts.map(\.step) == [0, 0, 0, 0] && starts.map(\.environment) == [0, 1, 2, 3])
        #expect(run.states.count == 6)

        // A second collection: a copy's start is the step after its first episode end, if any.
        var stream = RandomStream(seed: 3)
        let environments = VectorEnvironment((0..<4).map { _ in TestRing(slip: 0.3) }, autoresetMode: .sameStep)
        var collector = RolloutCollector(environments: environments, seed: 5) { TestRing.encode($0) }
        _ = try collector.collect(steps: 5, policy: PolychromicFixture.makeModel(), using: &stream)
        let (rollout, states) = try collector.collect(steps: 16, policy: PolychromicFixture.makeModel(), snapshottingAt: [],
                                                      episodeStarts: true, using: &stream)
        for copy in 0..<4 {
            let ends = (0..<16).filter { t in
                let i = rollout.buffer.index(step: t, environment: copy)
                return rollout.buffer.terminated[i] || rollout.buffer.truncated[i]
            }
            let expected = ends.first.map { $0 + 1 }.flatMap { $0 < 16 ? $0 : nil }
            #expect(states.filter { $0.environment == copy }.map(\.step) == (expected.map { [$0] } ?? []))
        }
    }

    func vine(_ rewards: [Double], values: [Float], terminated: Bool) -> Vine {
        var vine = Vine(observationSize: 1)
        vine.observations = rewards.indices.map(Float.init)
        vine.actions = rewards.indices.map { $0 % 2 }
        vine.logProbs = rewards.indices.map { -0.1 * Float($0 + 1) }
        vine.values = values
        vine.rewards = rewards
        vine.isTerminated = terminated
        vine.isTruncated = !terminated
        vine.bootstrapValue = terminated ? 0 : 0.5
        return vine
    }

    @Test func vineTailsKeepTheActionsAfterTheWindowWithGAE() {
        let long = vine([0, 0, 0, 0, 1], values: [0.2, 0.3, 0.4, 0.5, 0.6], terminated: true)
        let short = vine([0, 0], values: [0.1, 0.1], terminated: false)
        let tails = PPOBatch(vineTails: [long, short], after: 2, discount: 0.9, gaeLambda: 0.8)
        #expect(tails.count == 3)
        #expect(tails.observations.scalars == [2, 3, 4] && tails.actions == [0, 1, 0])
        #expect(tails.setAdvantageMask == [false, false, false])
        // δ₄ = 1 − 0.6, δ₃ = 0.9·0.6 − 0.5, δ₂ = 0.9·0.5 − 0.4; Aₜ = δₜ + 0.72·Aₜ₊₁.
        let a4: Float = 0.4, a3: Float = 0.04 + 0.72 * a4, a2: Float = 0.05 + 0.72 * a3
        expectClose(TestData.values(tails.advantages), TestData.values([a2, a3, a4]))
        expectClose(TestData.values(tails.returns), TestData.values([a2 + 0.4, a3 + 0.5, a4 + 0.6]))
        let window = PPOBatch(vines: [long, short], advantages: [0.3, -0.3], window: 2, discount: 0.9)
        #expect(window.setAdvantageMask == [true, true, true, true])
    }

    @Test func theVineTailOptionAddsTheTailsOncePerVine() throws {
        var configuration = PolychromicPPOConfiguration()
        configuration.setAssignment = .duplicated
        var fixture = PolychromicFixture()
        fixture.configuration = configuration
        let without = try fixture.run()
        fixture.configuration.vineTail = .gae
        let with = try fixture.run()
        let tailCount = without.result.states.flatMap(\.vines).reduce(0) { $0 + Swift.max(0, $1.length - configuration.window) }
        #expect(tailCount > 0)
        #expect(with.result.batch.count == without.result.batch.count + tailCount)
        #expect(with.result.batch.setAdvantageMask.filter { $0 }.count == without.result.batch.setAdvantageMask.filter { $0 }.count)
    }

    @Test func separateNormalisationScalesAWithoutShiftingIt() {
        let advantages: [Float] = [1, 2, 3, 0.02, -0.02, 0.04, -0.04]
        let mask = [false, false, false, true, true, true, true]
        let normalized = separatelyNormalizedAdvantages(advantages, setAdvantageMask: mask)
        // GAE: mean 2, unbiased std 1. A♯: mean 0, unbiased std √(0.004/3).
        expectClose(TestData.values(Array(normalized[0..<3])), TestData.values([-1, 0, 1]))
        let std = (0.004 / 3.0).squareRoot()
        expectClose(TestData.values(Array(normalized[3...])), TestData.values([0.02, -0.02, 0.04, -0.04].map { Float($0 / std) }))
        // Jointly, the A♯ samples are shifted by the GAE mean and shrink next to it.
        let share = setAdvantageWeightShare(normalized, setAdvantageMask: mask)
        let expectedShare = (4 * 0.03 / std) / (4 * 0.03 / std + 2)
        #expect(Swift.abs(Double(share) - expectedShare) < 1e-5)
        #expect(setAdvantageWeightShare(advantages, setAdvantageMask: [Bool](repeating: false, count: 7)) == 0)
    }

    @Test func theLossUsesTheNormalisationItIsGivenAndReportsTheShare() {
        let b = 6
        let newLogProbs = Tensor([-1, -1.2, -0.9, -1.1, -1, -0.8])
        let oldLogProbs = Tensor([-1.05, -1.1, -1, -1, -1.1, -0.85])
        let advantages = Tensor([0.5, 0.1, -0.3, 0.02, -0.01, -0.01])
        let mask = [false, false, false, true, true, true]
        let zeros = Tensor(shape: [b], scalars: [Float](repeating: 0, count: b))
        func loss(_ mode: AdvantageNormalization, mask: [Bool]?) -> PPOLossOutput {
            var configuration = PPOLossConfiguration()
            configuration.advantageNormalization = mode
            return ppoLoss(newLogProbs: newLogProbs, oldLogProbs: oldLogProbs, advantages: advantages, newValues: zeros,
                           oldValues: zeros, returns: zeros, entropy: zeros, setAdvantageMask: mask, configuration: configuration)
        }
        let joint = loss(.joint, mask: mask), separate = loss(.separate, mask: mask)
        #expect(joint.metrics.policyLoss == loss(.joint, mask: nil).metrics.policyLoss)
        #expect(separate.metrics.policyLoss != joint.metrics.policyLoss)
        let normalized = separatelyNormalizedAdvantages(advantages.scalars, setAdvantageMask: mask)
        #expect(separate.metrics.setAdvantageShare == setAdvantageWeightShare(normalized, setAdvantageMask: mask))
        #expect(separate.metrics.setAdvantageShare > joint.metrics.setAdvantageShare)
        #expect(loss(.separate, mask: nil).metrics.setAdvantageShare == 0)
    }

    @Test func refreshingBehaviourEachEpochMovesOnlyTheKLReference() {
        func update(refresh: Bool) -> PPOUpdateMetrics {
            var configuration = PPOConfiguration()
            configuration.updateEpochs = 2
            configuration.minibatchCount = 1
            configuration.loss.klCoefficient = 0.5
            configuration.learningRate = 0.05
            configuration.refreshesBehaviourEachEpoch = refresh
            var stream = RandomStream(seed: 41)
            let model = ActorCritic(ActorCriticConfiguration(observationSize: 6, actionCount: 3, hiddenSizes: [16]), using: &stream)
            var trainer = PPOTrainer(model: model, configuration: configuration, updateCount: 1)
            let observations = TestData.uniform([32, 6], seed: 42)
            let policy = withoutGradients { model.policy(observations) }
            let actions = policy.sample(using: &stream)
            let batch = PPOBatch(observations: observations, actions: actions, logProbs: policy.logProbabilities(of: actions).scalars,
                                 values: [Float](repeating: 0, count: 32), advantages: TestData.uniform([32], seed: 43).scalars,
                                 returns: [Float](repeating: 0, count: 32))
            return trainer.update(batch, using: &stream)
        }
        let kept = update(refresh: false), refreshed = update(refresh: true)
        // The second epoch's single minibatch: the refreshed π_β is the model itself, so the KL
        // is 0; the kept one is the pre-update model, which the first epoch moved away from.
        #expect(Swift.abs(refreshed.behaviourKL) < 1e-7)
        #expect(kept.behaviourKL > 1e-6)
        // The ratio still compares with the sampling policy in both: same approx_kl scale.
        #expect(refreshed.approxKL > 0 && kept.approxKL > 0)
    }
}
