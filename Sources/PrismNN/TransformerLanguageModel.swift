import PrismTensor

/// The shape of a GPT-style causal language model.
public struct TransformerConfiguration: Codable, Sendable, Equatable {
    /// Number of token ids V.
    public var vocabularySize: Int = 64
    /// Longest sequence T the learned positions cover.
    public var contextLength: Int = 64
    /// Model width D.
    public var width: Int = 128
    /// Attention heads H (D must be divisible by H).
    public var headCount: Int = 4
    /// Number of transformer blocks.
    public var layerCount: Int = 2
    /// Whether the output head reuses the token embedding matrix (GPT-2's weight tying).
    public var tiesHeadToEmbedding: Bool = false

    /// The defaults: the bench's tiny GPT (V 64, T 64, D 128, H 4, 2 layers).
    public init() {}

    /// A configuration with every field given.
    public init(vocabularySize: Int, contextLength: Int, width: Int, headCount: Int, layerCount: Int,
                tiesHeadToEmbedding: Bool = false) {
        self.vocabularySize = vocabularySize
        self.contextLength = contextLength
        self.width = width
        self.headCount = headCount
        self.layerCount = layerCount
        self.tiesHeadToEmbedding = tiesHeadToEmbedding
    }
}

/// A pre-LN GPT (Radford et al., 2019): token and learned position embeddings, transformer
/// blocks, a final LayerNorm and a linear head to vocabulary logits.
public struct TransformerLanguageModel: Layer {
    /// The architecture.
    public let configuration: TransformerConfiguration
    /// Token embeddings `[V, D]` (`tokenEmbedding.weight`).
    public var tokenEmbedding: Embedding
    /// Learned positions `[T, D]` (`positionEmbedding`).
    public var positionEmbedding: Tensor
    /// The blocks (`blocks.<i>.…`).
    public var blocks: [TransformerBlock]
    /// The final normalisation (`finalNorm`).
    public var finalNorm: LayerNorm
    /// The output head `[V, D]`, absent when tied to the token embedding (`head.weight`).
    public var head: Linear?

    /// A model drawn from `stream`: embeddings and positions from N(0, 0.02²) as GPT-2, linear
    /// layers with PyTorch's default init.
    public init(_ configuration: TransformerConfiguration, using stream: inout RandomStream) {
        self.configuration = configuration
        let c = configuration
        tokenEmbedding = Embedding(vocabularySize: c.vocabularySize, width: c.width, standardDeviation: 0.02, using: &stream)
        positionEmbedding = Tensor.normal([c.contextLength, c.width], standardDeviation: 0.02, using: &stream)
        positionEmbedding.requiresGradient = true
        blocks = (0..<c.layerCount).map { _ in TransformerBlock(width: c.width, headCount: c.headCount, using: &stream) }
        finalNorm = LayerNorm(width: c.width)
        head = c.tiesHeadToEmbedding
            ? nil : Linear(inputSize: c.width, outputSize: c.vocabularySize, hasBias: false, using: &stream)
    }

    /// Logits `[B, T, V]` for token ids `[B, T]` (row-major `ids`, T ≤ contextLength).
    public func callAsFunction(_ ids: [Int], batchSize: Int) -> Tensor {
        let length = ids.count / batchSize
        precondition(length * batchSize == ids.count && length <= configuration.contextLength,
                     "TransformerLanguageModel: \(ids.count) ids do not form \(batchSize) rows of ≤ \(configuration.contextLength)")
        let positions = length == configuration.contextLength
            ? positionEmbedding : positionEmbedding.slice(alongAxis: 0, 0..<length)
        var x = tokenEmbedding(ids, shape: [batchSize, length]) + positions
        for block in blocks { x = block(x) }
        let normalized = finalNorm(x)
        if let head { return head(normalized) }
        return Tensor.linear(normalized, weight: tokenEmbedding.weight, bias: nil)
    }

    /// `tokenEmbedding`, `positionEmbedding`, `blocks.<i>`, `finalNorm`, `head`.
    public mutating func visitParameters(prefix: String, _ visit: (String, inout Tensor) throws -> Void) rethrows {
        try tokenEmbedding.visitParameters(prefix: prefix + "tokenEmbedding.", visit)
        try visit(prefix + "positionEmbedding", &positionEmbedding)
        for index in blocks.indices { try blocks[index].visitParameters(prefix: "\(prefix)blocks.\(index).", visit) }
        try finalNorm.visitParameters(prefix: prefix + "finalNorm.", visit)
        guard var head else { return }
        self.head = nil  // keeps the head's tensors uniquely referenced for in-place updates
        defer { self.head = head }
        try head.visitParameters(prefix: prefix + "head.", visit)
    }
}
