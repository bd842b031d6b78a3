import Testing
@testable import ToolUse

@Suite struct CalculatorTests {
    @Test(arguments: [
        ("2 + 3 * 4", 14.0), ("(2 + 3) * 4", 20), ("10 / 4", 2.5), ("7 - 2 - 1", 4), ("2 * -3", -6),
        ("-(1.5 + .5)", -2), ("8 / 2 / 2", 2), ("3 × 4 ÷ 6 − 1", 1), ("  42  ", 42), ("0.1 + 0.2", 0.30000000000000004),
    ])
    func evaluatesWithPrecedence(expression: String, expected: Double) throws {
        #expect(try Calculator.evaluate(expression) == expected)
    }

    @Test(arguments: [
        ("", CalculatorError.emptyExpression), ("2 +", .unexpectedEnd), ("2 $ 3", .trailingInput("$ 3", position: 3)),
        ("a + 1", .unexpectedCharacter("a", position: 1)), ("(1 + 2", .missingClosingParenthesis(position: 1)),
        ("1 / (2 - 2)", .divisionByZero), ("1.2.3", .invalidNumber("1.2.3", position: 1)), ("* 3", .expectedOperand(found: "*", position: 1)),
        ("1 2", .trailingInput("2", position: 3)), (String(repeating: "(", count: 100) + "1", .tooDeeplyNested),
    ])
    func reportsErrors(expression: String, expected: CalculatorError) {
        #expect(throws: expected) { try Calculator.evaluate(expression) }
    }

    @Test func toolOutputIsFormattedOrAnError() {
        #expect(Calculator.run("709037 / 1000") == "709.037")
        #expect(Calculator.run("1 / 3") == "0.333333")
        #expect(Calculator.run("1 / 0") == "error: division by zero")
        #expect(Calculator.run("2 +") == "error: unexpected end of expression: a number or '(' is missing")
    }

    @Test func formatsNumbersByTheDocumentedRule() {
        #expect(formatNumber(2) == "2")
        #expect(formatNumber(-2.5) == "-2.5")
        #expect(formatNumber(0.1 + 0.2) == "0.3")
        #expect(formatNumber(-0.0000001) == "0")
        #expect(formatNumber(14_094_034) == "14094034")
        #expect(formatNumber(2.0 / 3.0) == "0.666667")
    }

    @Test func readsTheFirstNumberOfAnAnswer() {
        #expect(firstNumber(in: "about 1,234.5 metres") == 1234.5)
        #expect(firstNumber(in: "-3") == -3)
        #expect(firstNumber(in: "answer: .25") == 0.25)
        #expect(firstNumber(in: "Oslo") == nil)
    }
}
