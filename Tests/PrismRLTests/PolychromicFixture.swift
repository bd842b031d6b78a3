import PrismEnv
import PrismPolicy
import PrismRL
import PrismTensor

/// One polychromic iteration on the slippery test ring: 4 copies × 16 steps collected with
/// snapshots at the driver's rollout states, the GAE batch, and the polychromic batch.
struct PolychromicFixture {
    static let stepCount = 16
    static let environmentCount = 4

    var configuration = PolychromicPPOConfiguration()
    var slip: Float = 0.3
    var seed: UInt64 = 7

    struct Run {
        var driver: PolychromicPPO
        var model: ActorCritic
        var buffer: RolloutBuffer
        var states: [RolloutState<TestRing>]
        var standard: PPOBatch
        var result: PolychromicBatch
    }

    static func makeModel(seed: UInt64 = 11) -> ActorCritic {
        var stream = RandomStream(seed: seed)
        return ActorCritic(ActorCriticConfiguration(observationSize: TestRing.cellCount, actionCount: 3, hiddenSizes: [16]),
                           using: &stream)
    }

    func run<Signature: Hashable>(
        reward: (Vine) -> Double = { $0.totalReward },
        signature: ([StepInfo]) -> Signature = { Set($0.compactMap(\.roomID)) }
    ) throws -> Run {
        let driver = try PolychromicPPO(configuration: configuration)
        let model = Self.makeModel()
        let root = RandomStream(seed: seed)
        var sampling = root.child("sampling")
        var vines = root.child("vines")
        let environments = VectorEnvironment(
            (0..<Self.environmentCount).map { _ in TestRing(slip: slip) }, autoresetMode: .sameStep)
        var collector = RolloutCollector(environments: environments, seed: seed) { TestRing.encode($0) }
        let requests = driver.rolloutStateRequests(stepCount: Self.stepCount, environmentCount: Self.environmentCount)
        let (rollout, states) = try collector.collect(steps: Self.stepCount, policy: model, snapshottingAt: requests,
                                                      episodeStarts: configuration.includesEpisodeStarts, using: &sampling)
        let estimate = rollout.buffer.advantageEstimate(discount: 0.99, gaeLambda: 0.95)
        let standard = PPOBatch(buffer: rollout.buffer, estimate: estimate)
        let result = try driver.trainingBatch(
            rollout: rollout.buffer, states: states, standardBatch: standard, policy: model,
            environment: collector.environments.environments[0], encode: collector.encode, discount: 0.99,
            reward: reward, signature: signature, using: &vines)
        return Run(driver: driver, model: model, buffer: rollout.buffer, states: states, standard: standard, result: result)
    }
}

extension PPOBatch {
    /// Every array as exact bit patterns, for bit-for-bit comparisons.
    var bitPatterns: [[UInt64]] {
        [observations.scalars.map { UInt64($0.bitPattern) }, actions.map { UInt64(bitPattern: Int64($0)) },
         logProbs.map { UInt64($0.bitPattern) }, values.map { UInt64($0.bitPattern) },
         advantages.map { UInt64($0.bitPattern) }, returns.map { UInt64($0.bitPattern) }]
    }
}
