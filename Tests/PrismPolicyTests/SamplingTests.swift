import Foundation
import PrismPolicy
import PrismTensor
import PrismTestSupport
import Testing

/// Sampling filters on hand-built distributions, and batch decoding with and without the KV cache.
@Suite struct SamplingTests {
    /// Probabilities 1/2, 1/4, 1/8, 1/16, 1/16.
    let logits: [Float] = [0.5, 0.25, 0.125, 0.0625, 0.0625].map { Float(log($0)) }

    func probabilities(_ configuration: SamplingConfiguration, _ logits: [Float]? = nil) -> [Float] {
        (logits ?? self.logits).withUnsafeBufferPointer { TokenSampling.probabilities(logits: $0, configuration: configuration) }
    }

    @Test func filtersGiveTheExactRenormalisedSupport() {
        expectClose(Tensor(probabilities(SamplingConfiguration())), Tensor([0.5, 0.25, 0.125, 0.0625, 0.0625]))
        expectClose(Tensor(probabilities(SamplingConfiguration(topK: 3))), Tensor([4 / 7, 2 / 7, 1 / 7, 0, 0]))
        expectClose(Tensor(probabilities(SamplingConfiguration(topP: 0.7))), Tensor([2 / 3, 1 / 3, 0, 0, 0]))
        expectClose(Tensor(probabilities(SamplingConfiguration(topP: 0.8))), Tensor([4 / 7, 2 / 7, 1 / 7, 0, 0]))
        expectClose(Tensor(probabilities(SamplingConfiguration(topP: 0.1))), Tensor([1, 0, 0, 0, 0]))
        // Top-p acts on the top-k renormalised mass (15/16): 0.9 of it needs three tokens, 0.95 four.
        expectClose(Tensor(probabilities(SamplingConfiguration(topK: 4, topP: 0.9))), Tensor([4 / 7, 2 / 7, 1 / 7, 0, 0]))
        expectClose(Tensor(probabilities(SamplingConfiguration(topK: 4, topP: 0.95))), Tensor([8 / 15, 4 / 15, 2 / 15, 1 / 15, 0]))
        // τ = 1/2 squares the probabilities: 1/4, 1/16, 1/64, 1/256, 1/256 over their sum.
        let squares: [Float] = [64, 16, 4, 1, 1].map { $0 / 86 }
        expectClose(Tensor(probabilities(SamplingConfiguration(temperature: 0.5))), Tensor(squares))
        #expect(probabilities(SamplingConfiguration(temperature: 0)) == [1, 0, 0, 0, 0])
        // Ties: top-1 and greedy keep the lower id.
        #expect(probabilities(SamplingConfiguration(topK: 1), [0, 2, 2]) == [0, 1, 0])
        #expect(probabilities(SamplingConfiguration(temperature: 0), [0, 2, 2]) == [0, 1, 0])
    }

    @Test func drawsStayInTheSupportAndFollowIt() {
        var stream = RandomStream(seed: 11)
        var counts = [Int](repeating: 0, count: 5)
        let configuration = SamplingConfiguration(topP: 0.7)
        for _ in 0..<3000 {
            counts[logits.withUnsafeBufferPointer { TokenSampling.draw(logits: $0, configuration: configuration, using: &stream) }] += 1
        }
        #expect(counts[2...].allSatisfy { $0 == 0 })
        #expect(Swift.abs(Double(counts[0]) / 3000 - 2.0 / 3) < 0.03)
        var topK = [Int](repeating: 0, count: 5)
        for _ in 0..<3000 {
            topK[logits.withUnsafeBufferPointer { TokenSampling.draw(logits: $0, configuration: SamplingConfiguration(topK: 2), using: &stream) }] += 1
        }
        #expect(topK[2...].allSatisfy { $0 == 0 } && topK[1] > 0)
    }

    static let configurations: [SamplingConfiguration] = [
        SamplingConfiguration(temperature: 0, maxNewTokens: 12, stopTokens: []),
        SamplingConfiguration(temperature: 1, maxNewTokens: 12, stopTokens: []),
        SamplingConfiguration(temperature: 0.7, topK: 4, maxNewTokens: 12, stopTokens: []),
        SamplingConfiguration(temperature: 1.3, topP: 0.9, maxNewTokens: 12, stopTokens: []),
        SamplingConfiguration(temperature: 0.8, topK: 6, topP: 0.8, maxNewTokens: 12, stopTokens: [8, 11]),
    ]

    /// Four prompts of different lengths ending in different tokens.
    func prompts() throws -> [[Int]] {
        try ["", "abc", "hhgfe", "db"].map { [SpecialToken.beginningOfSequence.id] + (try PolicyFixtures.tokenizer.encode($0)) }
    }

