import Foundation
@testable import PPOGridworldRecipe
import PrismRecipes

/// Runs the recipe in-process on a fresh temporary run directory, as the command line would.
enum RecipeRunner {
    /// A new empty directory path (not created).
    static func temporaryRun(_ name: String) -> URL {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("ppo-gridworld-tests-\(getpid())-\(name)-\(UUID().uuidString.prefix(8))")
    }

    /// Parses `arguments` as `ppo-gridworld` does and prepares the run.
    static func setup(_ arguments: [String]) throws -> (RecipeSetup<PPOGridworldConfig>, RecipeOptions) {
        let command = try PPOGridworldCommand.parse(arguments)
        let options = command.options
        guard let setup = try RecipeSetup.prepare(PPOGridworldConfig.self, recipe: "ppo-gridworld", options: options,
                                                  check: PPOGridworldTraining.checkBeforeStart) else {
            throw UserError("dry run")
        }
        return (setup, options)
    }

    /// Trains with `arguments`, silently.
    @discardableResult
    static func train(_ arguments: [String]) throws -> (setup: RecipeSetup<PPOGridworldConfig>, outcome: TrainingOutcome) {
        let (setup, options) = try setup(arguments)
        let silent = ProgressDisplay.Output(isTerminal: false) { _ in }
        let outcome = try PPOGridworldTraining(setup: setup, stopAfterSteps: options.stopAfterSteps,
                                               progressOutput: silent, log: { _ in }).run().outcome
        return (setup, outcome)
    }

    /// The bytes of `name` in the checkpoint at `step` of `run`.
    static func checkpointFile(_ run: URL, step: Int, _ name: String) throws -> Data {
        try Data(contentsOf: run.appendingPathComponent("checkpoints/step-\(step)/\(name)"))
    }
}
