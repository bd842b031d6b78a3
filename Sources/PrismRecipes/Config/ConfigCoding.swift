import Foundation

/// The one encoding between config structs and ``ConfigValue`` trees: snake_case keys.
enum ConfigCoding {
    /// Encodes a config into its tree.
    static func tree<Config: Encodable>(of config: Config) throws -> ConfigValue {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try JSONDecoder().decode(ConfigValue.self, from: encoder.encode(config))
    }

    /// Decodes a config from a tree.
    static func decode<Config: Decodable>(_ type: Config.Type, from value: ConfigValue) throws -> Config {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
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
