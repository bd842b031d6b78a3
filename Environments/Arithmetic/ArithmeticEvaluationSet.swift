import PrismTensor

/// A fixed list of evaluation problems: by default drawn only from held-out problems, so a model
/// trained on generated data is scored on problems it never saw.
public struct ArithmeticEvaluationSet: Sendable {
    /// The problems, in draw order (a small level may repeat problems).
    public let problems: [ArithmeticProblem]

    /// `count` problems of `levels` drawn with a stream seeded with `seed`, from the held-out
    /// side of the split unless `split` says otherwise.
    public init(levels: [ArithmeticLevel], count: Int, seed: UInt64, split: ArithmeticSplit = .heldOut) {
        problems = ArithmeticGenerator(levels: levels, split: split).makeProblems(count: count, seed: seed)
    }

    /// The fraction of problems whose answer from `answer` is exactly ``ArithmeticProblem/answerText``
    /// (0 for an empty set).
    public func exactMatchAccuracy(_ answer: (ArithmeticProblem) throws -> String) rethrows -> Double {
        guard !problems.isEmpty else { return 0 }
        var correct = 0
        for problem in problems where try answer(problem) == problem.answerText { correct += 1 }
        return Double(correct) / Double(problems.count)
    }
}
