import Foundation
import Gridworld
import PrismEnv
import PrismStorage
import PrismTensor
import Testing
import ToolUse

/// Writes Minari datasets for `Tests/Interop/check_minari.py`, which loads them with
/// `minari.MinariDataset` and compares every episode array with `expected.json`. The datasets
/// are written under `$PRISM_INTEROP_DIR/minari/` only when that variable is set; the episodes
/// are checked to round-trip through Prism's reader either way.
@Suite struct StorageInteropArtifactTests {
    /// DoorKey-5x5: expert episodes and one random episode (truncated by the time limit or ended).
    static func doorKeyEpisodes() throws -> (Space, Space, [Episode]) {
        guard var env = Gridworld.make("DoorKey-5x5") else { throw EnvironmentError.unknownIdentifier("DoorKey-5x5", known: Gridworld.ids) }
        var random = RandomStream(seed: 11)
        var episodes: [Episode] = []
        for index in 0..<4 {
            let seed = UInt64(20 + index)
            let reset = env.reset(seed: seed)
            var episode = Episode(seed: seed, observations: [reset.observation.spaceValue], actions: [], rewards: [],
                                  terminations: [], truncations: [])
            var infos = StepInfoColumns()
            infos.append(reset.info, env.state)
            var done = false
            while !done {
                let action: Int
                if index == 3 {
                    action = random.nextInt(below: 7)
                } else {
                    guard let first = GridworldExpert().plan(from: env.state)?.first else { break }
                    action = first.rawValue
                }
                let step = try env.step(action)
                episode.actions.append(.discrete(action))
                episode.observations.append(step.observation.spaceValue)
                episode.rewards.append(step.reward)
                episode.terminations.append(step.terminated)
                episode.truncations.append(step.truncated && !step.terminated)
                infos.append(step.info, env.state)
                done = step.isDone
            }
            episode.infos = infos.columns
            episodes.append(episode)
        }
        return (env.observationSpace, env.actionSpace, episodes)
    }

    /// ToolUse: oracle episodes (Text observations and actions).
    static func toolUseEpisodes() throws -> (Space, Space, [Episode]) {
        var env = ToolUseEnvironment()
        var episodes: [Episode] = []
        for index in 0..<3 {
            let seed = UInt64(5 + index)
            let reset = env.reset(seed: seed)
            guard let task = env.task else { throw EnvironmentError.invalidAction("no task after reset") }
            var policy = OraclePolicy(task: task)
            var observation = reset.observation
            var episode = Episode(seed: seed, observations: [.text(observation)], actions: [], rewards: [],
                                  terminations: [], truncations: [])
            var done = false
            while !done {
                let action = policy.action(after: observation)
                let step = try env.step(action)
                observation = step.observation
                episode.actions.append(.text(action))
                episode.observations.append(.text(observation))
                episode.rewards.append(step.reward)
                episode.terminations.append(step.terminated)
                episode.truncations.append(step.truncated && !step.terminated)
                done = step.isDone
            }
            episodes.append(episode)
        }
        return (env.observationSpace, env.actionSpace, episodes)
    }

    /// A space value column as JSON: numbers, flat numeric lists, strings, or per-key columns.
    static func column(_ values: [SpaceValue]) -> Any {
        guard case .dict(let first)? = values.first else {
            return values.map { value -> Any in
                switch value {
                case .discrete(let x): x
                case .box(let xs): xs.map(Double.init)
                case .multiDiscrete(let xs): xs
                case .text(let s): s
                case .dict: NSNull()
                }
            }
        }
        var result: [String: Any] = [:]
        for key in first.keys {
            result[key] = column(values.map { value in
                if case .dict(let entries) = value, let entry = entries[key] { return entry }
                return .discrete(0)
            })
        }
        return result
    }

