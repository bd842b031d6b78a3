import Arithmetic
import PrismPolicy
import PrismRL
import PrismTensor

/// `score`'s evaluation: greedy first and second attempts on `eval.problems` held-out problems of
/// `env.levels` (drawn with `eval.seed`), scored for the starting policy when the run starts and
/// for the trained one at the end.
struct SCoReEvaluation {
    /// The problems.
    let problems: [ArithmeticProblem]
    /// The longest answer.
    let maxNewTokens: Int
    /// The root seed and the levels, for the report.
    let seed: UInt64, levels: [String]
    /// The starting policy's statistics.
    let before: SelfCorrectionStatistics

    /// The evaluation of `config`, scoring `policy` as the starting point.
    init(config: SCoReConfig, seed: UInt64, policy: TokenPolicy) throws {
        problems = ArithmeticEvaluationSet(levels: config.env.arithmeticLevels, count: config.eval.problems, seed: config.eval.seed).problems
        maxNewTokens = config.maxNewTokens
        self.seed = seed
        levels = config.env.levels
        before = try Self.statistics(policy, problems: problems, maxNewTokens: maxNewTokens)
    }

    /// Greedy two-turn answers of `policy` to `problems`, scored.
    static func statistics(_ policy: TokenPolicy, problems: [ArithmeticProblem], maxNewTokens: Int) throws -> SelfCorrectionStatistics {
        let task = SelfCorrectionTask(policy: policy)
        var stream = RandomStream(seed: 0)
        let rollout = try task.episodes(policy: policy, problems: problems, samplesPerPrompt: 1,
                                        configuration: SamplingConfiguration(temperature: 0, maxNewTokens: maxNewTokens), using: &stream)
        return SelfCorrectionStatistics(first: rollout.turns[0].completions.map(task.answer),
                                        second: rollout.turns[1].completions.map(task.answer),
                                        correct: problems.map(\.answerText))
    }

    /// The report of `trained` after `step` steps.
    func report(trained: TokenPolicy, step: Int) throws -> SCoReReport {
        SCoReReport(seed: seed, step: step, problemCount: problems.count, levels: levels, before: before,
                    after: try Self.statistics(trained, problems: problems, maxNewTokens: maxNewTokens))
    }
}
