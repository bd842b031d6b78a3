import Foundation
import PrismEnv
import PrismRecipes

/// Any environment of the ``PrismEnv/EnvironmentRegistry`` as a ``PPOEnvironment``: what `ppo`
/// trains, so a plug-in package only registers its environment and runs ``PPOCommand``.
///
/// The actions must be `Discrete(n, start)` (the policy's index i is the action start + i) and the
/// observations a `Box`, a `Discrete` or a `Dict` of them (``PrismEnv/FlatEncoding``). Checkpoints
/// and polychromic vines need the environment to be ``PrismEnv/Restorable`` with a `Codable`
/// snapshot.
public struct RegisteredEnvironment: PPOEnvironment {
    /// The complete state: the wrapped environment's snapshot as JSON and the observation shown.
    public struct Snapshot: Codable, Sendable, Equatable {
        /// The observation the environment showed.
        public var observation: SpaceValue?
        /// ``PrismEnv/AnyEnvironment/encodedSnapshot()`` (empty when the environment has none).
        public var state: Data
    }

    /// The registered environment.
    public private(set) var base: AnyEnvironment
    /// How the policy reads observations.
    public let encoding: FlatEncoding
    /// The first action of the `Discrete` action space.
    public let actionStart: Int
    /// n of the `Discrete` action space.
    public let actionCount: Int
    private var shown: SpaceValue?
    /// The info of the last reset or step.
    public private(set) var currentInfo = StepInfo()

    /// Wraps `base`.
    /// - Throws: ``PrismRecipes/ConfigValidationError`` for `env` when the actions are not
    ///   `Discrete` or the observations cannot be encoded.
    public init(_ base: AnyEnvironment) throws {
        guard case let .discrete(count, start) = base.actionSpace else {
            throw ConfigValidationError(key: "env", "\(base.name): the actions are a \(base.actionSpace.kindName) space; PPO here trains Discrete actions")
        }
        do { encoding = try FlatEncoding(base.observationSpace) } catch {
            throw ConfigValidationError(key: "env", "\(base.name): \(error)")
        }
        self.base = base
        actionStart = start
        actionCount = count
    }

    /// The environment registered as `id` in ``PrismEnv/EnvironmentRegistry/shared``.
    /// - Throws: ``PrismRecipes/ConfigValidationError`` for `env` naming the registered ids when
    ///   `id` is unknown, or what ``init(_:)`` throws.
    public static func make(id: String) throws -> RegisteredEnvironment {
        do {
            return try RegisteredEnvironment(EnvironmentRegistry.shared.make(id))
        } catch let error as EnvironmentError {
            throw ConfigValidationError(key: "env", error.description)
        }
    }

    /// The wrapped environment's name.
    public var name: String { base.name }
    /// The wrapped environment's observation space.
    public var observationSpace: Space { base.observationSpace }
    /// The wrapped environment's action space.
    public var actionSpace: Space { base.actionSpace }

    /// The observation of the last reset or step.
    public var observation: SpaceValue {
        guard let shown else { preconditionFailure("RegisteredEnvironment: \(name) has not been reset") }
        return shown
    }

    /// Resets the wrapped environment.
    public mutating func reset(seed: UInt64?) -> Reset<SpaceValue> {
        let reset = base.reset(seed: seed)
        (shown, currentInfo) = (reset.observation, reset.info)
        return reset
    }

    /// Steps the wrapped environment with action start + `action`.
    public mutating func step(_ action: Int) throws(EnvironmentError) -> Step<SpaceValue> {
        guard (0..<actionCount).contains(action) else {
            throw .invalidAction("\(name): action index \(action) is outside 0..<\(actionCount)")
        }
        let step = try base.step(.discrete(actionStart + action))
        (shown, currentInfo) = (step.observation, step.info)
        return step
    }

    /// The current state (the wrapped snapshot is empty unless ``supportsBranching``).
    public func snapshot() -> Snapshot { Snapshot(observation: shown, state: base.encodedSnapshot() ?? Data()) }

    /// Puts back a state ``snapshot()`` saved; only valid when ``supportsBranching``.
    public mutating func restore(_ snapshot: Snapshot) {
        do { try base.restore(encoded: snapshot.state) } catch {
            preconditionFailure("RegisteredEnvironment.restore: \(error)")
        }
        (shown, currentInfo) = (snapshot.observation, StepInfo())
    }

    /// The number of floats of ``encoding``.
    public var encodedObservationSize: Int { encoding.count }
    /// ``PrismEnv/FlatEncoding/encode(_:)``.
    public func encode(_ observation: SpaceValue) -> [Float] { encoding.encode(observation) }
    /// Whether the wrapped environment is restorable with a `Codable` snapshot.
    public var supportsBranching: Bool { base.hasCodableSnapshot }
    /// Not known for a registered environment (polychromic PPO then uses `polychromic.vine_horizon`).
    public var episodeStepLimit: Int? { nil }
    /// None: behaviour cloning needs `--demos`.
    public func expertPlan() -> [Int]? { nil }
    /// start + `action`.
    public func spaceAction(_ action: Int) -> Int { actionStart + action }
    /// `spaceAction` − start, when in range.
    public func policyAction(_ spaceAction: Int) -> Int? {
        (0..<actionCount).contains(spaceAction - actionStart) ? spaceAction - actionStart : nil
    }
}
