/// One supervised fine-tuning example: a prompt and the completion the model learns to produce.
///
/// Read from a JSONL line in any of TRL's SFT forms:
/// - prompt/completion: `{"prompt": str, "completion": str}` (the prompt may be empty);
/// - conversational: `{"messages": [messages]}`; the last message must be the assistant's and is
///   the completion, the ones before it the prompt, both flattened with ``ChatTemplate``
///   (``examples(jsonl:)`` gives one example per assistant message);
/// - language modelling: `{"text": str}`, an empty prompt and the text as completion.
///
/// Other members are ignored; when a line has several forms, `messages` wins over
/// `prompt`/`completion`, which wins over `text`. A line is refused, naming its field, when a
/// field is missing or of the wrong type or the completion is empty (or only white space).
/// Written back in the prompt/completion form.
public struct SFTExample: Hashable, Sendable, JSONLRecord {
    /// The prompt (empty for the `text` form).
    public var prompt: String
    /// The completion to learn.
    public var completion: String

    /// An example.
    public init(prompt: String, completion: String) {
        self.prompt = prompt
        self.completion = completion
    }

    /// The example a parsed line holds, in whichever form it is written.
    /// - Throws: ``JSONLError`` naming the file, line and field.
    public init(jsonl object: JSONLObject) throws(JSONLError) {
        if object.has("messages") {
            let messages = try ChatMessage.messages("messages", in: object)
            guard let last = messages.last else { throw object.error("messages", "must not be empty") }
            let index = messages.count - 1
            guard last.role == "assistant" else {
                throw object.error("messages[\(index)].role", "the last message must be the assistant's, got '\(last.role)'")
            }
            guard !last.content.isBlank else { throw object.error("messages[\(index)].content", "must not be empty") }
            self.init(prompt: ChatTemplate.render(Array(messages.dropLast())), completion: ChatTemplate.render([last]))
        } else if object.has("completion") || object.has("prompt") {
            let completion = try object.nonEmptyString("completion")
            self.init(prompt: try object.string("prompt"), completion: completion)
        } else if object.has("text") {
            self.init(prompt: "", completion: try object.nonEmptyString("text"))
        } else {
            throw object.error("completion", "missing field (an SFT line needs prompt and completion, messages, or text)")
        }
    }

    /// Every example of a line: for a `messages` line, one per assistant message, its content the
    /// completion and the messages before it the prompt (TRL's assistant-only loss: each assistant
    /// turn is learned in its context); for the other forms, the one example of ``init(jsonl:)``.
    /// - Throws: ``JSONLError`` as ``init(jsonl:)``, and for an empty assistant message.
    public static func examples(jsonl object: JSONLObject) throws(JSONLError) -> [SFTExample] {
        guard object.has("messages") else { return [try SFTExample(jsonl: object)] }
        let last = try SFTExample(jsonl: object)
        let messages = try ChatMessage.messages("messages", in: object)
        var examples: [SFTExample] = []
        for (index, message) in messages.enumerated().dropLast() where message.role == "assistant" {
            guard !message.content.isBlank else { throw object.error("messages[\(index)].content", "must not be empty") }
            examples.append(SFTExample(prompt: ChatTemplate.render(Array(messages[..<index])), completion: ChatTemplate.render([message])))
        }
        return examples + [last]
    }

    /// `prompt`, `completion`.
    public var jsonlFields: [(key: String, value: String)] { [("prompt", prompt), ("completion", completion)] }
}
