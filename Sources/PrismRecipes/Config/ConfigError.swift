/// Why a config could not be resolved. Every message names the file or `--set` argument, the
/// key and the value at fault, so the user can fix it without reading code.
public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What kind of problem it is.
    public enum Kind: Equatable, Sendable {
        /// The file cannot be read, or is not valid JSON/YAML.
        case unreadableFile
        /// A `--set` argument is not `key=value`.
        case malformedOverride
        /// The key names no field of the config.
        case unknownKey
        /// The value has the wrong type or is not one of the allowed values.
        case invalidValue
        /// The config's `validate()` rejected the resolved values.
        case validationFailed
        /// The resolved config differs from the one a resumed run was started with.
        case resumeMismatch
        /// The config type itself is unusable (a programming error in the recipe).
        case invalidDeclaration
    }

    /// What kind of problem it is.
    public var kind: Kind
    /// The dotted key at fault, when there is one.
    public var key: String?
    /// Where the offending value came from, when known.
    public var origin: ConfigOrigin?
    /// The rest of the message.
    public var reason: String

    /// An error of `kind` about `key` from `origin`.
    public init(_ kind: Kind, key: String? = nil, origin: ConfigOrigin? = nil, reason: String) {
        self.kind = kind
        self.key = key
        self.origin = origin
        self.reason = reason
    }

    /// `config error in run.yaml line 4: key 'ppo.lr': expected a number, got "fast"`.
    public var description: String {
        var text = "config error"
        if let origin { text += " in \(origin)" }
        text += ": "
        if let key { text += "key '\(key)': " }
        return text + reason
    }
}

/// An error a config's `validate()` throws to name the field it rejects; the loader adds the
/// origin of that field's value.
public struct ConfigValidationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The dotted key of the rejected field, as written in config files (`ppo.clip_coef`).
    public var key: String
    /// Why the value is rejected.
    public var reason: String

    /// A rejection of the field `key`.
    public init(key: String, _ reason: String) {
        self.key = key
        self.reason = reason
    }

    /// `key 'lr': must be positive`.
    public var description: String { "key '\(key)': \(reason)" }
}
