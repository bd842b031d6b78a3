import Foundation
import PrismPolicy
import Testing

/// `Tokenizer`: ids, round trips, chat framing, unknown characters and persistence.
@Suite struct TokenizerTests {
    let tokenizer = Tokenizer(characters: Tokenizer.arithmeticCharacters)

    @Test func specialTokensHaveFixedIdsAndCharactersFollow() {
        #expect(SpecialToken.allCases.map(\.id) == [0, 1, 2, 3, 4, 5])
        #expect(tokenizer.id(of: "0") == 6)
        #expect(tokenizer.id(of: "9") == 15)
        #expect(tokenizer.vocabularySize == 6 + Tokenizer.arithmeticCharacters.count)
    }

    @Test func encodeDecodeRoundTrips() throws {
        for text in ["37+45=82", "12 × 3 − 4 = 32", "What is 7*8?", ""] {
            let ids = try tokenizer.encode(text)
            #expect(ids.count == text.count)
            #expect(tokenizer.decode(ids) == text)
        }
    }

    @Test func chatFramingWrapsPromptAndEndsCompletionWithEOS() throws {
        let example = try tokenizer.encode(prompt: "1+2=", completion: "3")
        let one = tokenizer.id(of: "1")!, plus = tokenizer.id(of: "+")!, two = tokenizer.id(of: "2")!
        let equals = tokenizer.id(of: "=")!, three = tokenizer.id(of: "3")!
        #expect(example.prompt == [1, 3, one, plus, two, equals, 4])
        #expect(example.completion == [three, 2])
        #expect(tokenizer.decode(example.tokens) == "1+2=3")
        #expect(tokenizer.decode(example.tokens, includingSpecialTokens: true) == "<bos><user>1+2=<assistant>3<eos>")
    }

    @Test func unknownCharacterIsNamedWithItsPosition() {
        #expect(throws: TokenizerError.unknownCharacter("é", position: 3, text: "12+é")) { try tokenizer.encode("12+é") }
        let message = TokenizerError.unknownCharacter("é", position: 3, text: "12+é").description
        #expect(message.contains("'é'") && message.contains("U+E9") && message.contains("position 3"))
    }

    @Test func replacePolicyEncodesTheUnknownToken() throws {
        let lenient = Tokenizer(characters: "ab", unknownCharacterPolicy: .replace)
        #expect(try lenient.encode("a?b") == [6, SpecialToken.unknown.id, 7])
        #expect(lenient.decode([6, 5, 7], includingSpecialTokens: true) == "a<unk>b")
    }

    @Test func corpusVocabularyIsSortedAndOrderIndependent() {
        let a = Tokenizer(corpus: ["ba", "c a"])
        let b = Tokenizer(corpus: ["a c", "ab"])
        #expect(a == b)
        #expect(a.characters == [" ", "a", "b", "c"])
        #expect(Tokenizer(characters: "abca").characters == ["a", "b", "c"])
    }

    @Test func codableRoundTripKeepsVocabularyAndPolicy() throws {
        let original = Tokenizer(characters: "x×−1", unknownCharacterPolicy: .replace)
        let data = try JSONEncoder().encode(original)
        let restored = try JSONDecoder().decode(Tokenizer.self, from: data)
        #expect(restored == original)
        #expect(try restored.encode("1×x") == original.encode("1×x"))
    }

    @Test func malformedSavedVocabularyIsRejected() {
        let specials = "[\"<pad>\",\"<bos>\",\"<eos>\",\"<user>\",\"<assistant>\",\"<unk>\"]"
        let twoCharacters = "{\"special_tokens\":\(specials),\"characters\":[\"ab\"],\"unknown_character_policy\":\"error\"}"
        #expect(throws: TokenizerError.invalidVocabulary("entry 0 \"ab\" is not exactly one character")) {
            try JSONDecoder().decode(Tokenizer.self, from: Data(twoCharacters.utf8))
        }
        let duplicate = "{\"special_tokens\":\(specials),\"characters\":[\"a\",\"a\"],\"unknown_character_policy\":\"error\"}"
        #expect(throws: TokenizerError.self) { try JSONDecoder().decode(Tokenizer.self, from: Data(duplicate.utf8)) }
        let wrongSpecials = "{\"special_tokens\":[\"<pad>\"],\"characters\":[\"a\"],\"unknown_character_policy\":\"error\"}"
        #expect(throws: TokenizerError.self) { try JSONDecoder().decode(Tokenizer.self, from: Data(wrongSpecials.utf8)) }
    }
}
