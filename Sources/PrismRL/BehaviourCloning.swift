import PrismNN
import PrismPolicy
import PrismTensor

/// A behaviour-cloning loss value with its metrics.
public struct BehaviourCloningOutput {
    /// The mean cross-entropy, on the tape.
    public var loss: Tensor
    /// The fraction of rows whose most likely action is the expert's.
    public var accuracy: Float
}

/// The behaviour-cloning objective (Pomerleau, 1991; polychromic PPO's pre-training, docs/algorithms.md §2.3):
/// the mean cross-entropy `−(1/B) Σᵢ log π(aᵢ* | sᵢ)` of actor logits against expert actions.
/// - Parameters:
///   - logits: `[B, A]` actor logits, on the tape.
///   - expertActions: `[B]` indices in `0..<A`.
public func behaviourCloningLoss(logits: Tensor, expertActions: [Int]) -> BehaviourCloningOutput {
    precondition(logits.rank == 2 && logits.shape[0] == expertActions.count,
                 "behaviourCloningLoss: logits \(logits.shape) for \(expertActions.count) expert actions")
    let loss = Tensor.crossEntropy(logits: logits, targets: expertActions)
    let greedy = Categorical(logits: logits.detached).mode
    let hits = zip(greedy, expertActions).filter { $0 == $1 }.count
    return BehaviourCloningOutput(loss: loss, accuracy: Float(hits) / Float(Swift.max(expertActions.count, 1)))
}

/// Supervised pre-training of an ``ActorCritic``'s policy on (observation, expert action) pairs
/// with ``behaviourCloningLoss(logits:expertActions:)`` and Adam; the critic is left untouched.
public struct BehaviourCloningTrainer {
    /// The network being trained.
    public var model: ActorCritic
    /// The optimizer.
    public var optimizer: Adam
    /// Samples per gradient step (the last minibatch of an epoch may be smaller).
    public let minibatchSize: Int

    /// A trainer with Adam at `learningRate`.
    public init(model: ActorCritic, learningRate: Float = 1e-3, minibatchSize: Int = 64) {
        precondition(minibatchSize > 0, "BehaviourCloningTrainer: minibatchSize must be > 0")
        self.model = model
        optimizer = Adam(learningRate: learningRate)
        self.minibatchSize = minibatchSize
    }

    /// One pass over the demonstrations in an order drawn from `stream` (one permutation).
    /// - Parameters:
    ///   - observations: `[N, F]`.
    ///   - actions: `[N]` expert actions.
    /// - Returns: the sample-weighted mean loss over the epoch's minibatches.
    @discardableResult
    public mutating func trainEpoch(observations: Tensor, actions: [Int], using stream: inout RandomStream) -> Float {
        let n = actions.count
        precondition(observations.rank == 2 && observations.shape[0] == n && n > 0,
                     "BehaviourCloningTrainer: observations \(observations.shape) for \(n) actions")
        let permutation = stream.permutation(n)
        var total: Double = 0
        for start in stride(from: 0, to: n, by: minibatchSize) {
            let indices = Array(permutation[start..<Swift.min(start + minibatchSize, n)])
            let rows = observations.detached.rows(indices)
            let output = behaviourCloningLoss(logits: model.policy(rows).logits,
                                              expertActions: indices.map { actions[$0] })
            model.zeroGradients()
            output.loss.backward()
            optimizer.step(&model)
            total += Double(output.loss.item) * Double(indices.count)
        }
        return Float(total / Double(n))
    }
}
