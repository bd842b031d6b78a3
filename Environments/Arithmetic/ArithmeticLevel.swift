/// Whether a level's problems must, must not, or may need a carry (or borrow).
public enum CarryRequirement: String, CaseIterable, Hashable, Sendable, Codable {
    /// Any problem.
    case any
    /// Only problems that need at least one carry or borrow.
    case required
    /// Only problems that need no carry or borrow.
    case forbidden

    /// Whether a problem needing `carries` carries is allowed.
    public func allows(carries: Int) -> Bool {
        switch self {
        case .any: true
        case .required: carries > 0
        case .forbidden: carries == 0
        }
    }
}

/// One difficulty level: an operation, the number of digits of each operand and a carry
/// requirement. A `d`-digit operand lies in `10^(d-1) ... 10^d - 1`, except that one digit means
/// `0 ... 9`.
public struct ArithmeticLevel: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The level's name (`Add2`, `Sub2Borrow`), used in ids and on the command line.
    public var name: String
    /// The operation.
    public var operation: ArithmeticOperation
    /// Digits of the left operand.
    public var leftDigits: Int
    /// Digits of the right operand.
    public var rightDigits: Int
    /// Whether carries are required, forbidden or either.
    public var carry: CarryRequirement

    /// A level.
    /// - Precondition: `1 ≤ rightDigits ≤ leftDigits ≤ 9`.
    public init(name: String, operation: ArithmeticOperation, leftDigits: Int, rightDigits: Int, carry: CarryRequirement = .any) {
        precondition((1...9).contains(leftDigits) && (1...leftDigits).contains(rightDigits),
                     "ArithmeticLevel \(name): digits must satisfy 1 ≤ right ≤ left ≤ 9, got \(leftDigits) and \(rightDigits)")
        self.name = name
        self.operation = operation
        self.leftDigits = leftDigits
        self.rightDigits = rightDigits
        self.carry = carry
    }

    /// The operands a level with `digits` digits draws from.
    public static func operandRange(digits: Int) -> ClosedRange<Int> {
        let upper = (0..<digits).reduce(1) { result, _ in result * 10 } - 1
        return digits == 1 ? 0...9 : (upper + 1) / 10...upper
    }

    /// Whether `problem` belongs to this level (operation, operand digits and carry requirement),
    /// with its operands in either order for commutative operations.
    public func contains(_ problem: ArithmeticProblem) -> Bool {
        let leftRange = Self.operandRange(digits: leftDigits), rightRange = Self.operandRange(digits: rightDigits)
        let fits = (leftRange.contains(problem.left) && rightRange.contains(problem.right))
            || (operation.isCommutative && leftRange.contains(problem.right) && rightRange.contains(problem.left))
        return problem.operation == operation && fits && carry.allows(carries: problem.carryCount)
    }

    /// `Add2: 2-digit + 2-digit, carries any`.
    public var description: String {
        "\(name): \(leftDigits)-digit \(operation.symbol) \(rightDigits)-digit, carries \(carry.rawValue)"
    }
}

extension ArithmeticLevel {
    /// One-digit addition (`7+5=`).
    public static let add1 = ArithmeticLevel(name: "Add1", operation: .addition, leftDigits: 1, rightDigits: 1)
    /// Two-digit addition (`37+45=`).
    public static let add2 = ArithmeticLevel(name: "Add2", operation: .addition, leftDigits: 2, rightDigits: 2)
    /// Two-digit addition without any carry (`32+45=`).
    public static let add2NoCarry = ArithmeticLevel(name: "Add2NoCarry", operation: .addition, leftDigits: 2, rightDigits: 2, carry: .forbidden)
    /// Two-digit addition with at least one carry (`37+45=`).
    public static let add2Carry = ArithmeticLevel(name: "Add2Carry", operation: .addition, leftDigits: 2, rightDigits: 2, carry: .required)
    /// Three-digit addition (`372+459=`).
    public static let add3 = ArithmeticLevel(name: "Add3", operation: .addition, leftDigits: 3, rightDigits: 3)
    /// Two-digit subtraction with a non-negative result (`52-17=`).
    public static let sub2 = ArithmeticLevel(name: "Sub2", operation: .subtraction, leftDigits: 2, rightDigits: 2)
    /// Two-digit subtraction with at least one borrow (`52-17=`).
    public static let sub2Borrow = ArithmeticLevel(name: "Sub2Borrow", operation: .subtraction, leftDigits: 2, rightDigits: 2, carry: .required)
    /// One-digit multiplication (`7*8=`).
    public static let mul1 = ArithmeticLevel(name: "Mul1", operation: .multiplication, leftDigits: 1, rightDigits: 1)
    /// Two-digit times one-digit multiplication (`47*6=`).
    public static let mul2x1 = ArithmeticLevel(name: "Mul2x1", operation: .multiplication, leftDigits: 2, rightDigits: 1)

    /// Every named level, in the order of the registered ids.
    public static let all: [ArithmeticLevel] = [.add1, .add2, .add2NoCarry, .add2Carry, .add3, .sub2, .sub2Borrow, .mul1, .mul2x1]

    /// The levels `Arithmetic/Mixed-v0` and `prism-data generate arithmetic` draw from by default.
    public static let mixed: [ArithmeticLevel] = [.add2, .sub2, .mul2x1]

    /// The level called `name` (case-insensitive), or nil.
    public static func named(_ name: String) -> ArithmeticLevel? {
        all.first { $0.name.lowercased() == name.lowercased() }
    }
}
