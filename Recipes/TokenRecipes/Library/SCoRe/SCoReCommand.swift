import ArgumentParser
import Arithmetic
import Foundation
import PrismPolicy
import PrismRecipes

/// `score`: SCoRe self-correction training from an SFT run of two-turn Arithmetic.
public struct SCoReCommand: ParsableCommand {
    /// The command's name and help.
    public static let configuration = CommandConfiguration(
        commandName: "score", abstract: "SCoRe: multi-turn REINFORCE that teaches a policy to correct its own first answer.",
        discussion: "Starts from an SFT run trained on `prism-data generate arithmetic --kind two-turn` lines (its policy is also "
            + "the frozen KL reference) and draws problems from the training split of env.levels. Stage I (stage1_steps) rewards "
            + "only the second attempt and holds the first to the reference (beta2); Stage II (stage2_steps) rewards both, the "
            + "second with alpha·(r2 − r1) added. Evaluation is greedy on held-out problems, before and after.")

    /// The options every recipe takes.
    @OptionGroup public var common: RecipeOptions
    /// The SFT run to start from.
    @Option(name: .customLong("init"), help: "SFT run or policy directory to start from (config key initialization).")
    public var initialization: String?

    /// Options as parsed.
    public init() {}

    /// The common options with `--init` appended as a `--set` override.
    public var options: RecipeOptions {
        var options = common
        if let initialization { options.overrides.append("initialization=\(initialization)") }
        return options
    }

    /// Trains and prints where the results are.
    public func run() throws {
        try CommandErrors.report("score") {
            guard let result = try SCoReLaunch(options: options).execute() else { return }
            print(SCoReLaunch.summary(result))
        }
    }
}

/// The `score` flow: resolve the config, read the starting policy before anything is written,
/// score it, train through Stage I and Stage II, score the result.
public struct SCoReLaunch {
    /// The parsed options.
    public let options: RecipeOptions
    /// Where progress lines go.
    public var progressOutput: ProgressDisplay.Output = .standardError
    /// Where messages go.
    public var log: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }

    /// A launch.
    public init(options: RecipeOptions) { self.options = options }

    /// What a finished launch produced.
    public struct Result {
        /// The run's setup.
        public var setup: RecipeSetup<SCoReConfig>
        /// How training ended.
        public var outcome: TrainingOutcome
        /// The evaluation, when training finished.
        public var report: SCoReReport?
    }

    /// Runs the recipe; nil for `--dry-run`.
    @discardableResult
    public func execute() throws -> Result? {
        let (resolved, seed) = try options.resolveConfig(SCoReConfig.self)
        if options.printIfDryRun(resolved, seed: seed, recipe: "score") { return nil }
        let path = resolved.config.initialization!
        let policy: TokenPolicy
        do { policy = try SavedTokenPolicy.load(path).policy } catch { throw UserError("--init \(path): \(error)") }
        let levels = resolved.config.env.arithmeticLevels
        let widest = levels.map { ArithmeticProblem(ArithmeticLevel.operandRange(digits: $0.leftDigits).upperBound, $0.operation,
                                                    ArithmeticLevel.operandRange(digits: $0.rightDigits).upperBound) }
        for problem in widest { try SelfCorrectionTask(policy: policy).checkContext(for: problem) }
        let setup = try RecipeSetup(resolved, seed: seed, recipe: "score", options: options)
        let config = setup.config
        log("score: \(config.stage1Steps) Stage I + \(config.stage2Steps) Stage II steps of \(config.promptsPerStep)×\(config.samplesPerPrompt) "
            + "episodes, \(policy.parameterCount) parameters, seed \(setup.seed), run \(setup.run.url.path)")
        let evaluation = try SCoReEvaluation(config: config, seed: seed, policy: policy)
        let plan = TrainingPlan(iterations: config.stage1Steps + config.stage2Steps, checkpointInterval: config.train.checkpointInterval,
                                keepCheckpoints: config.train.keepCheckpoints, iterationName: "step", progressMetric: "reward/turn2",
                                rateMetric: "train/steps_per_second")
        var loop = TrainingLoop(setup: setup, plan: plan, stopAfterSteps: options.stopAfterSteps)
        (loop.progressOutput, loop.log) = (progressOutput, log)
        let result = try loop.run { start in
            try SCoReSession(policy: policy, config: config, run: setup.run, evaluation: evaluation, start: start)
        }
        return Result(setup: setup, outcome: result.outcome, report: result.evaluation)
    }

    /// The lines printed after a launch.
    public static func summary(_ result: Result) -> String {
        guard let report = result.report else {
            return "stopped after \(result.outcome.step) steps (checkpoint written); continue with --resume \(result.setup.run.url.path)"
        }
        func f(_ value: Double) -> String { String(format: "%.3f", value) }
        let (b, a) = (report.before, report.after)
        return """
            eval (\(report.problemCount) held-out \(report.levels.joined(separator: "/")) problems, greedy, step \(report.step)):
              before: Acc@t1 \(f(b.accuracyFirst)), Acc@t2 \(f(b.accuracySecond)), Δ \(f(b.delta)) (i→c \(f(b.incorrectToCorrect)), c→i \(f(b.correctToIncorrect)))
              after:  Acc@t1 \(f(a.accuracyFirst)), Acc@t2 \(f(a.accuracySecond)), Δ \(f(a.delta)) (i→c \(f(a.incorrectToCorrect)), c→i \(f(a.correctToIncorrect)))
            wrote \(result.setup.run.file("eval.json").path) and \(result.setup.run.file("report.md").path)
            """
    }
}
