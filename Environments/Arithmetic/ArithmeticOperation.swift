/// The operations of the arithmetic task, written in prompts with ASCII symbols so that every
/// character a byte- or character-level tokenizer sees is plain ASCII.
public enum ArithmeticOperation: String, CaseIterable, Hashable, Sendable, Codable {
    /// Addition, written `+`.
    case addition
    /// Subtraction, written `-`; problems keep the left operand at least as large as the right,
    /// so every answer is a non-negative integer.
    case subtraction
    /// Multiplication, written `*`.
    case multiplication

    /// The symbol between the operands in a prompt.
    public var symbol: Character {
        switch self {
        case .addition: "+"
        case .subtraction: "-"
        case .multiplication: "*"
        }
    }

    /// Whether the operands can be exchanged without changing the problem (addition and
    /// multiplication); the canonical form sorts such operands.
    public var isCommutative: Bool { self != .subtraction }

    /// The exact result of `left ∘ right`.
    public func apply(_ left: Int, _ right: Int) -> Int {
        switch self {
        case .addition: left + right
        case .subtraction: left - right
        case .multiplication: left * right
        }
    }
}
