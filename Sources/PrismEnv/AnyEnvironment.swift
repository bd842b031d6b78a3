import Foundation

/// Any environment behind ``SpaceValue`` observations and actions: what the registry hands out
/// and what generic tools (`checkEnvironment`, `prism-env`, storage writers) work with.
public struct AnyEnvironment: Environment, Restorable {
    /// The wrapped environment.
    public private(set) var base: any Environment

    /// Wraps `base`.
    public init(_ base: any Environment) {
        self.base = (base as? AnyEnvironment)?.base ?? base
    }

    /// The wrapped environment's name.
    public var name: String { base.name }
    /// The wrapped environment's observation space.
    public var observationSpace: Space { base.observationSpace }
    /// The wrapped environment's action space.
    public var actionSpace: Space { base.actionSpace }
    /// Whether the wrapped environment supports ``snapshot()`` / ``restore(_:)``.
    public var isRestorable: Bool { base is any Restorable }

    /// Resets the wrapped environment.
    public mutating func reset(seed: UInt64?) -> Reset<SpaceValue> {
        func open<E: Environment>(_ environment: inout E) -> Reset<SpaceValue> {
            let reset = environment.reset(seed: seed)
            return Reset(observation: reset.observation.spaceValue, info: reset.info)
        }
        return open(&base)
    }

    /// Steps the wrapped environment with an action given as a space element.
    public mutating func step(_ action: SpaceValue) throws(EnvironmentError) -> Step<SpaceValue> {
        func open<E: Environment>(_ environment: inout E) throws(EnvironmentError) -> Step<SpaceValue> {
            let step = try environment.step(try E.Action(spaceValue: action))
            return Step(observation: step.observation.spaceValue, reward: step.reward,
                        terminated: step.terminated, truncated: step.truncated, info: step.info)
        }
        return try open(&base)
    }

    /// The wrapped environment's snapshot, or nil when it is not ``Restorable``.
    public func snapshot() -> AnySnapshot {
        func open<R: Restorable>(_ environment: R) -> AnySnapshot { AnySnapshot(value: environment.snapshot()) }
        guard let restorable = base as? any Restorable else { return AnySnapshot(value: nil) }
        return open(restorable)
    }

    /// Restores a snapshot taken from an environment of the same type; ignored otherwise
    /// (``checkEnvironment(_:seed:)`` reports environments that are not restorable).
    public mutating func restore(_ snapshot: AnySnapshot) {
        func open<R: Restorable>(_ environment: inout R) {
            if let value = snapshot.value as? R.Snapshot { environment.restore(value) }
        }
        guard var restorable = base as? any Restorable else { return }
        open(&restorable)
        base = restorable
    }
}

/// A type-erased environment snapshot.
public struct AnySnapshot {
    /// The wrapped environment's own snapshot value.
    public let value: Any?
}

extension AnyEnvironment {
    /// Whether the wrapped environment is ``Restorable`` with a `Codable` snapshot, so its state
    /// can be written to a checkpoint and read back (``encodedSnapshot()``).
    public var hasCodableSnapshot: Bool {
        func open<R: Restorable>(_ environment: R) -> Bool { R.Snapshot.self is any Codable.Type }
        guard let restorable = base as? any Restorable else { return false }
        return open(restorable)
    }

    /// The wrapped environment's snapshot as JSON, or nil unless ``hasCodableSnapshot``.
    public func encodedSnapshot() -> Data? {
        func open<R: Restorable>(_ environment: R) -> Data? {
            guard let snapshot = environment.snapshot() as? any Encodable else { return nil }
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            return try? encoder.encode(snapshot)
        }
        guard let restorable = base as? any Restorable else { return nil }
        return open(restorable)
    }

    /// Puts the wrapped environment back into the state of an ``encodedSnapshot()``.
    /// - Throws: ``EnvironmentError/incompatibleSnapshot(_:)`` when the environment has no
    ///   `Codable` snapshot or `data` is not one of its snapshots.
    public mutating func restore(encoded data: Data) throws(EnvironmentError) {
        func open<R: Restorable>(_ environment: inout R) throws(EnvironmentError) {
            guard let type = R.Snapshot.self as? any Decodable.Type else {
                throw .incompatibleSnapshot("\(environment.name) has no Codable snapshot")
            }
            let decoded: Any
            do { decoded = try JSONDecoder().decode(type, from: data) } catch {
                throw .incompatibleSnapshot("\(environment.name): the saved state does not decode: \(error)")
            }
            environment.restore(decoded as! R.Snapshot)
        }
        guard var restorable = base as? any Restorable else {
            throw .incompatibleSnapshot("\(base.name) is not Restorable")
        }
        try open(&restorable)
        base = restorable
    }
}
