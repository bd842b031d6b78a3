import PrismEnv
import PrismPolicy
import PrismRL
import PrismTensor
import Testing

/// `evaluatePolicy` on the test corridor with hand-set policies.
@Suite struct EvaluationTests {
    /// A linear policy on the one-hot corridor cells whose logits are `bias` everywhere.
    func constantPolicy(bias: [Float]) -> ActorCritic {
        var stream = RandomStream(seed: 0)
        var model = ActorCritic(ActorCriticConfiguration(observationSize: 6, actionCount: 2, hiddenSizes: []), using: &stream)
        model.visitParameters(prefix: "") { name, tensor in
            guard name.hasPrefix("actor.") else { return }
            tensor = name.hasSuffix("bias") ? Tensor(bias) : Tensor.zeros(tensor.shape)
        }
        return model
    }

    @Test func aPolicyThatAlwaysWalksRightIsScoredExactly() throws {
        var stream = RandomStream(seed: 1)
        let result = try evaluatePolicy(constantPolicy(bias: [0, 30]), environment: TestCorridor(),
                                        encode: { TestCorridor.encode($0) }, seeds: [10, 11, 12], samplesPerSeed: 4,
                                        signature: { Set($0.compactMap(\.roomID)) }, using: &stream)
        let best = 1 - 0.9 * 5 / 12.0
        #expect(result.greedy == EpisodeSummary(successRate: 1, meanReturn: best, meanLength: 5, episodeCount: 3))
        #expect(result.sampled.successRate == 1 && result.sampled.meanLength == 5 && result.sampled.episodeCount == 12)
        #expect(result.passAtK == [1: 1, 2: 1, 3: 1, 4: 1])
        // Every walk visits rooms {0, 1, 2}: one signature among 4 samples.
        #expect(result.diversity == 0.25)
    }

    @Test func passAtKAndDiversityAreAveragedOverSeeds() throws {
        let policy = constantPolicy(bias: [0, 0.4])
        let environment = TestCorridor(slip: 0.3)
        let seeds: [UInt64] = [100, 101, 102, 103, 104]
        let n = 16
        var stream = RandomStream(seed: 9)
        var replay = stream
        let result = try evaluatePolicy(policy, environment: environment, encode: { TestCorridor.encode($0) }, seeds: seeds,
                                        samplesPerSeed: n, signature: { $0.count }, using: &stream)
        var expectedPass = [Double](repeating: 0, count: n)
        var expectedDiversity = 0.0
        var successes = 0
        for seed in seeds {
            let episodes = try playEpisodes(policy, environment: environment, encode: { TestCorridor.encode($0) },
                                            seeds: [UInt64](repeating: seed, count: n), selection: .sampled, using: &replay)
            let c = episodes.filter(\.isSuccess).count
            successes += c
            for k in 1...n { expectedPass[k - 1] += passAtK(n: n, c: c, k: k) / Double(seeds.count) }
            expectedDiversity += Double(Set(episodes.map(\.length)).count) / Double(n) / Double(seeds.count)
        }
        #expect(successes > 0 && successes < seeds.count * n, "the test needs a policy that sometimes fails")
        for k in 1...n { #expect(abs(result.passAtK[k]! - expectedPass[k - 1]) < 1e-12, "pass@\(k)") }
        #expect(abs(result.passAtK[1]! - result.sampled.successRate) < 1e-12)
        #expect(abs(result.diversity - expectedDiversity) < 1e-12)
        #expect(result.diversity > 1 / Double(n))
        #expect(zip(result.passAtK.keys.sorted(), result.passAtK.keys.sorted().dropFirst()).allSatisfy { result.passAtK[$0]! <= result.passAtK[$1]! })
    }

    @Test func greedyEpisodesDoNotDrawFromTheStream() throws {
        var stream = RandomStream(seed: 4)
        let before = stream
        _ = try playEpisodes(constantPolicy(bias: [0, 1]), environment: TestCorridor(), encode: { TestCorridor.encode($0) },
                             seeds: [1, 2], selection: .greedy, using: &stream)
        #expect(stream == before)
    }
}
