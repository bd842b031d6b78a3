import ArgumentParser
import Foundation
import PrismJSON
import PrismRecipes

/// The flags of the PPO recipes (`ppo-gridworld`, `ppo`): the common recipe options plus
/// shorthands for the most used config keys, and `--eval-only`.
public struct PPOOptions: ParsableArguments {
    /// The options every recipe takes.
    @OptionGroup public var common: RecipeOptions
    /// `--env`.
    @Option(help: "Environment id (config key env; default Gridworld/DoorKey-5x5-v0).") public var env: String?
    /// `--objective`.
    @Option(help: "standard or polychromic (config key objective).") public var objective: String?
    /// `--init`.
    @Option(name: .customLong("init"), help: "scratch or bc (config key initialization).") public var initialization: String?
    /// `--demos`.
    @Option(help: ArgumentHelp("Expert dataset for --init bc (config key demos; default: record with the environment's expert).", valueName: "dir"))
    public var demos: String?
    /// `--total-steps`.
    @Option(help: "Environment steps to train for (config key total_steps).") public var totalSteps: Int?
    /// `--save-rollouts`.
    @Flag(help: "Stream training episodes into <run>/rollouts/ (config key save_rollouts).") public var saveRollouts = false
    /// `--eval-only`.
    @Flag(help: "Evaluate the saved policy of --checkpoint RUN_DIR instead of training.") public var evalOnly = false
    /// `--checkpoint`.
    @Option(help: ArgumentHelp("The run directory whose latest checkpoint --eval-only evaluates.", valueName: "run-dir"))
    public var checkpoint: String?

    /// Options as parsed.
    public init() {}

    /// Rejects contradictory flags.
    public func validate() throws {
        if evalOnly != (checkpoint != nil) {
            throw ValidationError("--eval-only and --checkpoint RUN_DIR go together")
        }
        if evalOnly, common.resume != nil || common.stopAfterSteps != nil {
            throw ValidationError("--eval-only cannot be combined with --resume or --stop-after-steps")
        }
        if let totalSteps, totalSteps <= 0 { throw ValidationError("--total-steps must be positive, got \(totalSteps)") }
    }

    /// The common options with the shorthand flags appended as `--set` overrides.
    public var recipeOptions: RecipeOptions {
        common.adding(shorthands: [
            ("env", env.map(JSONValue.string)), ("objective", objective.map(JSONValue.string)),
            ("initialization", initialization.map(JSONValue.string)), ("demos", demos.map(JSONValue.string)),
            ("total_steps", totalSteps.map(JSONValue.integer)), ("save_rollouts", saveRollouts ? .bool(true) : nil),
        ])
    }

    /// The help text's description of the run directory and the shorthands.
    static let runDirectoryHelp = """
        Writes a run directory: config.json, metrics.jsonl/.csv, timing.jsonl, TensorBoard \
        events, checkpoints/step-N (model, optimizer, state with every random stream and the \
        environments), eval.json, report.md, return.svg, pass_at_k.svg and, with \
        --save-rollouts, rollouts/ (a Minari dataset). The flags --env, --objective, --init, \
        --demos, --total-steps and --save-rollouts are shorthands for --set of the config keys \
        env, objective, initialization, demos, total_steps and save_rollouts.
        """
}

/// What a PPO recipe command does with its options: train (or evaluate a saved run) on
/// environments of type `Env` and print where the results are.
public struct PPORecipeRun<Env: PPOEnvironment> {
    /// The command name (`ppo-gridworld`), recorded in `config.json`.
    public let recipe: String
    /// The parsed flags.
    public let options: PPOOptions

    /// A run of `recipe` with `options`.
    public init(recipe: String, options: PPOOptions) {
        self.recipe = recipe
        self.options = options
    }

    /// Trains (or evaluates) and prints the summary; errors are reported on stderr with a
    /// non-zero exit.
    public func run() throws {
        try CommandErrors.report(recipe, execute)
    }

    private func execute() throws {
        let say: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
        if let checkpoint = options.checkpoint {
            let saved = try SavedPolicy<Env>(runDirectory: checkpoint, recipe: recipe)
            let evaluation = try RunEvaluation(policy: saved.model, environment: saved.environment, config: saved.config,
                                               recipe: recipe, seed: saved.seed, step: saved.checkpoint.step)
            try evaluation.write(to: saved.run, seed: saved.seed)
            print(Self.summary(evaluation, run: saved.run))
            return
        }
        guard let setup = try RecipeSetup.prepare(PPORecipeConfig.self, recipe: recipe, options: options.recipeOptions,
                                                  check: PPOTraining<Env>.checkBeforeStart) else { return }
        say("\(recipe): \(setup.config.env), \(setup.config.objective.rawValue) PPO, seed \(setup.seed), run \(setup.run.url.path)")
        let result = try PPOTraining<Env>(setup: setup, stopAfterSteps: options.common.stopAfterSteps, log: say).run()
        switch (result.outcome, result.evaluation) {
        case (.finished, let evaluation?):
            print(Self.summary(evaluation, run: setup.run))
        case (let outcome, _):
            print("stopped after \(outcome.step) steps (checkpoint written); continue with --resume \(setup.run.url.path)")
        }
    }

    /// The lines printed after an evaluation (diversity only when the environment reports rooms).
    static func summary(_ evaluation: RunEvaluation, run: RunDirectory) -> String {
        let r = evaluation.result
        func f(_ value: Double) -> String { String(format: "%.3f", value) }
        let diversity = evaluation.reportsRooms ? ", diversity \(f(r.diversity))" : ""
        return """
            eval (\(r.seeds.count) held-out seeds, step \(evaluation.step)): greedy success \(f(r.greedy.successRate)), \
            return \(f(r.greedy.meanReturn)), length \(f(r.greedy.meanLength)); sampled success \(f(r.sampled.successRate)), \
            pass@1 \(f(r.passAtK[1] ?? .nan)), pass@\(r.passAtK.count) \(f(r.passAtK[r.passAtK.count] ?? .nan))\(diversity)
            wrote \(run.file("eval.json").path) and \(run.file("report.md").path)
            """
    }
}
