import PrismNN
import PrismTensor

/// A frozen copy of a ``TokenPolicy`` (the reference model of DPO and LM-PPO).
///
/// The snapshot owns its own parameter storage with no gradient slots, so later optimizer steps
/// on the policy cannot reach it, and every forward runs under `withoutGradients`.
public struct ReferencePolicy {
    /// The frozen policy.
    public let policy: TokenPolicy

    /// A snapshot of `policy`'s current parameters (deep copies).
    public init(snapshotOf policy: TokenPolicy) {
        var copy = policy
        copy.visitParameters(prefix: "") { _, tensor in
            tensor = Tensor(shape: tensor.shape, scalars: tensor.scalars)
        }
        self.policy = copy
    }

    /// The completion log-probabilities of `batch`, recorded on no tape.
    public func logProbabilities(_ batch: TokenBatch, temperature: Float = 1) -> SequenceLogProbabilities {
        withoutGradients { policy.logProbabilities(batch, temperature: temperature) }
    }

    /// The reference log-probabilities of every example, computed once in batches of `batchSize`
    /// (TRL's `precompute_ref_log_probs`); element i belongs to `examples[i]`.
    public func precomputeLogProbabilities(for examples: [PromptCompletion], batchSize: Int = 32,
                                           temperature: Float = 1) -> [ReferenceLogProbabilities] {
        precondition(batchSize > 0, "precomputeLogProbabilities: batchSize must be > 0")
        var result: [ReferenceLogProbabilities] = []
        result.reserveCapacity(examples.count)
        for start in stride(from: 0, to: examples.count, by: batchSize) {
            let batch = TokenBatch(Array(examples[start..<Swift.min(start + batchSize, examples.count)]))
            let values = logProbabilities(batch, temperature: temperature)
            let (perToken, sums, means) = (values.perToken.scalars, values.sum.scalars, values.mean.scalars)
            let width = batch.length - 1
            for row in 0..<batch.batchSize {
                let first = row * width + batch.promptLengths[row] - 1
                result.append(ReferenceLogProbabilities(
                    sum: sums[row], mean: means[row], count: values.counts[row],
                    perToken: Array(perToken[first..<(first + values.counts[row])])))
            }
        }
        return result
    }
}

/// One example's precomputed reference log-probabilities.
public struct ReferenceLogProbabilities: Codable, Sendable, Equatable {
    /// Summed completion log-probability.
    public var sum: Float
    /// Mean completion log-probability (`sum / max(1, count)`).
    public var mean: Float
    /// Completion tokens, EOS included.
    public var count: Int
    /// The log-probability of each completion token, in order.
    public var perToken: [Float]

    /// The values of one example.
    public init(sum: Float, mean: Float, count: Int, perToken: [Float]) {
        (self.sum, self.mean, self.count, self.perToken) = (sum, mean, count, perToken)
    }

    /// The sums of `items` as a `[B]` tensor (the `referenceChosen`/`referenceRejected` input).
    public static func sums(_ items: [ReferenceLogProbabilities]) -> Tensor { Tensor(items.map(\.sum)) }

    /// The per-token values of `items` laid out like `batch`'s shifted positions `[B, T−1]` (0 off
    /// the completion mask), for KL estimates against a policy's ``SequenceLogProbabilities``.
    public static func perToken(_ items: [ReferenceLogProbabilities], like batch: TokenBatch) -> Tensor {
        precondition(items.count == batch.batchSize && zip(items, batch.completionCounts).allSatisfy { $0.count == $1 },
                     "ReferenceLogProbabilities.perToken: items do not match the batch's completions")
        let width = batch.length - 1
        var values = [Float](repeating: 0, count: batch.batchSize * width)
        for (row, item) in items.enumerated() {
            let first = row * width + batch.promptLengths[row] - 1
            for (offset, value) in item.perToken.enumerated() { values[first + offset] = value }
        }
        return Tensor(shape: [batch.batchSize, width], scalars: values)
    }
}
