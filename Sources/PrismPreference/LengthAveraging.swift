import PrismTensor

/// Per-sequence mean log-probs from summed log-probs and completion token counts (docs/algorithms.md §0):
/// `avg_logp = Σ_t m_t log π_t / max(1, Σ_t m_t)`, so an empty completion averages to its sum (0)
/// instead of dividing by zero.
///
/// - Parameters:
///   - sums: `[B]` summed log-probs, on the tape or not.
///   - lengths: the `B` token counts (non-negative).
/// - Returns: `[B]` averages; the gradient to `sums` is divided by the same counts.
func lengthAveraged(_ sums: Tensor, lengths: [Int]) -> Tensor {
    sums / Tensor(lengths.map { Float(Swift.max(1, $0)) })
}

/// Checks that every input of a preference loss is a `[B]` tensor (or `B` counts) of one batch.
func checkBatch(_ function: String, _ tensors: [(String, Tensor)], _ counts: [(String, [Int])]) {
    let batch = tensors[0].1.count
    precondition(batch > 0, "\(function): the batch is empty")
    for (name, tensor) in tensors {
        precondition(tensor.shape == [batch], "\(function): \(name) has shape \(tensor.shape), expected [\(batch)]")
    }
    for (name, count) in counts {
        precondition(count.count == batch, "\(function): \(name) has \(count.count) entries, expected \(batch)")
        precondition(count.allSatisfy { $0 >= 0 }, "\(function): \(name) holds a negative token count")
    }
}
