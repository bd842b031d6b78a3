import Foundation
import PrismJSON

extension JSONValue {
    /// The value of a `--set key=value` right-hand side: a JSON scalar (number, `true`, `false`,
    /// `null`), a JSON string in quotes, or a JSON list/object, when it parses as one; otherwise the
    /// text itself as a string (so `--set loss=robust` needs no quotes).
    public static func parseOverride(_ text: String) -> JSONValue {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let first = trimmed.first, "-0123456789tfn\"[{".contains(first),
            let value = try? parse(trimmed)
        else { return .string(text) }
        return value
    }
}
