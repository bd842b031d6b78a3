import PrismEnv
import PrismRecipes
import PrismStorage

/// `save_rollouts`: the recorder streaming a PPO recipe's training episodes into the run's
/// `rollouts/` dataset (Minari layout).
struct RolloutRecording {
    /// The run's settings.
    let config: PPORecipeConfig
    /// The recipe's command name.
    let recipe: String
    /// The root seed.
    let seed: UInt64
    /// The run directory.
    let run: RunDirectory
    /// Where warnings go.
    let log: (String) -> Void

    /// The recorder for `environments`; a resumed run starts with each environment's next episode.
    func makeRecorder<Env: PPOEnvironment>(_ environments: [Env], resuming: Bool,
                                            savedEpisodes: Int) throws -> VectorEpisodeRecorder<Env.Observation, Int> {
        var metadata = DatasetMetadata(datasetID: Self.datasetID(env: config.env),
                                       observationSpace: environments[0].observationSpace,
                                       actionSpace: environments[0].actionSpace)
        metadata.algorithmName = "\(recipe) (\(config.objective.rawValue) PPO)"
        metadata.description = "training episodes of \(config.env), streamed by \(recipe)"
        metadata.config = ["env_id": config.env, "seed": String(seed)]
        metadata.seed = seed
        let writer = try RolloutWriter(directory: run.file("rollouts"), metadata: metadata)
        var recorder = VectorEpisodeRecorder<Env.Observation, Int>(writer: writer, environmentCount: environments.count,
                                                                   autoresetMode: .sameStep)
        if resuming {
            if writer.episodeCount > savedEpisodes {
                log("warning: rollouts/ holds \(writer.episodeCount - savedEpisodes) episodes the interrupted run wrote after its checkpoint; they are kept")
            }
            recorder.startSkippingEpisodesInProgress()
        } else {
            let resets = environments.map { Reset(observation: $0.observation, info: $0.currentInfo) }
            recorder.start(resets, seed: config.trainingSeeds(seed: seed).lowerBound)
        }
        return recorder
    }

    /// Minari's `namespace/name-vN`: `Gridworld/DoorKey-5x5-v0` → `prism/gridworld/doorkey-5x5-ppo-v0`.
    static func datasetID(env: String) -> String {
        var name = env.lowercased()
        if let dash = name.lastIndex(of: "-"), name[name.index(after: dash)...].hasPrefix("v") { name = String(name[..<dash]) }
        return "prism/\(name)-ppo-v0"
    }
}
