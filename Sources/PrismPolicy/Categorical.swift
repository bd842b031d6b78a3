import PrismTensor

/// A batch of categorical distributions over `A` discrete actions, one per row of a `[B, A]`
/// logits tensor (PyTorch's `torch.distributions.Categorical(logits:)`).
///
/// The log-probabilities are formed once, with a numerically stable log-softmax, and every
/// differentiable quantity (``logProbabilities(of:)``, ``entropy()``,
/// ``klDivergence(to:)``) is built from them on the tape, so gradients flow back into the logits.
/// ``sample(using:)`` and ``mode`` are not differentiable: they return action indices.
public struct Categorical {
    /// The unnormalised log-probabilities, `[B, A]`.
    public let logits: Tensor
    /// `log softmax(logits)` over the last axis, `[B, A]`.
    public let logProbabilities: Tensor

    /// The distributions with the given `[B, A]` logits.
    public init(logits: Tensor) {
        precondition(logits.rank == 2, "Categorical: logits must be [B, A], got \(logits.shape)")
        precondition(logits.shape[1] > 0, "Categorical: logits need at least one action, got \(logits.shape)")
        self.logits = logits
        logProbabilities = logits.logSoftmax()
    }

    /// The number of distributions B.
    public var batchSize: Int { logits.shape[0] }
    /// The number of actions A.
    public var actionCount: Int { logits.shape[1] }

    /// The probabilities `softmax(logits)`, `[B, A]`.
    public var probabilities: Tensor { logProbabilities.exp() }

    /// Draws one action per row from `stream` (one 64-bit output per row, in row order).
    /// - Returns: `[B]` action indices in `0..<A`.
    public func sample(using stream: inout RandomStream) -> [Int] {
        let width = actionCount
        return logits.withUnsafeBufferPointer { buffer in
            (0..<batchSize).map { row in
                let start = row &* width
                return stream.categorical(logits: UnsafeBufferPointer(rebasing: buffer[start..<(start &+ width)]))
            }
        }
    }

    /// The most likely action of every row (the first one on ties), for greedy evaluation.
    public var mode: [Int] {
        let width = actionCount
        return logits.withUnsafeBufferPointer { buffer in
            (0..<batchSize).map { row in
                let start = row &* width
                var best = 0
                for action in 1..<width where buffer[start &+ action] > buffer[start &+ best] { best = action }
                return best
            }
        }
    }

    /// `log π(aᵢ | sᵢ)` for one action per row, differentiable in the logits.
    /// - Parameter actions: `[B]` indices in `0..<A`.
    /// - Returns: `[B]`.
    public func logProbabilities(of actions: [Int]) -> Tensor {
        precondition(actions.count == batchSize,
                     "Categorical.logProbabilities(of:): \(actions.count) actions for \(batchSize) rows")
        return logProbabilities.gathering(lastAxis: actions)
    }

    /// The entropy `H(π) = −Σₐ π(a) log π(a)` of every row, differentiable in the logits.
    /// - Returns: `[B]`.
    public func entropy() -> Tensor {
        -(probabilities * logProbabilities).sum(alongAxis: -1)
    }

    /// The Kullback–Leibler divergence `D_KL(self ‖ other) = Σₐ p(a) (log p(a) − log q(a))` of every
    /// row, exact (not a sample estimate), differentiable in both distributions' logits.
    /// - Parameter other: distributions of the same shape `[B, A]`.
    /// - Returns: `[B]`, each ≥ 0.
    public func klDivergence(to other: Categorical) -> Tensor {
        precondition(other.logits.shape == logits.shape,
                     "Categorical.klDivergence(to:): shapes \(logits.shape) and \(other.logits.shape) differ")
        return (probabilities * (logProbabilities - other.logProbabilities)).sum(alongAxis: -1)
    }
}
