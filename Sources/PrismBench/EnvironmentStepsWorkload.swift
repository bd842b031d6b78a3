import Gridworld
import PrismEnv
import PrismTensor

/// `env-steps`: gridworld environment steps per second with random actions, each observation
/// encoded to the learner's 151 floats (147 image values + direction one-hot); a single
/// environment, and a vector of 8 batching encodings into an `[8, 151]` tensor with next-step
/// autoreset. One timed iteration is 1,000 environment steps.
enum EnvironmentStepsWorkload {
    static let levels = ["DoorKey-5x5", "FourRooms"]
    static let stepsPerIteration = 1_000

    static func run(runs: Int, target: Double) -> [String] {
        var rows: [String] = []
        for level in levels {
            for copies in [1, 8] {
                guard let environment = Gridworld.make(level, seed: 0) else { continue }
                let timing = copies == 1 ? single(environment, runs: runs, target: target)
                                         : vector(environment, copies: copies, runs: runs, target: target)
                let stepsPerSecond = Double(stepsPerIteration) / (timing.median / 1000)
                rows.append(timing.row("env-steps", threads: 1, extra: [("envs", Double(copies)), ("steps_per_s", stepsPerSecond)])
                    .replacingOccurrences(of: "\"threads\"", with: "\"env\": \"\(Gridworld.id(level))\", \"threads\""))
            }
        }
        return rows
    }

    static func single(_ prototype: GridworldEnvironment, runs: Int, target: Double) -> Timing {
        var environment = prototype
        var stream = RandomStream(seed: 1)
        _ = environment.reset(seed: 0)
        var encoded = [Float](repeating: 0, count: ObservationEncoders.flatCount)
        return Timing.measure(runs: runs, target: target) {
            for _ in 0..<stepsPerIteration {
                guard let step = try? environment.step(stream.nextInt(below: 7)) else { return }
                ObservationEncoders.flat(step.observation, into: &encoded[...])
                if step.isDone { ObservationEncoders.flat(environment.reset(seed: nil).observation, into: &encoded[...]) }
            }
        }
    }

    static func vector(_ prototype: GridworldEnvironment, copies: Int, runs: Int, target: Double) -> Timing {
        var environments = VectorEnvironment([GridworldEnvironment](repeating: prototype, count: copies))
        var stream = RandomStream(seed: 1)
        _ = environments.reset(seed: 0)
        var actions = [Int](repeating: 0, count: copies)
        var step = VectorStep<GridObservation>(reservingFor: copies)
        return Timing.measure(runs: runs, target: target) {
            for _ in 0..<(stepsPerIteration / copies) {
                for copy in 0..<copies { actions[copy] = stream.nextInt(below: 7) }
                guard (try? environments.step(actions, into: &step)) != nil else { return }
                _ = VectorEnvironment<GridworldEnvironment>.batch(step.observations, width: ObservationEncoders.flatCount,
                                                                  encodeInto: { ObservationEncoders.flat($0, into: $1) })
            }
        }
    }
}
