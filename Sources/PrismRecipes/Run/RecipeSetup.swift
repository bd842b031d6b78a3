import Foundation
import PrismTensor

/// Everything a recipe needs before its first step, from the common options: the resolved config
/// and seed, the run directory (new, or reopened with `--resume`) and the checkpoint to continue
/// from.
///
/// ```swift
/// guard let setup = try RecipeSetup.prepare(PPORecipeConfig.self, recipe: "ppo-gridworld", options: options,
///                                           check: PPOTraining.checkBeforeStart) else { return }
/// let result = try TrainingLoop(setup: setup, plan: plan, stopAfterSteps: options.stopAfterSteps).run { … }
/// ```
public struct RecipeSetup<Config: RecipeConfig>: Sendable {
    /// The resolved config.
    public var resolved: ResolvedConfig<Config>
    /// The root seed.
    public var seed: UInt64
    /// The recipe's command name (`ppo-gridworld`), as `config.json` records it.
    public var recipe: String
    /// The run directory.
    public var run: RunDirectory
    /// The checkpoint to continue from when resuming (nil for a new run, or a resumed run that
    /// was killed before its first checkpoint: it starts over).
    public var checkpoint: SavedCheckpoint?

    /// The typed config.
    public var config: Config { resolved.config }

    /// For ``MetricsLogger/init(directory:resumingAfter:hostName:clock:)``: nil for a new run, the
    /// checkpoint's step when resuming from one, `-1` when resuming without one.
    public var resumeStep: Int? { run.isResumed ? (checkpoint?.step ?? -1) : nil }

    /// Resolves the config and prepares the run directory; with `--dry-run` prints the config
    /// and returns nil without creating anything.
    /// - Parameter check: runs on the resolved config and seed before anything is written
    ///   (checks the config alone cannot make: files it names, seed ranges, environment ids); a
    ///   ``ConfigValidationError`` it throws is reported with the key's origin.
    /// - Throws: ``ConfigError``, ``RunDirectoryError`` or what `check` throws, before anything
    ///   is computed.
    public static func prepare(_ type: Config.Type, recipe: String, options: RecipeOptions, now: Date = Date(),
                               check: (Config, UInt64) throws -> Void = { _, _ in }) throws -> RecipeSetup? {
        let (resolved, seed) = try options.resolveConfig(type)
        if options.printIfDryRun(resolved, seed: seed, recipe: recipe) { return nil }
        do { try check(resolved.config, seed) } catch let error as ConfigValidationError { throw resolved.attributing(error) }
        return try RecipeSetup(resolved, seed: seed, recipe: recipe, options: options, now: now)
    }

    /// The run directory for an already resolved config: a new one (with `config.json`), or the
    /// `--resume` one reopened with its latest checkpoint.
    /// - Throws: ``RunDirectoryError`` naming the directory.
    public init(_ resolved: ResolvedConfig<Config>, seed: UInt64, recipe: String, options: RecipeOptions,
                now: Date = Date()) throws {
        self.resolved = resolved
        self.seed = seed
        self.recipe = recipe
        let url = options.runDirectory(recipe: recipe, now: now)
        if options.resume != nil {
            run = try RunDirectory.reopen(url)
            checkpoint = run.checkpoints().latest()
        } else {
            let file = RunConfigFile(recipe: recipe, seed: seed, config: resolved.values, gitRevision: RunProvenance.gitRevision(),
                                     blasCore: BLAS.coreName, blasThreads: BLAS.threadCount)
            run = try RunDirectory.create(at: url, configFile: file)
            checkpoint = nil
        }
    }
}
