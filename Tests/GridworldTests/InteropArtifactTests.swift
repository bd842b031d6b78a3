import Foundation
import Gridworld
import PrismEnv
import Testing

/// Writes text maps and replays of Prism levels for `Tests/Interop/check_minigrid.py`, which
/// replays them in Minigrid and compares every observation, reward and flag. The artifacts are
/// written only when `PRISM_INTEROP_DIR` is set; the scripts are checked to end their episodes
/// either way.
@Suite struct GridworldInteropArtifactTests {
    /// One replay: a level, a seed, an optional max_steps override and how to choose actions.
    struct Scenario: Sendable, CustomStringConvertible {
        var name: String
        var level: String
        var seed: UInt64
        var maxSteps: Int?
        var script: Script
        var description: String { name }
    }

    enum Script: Sendable {
        /// Fixed actions, then the expert (re-planning after pickups, with a drop and re-pickup).
        case prefixThenExpert([Int])
        /// Fixed actions only.
        case fixed([Int])
    }

    static let probe = [0, 2, 1, 1, 3, 4, 5, 6, 2, 0]

    static let scenarios: [Scenario] = [
        Scenario(name: "Empty-8x8", level: "Empty-8x8", seed: 1, script: .prefixThenExpert(probe)),
        Scenario(name: "Empty-5x5-truncated", level: "Empty-5x5", seed: 0, maxSteps: 12,
                 script: .fixed([0, 2, 1, 2, 1, 2, 2, 2, 3, 4, 5, 6, 0, 0])),
        Scenario(name: "DoorKey-8x8", level: "DoorKey-8x8", seed: 3, script: .prefixThenExpert(probe)),
        Scenario(name: "DoorKey-16x16", level: "DoorKey-16x16", seed: 7, script: .prefixThenExpert(probe)),
        Scenario(name: "FourRooms", level: "FourRooms", seed: 2, script: .prefixThenExpert(probe)),
        Scenario(name: "LavaGapS7", level: "LavaGapS7", seed: 4, script: .prefixThenExpert(probe)),
        Scenario(name: "LavaGapS7-lava", level: "LavaGapS7", seed: 4, script: .fixed([1, 0, 3, 4, 5] + [Int](repeating: 2, count: 6))),
        Scenario(name: "LavaCrossingS9N1", level: "LavaCrossingS9N1", seed: 5, script: .prefixThenExpert(probe)),
        Scenario(name: "MultiRoom-N4-S5", level: "MultiRoom-N4-S5", seed: 6, script: .prefixThenExpert(probe)),
        Scenario(name: "MultiRoom-N2-S4", level: "MultiRoom-N2-S4", seed: 8, script: .prefixThenExpert(probe)),
    ]

    /// The replay of a scenario: the map text, the actions and every observation and outcome.
    static func replay(_ scenario: Scenario) throws -> (map: String, actions: [Int], steps: [String], ended: Bool) {
        guard var source = Gridworld.make(scenario.level) else { throw EnvironmentError.unknownIdentifier(scenario.level, known: Gridworld.ids) }
        _ = source.reset(seed: scenario.seed)
        let layout = LevelLayout(grid: source.state.grid, agentPosition: source.state.agentPosition,
                                 agentDirection: source.state.agentDirection, mission: source.state.mission)
        let map = TextMap(layout: layout, maxSteps: scenario.maxSteps ?? source.level.maxSteps,
                          seeThroughWalls: source.level.seeThroughWalls).text
        var env = try Gridworld.make(mapText: map)
        let reset = env.reset(seed: nil)
        var steps = [record(reset.observation, reward: 0, terminated: false, truncated: false)]
        var actions: [Int] = []
        var ended = false
        func take(_ action: Int) throws {
            let step = try env.step(action)
            actions.append(action)
            steps.append(record(step.observation, reward: step.reward, terminated: step.terminated, truncated: step.truncated))
            ended = step.isDone
        }
        switch scenario.script {
        case .fixed(let list):
            for action in list where !ended { try take(action) }
        case .prefixThenExpert(let prefix):
            for action in prefix where !ended { try take(action) }
            var insertedDrop = false
            while !ended {
                guard let plan = GridworldExpert().plan(from: env.state), let first = plan.first else { break }
                let wasEmpty = env.state.carrying == nil
                try take(first.rawValue)
                if !insertedDrop, wasEmpty, env.state.carrying != nil, !ended {
                    insertedDrop = true
                    try take(GridAction.drop.rawValue)
                    if !ended { try take(GridAction.pickup.rawValue) }
                }
            }
        }
        return (map, actions, steps, ended)
    }

    static func record(_ observation: GridObservation, reward: Double, terminated: Bool, truncated: Bool) -> String {
        let image = observation.image.map { String($0) }.joined(separator: ",")
        return "{\"image\": [\(image)], \"direction\": \(observation.direction), \"reward\": \(reward), "
            + "\"terminated\": \(terminated), \"truncated\": \(truncated)}"
    }

    @Test(arguments: scenarios)
    func writeArtifact(_ scenario: Scenario) throws {
        let (map, actions, steps, ended) = try Self.replay(scenario)
        #expect(ended, "\(scenario.name) did not end its episode")
        #expect(steps.count == actions.count + 1)
        guard let directory = ProcessInfo.processInfo.environment["PRISM_INTEROP_DIR"] else { return }
        let folder = URL(fileURLWithPath: directory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try map.write(to: folder.appendingPathComponent("gridworld-\(scenario.name).map"), atomically: true, encoding: .utf8)
        let json = "{\"actions\": [\(actions.map(String.init).joined(separator: ", "))],\n\"steps\": [\n"
            + steps.joined(separator: ",\n") + "\n]}\n"
        try json.write(to: folder.appendingPathComponent("gridworld-\(scenario.name).replay.json"), atomically: true, encoding: .utf8)
    }
}
