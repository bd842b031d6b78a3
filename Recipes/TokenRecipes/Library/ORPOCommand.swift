import ArgumentParser
import PrismRecipes

/// `orpo`: ORPO on preference JSONL, from scratch or from a run.
public struct ORPOCommand: ParsableCommand {
    /// The command's name and help.
    public static let configuration = CommandConfiguration(
        commandName: "orpo", abstract: "Odds-ratio preference optimisation (NLL + λ·odds-ratio loss), no reference model.",
        discussion: "--data and --init are shorthands for the config keys data and initialization; "
            + "λ is --set lambda=0.5, the NLL scope --set nll_scope=promptAndResponse.")

    /// The options every recipe takes.
    @OptionGroup public var common: RecipeOptions
    /// `--data` and `--init`.
    @OptionGroup public var inputs: TokenRecipeInputs

    /// Options as parsed.
    public init() {}

    /// The common options with the shorthands appended as `--set` overrides.
    public var options: RecipeOptions { inputs.applied(to: common) }

    /// The launch these options describe.
    public var launch: TokenRecipeLaunch<ORPOConfig> {
        TokenRecipeLaunch(recipe: "orpo", options: options) { config, seed in
            let path = config.data!
            let examples = try TokenDatasets.preferenceExamples(path)
            let policy = try TokenRecipeLaunch<ORPOConfig>.startingPolicy(config, seed: seed) {
                examples.flatMap { [$0.example.prompt, $0.example.chosen, $0.example.rejected] }
            }
            let pairs = try TokenDatasets.tokenizedPairs(examples, path: path, tokenizer: policy.tokenizer,
                                                         contextLength: policy.configuration.transformer.contextLength)
            return TokenRunStart(policy: policy, objective: ORPOObjective(pairs: pairs, lambda: config.lambda, nllScope: config.nllScope),
                                 reference: nil)
        }
    }

    /// Trains and prints where the results are.
    public func run() throws { try launch.run(as: "orpo") }
}
