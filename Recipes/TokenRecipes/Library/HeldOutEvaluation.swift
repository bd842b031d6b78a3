import Arithmetic
import PrismPolicy
import PrismTensor

/// The held-out Arithmetic problems of a run's `eval` settings, and the two scores the recipes
/// report on them: greedy exact-match accuracy, level by level (each level its own draw of
/// `eval.problems` problems with `eval.seed`), and preference accuracy on pairs built from one
/// draw over all the levels (correct answer chosen,
/// ``SystematicError/preferredWrongAnswer(for:using:)`` rejected, drawn from the `eval.seed`
/// stream's child `pairs`). With one level, both draws are the same problems.
public struct HeldOutEvaluation {
    /// The problems of the pairs, drawn over all the levels.
    public let problems: ArithmeticEvaluationSet
    /// Each level's own problems, in the order of `eval.levels`.
    public let problemsByLevel: [(level: String, problems: ArithmeticEvaluationSet)]
    /// The pairs, one per problem.
    public let pairs: [(prompt: String, chosen: String, rejected: String)]
    /// The longest greedy answer.
    public let maxNewTokens: Int

    /// The evaluation of `settings`.
    public init(_ settings: EvaluationSettings) {
        problems = ArithmeticEvaluationSet(levels: settings.arithmeticLevels, count: settings.problems, seed: settings.seed)
        problemsByLevel = settings.arithmeticLevels.map {
            ($0.name, ArithmeticEvaluationSet(levels: [$0], count: settings.problems, seed: settings.seed))
        }
        var mistakes = RandomStream(seed: settings.seed).child("pairs")
        pairs = problems.problems.map { problem in
            (problem.prompt, problem.answerText, SystematicError.preferredWrongAnswer(for: problem, using: &mistakes).answer)
        }
        maxNewTokens = settings.maxNewTokens
    }

    /// Each level's fraction of problems whose greedy answer (up to EOS) is exactly right, by
    /// level name.
    public func taskAccuracyByLevel(_ policy: TokenPolicy) throws -> [String: Double] {
        var accuracies: [String: Double] = [:]
        for (level, problems) in problemsByLevel { accuracies[level] = try taskAccuracy(policy, on: problems) }
        return accuracies
    }

    /// The mean over the levels of ``taskAccuracyByLevel(_:)``.
    public func taskAccuracy(_ policy: TokenPolicy) throws -> Double {
        Self.mean(of: try taskAccuracyByLevel(policy))
    }

    /// The mean of per-level accuracies, summed in level-name order.
    static func mean(of accuracies: [String: Double]) -> Double {
        accuracies.sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value } / Double(max(accuracies.count, 1))
    }

    /// The fraction of `problems` whose greedy answer (up to EOS) is exactly right.
    func taskAccuracy(_ policy: TokenPolicy, on problems: ArithmeticEvaluationSet) throws -> Double {
        let prompts = try problems.problems.map { try policy.tokenizer.promptTokens($0.prompt) }
        var stream = RandomStream(seed: 0)
        let sampled = withoutGradients {
            policy.sample(prompts: prompts, configuration: SamplingConfiguration(temperature: 0, maxNewTokens: maxNewTokens),
                          using: &stream)
        }
        var answers: [String] = sampled.completions.map { policy.tokenizer.decode($0) }
        return problems.exactMatchAccuracy { _ in answers.removeFirst() }
    }

    /// The fraction of pairs whose implicit reward margin is strictly positive: with a
    /// `reference`, β(log π − log π_ref) on summed log-probs (DPO's reward; the sign does not
    /// depend on β); without one, the length-averaged policy log-probs (ORPO's and SimPO's reward).
    public func preferenceAccuracy(_ policy: TokenPolicy, reference: ReferencePolicy?) throws -> Double {
        let tokenizer = policy.tokenizer
        let chosen = try pairs.map { try tokenizer.encode(prompt: $0.prompt, completion: $0.chosen) }
        let rejected = try pairs.map { try tokenizer.encode(prompt: $0.prompt, completion: $0.rejected) }
        let frozen = ReferencePolicy(snapshotOf: policy)
        let policyChosen = frozen.precomputeLogProbabilities(for: chosen), policyRejected = frozen.precomputeLogProbabilities(for: rejected)
        var wins = 0
        if let reference {
            let referenceChosen = reference.precomputeLogProbabilities(for: chosen)
            let referenceRejected = reference.precomputeLogProbabilities(for: rejected)
            for i in pairs.indices {
                let margin = (policyChosen[i].sum - referenceChosen[i].sum) - (policyRejected[i].sum - referenceRejected[i].sum)
                wins += margin > 0 ? 1 : 0
            }
        } else {
            for i in pairs.indices where policyChosen[i].mean > policyRejected[i].mean { wins += 1 }
        }
        return Double(wins) / Double(max(pairs.count, 1))
    }
}
