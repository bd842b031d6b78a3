import Foundation

extension ConfigValue {
    /// Parses JSON text (a whole document) into a value.
    /// - Throws: the decoder's error when the text is not JSON.
    public static func parseJSON(_ text: String) throws -> ConfigValue {
        try JSONDecoder().decode(ConfigValue.self, from: Data(text.utf8))
    }

    /// The value of a `--set key=value` right-hand side: a JSON scalar (number, `true`, `false`,
    /// `null`), a JSON string in quotes, or a JSON list/object, when it parses as one; otherwise the
    /// text itself as a string (so `--set loss=robust` needs no quotes).
    public static func parseOverride(_ text: String) -> ConfigValue {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let first = trimmed.first, "-0123456789tfn\"[{".contains(first),
            let value = try? parseJSON(trimmed)
        else { return .string(text) }
        return value
    }
}