    @Test(arguments: configurations)
    func keyValueCacheSamplesTheSameTokensAsRecomputation(configuration: SamplingConfiguration) throws {
        let policy = PolicyFixtures.policy()
        var uncached = configuration
        uncached.usesKeyValueCache = false
        var (first, second) = (RandomStream(seed: 5), RandomStream(seed: 5))
        let withCache = policy.sample(prompts: try prompts(), configuration: configuration, using: &first)
        let without = policy.sample(prompts: try prompts(), configuration: uncached, using: &second)
        #expect(withCache.completions == without.completions && withCache.finishReasons == without.finishReasons)
        // The cache's logits differ from a full forward's only in the last bits.
        for (a, b) in zip(withCache.logProbabilities.joined(), without.logProbabilities.joined()) { #expect(abs(a - b) <= 1e-5) }
        #expect(first == second)
        #expect(withCache.completions.map(\.count).reduce(0, +) > 16)
        #expect(Set(withCache.completions.joined()).count > 1)
    }

    @Test func cachedLogitsMatchAFullForwardAtEveryStep() throws {
        let policy = PolicyFixtures.policy()
        let sequence = [1, 3, 6, 7, 4, 8, 9, 6, 13, 12]
        let cache = KeyValueCache(configuration: policy.configuration.transformer, batchSize: 1)
        let full = policy.logits(hiddenStates: policy.hiddenStates(sequence, batchSize: 1)).scalars
        let vocabulary = policy.tokenizer.vocabularySize
        for (position, token) in sequence.enumerated() {
            let step = policy.decodeStep([token], rows: [0], cache: cache)
            expectClose(step, Tensor(shape: [1, vocabulary], scalars: Array(full[(position * vocabulary)..<((position + 1) * vocabulary)])),
                        absolute: 1e-4, relative: 1e-4)
        }
        #expect(cache.lengths == [sequence.count])
    }

    @Test(arguments: [Float(1), 0.7])
    func sampledLogProbabilitiesAreThoseOfTheTemperedPolicy(temperature: Float) throws {
        let policy = PolicyFixtures.policy()
        var stream = RandomStream(seed: 4)
        let prompts = try prompts()
        let sampled = policy.sample(prompts: prompts, configuration: SamplingConfiguration(temperature: temperature, maxNewTokens: 6),
                                    using: &stream)
        let batch = TokenBatch(zip(prompts, sampled.completions).map { PromptCompletion(prompt: $0, completion: $1) })
        let recomputed = policy.logProbabilities(batch, temperature: temperature)
        let width = batch.length - 1
        for (row, values) in sampled.logProbabilities.enumerated() {
            #expect(values.count == sampled.completions[row].count)
            for (t, value) in values.enumerated() {
                let expected = recomputed.perToken.scalars[row * width + prompts[row].count - 1 + t]
                #expect(abs(value - expected) <= 1e-4, "row \(row) token \(t): \(value) vs \(expected)")
            }
        }
        let mask = sampled.completionMask
        #expect(mask.shape == [prompts.count, sampled.completions.map(\.count).max()!])
        #expect(mask.scalars.reduce(0, +) == Float(sampled.completions.map(\.count).reduce(0, +)))
    }

    @Test func samplingIsDeterministicPerSeed() throws {
        let policy = PolicyFixtures.policy()
        let configuration = SamplingConfiguration(maxNewTokens: 10, stopTokens: [])
        func run(_ seed: UInt64) throws -> SampledCompletions {
            var stream = RandomStream(seed: seed)
            return policy.sample(prompts: try prompts(), configuration: configuration, using: &stream)
        }
        #expect(try run(1) == run(1))
        #expect(try run(1) != run(2))
    }

    @Test func completionsEndAtStopTokensMaxTokensOrTheContext() throws {
        let policy = PolicyFixtures.policy()
        var stream = RandomStream(seed: 3)
        let all = Array(0..<policy.tokenizer.vocabularySize)
        let stopped = policy.sample(prompts: try prompts(), configuration: SamplingConfiguration(stopTokens: all), using: &stream)
        #expect(stopped.completions.allSatisfy { $0.count == 1 } && stopped.finishReasons.allSatisfy { $0 == .stopToken })
        let capped = policy.sample(prompts: try prompts(), configuration: SamplingConfiguration(maxNewTokens: 5, stopTokens: []), using: &stream)
        #expect(capped.completions.allSatisfy { $0.count == 5 } && capped.finishReasons.allSatisfy { $0 == .maxNewTokens })
        let long = [Int](repeating: 6, count: 14)  // context 16: two tokens fit as inputs, a third is predicted
        for usesCache in [true, false] {
            let full = policy.sample(prompts: [long], configuration: SamplingConfiguration(maxNewTokens: 10, stopTokens: [], usesKeyValueCache: usesCache),
                                     using: &stream)
            #expect(full.completions[0].count == 3 && full.finishReasons == [.contextLength])
        }
        let greedy = SamplingConfiguration(temperature: 0, maxNewTokens: 6)
        var untouched = RandomStream(seed: 9)
        _ = policy.sample(prompts: try prompts(), configuration: greedy, using: &untouched)
        #expect(untouched == RandomStream(seed: 9))
    }
}
