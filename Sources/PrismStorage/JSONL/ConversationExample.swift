import Foundation
import PrismJSON

/// A conversational dataset line in TRL's form, `{"messages": [{"role": …, "content": …}, …]}`,
/// as written by the data builders (multi-turn Arithmetic). Reading it for training goes through
/// ``SFTExample/examples(jsonl:)``.
public struct ConversationExample: Hashable, Sendable {
    /// The messages in order.
    public var messages: [ChatMessage]

    /// A conversation.
    public init(messages: [ChatMessage]) { self.messages = messages }

    /// The line: `{"messages": [{"role": "user", "content": "37+45="}, …]}`.
    public var jsonLine: String {
        let items = messages.map { "{\"role\": \(JSONText.quoted($0.role)), \"content\": \(JSONText.quoted($0.content))}" }
        return "{\"messages\": [" + items.joined(separator: ", ") + "]}"
    }

    /// Writes `conversations` to `url`, one line each (see ``JSONLFile/write(lines:to:overwrite:)``).
    public static func write(_ conversations: [ConversationExample], to url: URL, overwrite: Bool = false) throws(JSONLError) {
        try JSONLFile.write(lines: conversations.map(\.jsonLine), to: url, overwrite: overwrite)
    }
}
