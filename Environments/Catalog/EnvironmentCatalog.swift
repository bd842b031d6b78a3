import Arithmetic
import Gridworld
import PrismEnv
import ToolUse

/// Every environment Prism ships (the gridworlds, the tool-use tasks and the arithmetic tasks), for tools and recipes
/// that accept any id.
public enum EnvironmentCatalog {
    /// Registers every shipped id into `registry`.
    public static func register(in registry: EnvironmentRegistry) {
        Gridworld.register(in: registry)
        ToolUse.register(in: registry)
        Arithmetic.register(in: registry)
    }

    /// A registry holding every shipped id (built once).
    public static let registry: EnvironmentRegistry = {
        let registry = EnvironmentRegistry()
        register(in: registry)
        return registry
    }()
}
