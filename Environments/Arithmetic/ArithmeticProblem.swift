/// One arithmetic problem: two non-negative operands and an operation, shown as a prompt such as
/// `37+45=` and answered by the decimal text of the exact result (`82`).
public struct ArithmeticProblem: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The left operand, as shown.
    public var left: Int
    /// The right operand, as shown.
    public var right: Int
    /// The operation.
    public var operation: ArithmeticOperation

    /// A problem `left ∘ right`.
    /// - Precondition: both operands are non-negative, and `left ≥ right` for subtraction.
    public init(_ left: Int, _ operation: ArithmeticOperation, _ right: Int) {
        precondition(left >= 0 && right >= 0, "ArithmeticProblem: operands must be non-negative, got \(left) and \(right)")
        precondition(operation != .subtraction || left >= right,
                     "ArithmeticProblem: subtraction needs left ≥ right, got \(left)-\(right)")
        self.left = left
        self.right = right
        self.operation = operation
    }

    /// The exact result.
    public var answer: Int { operation.apply(left, right) }

    /// The only answer text judged correct: the result in decimal, no sign, spaces or leading zeros.
    public var answerText: String { String(answer) }

    /// The prompt the environment shows, e.g. `37+45=`.
    public var prompt: String { "\(left)\(operation.symbol)\(right)=" }

    /// The problem with the order of its operands forgotten: `37+45` and `45+37` are both
    /// `37+45`; subtraction keeps its order (`52-17`). The held-out rule hashes this text, so a
    /// problem and its commuted twin always fall on the same side of the split.
    public var canonicalForm: String {
        let (first, second) = operation.isCommutative ? (min(left, right), max(left, right)) : (left, right)
        return "\(first)\(operation.symbol)\(second)"
    }

    /// The number of carries (addition, multiplication) or borrows (subtraction) that column
    /// arithmetic needs; see ``ColumnArithmetic``.
    public var carryCount: Int { ColumnArithmetic.carryCount(self) }

    /// The prompt and its answer, `37+45=82`.
    public var description: String { prompt + answerText }
}
