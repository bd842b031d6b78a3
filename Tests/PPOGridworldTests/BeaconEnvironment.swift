import PrismEnv
import PrismTensor

/// A plug-in environment as a user's package would write one: a line of 7 cells, the agent starts
/// in the middle and a beacon lies at one end, chosen at reset. Observations are a `Dict` of a
/// `Box` one-hot position and a `Discrete` beacon side; actions are `Discrete(3, start: -1)`
/// (left, stay, right). Reaching the beacon gives 1 and ends the episode; 12 steps truncate it.
struct Beacon: Environment, Restorable {
    static let id = "Test/Beacon-v0"
    static let width = 7
    static let stepLimit = 12

    struct State: Codable, Sendable, Equatable {
        var stream = RandomStream(seed: 0)
        var position = 3
        var beaconRight = false
        var steps = 0
        var episode = EpisodeGuard()
    }

    var state = State()
    /// The name errors carry (wrappers give theirs).
    var name = Self.id

    var observationSpace: Space {
        .dict(["position": .box(low: 0, high: 1, shape: [Self.width]), "beacon_side": .discrete(count: 2)])
    }
    var actionSpace: Space { .discrete(count: 3, start: -1) }

    var observation: SpaceValue {
        var cells = [Float](repeating: 0, count: Self.width)
        cells[state.position] = 1
        return .dict(["position": .box(cells), "beacon_side": .discrete(state.beaconRight ? 1 : 0)])
    }

    mutating func reset(seed: UInt64?) -> Reset<SpaceValue> {
        if let seed { state.stream = RandomStream(seed: seed) }
        state.beaconRight = state.stream.nextInt(below: 2) == 1
        state.position = Self.width / 2
        state.steps = 0
        state.episode.begin()
        return Reset(observation: observation, info: StepInfo(stepCount: 0))
    }

    mutating func step(_ action: SpaceValue) throws(EnvironmentError) -> Step<SpaceValue> {
        try state.episode.checkStep(name)
        guard case .discrete(let move) = action, (-1...1).contains(move) else { throw .invalidAction("\(name): \(action)") }
        state.position = min(max(state.position + move, 0), Self.width - 1)
        state.steps += 1
        let reached = state.position == (state.beaconRight ? Self.width - 1 : 0)
        let truncated = !reached && state.steps >= Self.stepLimit
        state.episode.end(terminated: reached, truncated: truncated)
        return Step(observation: observation, reward: reached ? 1 : 0, terminated: reached, truncated: truncated,
                    info: StepInfo(stepCount: state.steps, isSuccess: reached))
    }

    func snapshot() -> State { state }
    mutating func restore(_ snapshot: State) { state = snapshot }
}

/// ``Beacon`` without snapshots: standard PPO trains it, polychromic PPO cannot.
struct OneWayBeacon: Environment {
    static let id = "Test/OneWayBeacon-v0"
    var base = Beacon(name: Self.id)
    var name: String { Self.id }
    var observationSpace: Space { base.observationSpace }
    var actionSpace: Space { base.actionSpace }
    mutating func reset(seed: UInt64?) -> Reset<SpaceValue> { base.reset(seed: seed) }
    mutating func step(_ action: SpaceValue) throws(EnvironmentError) -> Step<SpaceValue> { try base.step(action) }
}

/// An environment `ppo` cannot train: its actions are a `MultiDiscrete` space.
struct TwoKnobs: Environment {
    static let id = "Test/TwoKnobs-v0"
    var base = Beacon(name: Self.id)
    var name: String { Self.id }
    var observationSpace: Space { base.observationSpace }
    var actionSpace: Space { .multiDiscrete(counts: [3, 3], start: [0, 0]) }
    mutating func reset(seed: UInt64?) -> Reset<SpaceValue> { base.reset(seed: seed) }
    mutating func step(_ action: SpaceValue) throws(EnvironmentError) -> Step<SpaceValue> {
        guard actionSpace.contains(action), case .multiDiscrete(let knobs) = action else { throw .invalidAction("\(name): \(action)") }
        return try base.step(.discrete(knobs[0] - 1))
    }
}

enum BeaconPlugins {
    /// Registers the three test environments in the shared registry.
    static func register() {
        EnvironmentRegistry.shared.register(EnvironmentSpec(id: Beacon.id) { _ in AnyEnvironment(Beacon()) })
        EnvironmentRegistry.shared.register(EnvironmentSpec(id: OneWayBeacon.id) { _ in AnyEnvironment(OneWayBeacon()) })
        EnvironmentRegistry.shared.register(EnvironmentSpec(id: TwoKnobs.id) { _ in AnyEnvironment(TwoKnobs()) })
    }
}
