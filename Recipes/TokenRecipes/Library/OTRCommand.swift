import ArgumentParser
import PrismRecipes
import PrismTensor

/// `otr`: one-token-rollout fine-tuning of a token policy on the same JSONL as `sft`.
public struct OTRCommand: ParsableCommand {
    /// The command's name and help.
    public static let configuration = CommandConfiguration(
        commandName: "otr", abstract: "One-token rollout: SFT data trained as one-step policy-gradient episodes per token.",
        discussion: "Same data, starting points and run directory as sft. --set otr.mode=monte_carlo --set otr.samples=256 "
            + "draws K tokens per position from softmax(z/τ) (otr.temperature); the default exact mode takes their expectation. "
            + "A drawn target earns 1, any other token otr.beta. --data and --init are shorthands for the config keys data and "
            + "initialization.")

    /// The options every recipe takes.
    @OptionGroup public var common: RecipeOptions
    /// `--data` and `--init`.
    @OptionGroup public var inputs: TokenRecipeInputs

    /// Options as parsed.
    public init() {}

    /// The common options with the shorthands appended as `--set` overrides.
    public var options: RecipeOptions { inputs.applied(to: common) }

    /// The launch these options describe.
    public var launch: TokenRecipeLaunch<OTRConfig> {
        TokenRecipeLaunch(recipe: "otr", options: options) { config, seed in
            let (policy, examples) = try TokenRecipeLaunch<OTRConfig>.supervisedStart(config, seed: seed)
            let objective = OTRObjective(examples: examples, settings: config.otr, draws: RandomStream(seed: seed).child("otr-draws"))
            return TokenRunStart(policy: policy, objective: objective, reference: nil, reportsAccuracyByLevel: true)
        }
    }

    /// Trains and prints where the results are.
    public func run() throws { try launch.run(as: "otr") }
}
