import Foundation
import PrismJSON

/// The one encoding between config structs and ``JSONValue`` trees: snake_case keys.
enum ConfigCoding {
    /// Encodes a config into its tree; every key name met is recorded in `names` when given.
    static func tree<Config: Encodable>(of config: Config, names: KeyNames? = nil) throws -> JSONValue {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .custom { path in
            let original = path.last!.stringValue
            let snake = snakeCase(original)
            names?.record(snake: snake, original: original)
            return ConfigKey(snake)
        }
        return try JSONDecoder().decode(JSONValue.self, from: encoder.encode(config))
    }

    /// Decodes a config from a tree, mapping each snake_case key back to the field name it was
    /// encoded from (so `env_id` finds `envID`, which `convertFromSnakeCase` would miss).
    static func decode<Config: Decodable>(_ type: Config.Type, from value: JSONValue, names: KeyNames) throws -> Config {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .custom { path in
            let key = path.last!
            guard key.intValue == nil else { return key }
            return ConfigKey(names.original(forSnake: key.stringValue))
        }
        return try decoder.decode(type, from: JSONEncoder().encode(value))
    }

    /// A coding path as config key components, in snake_case (array positions as numbers).
    static func keyPath(_ codingPath: [any CodingKey]) -> [String] {
        codingPath.map { key in key.intValue.map(String.init) ?? snakeCase(key.stringValue) }
    }

    /// `learningRate` → `learning_rate`, as `JSONEncoder.KeyEncodingStrategy.convertToSnakeCase` does.
    static func snakeCase(_ key: String) -> String {
        let characters = Array(key)
        var result = ""
        for (index, character) in characters.enumerated() {
            if character.isUppercase, index > 0 {
                let previous = characters[index - 1]
                let nextIsLower = index + 1 < characters.count && characters[index + 1].isLowercase
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && nextIsLower) { result += "_" }
            }
            result += character.lowercased()
        }
        return result
    }

    /// A plain description of the type a decoder expected.
    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Bool.Type: return "true or false"
        case is Int.Type, is Int32.Type, is Int64.Type, is UInt.Type, is UInt64.Type, is UInt32.Type: return "an integer"
        case is Double.Type, is Float.Type: return "a number"
        case is String.Type: return "a string"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") || name.hasPrefix("[") { return "a list" }
            if name.hasPrefix("Dictionary") || name.contains(":") { return "an object" }
            return "a value of type \(name)"
        }
    }
}

/// A plain string coding key.
struct ConfigKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// The field names met while encoding a config, by their snake_case form, so decoding can map
/// keys back exactly. Names never encoded (optional fields that are nil) fall back to the usual
/// snake_case-to-camelCase conversion.
final class KeyNames: @unchecked Sendable {
    private let lock = NSLock()
    private var originals: [String: String] = [:]

    /// Records that `original` encodes as `snake`.
    func record(snake: String, original: String) {
        lock.lock()
        defer { lock.unlock() }
        originals[snake] = originals[snake] ?? original
    }

    /// The field name a snake_case key came from.
    func original(forSnake snake: String) -> String {
        lock.lock()
        defer { lock.unlock() }
        if let original = originals[snake] { return original }
        let parts = snake.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count > 1, !snake.hasPrefix("_") else { return snake }
        return String(parts[0]) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
