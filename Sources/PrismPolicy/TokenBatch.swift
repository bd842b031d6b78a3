import PrismTensor

/// Variable-length sequences right-padded into one `[B, T]` block, with the label shift of the
/// algorithm docs/algorithms.md §0 built in.
///
/// The model reads ``inputIDs`` (every sequence without its last column, `[B, T−1]`); logits at
/// input position j predict ``targetIDs`` j, the token at position j+1. ``completionMask`` is 1 at
/// target j exactly when token j+1 is a completion token of a real (not padding) position, so the
/// prompt and the padding are excluded and the completion's EOS is included. Because padding
/// only ever follows the real tokens and attention is causal, padding never changes the logits of
/// real positions.
public struct TokenBatch: Sendable {
    /// Row-major ids `[B, T]`, each row padded on the right with ``paddingID``.
    public let ids: [Int]
    /// The number of sequences B.
    public let batchSize: Int
    /// The padded length T (the longest sequence).
    public let length: Int
    /// The prompt length of each row.
    public let promptLengths: [Int]
    /// The real (unpadded) length of each row, prompt plus completion.
    public let sequenceLengths: [Int]
    /// The id used for padding.
    public let paddingID: Int

    /// A batch of `examples`, padded with `paddingID` (``SpecialToken/padding`` by default).
    /// - Precondition: every prompt is non-empty (the first completion token needs a context).
    public init(_ examples: [PromptCompletion], paddingID: Int = SpecialToken.padding.id) {
        precondition(!examples.isEmpty, "TokenBatch: no examples")
        precondition(examples.allSatisfy { !$0.prompt.isEmpty }, "TokenBatch: every prompt needs at least one token")
        let length = Swift.max(2, examples.map { $0.prompt.count + $0.completion.count }.max()!)
        var ids = [Int](repeating: paddingID, count: examples.count * length)
        for (row, example) in examples.enumerated() {
            for (offset, id) in example.tokens.enumerated() { ids[row * length + offset] = id }
        }
        self.ids = ids
        self.batchSize = examples.count
        self.length = length
        self.promptLengths = examples.map(\.prompt.count)
        self.sequenceLengths = examples.map { $0.prompt.count + $0.completion.count }
        self.paddingID = paddingID
    }

    /// The model inputs `[B, T−1]`: every row without its last position.
    public var inputIDs: [Int] {
        (0..<batchSize).flatMap { row in ids[(row * length)..<(row * length + length - 1)] }
    }

    /// The labels `[B, T−1]`: every row without its first position (target j is token j+1).
    public var targetIDs: [Int] {
        (0..<batchSize).flatMap { row in ids[(row * length + 1)..<(row * length + length)] }
    }

    /// The shifted completion mask `[B, T−1]`: 1 where target j (token j+1) lies in
    /// `promptLength ..< sequenceLength`, else 0.
    public var completionMask: Tensor {
        let width = length - 1
        var mask = [Float](repeating: 0, count: batchSize * width)
        for row in 0..<batchSize {
            for target in (promptLengths[row] - 1)..<(sequenceLengths[row] - 1) { mask[row * width + target] = 1 }
        }
        return Tensor(shape: [batchSize, width], scalars: mask)
    }

    /// The number of completion tokens of each row (EOS included): the row sums of the mask.
    public var completionCounts: [Int] { zip(sequenceLengths, promptLengths).map { $0 - $1 } }
}
