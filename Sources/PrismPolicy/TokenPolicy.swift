import PrismNN
import PrismTensor

/// An autoregressive token policy: a tokenizer, a pre-LN causal transformer LM (learned
/// positions, tied or untied head) and an optional scalar value head.
///
/// Parameters are the language model's, with its names (`tokenEmbedding.weight`,
/// `positionEmbedding`, `blocks.<i>.…`, `finalNorm.…`, `head.weight`), then `valueHead.weight`
/// and `valueHead.bias`, in that fixed order; so a plain ``TransformerLanguageModel`` checkpoint
/// loads into a policy without a value head.
public struct TokenPolicy: Layer {
    /// The architecture.
    public let configuration: TokenPolicyConfiguration
    /// The ids the model reads and writes.
    public let tokenizer: Tokenizer
    /// The causal LM.
    public var languageModel: TransformerLanguageModel
    /// `D → 1` on the final normalised hidden states, or nil.
    public var valueHead: Linear?

    /// A freshly initialised policy; draws the LM, then the value head, from `stream`.
    public init(configuration: TokenPolicyConfiguration, tokenizer: Tokenizer, using stream: inout RandomStream) {
        precondition(configuration.transformer.vocabularySize == tokenizer.vocabularySize,
                     "TokenPolicy: vocabulary size \(configuration.transformer.vocabularySize) differs from the tokenizer's \(tokenizer.vocabularySize)")
        self.configuration = configuration
        self.tokenizer = tokenizer
        languageModel = TransformerLanguageModel(configuration.transformer, using: &stream)
        valueHead = configuration.hasValueHead
            ? Linear(inputSize: configuration.transformer.width, outputSize: 1, using: &stream) : nil
    }

    /// The final normalised hidden states `[B, T, D]` of ids `[B, T]` (row-major).
    public func hiddenStates(_ ids: [Int], batchSize: Int) -> Tensor {
        let model = languageModel
        let length = ids.count / batchSize
        precondition(length * batchSize == ids.count && length >= 1 && length <= model.configuration.contextLength,
                     "TokenPolicy: \(ids.count) ids do not form \(batchSize) rows of 1...\(model.configuration.contextLength)")
        let positions = length == model.configuration.contextLength
            ? model.positionEmbedding : model.positionEmbedding.slice(alongAxis: 0, 0..<length)
        var x = model.tokenEmbedding(ids, shape: [batchSize, length]) + positions
        for block in model.blocks { x = block(x) }
        return model.finalNorm(x)
    }

    /// Vocabulary logits for hidden states `[..., D]`: the head, or the tied embedding.
    public func logits(hiddenStates: Tensor) -> Tensor {
        if let head = languageModel.head { return head(hiddenStates) }
        return Tensor.linear(hiddenStates, weight: languageModel.tokenEmbedding.weight, bias: nil)
    }

    /// Logits `[B, T, V]` and, with a value head, values `[B, T]` of ids `[B, T]` (row-major).
    public func callAsFunction(_ ids: [Int], batchSize: Int) -> (logits: Tensor, values: Tensor?) {
        let h = hiddenStates(ids, batchSize: batchSize)
        let values = valueHead.map { $0(h).reshaped(to: [batchSize, ids.count / batchSize]) }
        return (logits(hiddenStates: h), values)
    }

    /// The completion log-probabilities of `batch` (docs/algorithms.md §0), logits divided by `temperature`.
    public func logProbabilities(_ batch: TokenBatch, temperature: Float = 1,
                                 includingEntropy: Bool = false) -> SequenceLogProbabilities {
        let logits = logits(hiddenStates: hiddenStates(batch.inputIDs, batchSize: batch.batchSize))
        return SequenceLogProbabilities(logits: logits, batch: batch, temperature: temperature,
                                        includingEntropy: includingEntropy)
    }

    /// The language model's parameters under their own names, then `valueHead.…`.
    public mutating func visitParameters(prefix: String, _ visit: (String, inout Tensor) throws -> Void) rethrows {
        try languageModel.visitParameters(prefix: prefix, visit)
        guard var valueHead else { return }
        self.valueHead = nil  // keeps the head's tensors uniquely referenced for in-place updates
        defer { self.valueHead = valueHead }
        try valueHead.visitParameters(prefix: prefix + "valueHead.", visit)
    }
}
