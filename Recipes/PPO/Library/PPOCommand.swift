import ArgumentParser
import Gridworld
import PrismEnv
import PrismRecipes

/// `ppo`: PPO (standard or polychromic) on any environment of the
/// ``PrismEnv/EnvironmentRegistry``, writing a run directory. A plug-in package registers its
/// environment and calls `PPOCommand.main()`; the gridworlds are registered too.
public struct PPOCommand: ParsableCommand {
    /// The command's name and help.
    public static let configuration = CommandConfiguration(
        commandName: "ppo",
        abstract: "Train PPO on any registered environment with Discrete actions and evaluate it on held-out seeds.",
        discussion: """
            The environment's actions must be Discrete; its observations a Box, a Discrete or a Dict \
            of Box and Discrete fields (Text fields are not read). Polychromic PPO and --resume need \
            an environment that is Restorable with a Codable Snapshot; --init bc needs --demos. \
            `ppo check-env ID` checks an environment first.
            """ + " " + PPOOptions.runDirectoryHelp,
        subcommands: [PPOCheckEnvironmentCommand.self])

    /// The flags.
    @OptionGroup public var options: PPOOptions

    /// Options as parsed.
    public init() {}

    /// Trains (or evaluates) and prints where the results are.
    public func run() throws {
        Self.registerGridworlds()
        try PPORecipeRun<RegisteredEnvironment>(recipe: "ppo", options: options).run()
    }

    /// Adds the gridworlds to the registry unless their ids are taken.
    static func registerGridworlds() {
        if EnvironmentRegistry.shared.spec(Gridworld.ids[0]) == nil { Gridworld.register() }
    }
}
