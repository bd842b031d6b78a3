import Foundation

/// A character-level tokenizer: the ``SpecialToken``s take ids 0–5, then one id per character of
/// the vocabulary, in the vocabulary's order.
///
/// It is `Codable` and saved as `tokenizer.json` next to a ``TokenPolicy``'s weights, so a model
/// always travels with the ids it was trained on. Characters are Swift `Character`s (extended
/// grapheme clusters), so `"−"` (U+2212) and `"×"` are single tokens.
public struct Tokenizer: Codable, Sendable, Equatable {
    /// The characters with ids `SpecialToken.allCases.count ..< vocabularySize`, in order.
    public let characters: [Character]
    /// What ``encode(_:)`` does with a character outside ``characters``.
    public let unknownCharacterPolicy: UnknownCharacterPolicy
    private let ids: [Character: Int]

    /// Digits, `+ - − × * / = ( ) . , ?`, space and the ASCII letters: enough for arithmetic
    /// prompts and short answers.
    public static let arithmeticCharacters = Array("0123456789+-−×*/=().,? ")
        + Array("abcdefghijklmnopqrstuvwxyz") + Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")

    /// A tokenizer over `characters` in the given order (repeats are dropped, the first kept).
    public init(characters: some Sequence<Character>, unknownCharacterPolicy: UnknownCharacterPolicy = .error) {
        var ordered: [Character] = []
        var ids: [Character: Int] = [:]
        for character in characters where ids[character] == nil {
            ids[character] = SpecialToken.allCases.count + ordered.count
            ordered.append(character)
        }
        self.characters = ordered
        self.ids = ids
        self.unknownCharacterPolicy = unknownCharacterPolicy
    }

    /// A tokenizer over every character that occurs in `corpus`, sorted by Unicode scalar values,
    /// so the same corpus gives the same ids whatever the order of its texts.
    public init(corpus: some Sequence<String>, unknownCharacterPolicy: UnknownCharacterPolicy = .error) {
        var seen = Set<Character>()
        for text in corpus { seen.formUnion(text) }
        let sorted = seen.sorted { $0.unicodeScalars.map(\.value).lexicographicallyPrecedes($1.unicodeScalars.map(\.value)) }
        self.init(characters: sorted, unknownCharacterPolicy: unknownCharacterPolicy)
    }

    /// The number of ids: special tokens plus characters.
    public var vocabularySize: Int { SpecialToken.allCases.count + characters.count }

    /// The id of `character`, or nil when it is outside the vocabulary.
    public func id(of character: Character) -> Int? { ids[character] }

    /// The ids of `text`, one per character, with no special tokens added.
    /// - Throws: ``TokenizerError/unknownCharacter(_:position:text:)`` for the first character
    ///   outside the vocabulary, unless the policy is ``UnknownCharacterPolicy/replace``.
    public func encode(_ text: String) throws(TokenizerError) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(text.count)
        for (position, character) in text.enumerated() {
            if let id = ids[character] {
                result.append(id)
            } else if unknownCharacterPolicy == .replace {
                result.append(SpecialToken.unknown.id)
            } else {
                throw .unknownCharacter(character, position: position, text: text)
            }
        }
        return result
    }

    /// The text of `ids`. Special tokens are dropped, or written as their markers (`<eos>`) when
    /// `includingSpecialTokens` is true.
    /// - Precondition: every id is in `0..<vocabularySize`.
    public func decode(_ ids: some Sequence<Int>, includingSpecialTokens: Bool = false) -> String {
        let specialCount = SpecialToken.allCases.count
        var text = ""
        for id in ids {
            precondition(id >= 0 && id < vocabularySize, "Tokenizer.decode: id \(id) outside 0..<\(vocabularySize)")
            if id >= specialCount {
                text.append(characters[id - specialCount])
            } else if includingSpecialTokens {
                text += SpecialToken.allCases[id].rawValue
            }
        }
        return text
    }

    /// A prompt in chat form: `<bos> <user> text <assistant>`; the completion follows it.
    public func promptTokens(_ prompt: String) throws(TokenizerError) -> [Int] {
        [SpecialToken.beginningOfSequence.id, SpecialToken.user.id] + (try encode(prompt)) + [SpecialToken.assistant.id]
    }

    /// A completion: `text <eos>`.
    public func completionTokens(_ completion: String) throws(TokenizerError) -> [Int] {
        (try encode(completion)) + [SpecialToken.endOfSequence.id]
    }

    /// A (prompt, completion) example in chat form, ready for a ``TokenBatch``.
    public func encode(prompt: String, completion: String) throws(TokenizerError) -> PromptCompletion {
        PromptCompletion(prompt: try promptTokens(prompt), completion: try completionTokens(completion))
    }

    private enum CodingKeys: String, CodingKey {
        case specialTokens = "special_tokens", characters, unknownCharacterPolicy = "unknown_character_policy"
    }

    /// Restores a tokenizer saved by ``encode(to:)``.
    /// - Throws: `DecodingError` for a missing field; ``TokenizerError/invalidVocabulary(_:)`` when
    ///   the special tokens differ from this version's or a character entry is malformed.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let specials = try container.decode([String].self, forKey: .specialTokens)
        guard specials == SpecialToken.allCases.map(\.rawValue) else {
            throw TokenizerError.invalidVocabulary("special tokens \(specials) differ from \(SpecialToken.allCases.map(\.rawValue))")
        }
        let entries = try container.decode([String].self, forKey: .characters)
        var characters: [Character] = []
        for (index, entry) in entries.enumerated() {
            guard entry.count == 1, let character = entry.first else {
                throw TokenizerError.invalidVocabulary("entry \(index) \"\(entry)\" is not exactly one character")
            }
            characters.append(character)
        }
        guard Set(characters).count == characters.count else {
            throw TokenizerError.invalidVocabulary("duplicate characters")
        }
        self.init(characters: characters,
                  unknownCharacterPolicy: try container.decode(UnknownCharacterPolicy.self, forKey: .unknownCharacterPolicy))
    }

    /// Saves the special-token markers (for readers), the characters in id order and the policy.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(SpecialToken.allCases.map(\.rawValue), forKey: .specialTokens)
        try container.encode(characters.map(String.init), forKey: .characters)
        try container.encode(unknownCharacterPolicy, forKey: .unknownCharacterPolicy)
    }

    /// Equal when the vocabularies and policies are.
    public static func == (a: Tokenizer, b: Tokenizer) -> Bool {
        a.characters == b.characters && a.unknownCharacterPolicy == b.unknownCharacterPolicy
    }
}
