import PrismTensor

/// The plausible mistakes a solver makes on an arithmetic problem, each giving a wrong answer.
public enum SystematicError: String, CaseIterable, Hashable, Sendable, Codable {
    /// Every carry (or borrow) forgotten, as ``ColumnArithmetic/droppedCarryResult(_:)`` computes:
    /// `37+45 → 72`, `52-17 → 45`, `47*6 → 242`. A real systematic mistake: the same problem always
    /// gets the same wrong answer. Only available when it differs from the correct answer.
    case droppedCarry = "dropped-carry"
    /// One digit of the correct answer one too high or too low (`82 → 83`, `82 → 72`), never a
    /// leading zero. Always available.
    case offByOneDigit = "off-by-one-digit"
    /// Two adjacent, different digits of the correct answer exchanged (`82 → 28`), never giving a
    /// leading zero. Not available for one-digit answers or answers like `77`.
    case swappedDigits = "swapped-digits"

    /// The wrong answer this mistake gives on `problem`, or nil when the mistake does not apply;
    /// `stream` chooses the digit for ``offByOneDigit`` and the pair for ``swappedDigits``
    /// (``droppedCarry`` draws nothing).
    public func wrongAnswer(for problem: ArithmeticProblem, using stream: inout RandomStream) -> String? {
        let correct = Array(problem.answerText)
        switch self {
        case .droppedCarry:
            let result = ColumnArithmetic.droppedCarryResult(problem)
            return result == problem.answer ? nil : String(result)
        case .offByOneDigit:
            var digits = correct
            let index = stream.nextInt(below: digits.count)
            let value = digits[index].wholeNumberValue ?? 0
            let lowest = index == 0 && digits.count > 1 ? 1 : 0
            var changed = stream.nextInt(below: 2) == 0 ? value - 1 : value + 1
            if changed < lowest || changed > 9 { changed = 2 * value - changed }
            digits[index] = Character(String(changed))
            return String(digits)
        case .swappedDigits:
            let pairs = Self.swappablePairs(correct)
            guard !pairs.isEmpty else { return nil }
            var digits = correct
            let index = pairs[stream.nextInt(below: pairs.count)]
            digits.swapAt(index, index + 1)
            return String(digits)
        }
    }

    /// Whether this mistake gives a wrong answer on `problem`.
    public func applies(to problem: ArithmeticProblem) -> Bool {
        switch self {
        case .droppedCarry: ColumnArithmetic.droppedCarryResult(problem) != problem.answer
        case .offByOneDigit: true
        case .swappedDigits: !Self.swappablePairs(Array(problem.answerText)).isEmpty
        }
    }

    /// The indices `i` where digits `i` and `i + 1` differ and exchanging them leaves no leading zero.
    private static func swappablePairs(_ digits: [Character]) -> [Int] {
        digits.indices.dropLast().filter { index in
            digits[index] != digits[index + 1] && !(index == 0 && digits[1] == "0")
        }
    }

    /// The mistake a generator of wrong answers uses for `problem`: a dropped carry when the
    /// problem has one that changes the answer, otherwise a uniform choice among the other
    /// mistakes that apply (so always a wrong answer).
    public static func preferredWrongAnswer(
        for problem: ArithmeticProblem, using stream: inout RandomStream
    ) -> (answer: String, error: SystematicError) {
        if let answer = SystematicError.droppedCarry.wrongAnswer(for: problem, using: &stream) {
            return (answer, .droppedCarry)
        }
        let candidates = SystematicError.allCases.filter { $0 != .droppedCarry && $0.applies(to: problem) }
        let error = candidates[stream.nextInt(below: candidates.count)]
        guard let answer = error.wrongAnswer(for: problem, using: &stream) else {
            preconditionFailure("SystematicError: \(error.rawValue) applies to \(problem.prompt) but gave no answer")
        }
        return (answer, error)
    }
}
