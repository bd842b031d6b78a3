import Foundation
import PrismPolicy
import PrismRecipes
import PrismTensor

/// Where a token run starts: the policy before training, what it minimises, and the reference
/// its preference accuracy is measured against (nil: length-averaged log-probs).
public struct TokenRunStart {
    /// The policy before training.
    public var policy: TokenPolicy
    /// The objective.
    public var objective: any TokenObjective
    /// The frozen reference of DPO-style rewards.
    public var reference: ReferencePolicy?
    /// Whether `eval.json` reports the task accuracy level by level (the recipes that learn the
    /// task: `sft`, `otr`).
    public var reportsAccuracyByLevel: Bool

    /// A start.
    public init(policy: TokenPolicy, objective: any TokenObjective, reference: ReferencePolicy?, reportsAccuracyByLevel: Bool = false) {
        self.policy = policy
        self.objective = objective
        self.reference = reference
        self.reportsAccuracyByLevel = reportsAccuracyByLevel
    }
}

/// The flow the `sft`, `dpo` and `orpo` commands share: resolve the config, (with `--dry-run`)
/// print it, read the data and the starting policy before anything is written, train, then
/// evaluate before/after on held-out problems and write `eval.json` and `report.md`.
public struct TokenRecipeLaunch<Config: TokenRecipeConfig> {
    /// The recipe's name (`sft`).
    public let recipe: String
    /// The parsed options, shorthand flags already turned into `--set` overrides.
    public let options: RecipeOptions
    /// Reads the data and builds the start for a config and root seed.
    public let makeStart: (Config, UInt64) throws -> TokenRunStart
    /// Where progress lines go.
    public var progressOutput: ProgressDisplay.Output = .standardError
    /// Where messages go.
    public var log: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }

    /// A launch of `recipe`.
    public init(recipe: String, options: RecipeOptions, makeStart: @escaping (Config, UInt64) throws -> TokenRunStart) {
        self.recipe = recipe
        self.options = options
        self.makeStart = makeStart
    }

    /// What a finished launch produced.
    public struct Result {
        /// The run's setup.
        public var setup: RecipeSetup<Config>
        /// How training ended.
        public var outcome: TrainingOutcome
        /// The evaluation, when training finished.
        public var report: RunReport?
    }

    /// Runs the recipe; nil for `--dry-run`.
    /// - Throws: config, data, checkpoint and training errors, naming what is at fault.
    @discardableResult
    public func execute() throws -> Result? {
        let (resolved, seed) = try options.resolveConfig(Config.self)
        if options.printIfDryRun(resolved, seed: seed, recipe: recipe) { return nil }
        let start = try makeStart(resolved.config, seed)
        let setup = try RecipeSetup(resolved, seed: seed, recipe: recipe, options: options)
        let config = setup.config
        log("\(recipe): \(start.objective.exampleCount) examples, \(start.policy.parameterCount) parameters, seed \(setup.seed), run \(setup.run.url.path)")
        let evaluation = try TokenRunEvaluation(recipe: recipe, seed: seed, settings: config.eval, policy: start.policy,
                                                reference: start.reference, reportsLevels: start.reportsAccuracyByLevel)
        let plan = TrainingPlan(iterations: config.train.totalSteps(exampleCount: start.objective.exampleCount),
                                checkpointInterval: config.train.checkpointInterval, keepCheckpoints: config.train.keepCheckpoints,
                                iterationName: "step", progressMetric: start.objective.progressMetric,
                                rateMetric: "train/steps_per_second")
        var loop = TrainingLoop(setup: setup, plan: plan, stopAfterSteps: options.stopAfterSteps)
        (loop.progressOutput, loop.log) = (progressOutput, log)
        let result = try loop.run { session in
            try TokenSession(policy: start.policy, objective: start.objective, train: config.train, run: setup.run,
                             evaluation: evaluation, start: session)
        }
        return Result(setup: setup, outcome: result.outcome, report: result.evaluation)
    }

    /// The lines a command prints after a launch.
    public static func summary(_ result: Result) -> String {
        func f(_ value: Double) -> String { String(format: "%.3f", value) }
        guard let report = result.report else {
            return "stopped after \(result.outcome.step) steps (checkpoint written); continue with --resume \(result.setup.run.url.path)"
        }
        return """
            eval (\(report.problemCount) held-out \(report.levels.joined(separator: "/")) problems, step \(report.step)): \
            task accuracy \(f(report.taskAccuracyBefore)) -> \(f(report.taskAccuracyAfter)), \
            preference accuracy \(f(report.preferenceAccuracyBefore)) -> \(f(report.preferenceAccuracy))
            wrote \(result.setup.run.file("eval.json").path) and \(result.setup.run.file("report.md").path)
            """
    }

    /// The SFT lines of `config.data` and the starting policy, the lines tokenized for it (`sft`
    /// and `otr`).
    /// - Throws: data errors naming file, line and field; `--init` errors.
    public static func supervisedStart(_ config: Config, seed: UInt64) throws -> (policy: TokenPolicy, examples: [PromptCompletion]) {
        let path = config.data!
        let examples = try TokenDatasets.sftExamples(path)
        let policy = try startingPolicy(config, seed: seed) { examples.flatMap { [$0.example.prompt, $0.example.completion] } }
        let tokenized = try TokenDatasets.tokenizedSFT(examples, path: path, tokenizer: policy.tokenizer,
                                                       contextLength: policy.configuration.transformer.contextLength)
        return (policy, tokenized)
    }

    /// The starting policy: `init`'s, or a fresh one drawn from the root seed's `init` stream
    /// with a tokenizer covering `texts`.
    public static func startingPolicy(_ config: Config, seed: UInt64, texts: () -> [String]) throws -> TokenPolicy {
        if let path = config.initialization {
            do { return try SavedTokenPolicy.load(path).policy } catch { throw UserError("--init \(path): \(error)") }
        }
        let tokenizer = TokenDatasets.tokenizer(covering: texts())
        var stream = RandomStream(seed: seed).child("init")
        return TokenPolicy(configuration: config.model.configuration(for: tokenizer), tokenizer: tokenizer, using: &stream)
    }
}
