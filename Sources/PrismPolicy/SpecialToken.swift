/// The reserved tokens of every ``Tokenizer``, with fixed ids `0..<allCases.count` in declaration
/// order: `<pad>` 0, `<bos>` 1, `<eos>` 2, `<user>` 3, `<assistant>` 4, `<unk>` 5. Characters
/// follow from id 6.
public enum SpecialToken: String, Codable, Sendable, CaseIterable {
    /// Fills the tail of shorter sequences in a right-padded batch; never scored.
    case padding = "<pad>"
    /// Starts every sequence.
    case beginningOfSequence = "<bos>"
    /// Ends a completion; it is a real generated token and counts in completion log-probs.
    case endOfSequence = "<eos>"
    /// Marks the start of the user's turn (the prompt text).
    case user = "<user>"
    /// Marks the start of the assistant's turn (the completion follows it).
    case assistant = "<assistant>"
    /// Stands for a character outside the vocabulary under ``UnknownCharacterPolicy/replace``.
    case unknown = "<unk>"

    /// The token's id, the same in every tokenizer.
    public var id: Int { Self.allCases.firstIndex(of: self)! }
}
