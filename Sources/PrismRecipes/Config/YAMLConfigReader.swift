import PrismJSON
import Yams

/// Turns YAML text into a ``ConfigLayer``, remembering the line of every key.
enum YAMLConfigReader {
    /// Parses `text` (the contents of `path`) into a layer; an empty document is an empty object.
    static func layer(fromYAML text: String, path: String) throws(ConfigError) -> ConfigLayer {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ConfigError(.unreadableFile, origin: .file(path: path, line: nil), reason: "not valid YAML: \(error)")
        }
        guard let root else { return ConfigLayer(value: .object([:]), origins: [:]) }
        var origins: [[String]: ConfigOrigin] = [:]
        let value = try convert(root, path: [], file: path, origins: &origins)
        guard case .object = value else {
            throw ConfigError(.unreadableFile, origin: .file(path: path, line: root.mark?.line),
                              reason: "the top level must be a mapping of keys to values")
        }
        return ConfigLayer(value: value, origins: origins)
    }

    private static func convert(
        _ node: Node, path: [String], file: String, origins: inout [[String]: ConfigOrigin]
    ) throws(ConfigError) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            return scalarValue(node, scalar)
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for (index, item) in sequence.enumerated() {
                items.append(try convert(item, path: path + ["\(index)"], file: file, origins: &origins))
            }
            return .array(items)
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            for (keyNode, valueNode) in mapping {
                let line = keyNode.mark?.line
                guard case .scalar(let keyScalar) = keyNode else {
                    throw ConfigError(.unreadableFile, origin: .file(path: file, line: line), reason: "mapping keys must be plain text")
                }
                let key = keyScalar.string
                let keyPath = path + [key]
                guard members[key] == nil else {
                    throw ConfigError(.unreadableFile, key: keyPath.joined(separator: "."),
                                      origin: .file(path: file, line: line), reason: "the key appears twice")
                }
                origins[keyPath] = .file(path: file, line: line)
                members[key] = try convert(valueNode, path: keyPath, file: file, origins: &origins)
            }
            return .object(members)
        case .alias:
            throw ConfigError(.unreadableFile, key: path.joined(separator: "."), origin: .file(path: file, line: node.mark?.line),
                              reason: "YAML aliases are not supported in configs")
        }
    }

    /// A plain scalar resolves by YAML's core schema (null, bool, int, float, else string);
    /// a quoted one is always a string.
    private static func scalarValue(_ node: Node, _ scalar: Node.Scalar) -> JSONValue {
        guard scalar.style == .plain || scalar.style == .any else { return .string(scalar.string) }
        switch Tag.Name(rawValue: node.tag.rawValue) {
        case .null: return .null
        case .bool: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
        case .int: return node.int.map(JSONValue.integer) ?? .string(scalar.string)
        case .float: return node.float.map(JSONValue.number) ?? .string(scalar.string)
        default: return .string(scalar.string)
        }
    }
}
