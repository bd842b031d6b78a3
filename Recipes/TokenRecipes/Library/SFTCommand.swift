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
            let path = config.data!
            let examples = try TokenDatasets.sftExamples(path)
            let policy = try TokenRecipeLaunch<SFTConfig>.startingPolicy(config, seed: seed) {
                examples.flatMap { [$0.example.prompt, $0.example.completion] }
            }
            let tokenized = try TokenDatasets.tokenizedSFT(examples, path: path, tokenizer: policy.tokenizer,
                                                           contextLength: policy.configuration.transformer.contextLength)
            return TokenRunStart(policy: policy, objective: SFTObjective(examples: tokenized), reference: nil,
                                 reportsAccuracyByLevel: true)
        }
    }

    /// Trains and prints where the results are.
    public func run() throws { try launch.run(as: "sft") }
}
