import PrismTensor

/// How ``TokenPolicy/sample(prompts:configuration:using:)`` draws completions.
///
/// The filters apply in Hugging Face's order: logits divided by ``temperature``, then ``topK``,
/// then ``topP`` on the renormalised probabilities.
public struct SamplingConfiguration: Codable, Sendable, Equatable {
    /// Logits are divided by it; 0 means greedy (the first most likely token, no random draw).
    public var temperature: Float = 1
    /// Keep only the k most likely tokens (ties broken towards the lower id); nil keeps all.
    public var topK: Int?
    /// Keep the smallest set of most likely tokens whose probability reaches p: a token stays
    /// when the mass of the tokens ranked above it is below p (so at least one stays); nil or 1
    /// keeps all.
    public var topP: Float?
    /// The longest completion, stop token included.
    public var maxNewTokens: Int = 32
    /// Tokens that end a completion (kept as its last token); by default the EOS.
    public var stopTokens: [Int] = [SpecialToken.endOfSequence.id]
    /// Whether decoding keeps per-layer keys and values (one new position per step) instead of
    /// recomputing the whole prefix each step. Both give the same tokens for the same stream.
    public var usesKeyValueCache: Bool = true

    /// A configuration with the given fields (defaults: temperature 1, no top-k/top-p, 32 new
    /// tokens, stop at EOS, KV cache on).
    public init(temperature: Float = 1, topK: Int? = nil, topP: Float? = nil, maxNewTokens: Int = 32,
                stopTokens: [Int] = [SpecialToken.endOfSequence.id], usesKeyValueCache: Bool = true) {
        precondition(temperature >= 0 && temperature.isFinite, "SamplingConfiguration: temperature \(temperature) must be ≥ 0")
        precondition(topK.map { $0 >= 1 } ?? true, "SamplingConfiguration: topK must be ≥ 1")
        precondition(topP.map { $0 > 0 && $0 <= 1 } ?? true, "SamplingConfiguration: topP must be in (0, 1]")
        precondition(maxNewTokens >= 0, "SamplingConfiguration: maxNewTokens must be ≥ 0")
        self.temperature = temperature
        self.topK = topK
        self.topP = topP
        self.maxNewTokens = maxNewTokens
        self.stopTokens = stopTokens
        self.usesKeyValueCache = usesKeyValueCache
    }
}

/// Why a sampled completion ended.
public enum FinishReason: String, Codable, Sendable {
    /// Its last token is a stop token.
    case stopToken
    /// It reached ``SamplingConfiguration/maxNewTokens``.
    case maxNewTokens
    /// Prompt plus completion exceed the context by one: the last token could not be fed back.
    case contextLength
}

/// The completions of a batch of prompts, in prompt order.
public struct SampledCompletions: Sendable, Equatable {
    /// The new tokens of each prompt, the stop token included when one ended it.
    public let completions: [[Int]]
    /// The natural log of each new token's probability under the distribution it was drawn from
    /// (temperature, top-k and top-p applied; 0 for greedy tokens), one per token of
    /// ``completions``. At temperature 1 without filtering, these are the policy's own
    /// log-probabilities of the tokens, the ones an on-policy gradient uses.
    public let logProbabilities: [[Float]]
    /// Why each completion ended.
    public let finishReasons: [FinishReason]

    /// The completion mask of ``completions`` right-padded to the longest: `[B, L]`, 1 on each
    /// row's tokens and 0 on padding.
    public var completionMask: Tensor {
        let length = completions.map(\.count).max() ?? 0
        var mask = [Float](repeating: 0, count: completions.count * length)
        for (row, tokens) in completions.enumerated() { for t in tokens.indices { mask[row * length + t] = 1 } }
        return Tensor(shape: [completions.count, length], scalars: mask)
    }
}
