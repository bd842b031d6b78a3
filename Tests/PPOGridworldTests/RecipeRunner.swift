import Foundation
import Gridworld
@testable import PPORecipe
import PrismRecipes

/// Runs the recipe in-process on a fresh temporary run directory, as the command line would.
enum RecipeRunner {
    /// A new empty directory path (not created).
    static func temporaryRun(_ name: String) -> URL {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("ppo-gridworld-tests-\(getpid())-\(name)-\(UUID().uuidString.prefix(8))")
    }

    /// Parses `arguments` as `ppo-gridworld` (or, for another environment type, `ppo`) does and
    /// prepares the run.
    static func setup<Env: PPOEnvironment>(_ arguments: [String], _ type: Env.Type = GridworldEnvironment.self) throws
        -> (RecipeSetup<PPORecipeConfig>, RecipeOptions) {
        let options = try PPOGridworldCommand.parse(arguments).options.recipeOptions
        let recipe = Env.self == GridworldEnvironment.self ? "ppo-gridworld" : "ppo"
        guard let setup = try RecipeSetup.prepare(PPORecipeConfig.self, recipe: recipe, options: options,
                                                  check: PPOTraining<Env>.checkBeforeStart) else {
            throw UserError("dry run")
        }
        return (setup, options)
    }

    /// Trains with `arguments`, silently.
    @discardableResult
    static func train<Env: PPOEnvironment>(_ arguments: [String], _ type: Env.Type = GridworldEnvironment.self) throws
        -> (setup: RecipeSetup<PPORecipeConfig>, outcome: TrainingOutcome) {
        let (setup, options) = try setup(arguments, type)
        let silent = ProgressDisplay.Output(isTerminal: false) { _ in }
        let outcome = try PPOTraining<Env>(setup: setup, stopAfterSteps: options.stopAfterSteps,
                                               progressOutput: silent, log: { _ in }).run().outcome
        return (setup, outcome)
    }

    /// The bytes of `name` in the checkpoint at `step` of `run`.
    static func checkpointFile(_ run: URL, step: Int, _ name: String) throws -> Data {
        try Data(contentsOf: run.appendingPathComponent("checkpoints/step-\(step)/\(name)"))
    }
}
