import Foundation
import PrismJSON

extension ConfigLayer {
    /// The keys a run's `config.json` holds around the config itself (see ``RunConfigFile``).
    static let envelopeKeys: Set<String> = ["config", "recipe", "seed", "prism_version", "git_revision", "blas_core", "blas_threads"]

    /// Reads a JSON (`.json`) or YAML (`.yaml`, `.yml`) config file. A run's `config.json` is
    /// accepted too: its `config` object is the layer, so a run can be repeated with
    /// `--config runs/x/config.json`.
    /// - Throws: ``ConfigError`` naming the file when it is unreadable, malformed or of an unknown kind.
    public init(contentsOf url: URL) throws(ConfigError) {
        let path = url.path
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ConfigError(.unreadableFile, origin: .file(path: path, line: nil), reason: "cannot read the file: \(error.localizedDescription)")
        }
        switch url.pathExtension.lowercased() {
        case "json":
            let value: JSONValue
            do {
                value = try JSONValue.parse(text)
            } catch {
                throw ConfigError(.unreadableFile, origin: .file(path: path, line: nil), reason: "not valid JSON: \(error)")
            }
            guard case .object(let members) = value else {
                throw ConfigError(.unreadableFile, origin: .file(path: path, line: nil), reason: "the top level must be a JSON object")
            }
            if case .object? = members["config"], Set(members.keys).isSubset(of: Self.envelopeKeys) {
                self.init(value: members["config"]!, origin: .file(path: path, line: nil))
            } else {
                self.init(value: value, origin: .file(path: path, line: nil))
            }
        case "yaml", "yml":
            self = try YAMLConfigReader.layer(fromYAML: text, path: path)
        default:
            throw ConfigError(.unreadableFile, origin: .file(path: path, line: nil),
                              reason: "unknown config format '.\(url.pathExtension)' (use .json, .yaml or .yml)")
        }
    }

    /// The seed stored in a run's `config.json`, when `url` is one.
    static func envelopeSeed(contentsOf url: URL) -> UInt64? {
        guard url.pathExtension.lowercased() == "json", let text = try? String(contentsOf: url, encoding: .utf8),
            case .object(let members)? = try? JSONValue.parse(text), case .object? = members["config"],
            case .integer(let seed)? = members["seed"], seed >= 0
        else { return nil }
        return UInt64(seed)
    }

    /// Parses one `--set key=value` argument: dotted key, value as in ``JSONValue/parseOverride(_:)``.
    /// - Throws: ``ConfigError`` when there is no `=` or a key component is empty.
    public init(override argument: String) throws(ConfigError) {
        guard let equals = argument.firstIndex(of: "=") else {
            throw ConfigError(.malformedOverride, origin: .override(argument: argument), reason: "expected key=value")
        }
        let key = argument[..<equals].trimmingCharacters(in: .whitespaces)
        let path = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !path.contains(where: \.isEmpty) else {
            throw ConfigError(.malformedOverride, key: key, origin: .override(argument: argument), reason: "the key has an empty component")
        }
        var value = JSONValue.parseOverride(String(argument[argument.index(after: equals)...]))
        for component in path.reversed() { value = .object([component: value]) }
        var origins: [[String]: ConfigOrigin] = [:]
        for length in 1...path.count { origins[Array(path.prefix(length))] = .override(argument: argument) }
        ConfigLayer.visitPaths(value, prefix: []) { if origins[$0] == nil { origins[$0] = .override(argument: argument) } }
        self.init(value: value, origins: origins)
    }

    /// Overlays `other` on this layer: objects merge key by key, anything else replaces.
    public func merged(with other: ConfigLayer) -> ConfigLayer {
        var origins = origins
        for (path, origin) in other.origins { origins[path] = origin }
        return ConfigLayer(value: Self.merge(value, other.value), origins: origins)
    }

    private static func merge(_ base: JSONValue, _ overlay: JSONValue) -> JSONValue {
        guard case .object(var members) = base, case .object(let overlayMembers) = overlay else { return overlay }
        for (key, value) in overlayMembers {
            members[key] = members[key].map { merge($0, value) } ?? value
        }
        return .object(members)
    }
}
