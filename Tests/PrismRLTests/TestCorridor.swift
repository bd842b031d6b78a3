import PrismEnv
import PrismTensor

/// A test environment: a corridor of `length` cells, starting at cell 0; action 1 moves right,
/// 0 left (clamped at the walls). With probability `slip` (drawn from the environment's own
/// stream) the move does not happen. Reaching the last cell terminates with reward
/// `1 − 0.9·steps/maxSteps`; `maxSteps` steps truncate. `StepInfo.roomID` is the cell index / 2.
struct TestCorridor: Environment, Restorable, Sendable {
    var length = 6
    var maxSteps = 12
    var slip: Float = 0
    var stream = RandomStream(seed: 0)
    var position = 0
    var steps = 0
    var episode = EpisodeGuard()

    var name: String { "Test/Corridor-v0" }
    var observationSpace: Space { .discrete(count: length) }
    var actionSpace: Space { .discrete(count: 2) }

    mutating func reset(seed: UInt64?) -> Reset<Int> {
        if let seed { stream = RandomStream(seed: seed) }
        position = 0
        steps = 0
        episode.begin()
        return Reset(observation: position, info: StepInfo(stepCount: 0, roomID: 0))
    }

    mutating func step(_ action: Int) throws(EnvironmentError) -> Step<Int> {
        try episode.checkStep(name)
        guard (0..<2).contains(action) else { throw .invalidAction("\(name): action \(action) is not in Discrete(2)") }
        let slipped = slip > 0 && stream.nextFloat() < slip
        if !slipped { position = Swift.max(0, Swift.min(length - 1, position + (action == 1 ? 1 : -1))) }
        steps += 1
        let terminated = position == length - 1
        let truncated = !terminated && steps >= maxSteps
        episode.end(terminated: terminated, truncated: truncated)
        let reward = terminated ? 1 - 0.9 * Double(steps) / Double(maxSteps) : 0
        return Step(observation: position, reward: reward, terminated: terminated, truncated: truncated,
                    info: StepInfo(stepCount: steps, isSuccess: terminated, roomID: position / 2))
    }

    func snapshot() -> TestCorridor { self }

    mutating func restore(_ snapshot: TestCorridor) { self = snapshot }

    /// The one-hot encoding of a cell.
    static func encode(_ position: Int, length: Int = 6) -> [Float] {
        (0..<length).map { $0 == position ? 1 : 0 }
    }
}
