import Synchronization

/// How to make one registered environment (Gymnasium's `EnvSpec`).
public struct EnvironmentSpec: Sendable {
    /// The id, `Namespace/Name-vN` (`Gridworld/DoorKey-5x5-v0`).
    public let id: String
    /// A one-line description for `prism-env list`.
    public let summary: String
    /// Makes a fresh environment from keyword configuration.
    public let make: @Sendable (EnvironmentConfiguration) throws(EnvironmentError) -> AnyEnvironment

    /// A spec with the given factory.
    public init(
        id: String, summary: String = "",
        make: @escaping @Sendable (EnvironmentConfiguration) throws(EnvironmentError) -> AnyEnvironment
    ) {
        self.id = id
        self.summary = summary
        self.make = make
    }
}

/// The table of environment ids (Gymnasium's `register`/`make`). Any package adds environments by
/// conforming to ``Environment`` and calling ``register(_:)``; ids are unique.
public final class EnvironmentRegistry: Sendable {
    /// The process-wide registry.
    public static let shared = EnvironmentRegistry()

    private let specs = Mutex<[String: EnvironmentSpec]>([:])

    /// An empty registry (tests use their own).
    public init() {}

    /// Adds (or replaces) the spec under its id.
    public func register(_ spec: EnvironmentSpec) {
        specs.withLock { $0[spec.id] = spec }
    }

    /// Every registered id, sorted.
    public var ids: [String] { specs.withLock { $0.keys.sorted() } }

    /// The spec registered under `id`.
    public func spec(_ id: String) -> EnvironmentSpec? { specs.withLock { $0[id] } }

    /// A fresh environment for `id`.
    /// - Throws: ``EnvironmentError/unknownIdentifier(_:known:)`` listing the known ids, or the
    ///   factory's ``EnvironmentError/invalidConfiguration(_:)``.
    public func make(_ id: String, configuration: EnvironmentConfiguration = [:]) throws(EnvironmentError) -> AnyEnvironment {
        guard let spec = spec(id) else { throw .unknownIdentifier(id, known: ids) }
        return try spec.make(configuration)
    }
}
