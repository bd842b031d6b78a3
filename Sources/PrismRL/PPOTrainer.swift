import PrismNN
import PrismPolicy
import PrismTensor

/// What one PPO update reports, with CleanRL's meanings: the losses and KL estimates of the last
/// minibatch trained, the clip fraction averaged over all minibatches of the update.
public struct PPOUpdateMetrics: Equatable, Sendable {
    /// `losses/policy_loss`.
    public var policyLoss: Float
    /// `losses/value_loss`.
    public var valueLoss: Float
    /// `losses/entropy`.
    public var entropy: Float
    /// `losses/old_approx_kl` (k1).
    public var oldApproxKL: Float
    /// `losses/approx_kl` (k3).
    public var approxKL: Float
    /// `losses/clipfrac`.
    public var clipFraction: Float
    /// `losses/explained_variance`: 1 − Var(R − V_old)/Var(R) over the batch, NaN if Var(R) = 0.
    public var explainedVariance: Double
    /// `charts/learning_rate`: the step size used by this update.
    public var learningRate: Float
    /// `losses/behaviour_kl`: mean D_KL(π_β ‖ π_θ) of the penalty (only logged when it is on).
    public var behaviourKL: Float
    /// The epochs run before the target-KL stop (or all of them).
    public var epochsCompleted: Int
    /// The mean over the update's minibatches of ``PPOLossMetrics/setAdvantageShare`` (0 without
    /// set advantages).
    public var setAdvantageShare: Float = 0

    /// The losses and KL estimates under CleanRL's keys (plus `losses/behaviour_kl` when
    /// `includesBehaviourKL`): the values a non-finite guard checks before they are logged.
    public func lossScalars(includesBehaviourKL: Bool = false) -> [String: Double] {
        var result: [String: Double] = [
            "losses/value_loss": Double(valueLoss), "losses/policy_loss": Double(policyLoss),
            "losses/entropy": Double(entropy), "losses/old_approx_kl": Double(oldApproxKL),
            "losses/approx_kl": Double(approxKL), "losses/clipfrac": Double(clipFraction),
        ]
        if includesBehaviourKL { result["losses/behaviour_kl"] = Double(behaviourKL) }
        return result
    }

    /// Every metric under CleanRL's keys: ``lossScalars(includesBehaviourKL:)``,
    /// `losses/explained_variance` and `charts/learning_rate`.
    public func scalars(includesBehaviourKL: Bool = false) -> [String: Double] {
        lossScalars(includesBehaviourKL: includesBehaviourKL).merging([
            "losses/explained_variance": explainedVariance, "charts/learning_rate": Double(learningRate),
        ]) { first, _ in first }
    }
}

/// The PPO update loop of CleanRL's `ppo.py` (Schulman et al., 2017, Algorithm 1) over an
/// ``ActorCritic``: per update, `updateEpochs` passes over freshly shuffled minibatches, each a
/// ``ppoLoss(newLogProbs:oldLogProbs:advantages:newValues:oldValues:returns:entropy:behaviourKL:configuration:)``
/// step with global-norm gradient clipping and Adam; the learning rate is annealed per update, and
/// an update stops after an epoch whose last minibatch exceeded the target KL.
///
/// With a KL coefficient (polychromic PPO, docs/algorithms.md §2.3 step 6) the behaviour policy π_β is the model
/// as it was when the update began, evaluated once on the whole batch.
public struct PPOTrainer {
    /// The network being trained.
    public var model: ActorCritic
    /// Adam with `adamEpsilon`; its step size is set before every update.
    public var optimizer: Adam
    /// The hyper-parameters.
    public let configuration: PPOConfiguration
    /// The planned number of updates K (the annealing horizon).
    public let updateCount: Int
    /// The updates made so far.
    public private(set) var completedUpdates = 0

    /// A trainer for `updateCount` updates of `model`, of which `completedUpdates` are already
    /// done (a resumed run: the learning-rate schedule continues from there).
    public init(model: ActorCritic, configuration: PPOConfiguration, updateCount: Int, completedUpdates: Int = 0) {
        precondition(updateCount > 0, "PPOTrainer: updateCount \(updateCount) must be > 0")
        precondition(completedUpdates >= 0, "PPOTrainer: completedUpdates \(completedUpdates) must be ≥ 0")
        self.model = model
        self.configuration = configuration
        self.updateCount = updateCount
        self.completedUpdates = completedUpdates
        optimizer = Adam(learningRate: configuration.learningRate, epsilon: configuration.adamEpsilon)
    }

    /// The step size of update `update` (1-based): lr·(1 − (k − 1)/K) when annealing, else lr.
    public func learningRate(forUpdate update: Int) -> Float {
        guard configuration.annealsLearningRate else { return configuration.learningRate }
        let fraction = LearningRateSchedule.linear(finalFraction: 0).multiplier(step: update - 1, totalSteps: updateCount)
        return fraction * configuration.learningRate
    }

    /// Runs one update on `batch`, shuffling with `stream` (one permutation of N per epoch), at
    /// the annealed step size of the next update.
    public mutating func update(_ batch: PPOBatch, using stream: inout RandomStream) -> PPOUpdateMetrics {
        update(batch, learningRate: learningRate(forUpdate: completedUpdates + 1), using: &stream)
    }

