import Foundation
import PrismNN
import PrismPolicy
import PrismRL
import PrismTensor

/// `rl-step`: one on-policy REINFORCE step on `lm-train-step`'s GPT shape (vocabulary 64, D 128,
/// 4 heads, 2 layers, context 64) as a token policy: 32 prompts of 16 tokens, 4 samples each drawn
/// at temperature 1 through the KV cache to 48 new tokens, seeded 0/1 rewards with the RLOO
/// baseline, a k3 KL to the frozen starting policy (β 0.05), backward and AdamW(lr 1e-5).
struct ReinforceWorkload {
    static let (prompts, samples, promptLength, newTokens) = (32, 4, 16, 48)

    var policy: TokenPolicy
    let reference: ReferencePolicy
    var optimizer = AdamW(learningRate: 1e-5)
    let promptTokens: [[Int]]
    var stream: RandomStream
    /// Seconds spent sampling, summed over steps.
    var samplingSeconds = 0.0

    init(seed: UInt64) {
        var stream = RandomStream(seed: seed)
        let characters = (0..<(64 - SpecialToken.allCases.count)).map { Character(UnicodeScalar(0x4E00 + $0)!) }
        let tokenizer = Tokenizer(characters: String(characters))
        policy = TokenPolicy(configuration: TokenPolicyConfiguration(tokenizer: tokenizer, contextLength: 64), tokenizer: tokenizer,
                             using: &stream)
        reference = ReferencePolicy(snapshotOf: policy)
        let vocabulary = policy.configuration.transformer.vocabularySize
        promptTokens = (0..<Self.prompts).map { _ in
            [SpecialToken.beginningOfSequence.id] + (1..<Self.promptLength).map { _ in
                SpecialToken.allCases.count + stream.nextInt(below: vocabulary - SpecialToken.allCases.count)
            }
        }
        self.stream = stream
    }

    mutating func step() {
        let start = DispatchTime.now().uptimeNanoseconds
        let rollout = MultiTurnRollout.sample(
            policy: policy, prompts: promptTokens, samplesPerPrompt: Self.samples, turnCount: 1,
            configuration: SamplingConfiguration(temperature: 1, maxNewTokens: Self.newTokens, stopTokens: []), using: &stream
        ) { _, _, prompt, _ in prompt }
        samplingSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let rewards = rollout.turns[0].completions.map { _ in Float(stream.nextInt(below: 2)) }
        let batch = TokenBatch(rollout.turns[0].examples)
        let values = policy.logProbabilities(batch)
        let referenceValues = withoutGradients { reference.logProbabilities(batch) }
        let loss = reinforceLoss(policyLogProbabilities: values.perToken, referenceLogProbabilities: referenceValues.perToken,
                                 mask: values.mask, advantages: ReinforceBaseline.leaveOneOut.advantages(rewards, groupSize: Self.samples),
                                 klCoefficients: [Float](repeating: 0.05, count: rewards.count)).loss
        policy.zeroGradients()
        loss.backward()
        optimizer.step(&policy)
    }

    /// The row: median step time, tokens generated per second and sampling's share of the time.
    static func run(runs: Int, target: Double, threads: Int) -> String {
        var workload = ReinforceWorkload(seed: 0)
        var measured: Timing?
        // Warm-up and sizing calls are timed too, so the share covers every step that ran.
        let total = Timing.seconds { measured = Timing.measure(runs: runs, target: target) { workload.step() } }
        let timing = measured!
        let tokens = Double(prompts * samples * newTokens)
        return timing.row("rl-step", threads: threads,
                          extra: [("generated_tokens_per_s", tokens / (timing.median / 1000)),
                                  ("sampling_share", workload.samplingSeconds / total)])
    }
}
