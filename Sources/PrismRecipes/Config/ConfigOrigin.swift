import PrismJSON

/// Where a config value came from, for error messages: a file (with a line when known), a
/// `--set` override, or the config's own defaults.
public enum ConfigOrigin: Equatable, Sendable, CustomStringConvertible {
    /// The config struct's default value.
    case defaults
    /// A config file, with the 1-based line of the key when the format reports it (YAML).
    case file(path: String, line: Int?)
    /// A `--set key=value` override, holding the argument as given.
    case override(argument: String)
    /// A preset's value, filled in because no file or override set the key.
    case preset(key: String, name: String)

    /// `config.yaml line 3`, `--set lr=abc` or `the defaults`.
    public var description: String {
        switch self {
        case .defaults: return "the defaults"
        case .file(let path, let line?): return "\(path) line \(line)"
        case .file(let path, nil): return path
        case .override(let argument): return "--set \(argument)"
        case .preset(let key, let name): return "\(key)=\(name)"
        }
    }
}

/// One source of config values: an object tree plus the origin of every key path it sets.
public struct ConfigLayer: Sendable {
    /// The values, always an object at the top.
    public var value: JSONValue
    /// The origin of each key path (dotted components) this layer sets, including inner objects.
    public var origins: [[String]: ConfigOrigin]

    /// A layer of `value` whose every key path has the same origin.
    public init(value: JSONValue, origin: ConfigOrigin) {
        self.value = value
        var origins: [[String]: ConfigOrigin] = [:]
        Self.visitPaths(value, prefix: []) { origins[$0] = origin }
        self.origins = origins
    }

    /// A layer with explicitly given origins.
    public init(value: JSONValue, origins: [[String]: ConfigOrigin]) {
        self.value = value
        self.origins = origins
    }

    /// Calls `visit` with every key path below `value` (inner objects and their members).
    static func visitPaths(_ value: JSONValue, prefix: [String], _ visit: ([String]) -> Void) {
        guard case .object(let members) = value else { return }
        for (key, member) in members {
            visit(prefix + [key])
            visitPaths(member, prefix: prefix + [key], visit)
        }
    }
}
