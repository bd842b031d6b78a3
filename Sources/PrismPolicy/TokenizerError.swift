/// Why text could not be tokenized or a tokenizer could not be restored.
public enum TokenizerError: Error, Equatable, CustomStringConvertible {
    /// `character` is not in the vocabulary; `position` counts characters from 0 in `text`.
    case unknownCharacter(Character, position: Int, text: String)
    /// A saved vocabulary is malformed (an entry that is not one character, or a duplicate).
    case invalidVocabulary(String)

    /// A message naming the character, its Unicode scalars and its position.
    public var description: String {
        switch self {
        case .unknownCharacter(let character, let position, let text):
            let scalars = character.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }
            return "unknown character '\(character)' (\(scalars.joined(separator: " "))) at position \(position) of \"\(text)\""
        case .invalidVocabulary(let reason):
            return "invalid tokenizer vocabulary: \(reason)"
        }
    }
}

/// What ``Tokenizer/encode(_:)`` does with a character outside the vocabulary.
public enum UnknownCharacterPolicy: String, Codable, Sendable {
    /// Throw ``TokenizerError/unknownCharacter(_:position:text:)`` (the default: silent
    /// replacement would hide data errors).
    case error
    /// Encode it as ``SpecialToken/unknown``.
    case replace
}
