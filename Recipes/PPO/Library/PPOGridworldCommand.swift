import ArgumentParser
import Gridworld
import PrismRecipes

/// `ppo-gridworld`: PPO (standard or polychromic) on a gridworld, writing a run directory.
public struct PPOGridworldCommand: ParsableCommand {
    /// The command's name and help.
    public static let configuration = CommandConfiguration(
        commandName: "ppo-gridworld",
        abstract: "Train PPO on a gridworld (default DoorKey-5x5) and evaluate it on held-out seeds.",
        discussion: PPOOptions.runDirectoryHelp + """
             `ppo-gridworld compare RUN_DIR… --out DIR` puts evaluated runs side by side.
            """,
        subcommands: [PPOGridworldCompareCommand.self])

    /// The flags.
    @OptionGroup public var options: PPOOptions

    /// Options as parsed.
    public init() {}

    /// Trains (or evaluates) and prints where the results are.
    public func run() throws {
        try PPORecipeRun<GridworldEnvironment>(recipe: "ppo-gridworld", options: options).run()
    }
}
