import PrismEnv

/// The ToolUse environments' registration: `ToolUse/Mixed-v0` and one id per ``TaskKind``.
public enum ToolUse {
    /// The registered ids and the task kinds each draws.
    public static let variants: [(id: String, kinds: [TaskKind], summary: String)] = [
        ("ToolUse/Mixed-v0", TaskKind.allCases, "tool-use text tasks of every kind"),
        ("ToolUse/Arithmetic-v0", [.arithmetic], "arithmetic that needs the calculator tool"),
        ("ToolUse/Conversion-v0", [.conversion], "unit conversions with the convert tool"),
        ("ToolUse/Lookup-v0", [.lookup], "questions answered by a knowledge-base lookup"),
        ("ToolUse/MultiStep-v0", [.multiStep], "lookups followed by the calculator or convert tool"),
    ]

    /// Every registered id, in registration order.
    public static var ids: [String] { variants.map(\.id) }

    /// Registers every ToolUse id in `registry`, with the keyword option `max_turns`
    /// (an integer ≥ 1, default 6).
    public static func register(in registry: EnvironmentRegistry = .shared) {
        for variant in variants {
            registry.register(EnvironmentSpec(id: variant.id, summary: variant.summary) { configuration throws(EnvironmentError) in
                try configuration.requireKeys(in: ["max_turns"], for: variant.id)
                let maxTurns = try configuration.int("max_turns", default: 6)
                guard maxTurns >= 1 else {
                    throw .invalidConfiguration("\(variant.id): 'max_turns' must be at least 1, got \(maxTurns)")
                }
                return AnyEnvironment(ToolUseEnvironment(name: variant.id, kinds: variant.kinds, maxTurns: maxTurns))
            })
        }
    }
}
