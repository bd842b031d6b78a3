import Foundation
import PrismNN
import PrismPolicy
import PrismRecipes
import PrismTensor

/// How a training run ended.
public enum TokenTrainingOutcome: Equatable, Sendable {
    /// All planned steps ran; the final checkpoint is at `step`.
    case finished(step: Int)
    /// `--stop-after-steps` stopped it after the checkpoint at `step`.
    case stopped(step: Int)
}

/// The loop every token recipe shares: minibatches of the objective's examples, AdamW with warmup
/// and cosine decay, gradient clipping, metrics under TRL's names, progress, checkpoints, resume
/// and the non-finite guard.
///
/// Epoch e visits the examples in the order of `RandomStream(seed:).child("shuffling").child("epoch-e")`,
/// so the batches of a step follow from the seed and the step alone; a checkpoint holds the
/// weights, AdamW's state and the step, and a resumed run continues bit for bit.
public struct TokenTraining<Config: TokenRecipeConfig> {
    /// The run's settings and directory.
    public let setup: RecipeSetup<Config>
    /// `--stop-after-steps`.
    public let stopAfterSteps: Int?
    /// Where progress lines go.
    public let progressOutput: ProgressDisplay.Output
    /// Where messages go.
    public let log: (String) -> Void

    /// A training run of `setup`.
    public init(setup: RecipeSetup<Config>, stopAfterSteps: Int?, progressOutput: ProgressDisplay.Output = .standardError,
                log: @escaping (String) -> Void) {
        self.setup = setup
        self.stopAfterSteps = stopAfterSteps
        self.progressOutput = progressOutput
        self.log = log
    }

    /// Trains `initial` (the starting policy; replaced by the checkpoint when resuming) on `objective`.
    /// - Returns: how the run ended and the trained policy.
    /// - Throws: ``NonFiniteValueError`` (the last good checkpoint is kept), checkpoint and metrics errors.
    public func run(initial: TokenPolicy, objective: any TokenObjective) throws -> (outcome: TokenTrainingOutcome, policy: TokenPolicy) {
        let train = setup.config.train
        let store = setup.run.checkpoints(keepLast: train.keepCheckpoints)
        let total = train.totalSteps(exampleCount: objective.exampleCount)
        let perEpoch = train.stepsPerEpoch(exampleCount: objective.exampleCount)
        var policy = initial
        var optimizer = AdamW(learningRate: train.learningRate, weightDecay: train.weightDecay)
        var step = 0
        var lastCheckpoint: SavedCheckpoint?
        if let checkpoint = setup.checkpoint {
            let state = try store.loadState(NoRecipeState.self, from: checkpoint)
            try store.loadModel(&policy, from: checkpoint)
            try store.loadOptimizer(&optimizer, from: checkpoint)
            step = state.step
            lastCheckpoint = checkpoint
            log("resuming \(setup.run.url.path) from \(checkpoint.url.lastPathComponent) (step \(step) of \(total))")
        } else {
            try SavedTokenPolicy.writeDescription(of: policy, to: setup.run)
        }
        let logger = try MetricsLogger(directory: setup.run.url, resumingAfter: setup.resumeStep)
        defer { logger.close() }
        let progress = ProgressDisplay(total: total, metricName: objective.progressMetric, output: progressOutput)
        defer { progress.finish() }
        let shuffling = RandomStream(seed: setup.seed).child("shuffling")
        var order: (epoch: Int, indices: [Int])?
        let start = Date(), startStep = step
        progress.update(step: step)
        while step < total {
            let epoch = step / perEpoch, position = step % perEpoch
            if order?.epoch != epoch {
                var stream = shuffling.child("epoch-\(epoch)")
                order = (epoch, stream.permutation(objective.exampleCount))
            }
            let indices = Array(order!.indices[(position * train.batchSize)..<min((position + 1) * train.batchSize, objective.exampleCount)])
            let (loss, lossMetrics) = objective.loss(of: policy, indices: indices)
            try NonFiniteGuard.check(step: step + 1, lossMetrics, lastCheckpoint: lastCheckpoint)
            policy.zeroGradients()
            loss.backward()
            let norm = clipGradientNorm(&policy, maxNorm: train.maxGradNorm)
            try NonFiniteGuard.check(step: step + 1, "grad_norm", norm, lastCheckpoint: lastCheckpoint)
            let rate = train.learningRate(step: step, totalSteps: total)
            optimizer.learningRate = rate
            optimizer.step(&policy)
            step += 1
            var metrics = lossMetrics
            metrics["grad_norm"] = Double(norm)
            metrics["learning_rate"] = Double(rate)
            metrics["epoch"] = Double(step) / Double(perEpoch)
            let elapsed = Date().timeIntervalSince(start)
            try logger.log(step: step, metrics, wallClock: [
                "train/steps_per_second": elapsed > 0 ? Double(step - startStep) / elapsed : 0, "time/elapsed": elapsed,
            ])
            progress.update(step: step, metric: metrics[objective.progressMetric])
            let stopping = stopAfterSteps.map { step >= $0 } ?? false
            if stopping || step == total || step % train.checkpointInterval == 0 {
                lastCheckpoint = try store.save(model: policy, optimizer: optimizer,
                                                state: CheckpointState(step: step, streams: ["shuffling": shuffling], recipe: NoRecipeState()))
            }
            if stopping && step < total { return (.stopped(step: step), policy) }
        }
        try policy.save(to: setup.run.file(SavedTokenPolicy.finalDirectoryName))
        return (.finished(step: step), policy)
    }
}
