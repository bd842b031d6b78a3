import PrismJSON
import Testing

/// `JSONValue`: JSON's grammar with Python's non-finite tokens, integers kept apart, errors
/// located by line and column, and canonical text that parses back to the same value.
@Suite struct JSONValueTests {
    @Test func numbersFollowJSONsGrammarAndIntegralOnesAreIntegers() throws {
        #expect(try JSONValue.parse("4") == .integer(4))
        #expect(try JSONValue.parse("4.0") == .integer(4))
        #expect(try JSONValue.parse("-1e3") == .integer(-1000))
        #expect(try JSONValue.parse("0.25") == .number(0.25))
        #expect(try JSONValue.parse("-0.0") == .number(-0.0))
        #expect(try JSONValue.parse("[Infinity, -Infinity]") == .array([.number(.infinity), .number(-.infinity)]))
        #expect(try JSONValue.parse("NaN").number?.isNaN == true)
        for text in ["01", "+1", ".5", "1.", "1e", "1e+", "-", "--1"] {
            #expect(throws: JSONParseError.self, "\(text)") { try JSONValue.parse(text) }
        }
    }

    @Test func stringsDecodeEscapesAndRefuseUnknownOnes() throws {
        #expect(try JSONValue.parse(#""a\"b\\c\/d\n\u00e9\ud83d\ude00""#) == .string("a\"b\\c/d\né😀"))
        let error = try #require(throws: JSONParseError.self) { try JSONValue.parse(#"{"a": "x\q"}"#) }
        #expect(error.description == "line 1, column 9: invalid escape '\\q'")
    }

    @Test func errorsNameTheLineAndColumn() throws {
        let error = try #require(throws: JSONParseError.self) { try JSONValue.parse("{\n  \"a\": 1,\n  \"b\" 2\n}") }
        #expect(error.line == 3 && error.column == 7 && error.offset == 18)
        #expect(error.description == "line 3, column 7: expected ':'")
    }

    @Test func canonicalTextParsesBackToTheSameValue() throws {
        let value = JSONValue.object(["b": .array([.integer(1), .number(0.5), .null, .bool(true)]), "a": .string("q\"t")])
        #expect(value.canonicalJSON(indent: nil) == #"{"a": "q\"t", "b": [1, 0.5, null, true]}"#)
        #expect(try JSONValue.parse(value.canonicalJSON()) == value)
    }
}
