/// The implicit-prompt form of a preference line (only `chosen` and `rejected`): their longest
/// shared prefix is the prompt, the rest the completions, as TRL's `extract_prompt` splits them.
enum ImplicitPrompt {
    /// Splits texts at their longest common prefix (in characters); a space ending the prefix
    /// stays with the completions (`"Sky is blue"`/`"Sky is red"` → `"Sky is"`, `" blue"`, `" red"`).
    static func split(_ chosen: String, _ rejected: String) -> (prompt: String, chosen: String, rejected: String) {
        let a = Array(chosen), b = Array(rejected)
        var shared = zip(a, b).prefix { $0 == $1 }.count
        if shared > 0 && a[shared - 1] == " " { shared -= 1 }
        return (String(a[..<shared]), String(a[shared...]), String(b[shared...]))
    }

    /// Splits message lists at their longest common prefix of whole messages.
    static func split(_ chosen: [ChatMessage], _ rejected: [ChatMessage]) -> (prompt: [ChatMessage], chosen: [ChatMessage], rejected: [ChatMessage]) {
        let shared = zip(chosen, rejected).prefix { $0 == $1 }.count
        return (Array(chosen[..<shared]), Array(chosen[shared...]), Array(rejected[shared...]))
    }
}
