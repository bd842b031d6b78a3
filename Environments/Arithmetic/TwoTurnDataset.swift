import PrismTensor

/// A two-attempt Arithmetic example: the problem, a first answer, the fixed self-correction
/// instruction and a second answer, as a base model that self-corrects badly would write them.
public struct ArithmeticTwoTurnRecord: Hashable, Sendable {
    /// The problem.
    public var problem: ArithmeticProblem
    /// The first answer (the correct one, or a systematic wrong one).
    public var first: String
    /// The second answer.
    public var second: String

    /// The problem's prompt.
    public var prompt: String { problem.prompt }
}

extension ArithmeticDataset {
    /// The self-correction instruction of the second turn: one short line that says nothing about
    /// whether the first answer was right (SCoRe's p, Kumar et al. 2024, App. C).
    public static let selfCorrectionInstruction = "Check again."

    /// `count` two-attempt examples. The first attempts are ``sftRecords(count:errorRate:seed:progress:)``
    /// of the same seed (so exactly round(`errorRate`·count) are wrong). Then, from the stream's
    /// child `second`: exactly round(`changeCorrect`·c) of the c correct first attempts, chosen by a
    /// seeded permutation, turn into a systematic wrong answer at the second attempt, and exactly
    /// round(`fixWrong`·w) of the w wrong ones are fixed; the rest are repeated. The data's own
    /// Δ(t1, t2) is (fixed − changed)/count.
    /// - Precondition: the three fractions lie in 0...1.
    public func twoTurnRecords(count: Int, errorRate: Double, changeCorrect: Double, fixWrong: Double, seed: UInt64,
                               progress: (Int) -> Void = { _ in }) -> [ArithmeticTwoTurnRecord] {
        precondition([errorRate, changeCorrect, fixWrong].allSatisfy { (0...1).contains($0) },
                     "ArithmeticDataset: the fractions must lie in 0...1")
        let firsts = sftRecords(count: count, errorRate: errorRate, seed: seed, progress: progress)
        let stream = RandomStream(seed: seed).child("second")
        var choices = stream.child("choices"), mistakes = stream.child("mistakes")
        let correct = firsts.indices.filter { firsts[$0].error == nil }, wrong = firsts.indices.filter { firsts[$0].error != nil }
        let changed = Set(choices.permutation(correct.count).prefix(Int((changeCorrect * Double(correct.count)).rounded())).map { correct[$0] })
        let fixed = Set(choices.permutation(wrong.count).prefix(Int((fixWrong * Double(wrong.count)).rounded())).map { wrong[$0] })
        return firsts.indices.map { index in
            let record = firsts[index]
            var answer = record.completion
            if changed.contains(index) {
                answer = SystematicError.preferredWrongAnswer(for: record.problem, using: &mistakes).answer
            } else if fixed.contains(index) {
                answer = record.problem.answerText
            }
            return ArithmeticTwoTurnRecord(problem: record.problem, first: record.completion, second: answer)
        }
    }
}
