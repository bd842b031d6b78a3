import ArgumentParser
import PrismJSON
import PrismRecipes

/// The `--data` and `--init` shorthands of the token recipes: each is the same as `--set` on its
/// config key (`data`, `initialization`), appended after the other overrides.
public struct TokenRecipeInputs: ParsableArguments {
    /// `--data`: the JSONL dataset.
    @Option(help: ArgumentHelp("JSONL dataset: SFT lines for sft, preference pairs for dpo and orpo (config key data).",
                               valueName: "file"))
    public var data: String?
    /// `--init`: the run or policy directory to start from.
    @Option(name: .customLong("init"),
            help: ArgumentHelp("Run or policy directory to start from; for dpo, the SFT run (config key initialization).",
                               valueName: "dir"))
    public var initialization: String?

    /// Options as parsed.
    public init() {}

    /// `common` with the given shorthands appended as `--set` overrides.
    public func applied(to common: RecipeOptions) -> RecipeOptions {
        common.adding(shorthands: [("data", data.map(JSONValue.string)), ("initialization", initialization.map(JSONValue.string))])
    }
}

extension TokenRecipeLaunch {
    /// Executes the launch as command `name`: prints the summary, or the error as
    /// `name: error: …` with exit status 1.
    public func run(as name: String) throws {
        try CommandErrors.report(name) {
            if let result = try execute() { print(Self.summary(result)) }
        }
    }
}
