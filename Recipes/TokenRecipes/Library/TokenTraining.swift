import Foundation
import PrismNN
import PrismPolicy
import PrismRecipes
import PrismTensor

/// The random stream a token run uses: `shuffling`, whose child `epoch-e` orders epoch e, so the
/// batches of a step follow from the seed and the step alone.
public struct TokenStreams: TrainingStreams, Equatable {
    /// The parent of every epoch's permutation (never advanced itself).
    public var shuffling: RandomStream

    /// The stream of a new run.
    public init(root: RandomStream) { shuffling = root.child("shuffling") }
}

/// A token recipe's training as a ``TrainingSession``: one iteration is one AdamW step (linear
/// warmup, cosine decay, global gradient-norm clipping) on a minibatch of the objective's
/// examples, logged under TRL's names; the finished run also leaves `policy/`, a self-contained
/// ``TokenPolicy`` directory, and its evaluation on held-out problems.
public struct TokenSession: TrainingSession {
    /// The policy being trained.
    public var model: TokenPolicy
    /// AdamW.
    public var optimizer: AdamW
    /// Optimizer steps done.
    public private(set) var completedIterations: Int
    /// What the steps minimise.
    let objective: any TokenObjective
    /// The optimisation settings.
    let train: TrainingSettings
    /// The run's planned steps and steps per epoch.
    let totalSteps: Int, stepsPerEpoch: Int
    /// The current epoch's visiting order.
    private var order: (epoch: Int, indices: [Int])?
    /// The run directory.
    let run: RunDirectory
    /// Scores the finished policy.
    let evaluation: TokenRunEvaluation

    /// A session training `policy` on `objective` (resumed at `start`'s step when resuming; the
    /// loop then loads the checkpoint's weights and AdamW state).
    init(policy: TokenPolicy, objective: any TokenObjective, train: TrainingSettings, run: RunDirectory,
         evaluation: TokenRunEvaluation, start: TrainingStart<TokenStreams, NoRecipeState>) throws {
        model = policy
        optimizer = AdamW(learningRate: train.learningRate, weightDecay: train.weightDecay)
        completedIterations = start.resumed?.state.step ?? 0
        self.objective = objective
        self.train = train
        totalSteps = train.totalSteps(exampleCount: objective.exampleCount)
        stepsPerEpoch = train.stepsPerEpoch(exampleCount: objective.exampleCount)
        self.run = run
        self.evaluation = evaluation
        if start.resumed == nil { try SavedTokenPolicy.writeDescription(of: policy, to: run) }
    }

    /// Nothing besides the step and the stream.
    public var checkpointState: NoRecipeState { NoRecipeState() }

    /// One AdamW step on the next minibatch.
    /// - Returns: the objective's metrics, `grad_norm`, `learning_rate` and `epoch`.
    public mutating func iterate(streams: inout TokenStreams, guard: NonFiniteGuard) throws -> [String: Double] {
        let step = completedIterations
        let epoch = step / stepsPerEpoch, position = step % stepsPerEpoch
        if order?.epoch != epoch {
            var stream = streams.shuffling.child("epoch-\(epoch)")
            order = (epoch, stream.permutation(objective.exampleCount))
        }
        let start = position * train.batchSize, end = min((position + 1) * train.batchSize, objective.exampleCount)
        let (loss, lossMetrics) = objective.loss(of: model, indices: Array(order!.indices[start..<end]), step: step)
        try `guard`.check(lossMetrics)
        model.zeroGradients()
        loss.backward()
        let norm = clipGradientNorm(&model, maxNorm: train.maxGradNorm)
        try `guard`.check("grad_norm", norm)
        let rate = train.learningRate(step: step, totalSteps: totalSteps)
        optimizer.learningRate = rate
        optimizer.step(&model)
        completedIterations += 1
        var metrics = lossMetrics
        metrics["grad_norm"] = Double(norm)
        metrics["learning_rate"] = Double(rate)
        metrics["epoch"] = Double(completedIterations) / Double(stepsPerEpoch)
        return metrics
    }

    /// Writes `policy/` when the run finished.
    public mutating func finish(stopped: Bool) throws {
        if !stopped { try model.save(to: run.file(SavedTokenPolicy.finalDirectoryName)) }
    }

    /// Scores the trained policy and writes `eval.json`, `report.md` and the charts.
    public func evaluate(step: Int) throws -> RunReport {
        let report = try evaluation.report(trained: model, step: step)
        try report.write(to: run)
        return report
    }
}
