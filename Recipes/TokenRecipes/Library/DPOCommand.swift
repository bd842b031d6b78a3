import ArgumentParser
import PrismPolicy
import PrismRecipes

/// `dpo`: DPO (or a variant) from an SFT run on preference JSONL.
public struct DPOCommand: ParsableCommand {
    /// The command's name and help.
    public static let configuration = CommandConfiguration(
        commandName: "dpo", abstract: "Direct preference optimisation (sigmoid, cdpo, robust, hinge, ipo, simpo) from an SFT run.",
        discussion: "The SFT run's latest checkpoint is the starting policy and the frozen reference; reference log-probs are "
            + "computed once. --data and --init are shorthands for the config keys data and initialization; "
            + "choose the loss with --set loss=robust --set label_smoothing=0.1.")

    /// The options every recipe takes.
    @OptionGroup public var common: RecipeOptions
    /// `--data` and `--init`.
    @OptionGroup public var inputs: TokenRecipeInputs

    /// Options as parsed.
    public init() {}

    /// The common options with the shorthands appended as `--set` overrides.
    public var options: RecipeOptions { inputs.applied(to: common) }

    /// The launch these options describe.
    public var launch: TokenRecipeLaunch<DPOConfig> {
        TokenRecipeLaunch(recipe: "dpo", options: options) { config, seed in
            let path = config.data!
            let examples = try TokenDatasets.preferenceExamples(path)
            let policy = try TokenRecipeLaunch<DPOConfig>.startingPolicy(config, seed: seed) { [] }
            let pairs = try TokenDatasets.tokenizedPairs(examples, path: path, tokenizer: policy.tokenizer,
                                                         contextLength: policy.configuration.transformer.contextLength)
            let reference = ReferencePolicy(snapshotOf: policy)
            let objective = DPOObjective(pairs: pairs, reference: reference, variant: config.variant, beta: config.beta)
            return TokenRunStart(policy: policy, objective: objective, reference: config.variant.usesReference ? reference : nil)
        }
    }

    /// Trains and prints where the results are.
    public func run() throws { try launch.run(as: "dpo") }
}
