/// Keyword configuration for making a registered environment (Gymnasium's `make(id, **kwargs)`).
public struct EnvironmentConfiguration: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// One configuration value.
    public enum Value: Sendable, Equatable, CustomStringConvertible {
        case int(Int), double(Double), bool(Bool), string(String)

        /// The value as written in a config.
        public var description: String {
            switch self {
            case .int(let v): "\(v)"
            case .double(let v): "\(v)"
            case .bool(let v): "\(v)"
            case .string(let v): v
            }
        }
    }

    /// The values by key.
    public var values: [String: Value]

    /// A configuration with the given values.
    public init(_ values: [String: Value] = [:]) { self.values = values }

    /// A configuration from a literal.
    public init(dictionaryLiteral elements: (String, Value)...) {
        values = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    /// The integer at `key`, or `default` when absent.
    /// - Throws: ``EnvironmentError/invalidConfiguration(_:)`` naming the key when it is not an integer.
    public func int(_ key: String, default value: Int) throws(EnvironmentError) -> Int {
        switch values[key] {
        case nil: return value
        case .int(let v): return v
        case .string(let text): if let v = Int(text) { return v }
        default: break
        }
        throw .invalidConfiguration("'\(key)' must be an integer, got \(values[key]?.description ?? "")")
    }

    /// The string at `key`, or `default` when absent.
    public func string(_ key: String, default value: String) -> String {
        values[key]?.description ?? value
    }

    /// Throws naming the first key that is not in `known`.
    public func requireKeys(in known: Set<String>, for id: String) throws(EnvironmentError) {
        if let unknown = values.keys.sorted().first(where: { !known.contains($0) }) {
            throw .invalidConfiguration("\(id) has no option '\(unknown)' (options: \(known.sorted().joined(separator: ", ")))")
        }
    }
}
