import ArgumentParser
import Foundation
import Gridworld
import PrismEnv
import PrismRecipes

/// `prism-env replay`: plays an action list in a gridworld and prints one JSON line per reset and
/// step (Minigrid's `obs["image"].flatten()`, direction, reward, flags) and nothing else.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay actions in a gridworld; one JSON line for the reset and one per step.",
        discussion: "Actions are indices 0-6 or names: left, right, forward, pickup, drop, toggle, done.")

    @OptionGroup var source: GridworldSource

    @Option(help: "Comma-separated actions.")
    var actions: String

    func run() throws {
        let parsed = try Self.parseActions(actions)
        var (environment, reset) = try source.makeResetEnvironment()
        print(Self.line(reset.observation, reward: 0, terminated: false, truncated: false))
        for action in parsed {
            let step = try environment.step(action.rawValue)
            print(Self.line(step.observation, reward: step.reward, terminated: step.terminated, truncated: step.truncated))
            if step.isDone { break }
        }
    }

    static func parseActions(_ text: String) throws -> [GridAction] {
        try text.split(separator: ",").enumerated().map { index, token in
            let name = token.trimmingCharacters(in: .whitespaces)
            if let number = Int(name), let action = GridAction(rawValue: number) { return action }
            if let action = GridAction.allCases.first(where: { "\($0)" == name.lowercased() }) { return action }
            throw UserError("action \(index + 1) '\(name)' is not 0-6 or one of "
                + GridAction.allCases.map { "\($0)" }.joined(separator: ", "))
        }
    }

    static func line(_ observation: GridObservation, reward: Double, terminated: Bool, truncated: Bool) -> String {
        let image = observation.image.map(String.init).joined(separator: ", ")
        return #"{"image": [\#(image)], "direction": \#(observation.direction), "reward": \#(reward), "#
            + #""terminated": \#(terminated), "truncated": \#(truncated)}"#
    }
}
