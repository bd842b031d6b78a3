import PrismJSON

/// A named bundle of values for sibling keys, selected by one string-valued config field
/// (`polychromic.preset: paper`). The resolver fills in a preset's values only for keys the
/// config file and `--set` overrides leave unset, so explicit keys always win; the run's
/// `config.json` then holds every value the preset gave.
public struct ConfigPreset: Sendable {
    /// The dotted key of the field naming the preset (`polychromic.preset`).
    public var key: String
    /// For each preset name, the values it sets, by key relative to the field's parent.
    public var values: [String: [String: JSONValue]]

    /// A preset field `key` whose names set `values` (keys relative to `key`'s parent).
    public init(key: String, values: [String: [String: JSONValue]]) {
        self.key = key
        self.values = values
    }

    /// The layer that fills in the selected preset's values that `merged` leaves unset (nil when
    /// the field names no preset with values).
    func layer(over merged: ConfigLayer) -> ConfigLayer? {
        let path = key.split(separator: ".").map(String.init)
        guard case .string(let name)? = ConfigResolver.lookup(merged.value, path), let chosen = values[name] else { return nil }
        let origin = ConfigOrigin.preset(key: key, name: name)
        var layer = ConfigLayer(value: .object([:]), origins: [:])
        for (relative, value) in chosen.sorted(by: { $0.key < $1.key }) {
            let target = path.dropLast() + relative.split(separator: ".").map(String.init)
            guard merged.origins[Array(target)] == nil else { continue }
            let nested = target.reversed().reduce(value) { inner, component in .object([component: inner]) }
            layer = layer.merged(with: ConfigLayer(value: nested, origin: origin))
        }
        return layer
    }
}
