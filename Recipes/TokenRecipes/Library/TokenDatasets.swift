import Foundation
import PrismPolicy
import PrismStorage

/// A tokenized preference pair: the chosen and the rejected completion of one prompt.
public struct TokenPair: Sendable, Equatable {
    /// Prompt plus chosen completion.
    public var chosen: PromptCompletion
    /// Prompt plus rejected completion.
    public var rejected: PromptCompletion

    /// A pair.
    public init(chosen: PromptCompletion, rejected: PromptCompletion) {
        self.chosen = chosen
        self.rejected = rejected
    }
}

/// Reads JSONL datasets in TRL's field names through PrismStorage's readers and tokenizes them;
/// every error names the file, the line and the field.
public enum TokenDatasets {
    /// The SFT examples of `path`, each with its line: one per line, except a `messages` line,
    /// which gives one per assistant message (``SFTExample/examples(jsonl:)``).
    /// - Throws: ``JSONLError`` naming file:line:field, or when the file holds no example.
    public static func sftExamples(_ path: String) throws -> [(example: SFTExample, line: Int)] {
        let objects = try JSONLFile.objects(at: URL(fileURLWithPath: path))
        guard !objects.isEmpty else { throw JSONLError(file: path, reason: "the dataset holds no example") }
        return try objects.flatMap { object in try SFTExample.examples(jsonl: object).map { ($0, object.line) } }
    }

    /// The preference examples of `path`, each with its line.
    /// - Throws: ``JSONLError`` naming file:line:field, or when the file holds no pair.
    public static func preferenceExamples(_ path: String) throws -> [(example: PreferenceExample, line: Int)] {
        let objects = try JSONLFile.objects(at: URL(fileURLWithPath: path))
        guard !objects.isEmpty else { throw JSONLError(file: path, reason: "the dataset holds no pair") }
        return try objects.map { (try PreferenceExample(jsonl: $0), $0.line) }
    }

    /// A tokenizer for training from scratch: ``Tokenizer/arithmeticCharacters`` first, then any
    /// other character of `texts` in Unicode order, so arithmetic data always gets the same ids.
    public static func tokenizer(covering texts: [String]) -> Tokenizer {
        let base = Set(Tokenizer.arithmeticCharacters)
        let extra = Tokenizer(corpus: texts).characters.filter { !base.contains($0) }
        return Tokenizer(characters: Tokenizer.arithmeticCharacters + extra)
    }

    /// `prompt` and `completion` in chat form, checked against the vocabulary and the context.
    /// - Throws: ``JSONLError`` at `file:line`, naming `field` (the prompt's or the completion's).
    public static func encode(prompt: String, completion: String, completionField: String, tokenizer: Tokenizer,
                              contextLength: Int, file: String, line: Int) throws -> PromptCompletion {
        let promptTokens: [Int], completionTokens: [Int]
        do { promptTokens = try tokenizer.promptTokens(prompt) } catch {
            throw JSONLError(file: file, line: line, field: "prompt", reason: "\(error)")
        }
        do { completionTokens = try tokenizer.completionTokens(completion) } catch {
            throw JSONLError(file: file, line: line, field: completionField, reason: "\(error)")
        }
        let length = promptTokens.count + completionTokens.count
        guard length - 1 <= contextLength else {
            throw JSONLError(file: file, line: line, field: completionField,
                             reason: "prompt and completion take \(length) tokens, more than model.context_length + 1 = \(contextLength + 1)")
        }
        return PromptCompletion(prompt: promptTokens, completion: completionTokens)
    }

    /// The tokenized SFT examples of `path`.
    public static func tokenizedSFT(_ examples: [(example: SFTExample, line: Int)], path: String, tokenizer: Tokenizer,
                                    contextLength: Int) throws -> [PromptCompletion] {
        try examples.map { item in
            try encode(prompt: item.example.prompt, completion: item.example.completion, completionField: "completion",
                       tokenizer: tokenizer, contextLength: contextLength, file: path, line: item.line)
        }
    }

    /// The tokenized preference pairs of `path`.
    public static func tokenizedPairs(_ examples: [(example: PreferenceExample, line: Int)], path: String, tokenizer: Tokenizer,
                                      contextLength: Int) throws -> [TokenPair] {
        try examples.map { item in
            TokenPair(
                chosen: try encode(prompt: item.example.prompt, completion: item.example.chosen, completionField: "chosen",
                                   tokenizer: tokenizer, contextLength: contextLength, file: path, line: item.line),
                rejected: try encode(prompt: item.example.prompt, completion: item.example.rejected, completionField: "rejected",
                                     tokenizer: tokenizer, contextLength: contextLength, file: path, line: item.line))
        }
    }
}
