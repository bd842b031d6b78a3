import ArgumentParser
import PrismTensor
import Foundation
import Gridworld
import PPORecipe
import PrismEnv

/// `prism-env render`: draws one episode of a gridworld as a strip of frames in a PNG.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render", abstract: "Draw an episode of a gridworld (expert, random or a trained policy) as a PNG strip.")

    @OptionGroup var source: GridworldSource

    @Option(help: "expert (shortest-path planner), random, or checkpoint:RUN_DIR (the greedy policy of a ppo-gridworld run's latest checkpoint).")
    var policy: String = "expert"

    @Option(help: "Output PNG file.")
    var out: String = "episode.png"

    @Option(help: "At most this many frames are drawn (the reset counts as one).")
    var maxFrames = 48

    @Option(help: "Frames per row of the strip.")
    var columns = 8

    @Option(help: "Pixels per grid cell.")
    var tileSize = 24

    func validate() throws {
        guard ["expert", "random"].contains(policy) || checkpointRun.map({ !$0.isEmpty }) == true else {
            throw ValidationError("--policy must be expert, random or checkpoint:RUN_DIR, got '\(policy)'")
        }
        guard maxFrames >= 1, columns >= 1, tileSize >= 4 else {
            throw ValidationError("--max-frames and --columns must be ≥ 1 and --tile-size ≥ 4")
        }
    }

    /// The run directory of `--policy checkpoint:RUN_DIR`, nil for the other policies.
    var checkpointRun: String? {
        policy.hasPrefix("checkpoint:") ? String(policy.dropFirst("checkpoint:".count)) : nil
    }

    func run() throws {
        var (environment, _) = try source.makeResetEnvironment()
        let trained = try checkpointRun.map { try SavedPolicy<GridworldEnvironment>(runDirectory: $0, recipe: "ppo-gridworld") }
        var stream = RandomStream(seed: source.seed).child("policy")
        var plan = policy == "expert" ? (GridworldExpert().plan(from: environment.state) ?? []) : []
        var frames = [environment.renderImage(tileSize: tileSize)]
        var totalReward = 0.0
        var outcome = "stopped after \(maxFrames) frames"
        while frames.count < maxFrames {
            let action: GridAction
            if let trained {
                let observation = Tensor(shape: [1, ObservationEncoders.flatCount], scalars: ObservationEncoders.flat(environment.observation))
                action = GridAction(rawValue: withoutGradients { trained.model.policy(observation).mode[0] }) ?? .done
            } else if policy == "expert" {
                guard !plan.isEmpty else { outcome = "expert plan finished"; break }
                action = plan.removeFirst()
            } else {
                action = GridAction(rawValue: stream.nextInt(below: GridAction.allCases.count)) ?? .done
            }
            let step = try environment.step(action.rawValue)
            totalReward += step.reward
            frames.append(environment.renderImage(tileSize: tileSize))
            if step.isDone {
                outcome = step.terminated ? (step.info.isSuccess == true ? "success" : "terminated") : "truncated"
                break
            }
        }
        let url = URL(fileURLWithPath: out)
        try RGBImage.strip(frames, columns: Swift.min(columns, frames.count)).writePNG(to: url)
        let source = trained.map { " (greedy policy of \($0.checkpoint.url.path), trained on \($0.config.env))" } ?? ""
        print("wrote \(out): \(frames.count) frames, return \(String(format: "%.3f", totalReward)), \(outcome)\(source)")
    }
}