    /// Runs one update on `batch` at step size `learningRate` (a schedule the caller keeps, e.g.
    /// annealed over environment steps rather than updates).
    public mutating func update(_ batch: PPOBatch, learningRate: Float, using stream: inout RandomStream) -> PPOUpdateMetrics {
        let n = batch.count
        precondition(n >= configuration.minibatchCount,
                     "PPOTrainer.update: \(n) samples for \(configuration.minibatchCount) minibatches")
        optimizer.learningRate = learningRate
        let samples = PPOSampleTensors(batch)
        let penalised = configuration.loss.klCoefficient > 0
        var behaviourLogits = penalised ? withoutGradients { model.policy(samples.observations).logits } : nil
        let bounds = minibatchBounds(sampleCount: n, minibatchCount: configuration.minibatchCount)
        var last: PPOLossMetrics?
        var clipFractions: [Float] = []
        var shares: [Float] = []
        var epochsCompleted = 0
        for epoch in 0..<configuration.updateEpochs {
            if penalised && configuration.refreshesBehaviourEachEpoch && epoch > 0 {
                behaviourLogits = withoutGradients { model.policy(samples.observations).logits }
            }
            let permutation = stream.permutation(n)
            for range in bounds {
                let indices = Array(permutation[range])
                let metrics = step(samples, behaviourLogits: behaviourLogits, indices: indices)
                clipFractions.append(metrics.clipFraction)
                shares.append(metrics.setAdvantageShare)
                last = metrics
            }
            epochsCompleted += 1
            if let targetKL = configuration.targetKL, let last, last.approxKL > targetKL { break }
        }
        completedUpdates += 1
        guard let last else { preconditionFailure("PPOTrainer.update: no minibatch ran") }
        return PPOUpdateMetrics(
            policyLoss: last.policyLoss, valueLoss: last.valueLoss, entropy: last.entropy,
            oldApproxKL: last.oldApproxKL, approxKL: last.approxKL,
            clipFraction: clipFractions.reduce(0, +) / Float(clipFractions.count),
            explainedVariance: explainedVariance(predictions: batch.values, targets: batch.returns),
            learningRate: learningRate, behaviourKL: last.behaviourKL, epochsCompleted: epochsCompleted,
            setAdvantageShare: shares.reduce(0, +) / Float(shares.count))
    }

    /// One gradient step on the samples at `indices`.
    mutating func step(_ samples: PPOSampleTensors, behaviourLogits: Tensor?, indices: [Int]) -> PPOLossMetrics {
        let (logits, values) = model(samples.observations.rows(indices))
        let policy = Categorical(logits: logits)
        let behaviourKL = behaviourLogits.map { Categorical(logits: $0.rows(indices)).klDivergence(to: policy) }
        let output = ppoLoss(
            newLogProbs: policy.logProbabilities(of: indices.map { samples.actions[$0] }),
            oldLogProbs: samples.logProbs.rows(indices), advantages: samples.advantages.rows(indices),
            newValues: values, oldValues: samples.values.rows(indices), returns: samples.returns.rows(indices),
            entropy: policy.entropy(), behaviourKL: behaviourKL,
            setAdvantageMask: samples.hasSetAdvantages ? indices.map { samples.setAdvantageMask[$0] } : nil,
            configuration: configuration.loss)
        model.zeroGradients()
        output.loss.backward()
        clipGradientNorm(&model, maxNorm: configuration.maxGradientNorm)
        optimizer.step(&model)
        return output.metrics
    }
}

/// The M minibatches of an epoch over n shuffled samples: minibatch k holds positions
/// ⌊k·n/M⌋ ..< ⌊(k+1)·n/M⌋, so every sample is used once and the sizes differ by at most one.
/// When M divides n these are CleanRL's `range(0, n, n // M)` slices; otherwise there is no
/// extra minibatch of the n mod M leftover samples.
public func minibatchBounds(sampleCount n: Int, minibatchCount m: Int) -> [Range<Int>] {
    precondition(m >= 1 && n >= m, "minibatchBounds: \(n) samples for \(m) minibatches")
    return (0..<m).map { k in (k * n / m)..<((k + 1) * n / m) }
}

/// A ``PPOBatch`` as tensors, made once per update so each minibatch is a row gather.
struct PPOSampleTensors {
    /// `[N, F]`.
    let observations: Tensor
    /// `[N]`.
    let actions: [Int]
    /// `[N]` each.
    let logProbs: Tensor, values: Tensor, advantages: Tensor, returns: Tensor
    /// `[N]` which advantages are set advantages.
    let setAdvantageMask: [Bool]
    /// Whether any is.
    let hasSetAdvantages: Bool

    /// The tensors of `batch`.
    init(_ batch: PPOBatch) {
        observations = batch.observations
        actions = batch.actions
        logProbs = Tensor(batch.logProbs)
        values = Tensor(batch.values)
        advantages = Tensor(batch.advantages)
        returns = Tensor(batch.returns)
        setAdvantageMask = batch.setAdvantageMask
        hasSetAdvantages = batch.setAdvantageMask.contains(true)
    }
}

/// 1 − Var(targets − predictions) / Var(targets) with biased variances in Double (NumPy's `var`),
/// NaN when the targets have no variance: how much of the return variance the value function
/// explains (1 is perfect, ≤ 0 is no better than a constant).
public func explainedVariance(predictions: [Float], targets: [Float]) -> Double {
    precondition(predictions.count == targets.count, "explainedVariance: \(predictions.count) vs \(targets.count) entries")
    func variance(_ values: [Double]) -> Double {
        let mean = values.reduce(0, +) / Double(Swift.max(values.count, 1))
        return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(Swift.max(values.count, 1))
    }
    let y = targets.map(Double.init)
    let targetVariance = variance(y)
    guard targetVariance != 0 else { return .nan }
    let residual = zip(y, predictions).map { $0 - Double($1) }
    return 1 - variance(residual) / targetVariance
}
