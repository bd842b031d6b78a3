import PrismEnv

/// The Arithmetic environments' registration: one id per ``ArithmeticLevel`` and `Arithmetic/Mixed-v0`.
public enum Arithmetic {
    /// The registered ids and the levels each draws, in registration order:
    /// `Arithmetic/<level name>-v0` for every level of ``ArithmeticLevel/all``, then
    /// `Arithmetic/Mixed-v0` over ``ArithmeticLevel/mixed``.
    public static let variants: [(id: String, levels: [ArithmeticLevel], summary: String)] =
        ArithmeticLevel.all.map { ("Arithmetic/\($0.name)-v0", [$0], "single-turn arithmetic, \($0)") }
        + [("Arithmetic/Mixed-v0", ArithmeticLevel.mixed, "single-turn arithmetic, "
            + ArithmeticLevel.mixed.map(\.name).joined(separator: ", ") + " mixed")]

    /// Every registered id, in registration order.
    public static var ids: [String] { variants.map(\.id) }

    /// Registers every Arithmetic id in `registry`, with the keyword option `split`:
    /// `training` (default; held-out problems never appear) or `held-out` (only they appear).
    public static func register(in registry: EnvironmentRegistry = .shared) {
        for variant in variants {
            registry.register(EnvironmentSpec(id: variant.id, summary: variant.summary) { configuration throws(EnvironmentError) in
                try configuration.requireKeys(in: ["split"], for: variant.id)
                let name = configuration.string("split", default: ArithmeticSplit.training.rawValue)
                guard let split = ArithmeticSplit(rawValue: name) else {
                    throw .invalidConfiguration("\(variant.id): 'split' must be training or held-out, got '\(name)'")
                }
                return AnyEnvironment(ArithmeticEnvironment(name: variant.id, levels: variant.levels, split: split))
            })
        }
    }
}
