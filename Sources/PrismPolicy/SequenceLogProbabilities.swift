import PrismTensor

/// Completion-only log-probabilities of a ``TokenBatch`` (docs/algorithms.md §0), differentiable in the logits.
///
/// Per-token values are `log softmax(z_j / τ)[s_{j+1}]` at every shifted position j; positions
/// outside the completion mask hold exactly 0 (selected, not multiplied, so an infinite logit
/// there cannot leak a NaN). ``sum`` is `Σ_t m_t logπ_t` (DPO, PPO-KL), ``mean`` is that sum over
/// `max(1, Σ_t m_t)` (IPO, SimPO, ORPO). These with ``counts`` are what the preference losses take.
public struct SequenceLogProbabilities {
    /// `[B, T−1]` per-token log-probabilities, 0 off the mask.
    public let perToken: Tensor
    /// `[B, T−1]` completion mask (``TokenBatch/completionMask``).
    public let mask: Tensor
    /// `[B]` summed completion log-probabilities.
    public let sum: Tensor
    /// `[B]` mean completion log-probabilities.
    public let mean: Tensor
    /// Completion tokens per row, EOS included.
    public let counts: [Int]
    /// `[B, T−1]` entropy `−Σ_v π_v log π_v` of each shifted position's distribution, 0 off the
    /// mask; nil unless requested.
    public let entropy: Tensor?

    /// The log-probabilities of `batch` under `logits` `[B, T−1, V]` (the model's output on
    /// ``TokenBatch/inputIDs``), with logits divided by `temperature` first.
    /// - Parameter includingEntropy: also form the masked per-token ``entropy``.
    public init(logits: Tensor, batch: TokenBatch, temperature: Float = 1, includingEntropy: Bool = false) {
        precondition(logits.rank == 3 && logits.shape[0] == batch.batchSize && logits.shape[1] == batch.length - 1,
                     "SequenceLogProbabilities: logits \(logits.shape) do not match batch [\(batch.batchSize), \(batch.length - 1), V]")
        precondition(temperature > 0, "SequenceLogProbabilities: temperature \(temperature) must be > 0")
        let mask = batch.completionMask
        let logSoftmax = (temperature == 1 ? logits : logits.scaled(by: 1 / temperature)).logSoftmax()
        let zeros = Tensor.zeros(mask.shape)
        perToken = Tensor.where(mask, logSoftmax.gathering(lastAxis: batch.targetIDs), zeros)
        self.mask = mask
        counts = batch.completionCounts
        sum = perToken.sum(alongAxis: 1)
        mean = sum / Tensor(counts.map { Float(Swift.max(1, $0)) })
        entropy = includingEntropy
            ? Tensor.where(mask, -(logSoftmax.exp() * logSoftmax).sum(alongAxis: -1), zeros) : nil
    }

    /// The token-level masked mean of `values` `[B, T−1]` over the whole batch: `Σ v·m / Σ m`
    /// (0 when the mask is empty).
    public func maskedMean(_ values: Tensor) -> Tensor {
        let total = Float(Swift.max(1, counts.reduce(0, +)))
        return Tensor.where(mask, values, Tensor.zeros(mask.shape)).sum().scaled(by: 1 / total)
    }
}
