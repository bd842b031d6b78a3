import PrismEnv
import PrismTensor

/// A plug-in environment for Prism: find the treasure on an open 5×5 field.
///
/// The agent and the treasure start on distinct random cells. The observation is a `Box` of two
/// 5×5 planes (the agent's cell, the treasure's cell); the four actions move up, down, left and
/// right (a move off the field stays put). Reaching the treasure ends the episode with reward
/// `1 − 0.9·t/30`; 30 steps truncate it. The environment is `Restorable` with a `Codable`
/// snapshot, so Prism's `ppo` can resume runs on it and train it with polychromic PPO.
public struct TreasureHunt: Environment, Restorable {
    /// The id `register()` uses.
    public static let id = "TreasureHunt/OpenField-v0"
    /// The field's side.
    public static let size = 5
    /// Steps before truncation.
    public static let stepLimit = 30

    /// The complete state: positions, step count, random stream and episode phase.
    public struct Snapshot: Codable, Sendable, Equatable {
        var stream = RandomStream(seed: 0)
        var agent = 0
        var treasure = 1
        var steps = 0
        var episode = EpisodeGuard()
    }

    private var state = Snapshot()

    /// A field seeded with 0 until the first `reset(seed:)`.
    public init() {}

    /// ``id``.
    public var name: String { Self.id }
    /// Two 5×5 planes of 0/1.
    public var observationSpace: Space { .box(low: 0, high: 1, shape: [2, Self.size, Self.size]) }
    /// Up, down, left, right.
    public var actionSpace: Space { .discrete(count: 4) }

    /// Places the agent and the treasure on distinct random cells.
    public mutating func reset(seed: UInt64?) -> Reset<SpaceValue> {
        if let seed { state.stream = RandomStream(seed: seed) }
        let cells = Self.size * Self.size
        state.agent = state.stream.nextInt(below: cells)
        state.treasure = (state.agent + 1 + state.stream.nextInt(below: cells - 1)) % cells
        state.steps = 0
        state.episode.begin()
        return Reset(observation: observation, info: StepInfo(stepCount: 0))
    }

    /// Moves the agent one cell.
    public mutating func step(_ action: SpaceValue) throws(EnvironmentError) -> Step<SpaceValue> {
        try state.episode.checkStep(name)
        guard case .discrete(let move) = action, (0..<4).contains(move) else {
            throw .invalidAction("\(name): \(action) is not one of 0 (up), 1 (down), 2 (left), 3 (right)")
        }
        var (x, y) = (state.agent % Self.size, state.agent / Self.size)
        switch move {
        case 0: y = max(y - 1, 0)
        case 1: y = min(y + 1, Self.size - 1)
        case 2: x = max(x - 1, 0)
        default: x = min(x + 1, Self.size - 1)
        }
        state.agent = y * Self.size + x
        state.steps += 1
        let found = state.agent == state.treasure
        let truncated = !found && state.steps >= Self.stepLimit
        state.episode.end(terminated: found, truncated: truncated)
        let reward = found ? 1 - 0.9 * Double(state.steps) / Double(Self.stepLimit) : 0
        return Step(observation: observation, reward: reward, terminated: found, truncated: truncated,
                    info: StepInfo(stepCount: state.steps, isSuccess: found))
    }

    /// The whole state.
    public func snapshot() -> Snapshot { state }
    /// Puts a saved state back.
    public mutating func restore(_ snapshot: Snapshot) { state = snapshot }

    private var observation: SpaceValue {
        let cells = Self.size * Self.size
        var planes = [Float](repeating: 0, count: 2 * cells)
        planes[state.agent] = 1
        planes[cells + state.treasure] = 1
        return .box(planes)
    }

    /// Registers ``id`` in Prism's environment registry.
    public static func register(in registry: EnvironmentRegistry = .shared) {
        registry.register(EnvironmentSpec(id: id, summary: "find the treasure on an open 5x5 field") { _ in
            AnyEnvironment(TreasureHunt())
        })
    }
}
