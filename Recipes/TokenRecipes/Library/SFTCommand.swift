import ArgumentParser
import PrismRecipes

/// `sft`: supervised fine-tuning of a token policy on a JSONL dataset.
public struct SFTCommand: ParsableCommand {
    /// The command's name and help.
    public static let configuration = CommandConfiguration(
        commandName: "sft", abstract: "Supervised fine-tuning of a small causal LM on SFT JSONL (prompt/completion, messages or text).",
        discussion: "Writes a run directory with config.json, metrics, checkpoints, policy/, eval.json and report.md. "
            + "--data and --init are shorthands for the config keys data and initialization.")

    /// The options every recipe takes.
    @OptionGroup public var common: RecipeOptions
    /// `--data` and `--init`.
    @OptionGroup public var inputs: TokenRecipeInputs

    /// Options as parsed.
    public init() {}

    /// The common options with the shorthands appended as `--set` overrides.
    public var options: RecipeOptions { inputs.applied(to: common) }

    /// The launch these options describe.
    public var launch: TokenRecipeLaunch<SFTConfig> {
        TokenRecipeLaunch(recipe: "sft", options: options) { config, seed in
            let (policy, examples) = try TokenRecipeLaunch<SFTConfig>.supervisedStart(config, seed: seed)
            return TokenRunStart(policy: policy, objective: SFTObjective(examples: examples), reference: nil,
                                 reportsAccuracyByLevel: true)
        }
    }

    /// Trains and prints where the results are.
    public func run() throws { try launch.run(as: "sft") }
}
