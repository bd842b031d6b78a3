import Foundation
import PrismJSON

/// Resolves a recipe config: defaults, then a config file, then `--set` overrides in order, then
/// type checks, unknown-key checks, choice checks and the config's own `validate()`; every
/// rejection is a ``ConfigError`` naming the file or argument, key and value.
public enum ConfigResolver {
    /// Resolves `Config` from an optional file and `--set` arguments (applied left to right).
    /// - Parameter base: values to start from instead of the defaults' file layer, such as the
    ///   config stored in a run being resumed (still overlaid on the defaults).
    /// - Throws: ``ConfigError``.
    public static func resolve<Config: RecipeConfig>(
        _ type: Config.Type, file: URL? = nil, overrides: [String] = [], base: JSONValue? = nil
    ) throws(ConfigError) -> ResolvedConfig<Config> {
        var layers: [ConfigLayer] = []
        if let base { layers.append(ConfigLayer(value: base, origin: .defaults)) }
        if let file { layers.append(try ConfigLayer(contentsOf: file)) }
        for argument in overrides { layers.append(try ConfigLayer(override: argument)) }
        var resolved = try resolve(type, layers: layers)
        resolved.seedFromFile = file.flatMap(ConfigLayer.envelopeSeed(contentsOf:))
        return resolved
    }

    /// Resolves `Config` from layers applied in order over the defaults.
    /// - Throws: ``ConfigError``.
    public static func resolve<Config: RecipeConfig>(_ type: Config.Type, layers: [ConfigLayer]) throws(ConfigError) -> ResolvedConfig<Config> {
        let names = KeyNames()
        let defaults = try defaultTree(type, names: names)
        var merged = ConfigLayer(value: defaults, origins: [:])
        for layer in layers {
            try rejectNonFinite(layer.value, path: [], layer: layer)
            merged = merged.merged(with: layer)
        }
        try checkChoices(Config.choices, merged: merged, defaults: defaults)
        for preset in Config.presets {
            if let layer = preset.layer(over: merged) { merged = merged.merged(with: layer) }
        }
        let config: Config
        do {
            config = try ConfigCoding.decode(type, from: merged.value, names: names)
        } catch let error as DecodingError {
            throw describe(error, merged: merged, defaults: defaults, choices: Config.choices)
        } catch {
            throw ConfigError(.invalidValue, reason: "\(error)")
        }
        let values: JSONValue
        do { values = try ConfigCoding.tree(of: config, names: names) } catch {
            throw ConfigError(.invalidValue, reason: "the resolved config cannot be encoded: \(error)")
        }
        for layer in layers {
            try rejectUnknownKeys(layer, defaults: defaults, resolved: values)
        }
        try rejectCoercedValues(merged, resolved: values)
        let resolved = ResolvedConfig(config: config, values: values, seedFromFile: nil, origins: merged.origins)
        do {
            try config.validate()
        } catch let error as ConfigValidationError {
            throw resolved.attributing(error)
        } catch {
            throw ConfigError(.validationFailed, reason: "\(error)")
        }
        return resolved
    }

    /// The defaults' tree, checked to survive a decode/encode round trip (it fails when two field
    /// names share a snake_case form, or a custom `Codable` conformance is not symmetric).
    static func defaultTree<Config: RecipeConfig>(_ type: Config.Type, names: KeyNames) throws(ConfigError) -> JSONValue {
        do {
            let tree = try ConfigCoding.tree(of: Config(), names: names)
            let again = try ConfigCoding.tree(of: ConfigCoding.decode(type, from: tree, names: names), names: names)
            guard again == tree else {
                throw ConfigError(.invalidDeclaration, reason: "\(type)'s defaults do not survive a decode/encode round trip")
            }
            return tree
        } catch let error as ConfigError {
            throw error
        } catch {
            throw ConfigError(.invalidDeclaration,
                              reason: "\(type)'s defaults do not decode from their own encoding: \(error)")
        }
    }

    /// Numbers must be finite: JSON cannot hold the others and no config needs them.
    private static func rejectNonFinite(_ value: JSONValue, path: [String], layer: ConfigLayer) throws(ConfigError) {
        switch value {
        case .number(let number) where !number.isFinite:
            throw ConfigError(.invalidValue, key: path.joined(separator: "."), origin: layer.origins[path],
                              reason: "\(number) is not a finite number")
        case .object(let members):
            for (key, member) in members { try rejectNonFinite(member, path: path + [key], layer: layer) }
        case .array(let items):
            for (index, item) in items.enumerated() { try rejectNonFinite(item, path: path + ["\(index)"], layer: layer) }
        default: break
        }
    }

    /// Every key a layer sets must exist in the defaults or in the resolved config (optional fields
    /// that are nil by default appear only once set; dictionary fields take any key). `null` for a
    /// key found in neither is accepted: it is how an optional field that is nil by default is
    /// written, and it sets nothing either way.
    private static func rejectUnknownKeys(_ layer: ConfigLayer, defaults: JSONValue, resolved: JSONValue) throws(ConfigError) {
        for path in layer.origins.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) where !path.isEmpty {
            if lookup(defaults, path) != nil || lookup(resolved, path) != nil || lookup(layer.value, path) == .null { continue }
            let parent = Array(path.dropLast())
            guard case .object(let siblings)? = lookup(resolved, parent) ?? lookup(defaults, parent) else { continue }
            let known = siblings.keys.sorted()
            let hint = closest(path.last!, among: known).map { " (did you mean '\($0)'?)" } ?? ""
            throw ConfigError(.unknownKey, key: path.joined(separator: "."), origin: layer.origins[path],
                              reason: "no such field\(hint); known keys here: \(known.joined(separator: ", "))")
        }
    }

    /// Every scalar the user gave must survive decoding, so `total_steps=1.5` cannot quietly become
    /// 1. Numbers compare at Float precision, the coarsest a config field holds.
    private static func rejectCoercedValues(_ merged: ConfigLayer, resolved: JSONValue) throws(ConfigError) {
        for path in merged.origins.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            guard let given = lookup(merged.value, path), let kept = lookup(resolved, path) else { continue }
            switch (given, kept) {
            case (.number(let a), .integer(let b)) where Double(b) != a:
                throw ConfigError(.invalidValue, key: path.joined(separator: "."), origin: merged.origins[path],
                                  reason: "expected an integer, got \(given.summary)")
            case (.number, .number), (.integer, .number):
                guard let a = given.number, let b = kept.number, Float(a) != Float(b) else { continue }
                throw ConfigError(.invalidValue, key: path.joined(separator: "."), origin: merged.origins[path],
                                  reason: "\(given.summary) does not fit the field (it would be stored as \(kept.summary))")
            default: continue
            }
        }
    }

    /// Looks a path up through objects and (numeric components) arrays.
    static func lookup(_ value: JSONValue, _ path: [String]) -> JSONValue? {
        var current = value
        for component in path {
            switch current {
            case .object(let members):
                guard let next = members[component] else { return nil }
                current = next
            case .array(let items):
                guard let index = Int(component), items.indices.contains(index) else { return nil }
                current = items[index]
            default: return nil
            }
        }
        return current
    }

    /// A known key within edit distance 2 of `key`, for "did you mean" hints.
    private static func closest(_ key: String, among known: [String]) -> String? {
        known.map { ($0, editDistance(Array(key), Array($0))) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
    }

    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1]
            for (j, cb) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
