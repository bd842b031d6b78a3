/// One message of a conversational dataset line (`{"role": "user", "content": "..."}`).
public struct ChatMessage: Hashable, Sendable {
    /// The roles a message may have.
    public static let roles: [String] = ["system", "user", "assistant", "tool"]

    /// `system`, `user`, `assistant` or `tool`.
    public var role: String
    /// The message text.
    public var content: String

    /// A message.
    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }

    /// The messages of the array member `key` of `object`.
    /// - Throws: ``JSONLError`` naming the field (`chosen`, `chosen[1].role`) when the member is
    ///   absent or not an array, an element is not an object, or a role or content is missing,
    ///   not a string, or the role is unknown.
    public static func messages(_ key: String, in object: JSONLObject) throws(JSONLError) -> [ChatMessage] {
        let value = try object.value(key)
        guard let elements = value.array else { throw object.error(key, "expected a list of messages, got \(value.kindName)") }
        var messages: [ChatMessage] = []
        for (index, element) in elements.enumerated() {
            let path = "\(key)[\(index)]"
            guard case .object(let members) = element else {
                throw object.error(path, "expected a message object with role and content, got \(element.kindName)")
            }
            let message = JSONLObject(members: members, file: object.file, line: object.line)
            let role: String, content: String
            do {
                role = try message.string("role")
                content = try message.string("content")
            } catch {
                throw object.error("\(path).\(error.field ?? "")", error.reason)
            }
            guard roles.contains(role) else {
                throw object.error("\(path).role", "unknown role '\(role)' (expected \(roles.joined(separator: ", ")))")
            }
            messages.append(ChatMessage(role: role, content: content))
        }
        return messages
    }
}

/// How conversational lines become plain text: each message is written as a role marker line
/// `<|role|>`, its content and a newline, and messages are concatenated:
///
/// ```
/// [{"role": "user", "content": "37+45="}, {"role": "assistant", "content": "82"}]
/// → "<|user|>\n37+45=\n<|assistant|>\n82\n"
/// ```
///
/// A prompt and its completion are rendered separately, so prompt + completion is always the
/// rendering of the whole conversation.
public enum ChatTemplate {
    /// The role marker of `role`, `<|role|>`.
    public static func marker(_ role: String) -> String { "<|\(role)|>" }

    /// The messages as text.
    public static func render(_ messages: [ChatMessage]) -> String {
        messages.map { "\(marker($0.role))\n\($0.content)\n" }.joined()
    }
}
