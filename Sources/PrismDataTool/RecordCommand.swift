import ArgumentParser
import Foundation
import PrismEnv
import PrismRecipes
import PrismStorage

/// `prism-data record`: plays episodes of a registered environment and writes them as a dataset.
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Play episodes of a registered environment and write them to a dataset directory.",
        discussion: """
            Writes OUT/data/main_data.hdf5 and OUT/data/metadata.json (crash-safe: each finished \
            episode is flushed and counted). Episode i is reset with seed S+i. An existing \
            dataset of the same environment is appended to; a path holding anything else is \
            refused. --policy expert is the shortest-plan planner for gridworld ids and the \
            oracle for ToolUse ids; random samples the action space from a seeded stream.
            """)

    @Option(help: "A registered environment id, e.g. Gridworld/DoorKey-5x5-v0 or ToolUse/Mixed-v0.")
    var env: String

    @Option(help: "expert or random.")
    var policy: String

    @Option(help: "The number of episodes to record.")
    var episodes: Int

    @Option(help: "The seed of the first episode (episode i uses seed+i).")
    var seed: UInt64 = 0

    @Option(help: "The dataset directory to create or append to.")
    var out: String

    @Option(help: "Author recorded in metadata.json.")
    var author: String = "prism-data"

    func validate() throws {
        guard episodes >= 1 else { throw ValidationError("--episodes must be at least 1, got \(episodes)") }
        guard RecordPolicy(rawValue: policy) != nil else {
            throw ValidationError("--policy must be one of \(RecordPolicy.allCases.map(\.rawValue).joined(separator: ", ")), got '\(policy)'")
        }
    }

    func run() throws {
        guard let policy = RecordPolicy(rawValue: policy) else { throw UserError("unknown policy '\(self.policy)'") }
        let player = try EpisodePlayer(id: env, policy: policy)
        let writer: RolloutWriter
        do {
            writer = try RolloutWriter(directory: URL(fileURLWithPath: out), metadata: metadata(player))
        } catch {
            throw UserError("\(error)")
        }
        if let existing = writer.metadata.config["env_id"], existing != env {
            throw UserError("refusing to append to \(out): it holds episodes of \(existing), not \(env)")
        }
        let before = writer.episodeCount
        let progress = ProgressDisplay(total: episodes, label: "recording \(env) (\(policy.rawValue)), episode",
                                       rateUnit: "episodes/s")
        defer { progress.finish() }
        progress.update(step: 0)
        var steps = 0, returns = 0.0
        for index in 0..<episodes {
            let episodeSeed = seed &+ UInt64(index)
            let episode: Episode
            do { episode = try player.play(seed: episodeSeed) } catch {
                throw UserError("\(env) episode \(index) (seed \(episodeSeed)): \(error)")
            }
            do { try writer.append(episode) } catch { throw UserError("writing episode \(index) to \(out): \(error)") }
            steps += episode.totalSteps
            returns += episode.rewards.reduce(0, +)
            progress.update(step: index + 1, status: "\(steps) steps, mean return \(String(format: "%.3f", returns / Double(index + 1)))")
        }
        do { try writer.close() } catch { throw UserError("closing \(out): \(error)") }
        let appended = before > 0 ? " (appended to \(before) existing)" : ""
        print("wrote \(episodes) episodes, \(steps) steps to \(out)\(appended); dataset now holds "
            + "\(writer.episodeCount) episodes, \(writer.metadata.totalSteps) steps")
    }

    /// The metadata of a new dataset (an existing dataset keeps its own).
    private func metadata(_ player: EpisodePlayer) -> DatasetMetadata {
        var metadata = DatasetMetadata(datasetID: Self.datasetID(env: env, policy: player.policy),
                                       observationSpace: player.observationSpace, actionSpace: player.actionSpace)
        metadata.author = [author]
        metadata.algorithmName = player.algorithmName
        metadata.description = "\(player.policy.rawValue) episodes of \(env) recorded by prism-data (episode i reset with seed \(seed)+i)"
        metadata.config = ["env_id": env, "policy": player.policy.rawValue, "episodes": String(episodes), "first_seed": String(seed)]
        metadata.seed = seed
        return metadata
    }

    /// Minari's `namespace/name-vN` id: `Gridworld/DoorKey-5x5-v0` + expert → `prism/gridworld/doorkey-5x5-expert-v0`.
    static func datasetID(env: String, policy: RecordPolicy) -> String {
        var name = env.lowercased()
        var version = "v0"
        if let dash = name.lastIndex(of: "-"), name[name.index(after: dash)...].hasPrefix("v") {
            version = String(name[name.index(after: dash)...])
            name = String(name[..<dash])
        }
        return "prism/\(name)-\(policy.rawValue)-\(version)"
    }
}
