import PrismEnv
import PrismTensor

/// A test environment with two routes: a ring of 6 cells, starting at cell 0 with the goal at
/// cell 3, reachable in three steps either way. Action 0 moves clockwise (+1), 1 counter-clockwise
/// (−1), 2 stays. With probability `slip` (drawn from the environment's own stream) the agent
/// stays instead. Reaching the goal terminates with the paper's success reward
/// `1 − 0.5·steps/maxSteps`; `maxSteps` steps truncate.
///
/// Rooms (`StepInfo.roomID`): 0 the start, 1 the clockwise arc (cells 1, 2), 2 the
/// counter-clockwise arc (cells 4, 5), 3 the goal; so the two routes have different room sets.
struct TestRing: Environment, Restorable, Sendable {
    static let cellCount = 6
    static let goal = 3

    var maxSteps = 10
    var slip: Float = 0
    var stream = RandomStream(seed: 0)
    var position = 0
    var steps = 0
    var episode = EpisodeGuard()

    var name: String { "Test/Ring-v0" }
    var observationSpace: Space { .discrete(count: Self.cellCount) }
    var actionSpace: Space { .discrete(count: 3) }

    static func room(of cell: Int) -> Int {
        switch cell {
        case 0: 0
        case 1, 2: 1
        case goal: 3
        default: 2
        }
    }

    mutating func reset(seed: UInt64?) -> Reset<Int> {
        if let seed { stream = RandomStream(seed: seed) }
        position = 0
        steps = 0
        episode.begin()
        return Reset(observation: position, info: StepInfo(stepCount: 0, roomID: 0))
    }

    mutating func step(_ action: Int) throws(EnvironmentError) -> Step<Int> {
        try episode.checkStep(name)
        guard (0..<3).contains(action) else { throw .invalidAction("\(name): action \(action) is not in Discrete(3)") }
        let slipped = slip > 0 && stream.nextFloat() < slip
        if !slipped {
            let move = action == 0 ? 1 : action == 1 ? -1 : 0
            position = (position + move + Self.cellCount) % Self.cellCount
        }
        steps += 1
        let terminated = position == Self.goal
        let truncated = !terminated && steps >= maxSteps
        episode.end(terminated: terminated, truncated: truncated)
        let reward = terminated ? 1 - 0.5 * Double(steps) / Double(maxSteps) : 0
        return Step(observation: position, reward: reward, terminated: terminated, truncated: truncated,
                    info: StepInfo(stepCount: steps, isSuccess: terminated, roomID: Self.room(of: position)))
    }

    func snapshot() -> TestRing { self }

    mutating func restore(_ snapshot: TestRing) { self = snapshot }

    /// The one-hot encoding of a cell.
    static func encode(_ position: Int) -> [Float] {
        (0..<cellCount).map { $0 == position ? 1 : 0 }
    }
}
