/// One preference example for DPO-style training: a prompt, the preferred and the rejected
/// completion, as plain text.
///
/// Read from a JSONL line in any of TRL's preference forms:
/// - standard: `{"prompt": str, "chosen": str, "rejected": str}`;
/// - conversational: `{"prompt": [messages], "chosen": [messages], "rejected": [messages]}`, each
///   list flattened with ``ChatTemplate``;
/// - implicit prompt: only `chosen` and `rejected` (strings or message lists); their shared prefix
///   becomes the prompt (see TRL's `extract_prompt`), so the example is normalised to the
///   standard form.
///
/// Other members of the line are ignored. A line is refused, naming its field, when a field is
/// missing or of the wrong type, `chosen` or `rejected` is empty (or only white space), they are
/// identical, or an implicit prompt would be empty. Written back in the standard form.
public struct PreferenceExample: Hashable, Sendable, JSONLRecord {
    /// The prompt both completions answer (may be empty in the standard form).
    public var prompt: String
    /// The preferred completion.
    public var chosen: String
    /// The rejected completion.
    public var rejected: String

    /// An example.
    public init(prompt: String, chosen: String, rejected: String) {
        self.prompt = prompt
        self.chosen = chosen
        self.rejected = rejected
    }

    /// The example a parsed line holds, in whichever form it is written.
    /// - Throws: ``JSONLError`` naming the file, line and field.
    public init(jsonl object: JSONLObject) throws(JSONLError) {
        let chosenValue = try object.value("chosen")
        switch chosenValue {
        case .string: self = try Self.standard(object)
        case .array: self = try Self.conversational(object)
        default: throw object.error("chosen", "expected a string or a list of messages, got \(chosenValue.kindName)")
        }
    }

    /// `prompt`, `chosen`, `rejected`.
    public var jsonlFields: [(key: String, value: String)] {
        [("prompt", prompt), ("chosen", chosen), ("rejected", rejected)]
    }

    private static func standard(_ object: JSONLObject) throws(JSONLError) -> PreferenceExample {
        let chosen = try object.nonEmptyString("chosen")
        let rejected: String
        do {
            rejected = try object.nonEmptyString("rejected")
        } catch where error.reason.hasPrefix("expected") {
            throw object.error("rejected", error.reason + " (like 'chosen')")
        }
        guard chosen != rejected else { throw object.error("rejected", "identical to 'chosen'") }
        if object.has("prompt") {
            return PreferenceExample(prompt: try object.string("prompt"), chosen: chosen, rejected: rejected)
        }
        let split = ImplicitPrompt.split(chosen, rejected)
        try checkImplicit(object, prompt: split.prompt.isEmpty, chosen: split.chosen.isBlank, rejected: split.rejected.isBlank)
        return PreferenceExample(prompt: split.prompt, chosen: split.chosen, rejected: split.rejected)
    }

    private static func conversational(_ object: JSONLObject) throws(JSONLError) -> PreferenceExample {
        var chosen = try ChatMessage.messages("chosen", in: object)
        var rejected = try ChatMessage.messages("rejected", in: object)
        for (key, messages) in [("chosen", chosen), ("rejected", rejected)] where messages.allSatisfy({ $0.content.isBlank }) {
            throw object.error(key, "must not be empty (no message has content)")
        }
        guard chosen != rejected else { throw object.error("rejected", "identical to 'chosen'") }
        var prompt: [ChatMessage]
        if object.has("prompt") {
            prompt = try ChatMessage.messages("prompt", in: object)
        } else {
            (prompt, chosen, rejected) = ImplicitPrompt.split(chosen, rejected)
            try checkImplicit(object, prompt: prompt.isEmpty, chosen: chosen.allSatisfy { $0.content.isBlank },
                              rejected: rejected.allSatisfy { $0.content.isBlank })
        }
        return PreferenceExample(prompt: ChatTemplate.render(prompt), chosen: ChatTemplate.render(chosen),
                                 rejected: ChatTemplate.render(rejected))
    }

    /// Refuses an implicit-prompt split with an empty prompt or an empty completion.
    private static func checkImplicit(_ object: JSONLObject, prompt: Bool, chosen: Bool, rejected: Bool) throws(JSONLError) {
        if prompt { throw object.error("prompt", "missing field, and 'chosen' and 'rejected' share no prefix to take as the prompt") }
        if chosen { throw object.error("chosen", "empty once the prompt shared with 'rejected' is removed") }
        if rejected { throw object.error("rejected", "empty once the prompt shared with 'chosen' is removed") }
    }
}
