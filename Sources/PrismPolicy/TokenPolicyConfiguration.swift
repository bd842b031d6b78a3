import PrismNN

/// The architecture of a ``TokenPolicy``: the transformer's shape and whether it has a value head.
public struct TokenPolicyConfiguration: Codable, Sendable, Equatable {
    /// The causal LM (its vocabulary size must equal the tokenizer's).
    public var transformer: TransformerConfiguration
    /// Whether a scalar value head reads the final hidden states (for LM-PPO).
    public var hasValueHead: Bool

    /// A configuration from the transformer's shape.
    public init(transformer: TransformerConfiguration, hasValueHead: Bool = false) {
        self.transformer = transformer
        self.hasValueHead = hasValueHead
    }

    /// A transformer sized for `tokenizer` with the other dimensions given (defaults: the bench's
    /// tiny GPT, context 64, D 128, 4 heads, 2 layers, untied head).
    public init(tokenizer: Tokenizer, contextLength: Int = 64, width: Int = 128, headCount: Int = 4,
                layerCount: Int = 2, tiesHeadToEmbedding: Bool = false, hasValueHead: Bool = false) {
        self.init(transformer: TransformerConfiguration(
            vocabularySize: tokenizer.vocabularySize, contextLength: contextLength, width: width,
            headCount: headCount, layerCount: layerCount, tiesHeadToEmbedding: tiesHeadToEmbedding),
            hasValueHead: hasValueHead)
    }
}
