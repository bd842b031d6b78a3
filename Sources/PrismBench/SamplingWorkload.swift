import PrismNN
import PrismPolicy
import PrismTensor

/// `lm-sample`: the bench GPT (vocab 64, D 128, 4 heads, 2 layers, context 64) as a token policy
/// sampling a batch of 32 completions with the KV cache: prompts of 8 tokens, 56 new tokens each
/// (the context filled), temperature 1, no stop token. One iteration is the whole batch, prefill
/// included; tokens/s counts the 32·56 sampled tokens.
struct SamplingWorkload {
    static let (batch, promptLength, newTokens) = (32, 8, 56)

    let policy: TokenPolicy
    let prompts: [[Int]]
    let configuration: SamplingConfiguration
    var stream: RandomStream

    init(seed: UInt64, usesKeyValueCache: Bool = true) {
        var stream = RandomStream(seed: seed)
        let tokenizer = Tokenizer(characters: Array("0123456789+-=×abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQR"))
        policy = TokenPolicy(configuration: TokenPolicyConfiguration(tokenizer: tokenizer), tokenizer: tokenizer,
                             using: &stream)
        prompts = (0..<Self.batch).map { _ in
            (0..<Self.promptLength).map { _ in stream.nextInt(below: tokenizer.vocabularySize) }
        }
        configuration = SamplingConfiguration(maxNewTokens: Self.newTokens, stopTokens: [],
                                              usesKeyValueCache: usesKeyValueCache)
        self.stream = stream.child("sampling")
    }

    /// Samples the batch once.
    mutating func step() {
        _ = policy.sample(prompts: prompts, configuration: configuration, using: &stream)
    }
}
