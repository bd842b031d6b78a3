import PrismTensor

/// One generated supervised example: a prompt, the completion to learn and, when the completion
/// is deliberately wrong, the mistake that produced it.
public struct ArithmeticSFTRecord: Hashable, Sendable {
    /// The problem.
    public var problem: ArithmeticProblem
    /// The completion: the correct answer, or a systematic wrong one.
    public var completion: String
    /// The mistake behind a wrong completion; nil when the completion is correct.
    public var error: SystematicError?

    /// The prompt, e.g. `37+45=`.
    public var prompt: String { problem.prompt }
}

/// One generated preference pair: the correct answer chosen, a plausible wrong answer rejected.
public struct ArithmeticPreferenceRecord: Hashable, Sendable {
    /// The problem.
    public var problem: ArithmeticProblem
    /// The mistake that produced the rejected answer.
    public var error: SystematicError
    /// The rejected, wrong answer.
    public var rejected: String

    /// The prompt, e.g. `37+45=`.
    public var prompt: String { problem.prompt }
    /// The chosen, correct answer.
    public var chosen: String { problem.answerText }
}

/// Builds training datasets from the task; every problem comes from the training side of the
/// held-out split.
///
/// Streams, all children of `RandomStream(seed:)`: `problems` draws the problems in order,
/// `errors` chooses which examples are wrong, `mistakes` the digits of off-by-one and swapped
/// answers. So the problems of a seed do not depend on the error rate.
public struct ArithmeticDataset: Sendable {
    /// The levels problems are drawn from.
    public var levels: [ArithmeticLevel]

    /// A dataset builder over `levels`.
    public init(levels: [ArithmeticLevel] = ArithmeticLevel.mixed) {
        precondition(!levels.isEmpty, "ArithmeticDataset: levels must not be empty")
        self.levels = levels
    }

    /// `count` supervised examples, of which exactly `(errorRate · count).rounded()` — chosen by a
    /// seeded permutation — carry the wrong answer of ``SystematicError/preferredWrongAnswer(for:using:)``
    /// (a dropped carry whenever the problem has one). `progress` is called after each example.
    /// - Precondition: `count ≥ 0` and `0 ≤ errorRate ≤ 1`.
    public func sftRecords(count: Int, errorRate: Double, seed: UInt64, progress: (Int) -> Void = { _ in }) -> [ArithmeticSFTRecord] {
        precondition(count >= 0 && (0...1).contains(errorRate), "ArithmeticDataset: count ≥ 0 and 0 ≤ errorRate ≤ 1")
        let root = RandomStream(seed: seed)
        var problems = root.child("problems"), choices = root.child("errors"), mistakes = root.child("mistakes")
        let wrongCount = Int((errorRate * Double(count)).rounded())
        var isWrong = [Bool](repeating: false, count: count)
        for index in choices.permutation(count).prefix(wrongCount) { isWrong[index] = true }
        let generator = ArithmeticGenerator(levels: levels, split: .training)
        var records: [ArithmeticSFTRecord] = []
        records.reserveCapacity(count)
        for index in 0..<count {
            let problem = generator.makeProblem(using: &problems)
            if isWrong[index] {
                let wrong = SystematicError.preferredWrongAnswer(for: problem, using: &mistakes)
                records.append(ArithmeticSFTRecord(problem: problem, completion: wrong.answer, error: wrong.error))
            } else {
                records.append(ArithmeticSFTRecord(problem: problem, completion: problem.answerText, error: nil))
            }
            progress(index + 1)
        }
        return records
    }

    /// `count` preference pairs: the correct answer chosen, the wrong answer of
    /// ``SystematicError/preferredWrongAnswer(for:using:)`` rejected. `progress` is called after each pair.
    public func preferenceRecords(count: Int, seed: UInt64, progress: (Int) -> Void = { _ in }) -> [ArithmeticPreferenceRecord] {
        precondition(count >= 0, "ArithmeticDataset: count must be non-negative")
        let root = RandomStream(seed: seed)
        var problems = root.child("problems"), mistakes = root.child("mistakes")
        let generator = ArithmeticGenerator(levels: levels, split: .training)
        var records: [ArithmeticPreferenceRecord] = []
        records.reserveCapacity(count)
        for index in 0..<count {
            let problem = generator.makeProblem(using: &problems)
            let wrong = SystematicError.preferredWrongAnswer(for: problem, using: &mistakes)
            records.append(ArithmeticPreferenceRecord(problem: problem, error: wrong.error, rejected: wrong.answer))
            progress(index + 1)
        }
        return records
    }
}
