import PrismTensor

/// A synthetic sequence task for checking that a causal model learns: copy a random string.
///
/// Each sequence is `x₁ … xₙ SEP x₁ … xₙ` over `symbolCount` symbols (ids `0..<symbolCount`,
/// separator id `symbolCount`). A model trained with next-token cross-entropy on the copy half
/// must learn to attend back n + 1 positions (an induction head); an untrained model scores
/// ln(symbolCount).
public struct CopyTask: Sendable {
    /// Number of distinct symbols; the vocabulary is `symbolCount + 1` with the separator.
    public let symbolCount: Int
    /// Length n of the string to copy; sequences have 2n + 1 tokens.
    public let length: Int

    /// A task over `symbolCount` symbols and strings of `length`.
    public init(symbolCount: Int = 10, length: Int = 8) {
        self.symbolCount = symbolCount
        self.length = length
    }

    /// Vocabulary size including the separator.
    public var vocabularySize: Int { symbolCount + 1 }
    /// Model input length: the sequence minus its last token.
    public var contextLength: Int { 2 * length }

    /// A batch for teacher forcing, drawn from `stream`.
    public struct Batch: Sendable {
        /// `[B, 2n]` input ids, row-major.
        public var inputs: [Int]
        /// `[B · 2n]` next-token targets; −1 (ignored by ``Tensor/crossEntropy(logits:targets:)``)
        /// before the separator, where the next symbol cannot be known.
        public var targets: [Int]
        /// Rows in the batch.
        public var size: Int
    }

    /// `size` fresh sequences; consumes `size · n` draws of `stream`.
    public func makeBatch(size: Int, using stream: inout RandomStream) -> Batch {
        var inputs: [Int] = []
        var targets: [Int] = []
        inputs.reserveCapacity(size * contextLength)
        targets.reserveCapacity(size * contextLength)
        for _ in 0..<size {
            let string = (0..<length).map { _ in stream.nextInt(below: symbolCount) }
            let sequence = string + [symbolCount] + string
            inputs += sequence.dropLast()
            targets += sequence.dropFirst().enumerated().map { $0.offset < length ? -1 : $0.element }
        }
        return Batch(inputs: inputs, targets: targets, size: size)
    }
}
