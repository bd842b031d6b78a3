import PrismJSON

/// A config after resolution: the typed struct plus its complete tree (every field, defaults
/// included), which is what the run directory's `config.json` records.
public struct ResolvedConfig<Config: RecipeConfig>: Sendable {
    /// The typed config the recipe runs with.
    public var config: Config
    /// Every field of `config` as a tree with snake_case keys.
    public var values: JSONValue
    /// The seed recorded in the config file, when the file is a run's `config.json`.
    public var seedFromFile: UInt64?
    /// Where each key's value came from (the defaults when absent).
    public var origins: [[String]: ConfigOrigin] = [:]

    /// `error` as a ``ConfigError`` naming the key, its value and where the value came from
    /// (the file line or `--set` argument), for checks made on the resolved config.
    public func attributing(_ error: ConfigValidationError) -> ConfigError {
        let path = error.key.split(separator: ".").map(String.init)
        return ConfigError(.validationFailed, key: error.key, origin: origins[path] ?? .defaults,
                           reason: "\(values[path: path]?.summary ?? "the value") is invalid: \(error.reason)")
    }

    /// The resolved config as stable, indented JSON (sorted keys), e.g. for `--dry-run`.
    public var jsonText: String { values.canonicalJSON() + "\n" }
}
