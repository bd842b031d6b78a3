import PrismTensor

/// The flat training samples of one PPO update: what the policy saw and did, the behaviour
/// policy's log-probabilities and values, and the advantages and value targets to fit.
///
/// Made from a ``RolloutBuffer`` and its ``AdvantageEstimate``; polychromic PPO removes the samples
/// near rollout states (``removing(_:)``) and appends vine samples (``appending(_:)``). The
/// observations stay one `[N, F]` tensor from collection to minibatch, whose rows
/// ``Tensor/rows(_:)`` gathers.
public struct PPOBatch: Sendable {
    /// `[N, F]` encoded observations.
    public var observations: Tensor
    /// `[N]` actions.
    public var actions: [Int]
    /// `[N]` log π_old(a|s) recorded when the action was sampled.
    public var logProbs: [Float]
    /// `[N]` V_old(s) recorded when the action was sampled.
    public var values: [Float]
    /// `[N]` advantages.
    public var advantages: [Float]
    /// `[N]` value targets.
    public var returns: [Float]
    /// `[N]` true where the advantage is a polychromic set advantage A♯ rather than a GAE estimate
    /// (for ``AdvantageNormalization/separate`` and the A♯ share of the gradient).
    public var setAdvantageMask: [Bool]

    /// A batch with the given samples, which must agree in number; `setAdvantageMask` defaults to
    /// all false (every advantage a GAE estimate).
    public init(observations: Tensor, actions: [Int], logProbs: [Float], values: [Float], advantages: [Float],
                returns: [Float], setAdvantageMask: [Bool]? = nil) {
        let n = actions.count
        precondition(observations.rank == 2 && observations.shape[0] == n,
                     "PPOBatch: observations \(observations.shape) for \(n) samples")
        precondition(logProbs.count == n && values.count == n && advantages.count == n && returns.count == n
                     && (setAdvantageMask?.count ?? n) == n,
                     "PPOBatch: every per-sample array needs \(n) entries")
        self.observations = observations
        self.actions = actions
        self.logProbs = logProbs
        self.values = values
        self.advantages = advantages
        self.returns = returns
        self.setAdvantageMask = setAdvantageMask ?? [Bool](repeating: false, count: n)
    }

    /// Every sample of `buffer`, with the advantages and returns of `estimate`.
    public init(buffer: RolloutBuffer, estimate: AdvantageEstimate) {
        self.init(observations: buffer.observations, actions: buffer.actions, logProbs: buffer.logProbs,
                  values: buffer.values, advantages: estimate.advantages, returns: estimate.returns)
    }

    /// The number of samples N.
    public var count: Int { actions.count }

    /// The width F of an encoded observation.
    public var observationSize: Int { observations.shape[1] }

    /// The samples at `indices`, in that order.
    public func selecting(_ indices: [Int]) -> PPOBatch {
        PPOBatch(observations: observations.rows(indices), actions: indices.map { actions[$0] },
                 logProbs: indices.map { logProbs[$0] }, values: indices.map { values[$0] },
                 advantages: indices.map { advantages[$0] }, returns: indices.map { returns[$0] },
                 setAdvantageMask: indices.map { setAdvantageMask[$0] })
    }

    /// The batch without the samples at `indices` (the rest keep their order).
    public func removing(_ indices: some Sequence<Int>) -> PPOBatch {
        let dropped = Set(indices)
        return selecting((0..<count).filter { !dropped.contains($0) })
    }

    /// The samples of this batch followed by those of `other` (same observation width).
    public func appending(_ other: PPOBatch) -> PPOBatch {
        guard other.count > 0 else { return self }
        guard count > 0 else { return other }
        precondition(other.observationSize == observationSize,
                     "PPOBatch.appending: observation widths \(observationSize) and \(other.observationSize) differ")
        return PPOBatch(observations: Tensor.concatenate([observations, other.observations], alongAxis: 0),
                        actions: actions + other.actions, logProbs: logProbs + other.logProbs,
                        values: values + other.values, advantages: advantages + other.advantages,
                        returns: returns + other.returns, setAdvantageMask: setAdvantageMask + other.setAdvantageMask)
    }
}
