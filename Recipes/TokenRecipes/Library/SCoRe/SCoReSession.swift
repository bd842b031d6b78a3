import Arithmetic
import PrismNN
import PrismPolicy
import PrismRL
import PrismRecipes
import PrismTensor

/// The streams of a `score` run: step s draws its problems from `problems`' child `step-s` and
/// its samples from `sampling`'s, so a step's draws follow from the seed and the step alone.
public struct SCoReStreams: TrainingStreams, Equatable {
    /// The parent of every step's problem draw.
    public var problems: RandomStream
    /// The parent of every step's sampling.
    public var sampling: RandomStream

    /// The streams of a new run.
    public init(root: RandomStream) {
        problems = root.child("problems")
        sampling = root.child("sampling")
    }
}

/// SCoRe's training (docs/algorithms.md §7) as a ``TrainingSession``: each iteration samples G
/// two-turn episodes for each of a step's problems on-policy, rewards the turns as the current
/// stage says, and takes one AdamW step on ``reinforceLoss`` over both turns' generated tokens,
/// with the per-turn KL to the frozen starting policy.
struct SCoReSession: TrainingSession {
    var model: TokenPolicy
    var optimizer: AdamW
    private(set) var completedIterations: Int
    let config: SCoReConfig
    let reference: ReferencePolicy
    let task: SelfCorrectionTask
    let run: RunDirectory
    let evaluation: SCoReEvaluation

    init(policy: TokenPolicy, config: SCoReConfig, run: RunDirectory, evaluation: SCoReEvaluation,
         start: TrainingStart<SCoReStreams, NoRecipeState>) throws {
        model = policy
        reference = ReferencePolicy(snapshotOf: policy)
        optimizer = AdamW(learningRate: config.train.learningRate)
        completedIterations = start.resumed?.state.step ?? 0
        self.config = config
        task = SelfCorrectionTask(policy: policy)
        self.run = run
        self.evaluation = evaluation
        if start.resumed == nil { try SavedTokenPolicy.writeDescription(of: policy, to: run) }
    }

    var checkpointState: NoRecipeState { NoRecipeState() }

    /// One step: sample, reward, advantages per turn, one AdamW step.
    /// - Returns: the turn rewards and their change, the loss and KL statistics, `grad_norm`,
    ///   `learning_rate` and `stage`.
    mutating func iterate(streams: inout SCoReStreams, guard: NonFiniteGuard) throws -> [String: Double] {
        let step = completedIterations, stage = config.stage(at: step), group = config.samplesPerPrompt
        var problemStream = streams.problems.child("step-\(step)")
        let generator = ArithmeticGenerator(levels: config.env.arithmeticLevels, split: .training)
        let problems = (0..<config.promptsPerStep).map { _ in generator.makeProblem(using: &problemStream) }
        var sampling = streams.sampling.child("step-\(step)")
        let rollout = try task.episodes(
            policy: model, problems: problems, samplesPerPrompt: group,
            configuration: SamplingConfiguration(temperature: config.temperature, maxNewTokens: config.maxNewTokens), using: &sampling)
        let (first, second) = (rollout.turns[0], rollout.turns[1])
        let r1 = first.completions.indices.map { task.reward(first.completions[$0], problems[$0 / group]) }
        let r2 = second.completions.indices.map { task.reward(second.completions[$0], problems[$0 / group]) }
        let rewards = zip(r1, r2).map { stage.turnRewards(first: $0, second: $1, alpha: config.alpha) }
        let advantages = config.baseline.advantages(rewards.map(\.first), groupSize: group)
            + config.baseline.advantages(rewards.map(\.second), groupSize: group)
        let kl = stage.klCoefficients(beta1: config.beta1, beta2: config.beta2)
        let coefficients = [Float](repeating: kl.first, count: r1.count) + [Float](repeating: kl.second, count: r2.count)
        let batch = TokenBatch(first.examples + second.examples)
        let policyValues = model.logProbabilities(batch)
        let referenceValues = withoutGradients { reference.logProbabilities(batch) }
        let output = reinforceLoss(policyLogProbabilities: policyValues.perToken, referenceLogProbabilities: referenceValues.perToken,
                                   mask: policyValues.mask, advantages: advantages, klCoefficients: coefficients,
                                   estimator: config.klEstimator)
        try `guard`.check("loss", output.loss.item)
        model.zeroGradients()
        output.loss.backward()
        let norm = clipGradientNorm(&model, maxNorm: config.train.maxGradNorm)
        try `guard`.check("grad_norm", norm)
        let rate = config.train.rate(at: step)
        optimizer.learningRate = rate
        optimizer.step(&model)
        completedIterations += 1
        let n = Double(r1.count)
        var metrics = output.metrics.scalars()
        metrics["loss"] = Double(output.loss.item)
        metrics["reward/turn1"] = Double(r1.reduce(0, +)) / n
        metrics["reward/turn2"] = Double(r2.reduce(0, +)) / n
        metrics["reward/delta"] = Double(zip(r1, r2).map { $1 - $0 }.reduce(0, +)) / n
        metrics["reward/shaped_turn2"] = Double(rewards.map(\.second).reduce(0, +)) / n
        metrics["grad_norm"] = Double(norm)
        metrics["learning_rate"] = Double(rate)
        metrics["stage"] = stage == .initialization ? 1 : 2
        return metrics
    }

    /// Writes `policy/` when the run finished.
    mutating func finish(stopped: Bool) throws {
        if !stopped { try model.save(to: run.file(SavedTokenPolicy.finalDirectoryName)) }
    }

    /// Scores the trained policy and writes `eval.json` and `report.md`.
    func evaluate(step: Int) throws -> SCoReReport {
        let report = try evaluation.report(trained: model, step: step)
        try report.write(to: run)
        return report
    }
}