    @Test func writesDoorKeyAndToolUseDatasets() throws {
        let environment = ProcessInfo.processInfo.environment["PRISM_INTEROP_DIR"]
        let scratch = try TemporaryDirectory()
        defer { scratch.cleanup() }
        let root = environment.map { URL(fileURLWithPath: $0).appendingPathComponent("minari") } ?? scratch.url
        var expected: [[String: Any]] = []
        let sources = [("prism/doorkey-5x5-expert-v0", "gridworld expert + random", try Self.doorKeyEpisodes()),
                       ("prism/tooluse-oracle-v0", "tooluse oracle", try Self.toolUseEpisodes())]
        for (id, algorithm, (observationSpace, actionSpace, episodes)) in sources {
            let directory = root.appendingPathComponent(id)
            try? FileManager.default.removeItem(at: directory)
            var metadata = DatasetMetadata(datasetID: id, observationSpace: observationSpace, actionSpace: actionSpace)
            metadata.algorithmName = algorithm
            metadata.author = ["Prism"]
            metadata.description = "Prism interop artifact"
            let writer = try RolloutWriter(directory: directory, metadata: metadata)
            for episode in episodes { try writer.append(episode) }
            try writer.close()

            let reader = try RolloutReader(directory: directory)
            #expect(reader.validate().isEmpty, "\(reader.validate())")
            for (index, episode) in episodes.enumerated() {
                let read = try reader.episode(index)
                #expect(read.observations == episode.observations && read.actions == episode.actions)
                #expect(read.rewards == episode.rewards && read.terminations == episode.terminations)
            }
            expected.append([
                "dataset_id": id, "path": id + "/data", "total_steps": episodes.map(\.totalSteps).reduce(0, +),
                "episodes": episodes.map { episode -> [String: Any] in
                    ["observations": Self.column(episode.observations), "actions": Self.column(episode.actions),
                     "rewards": episode.rewards, "terminations": episode.terminations, "truncations": episode.truncations,
                     "infos": Self.typedJSON(episode.infos), "seed": episode.seed.map { Int($0) } ?? -1]
                },
            ])
        }
        if environment != nil {
            let data = try JSONSerialization.data(withJSONObject: ["datasets": expected], options: [.sortedKeys])
            try data.write(to: root.appendingPathComponent("expected.json"))
        }
    }

    /// Infos in the typed JSON form `check_minari.py` compares: `{"dtype": ..., "values": ...}`
    /// per column (numeric rows of shape `rowShape` as nested lists), `{"group": {...}}` per group.
    static func typedJSON(_ columns: [String: InfoColumn]) -> [String: Any] {
        func rows<T>(_ values: [T], _ shape: [Int]) -> [Any] {
            let width = shape.reduce(1, *)
            guard !shape.isEmpty else { return values }
            return stride(from: 0, to: values.count, by: width).map { Array(values[$0..<$0 + width]) }
        }
        return columns.mapValues { column -> Any in
            switch column {
            case let .float64(values, shape): ["dtype": "float64", "values": rows(values, shape)]
            case let .int64(values, shape): ["dtype": "int64", "values": rows(values, shape)]
            case let .bool(values): ["dtype": "bool", "values": values]
            case let .string(values): ["dtype": "string", "values": values]
            case let .group(entries): ["group": typedJSON(entries)]
            }
        }
    }
}

/// Gridworld step infos gathered per row, as a recorder would store them: the step count, the
/// mission text, the success flag and a nested `agent` group with position `[x, y]` and direction.
struct StepInfoColumns {
    var stepCount: [Int64] = [], mission: [String] = [], success: [Bool] = [], position: [Int64] = [], direction: [Int64] = []

    mutating func append(_ info: StepInfo, _ state: GridworldState) {
        stepCount.append(Int64(info.stepCount ?? state.stepCount))
        mission.append(info.mission ?? state.mission)
        success.append(info.isSuccess ?? false)
        position += [Int64(state.agentPosition.x), Int64(state.agentPosition.y)]
        direction.append(Int64(state.agentDirection))
    }

    var columns: [String: InfoColumn] {
        ["step_count": .int64(stepCount), "mission": .string(mission), "success": .bool(success),
         "agent": .group(["position": .int64(position, rowShape: [2]), "direction": .int64(direction)])]
    }
}
