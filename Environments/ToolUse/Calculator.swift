/// Why an arithmetic expression could not be evaluated; the message names the position (1-based
/// character index) and the offending text.
public enum CalculatorError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The expression holds no characters other than spaces.
    case emptyExpression
    /// A character that is neither a digit, `.`, an operator, a parenthesis nor a space.
    case unexpectedCharacter(Character, position: Int)
    /// The expression stopped where a number or `(` was needed.
    case unexpectedEnd
    /// A token appeared where a number or `(` was needed.
    case expectedOperand(found: String, position: Int)
    /// An opening parenthesis was never closed.
    case missingClosingParenthesis(position: Int)
    /// Text was left over after a complete expression.
    case trailingInput(String, position: Int)
    /// A malformed number such as `1.2.3` or `.`.
    case invalidNumber(String, position: Int)
    /// A division whose divisor evaluated to zero.
    case divisionByZero
    /// The result (or an intermediate value) overflowed to infinity.
    case notFinite
    /// Parentheses nested deeper than ``Calculator/maximumDepth``.
    case tooDeeplyNested

    /// A one-line message for the error observation.
    public var description: String {
        switch self {
        case .emptyExpression: "empty expression"
        case let .unexpectedCharacter(character, position): "unexpected character '\(character)' at position \(position)"
        case .unexpectedEnd: "unexpected end of expression: a number or '(' is missing"
        case let .expectedOperand(found, position): "expected a number or '(' at position \(position), found '\(found)'"
        case let .missingClosingParenthesis(position): "the '(' at position \(position) is never closed"
        case let .trailingInput(text, position): "unexpected '\(text)' at position \(position) after a complete expression"
        case let .invalidNumber(text, position): "invalid number '\(text)' at position \(position)"
        case .divisionByZero: "division by zero"
        case .notFinite: "the result is too large"
        case .tooDeeplyNested: "parentheses are nested more than \(Calculator.maximumDepth) deep"
        }
    }
}

/// A safe calculator: a recursive-descent parser over decimal numbers, `+ - * /` (also `× ÷ −`),
/// unary signs and parentheses, evaluated in `Double`. Nothing is executed but arithmetic.
///
/// Grammar (usual precedence, left-associative):
/// ```
/// expression := term (("+" | "-") term)*
/// term       := factor (("*" | "/") factor)*
/// factor     := ("+" | "-") factor | number | "(" expression ")"
/// number     := digits ["." digits] | "." digits
/// ```
/// Results are written with ``formatNumber(_:)``.
public enum Calculator {
    /// The deepest parenthesis nesting accepted (bounds the recursion).
    public static let maximumDepth = 64

    /// The value of `expression`.
    /// - Throws: ``CalculatorError`` naming the problem and its position.
    public static func evaluate(_ expression: String) throws(CalculatorError) -> Double {
        var parser = Parser(characters: Array(expression))
        parser.skipSpaces()
        guard !parser.isAtEnd else { throw .emptyExpression }
        let value = try parser.parseExpression(depth: 0)
        parser.skipSpaces()
        if !parser.isAtEnd {
            throw .trailingInput(String(parser.characters[parser.index...].prefix(12)), position: parser.index + 1)
        }
        guard value.isFinite else { throw .notFinite }
        return value
    }

    /// The calculator tool's answer: the formatted value, or `error: <message>`.
    public static func run(_ expression: String) -> String {
        do {
            return formatNumber(try evaluate(expression))
        } catch {
            return "error: \(error)"
        }
    }
}

/// The cursor of ``Calculator``'s recursive descent.
private struct Parser {
    let characters: [Character]
    var index = 0

    var isAtEnd: Bool { index >= characters.count }

    mutating func skipSpaces() {
        while index < characters.count && characters[index].isWhitespace { index += 1 }
    }

    /// The next non-space character, normalised to ASCII operators.
    mutating func peekOperator() -> Character? {
        skipSpaces()
        guard !isAtEnd else { return nil }
        switch characters[index] {
        case "×": return "*"
        case "÷": return "/"
        case "−": return "-"
        default: return characters[index]
        }
    }

    mutating func parseExpression(depth: Int) throws(CalculatorError) -> Double {
        var value = try parseTerm(depth: depth)
        while let symbol = peekOperator(), symbol == "+" || symbol == "-" {
            index += 1
            let rhs = try parseTerm(depth: depth)
            value = symbol == "+" ? value + rhs : value - rhs
        }
        return value
    }

    mutating func parseTerm(depth: Int) throws(CalculatorError) -> Double {
        var value = try parseFactor(depth: depth)
        while let symbol = peekOperator(), symbol == "*" || symbol == "/" {
            index += 1
            let rhs = try parseFactor(depth: depth)
            if symbol == "/" {
                guard rhs != 0 else { throw .divisionByZero }
                value /= rhs
            } else {
                value *= rhs
            }
            guard value.isFinite else { throw .notFinite }
        }
        return value
    }

    mutating func parseFactor(depth: Int) throws(CalculatorError) -> Double {
        guard depth < Calculator.maximumDepth else { throw .tooDeeplyNested }
        guard let symbol = peekOperator() else { throw .unexpectedEnd }
        switch symbol {
        case "+":
            index += 1
            return try parseFactor(depth: depth + 1)
        case "-":
            index += 1
            return -(try parseFactor(depth: depth + 1))
        case "(":
            let open = index
            index += 1
            let value = try parseExpression(depth: depth + 1)
            guard peekOperator() == ")" else {
                if isAtEnd { throw .missingClosingParenthesis(position: open + 1) }
                throw .expectedOperand(found: String(characters[index]), position: index + 1)
            }
            index += 1
            return value
        case _ where symbol.isASCII && (symbol.isNumber || symbol == "."):
            return try parseNumber()
        case "*", "/", ")":
            throw .expectedOperand(found: String(characters[index]), position: index + 1)
        default:
            throw .unexpectedCharacter(characters[index], position: index + 1)
        }
    }

    mutating func parseNumber() throws(CalculatorError) -> Double {
        let start = index
        while index < characters.count, characters[index].isASCII,
              characters[index].isNumber || characters[index] == "." {
            index += 1
        }
        let text = String(characters[start..<index])
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.last?.isEmpty == false, let value = Double(text) else {
            throw .invalidNumber(text, position: start + 1)
        }
        return value
    }
}
