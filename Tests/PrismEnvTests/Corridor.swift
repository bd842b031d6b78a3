import PrismEnv
import PrismTensor

/// A test environment: walk along a corridor of `length` cells from a seeded start to the right
/// end (terminated, reward 1); truncated after `maxSteps`. Each `Defect` breaks one rule of the
/// environment contract, so that every rule of `checkEnvironment` is seen to catch its violation.
struct Corridor: Environment, Restorable {
    enum Defect: CaseIterable {
        case emptyActionSpace, resetOutsideSpace, stepOutsideSpace, resetIgnoresSeed, unseededSteps
        case unseededContinuation, noOrderBeforeReset, noOrderAfterEnd, acceptsInvalidActions, restoreForgetsStream
    }

    var defect: Defect?
    var length = 6
    var maxSteps = 30
    var stream = RandomStream(seed: 0)
    var position = 0
    var steps = 0
    var resets = 0
    var episode = EpisodeGuard()

    var name: String { "Test/Corridor-v0" }
    var observationSpace: Space { .discrete(count: length) }
    var actionSpace: Space { defect == .emptyActionSpace ? .discrete(count: 0) : .discrete(count: 2) }

    mutating func reset(seed: UInt64?) -> Reset<Int> {
        if let seed { stream = RandomStream(seed: defect == .resetIgnoresSeed ? seed &+ UInt64(resets) : seed) }
        if seed == nil && defect == .unseededContinuation { stream = RandomStream(seed: UInt64.random(in: 0...UInt64.max)) }
        resets += 1
        position = stream.nextInt(below: length - 1)
        steps = 0
        episode.begin()
        return Reset(observation: defect == .resetOutsideSpace ? length : position, info: StepInfo(stepCount: 0))
    }

    mutating func step(_ action: Int) throws(EnvironmentError) -> Step<Int> {
        if defect != .noOrderBeforeReset || episode.phase != .notStarted,
           defect != .noOrderAfterEnd || episode.phase != .ended {
            try episode.checkStep(name)
        }
        guard defect == .acceptsInvalidActions || (0..<2).contains(action) else {
            throw .invalidAction("\(name): action \(action) is not in Discrete(2)")
        }
        let slip = defect == .unseededSteps ? Int.random(in: 0...1) : (stream.nextFloat() < 0.1 ? 1 : 0)
        position = Swift.max(0, Swift.min(length - 1, position + (action == 1 ? 1 : -1) * (1 - slip)))
        steps += 1
        let terminated = position == length - 1
        let truncated = steps >= maxSteps
        episode.end(terminated: terminated, truncated: truncated)
        let observation = defect == .stepOutsideSpace ? -1 : position
        return Step(observation: observation, reward: terminated ? 1 : 0, terminated: terminated, truncated: truncated,
                    info: StepInfo(stepCount: steps))
    }

    func snapshot() -> Corridor { self }

    mutating func restore(_ snapshot: Corridor) {
        let current = stream
        self = snapshot
        if defect == .restoreForgetsStream { stream = current }
    }
}
