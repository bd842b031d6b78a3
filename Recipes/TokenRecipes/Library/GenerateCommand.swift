import ArgumentParser
import PrismPolicy
import PrismRecipes
import PrismTensor

/// `generate`: samples completions from a saved token policy.
public struct GenerateCommand: ParsableCommand {
    /// The command's name and help.
    public static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Sample completions from a token policy saved by sft, dpo or orpo.",
        discussion: "Prints one completion per line, --count lines per prompt. --temperature 0 is greedy.")

    /// `--checkpoint`.
    @Option(help: ArgumentHelp("A run directory (its latest checkpoint) or a policy directory.", valueName: "dir"))
    public var checkpoint: String
    /// `--prompt`.
    @Option(help: "A prompt, e.g. \"37+45=\" (repeatable).") public var prompt: [String]
    /// `--temperature`.
    @Option(help: "Sampling temperature (0: greedy).") public var temperature: Float = 1
    /// `--top-k`.
    @Option(help: "Keep only the k most likely tokens.") public var topK: Int?
    /// `--top-p`.
    @Option(help: "Nucleus sampling mass in (0, 1].") public var topP: Float?
    /// `--max-tokens`.
    @Option(help: "Longest completion, EOS included.") public var maxTokens = 16
    /// `--seed`.
    @Option(help: "Root seed of the sampling stream.") public var seed: UInt64 = 1
    /// `--count`.
    @Option(help: "Completions per prompt.") public var count = 1

    /// Options as parsed.
    public init() {}

    /// Rejects out-of-range options.
    public func validate() throws {
        guard !prompt.isEmpty else { throw ValidationError("give at least one --prompt") }
        guard temperature >= 0, temperature.isFinite else { throw ValidationError("--temperature must be ≥ 0, got \(temperature)") }
        if let topK, topK < 1 { throw ValidationError("--top-k must be at least 1, got \(topK)") }
        if let topP, !(topP > 0 && topP <= 1) { throw ValidationError("--top-p must lie in (0, 1], got \(topP)") }
        guard maxTokens >= 1 else { throw ValidationError("--max-tokens must be at least 1, got \(maxTokens)") }
        guard count >= 1 else { throw ValidationError("--count must be at least 1, got \(count)") }
    }

    /// The completions, prompt by prompt, `count` each, from the root seed's `generate` stream.
    public func completions() throws -> [String] {
        let policy = try SavedTokenPolicy.load(checkpoint).policy
        let context = policy.configuration.transformer.contextLength
        var prompts: [[Int]] = []
        for text in prompt {
            let tokens: [Int]
            do { tokens = try policy.tokenizer.promptTokens(text) } catch { throw UserError("--prompt \"\(text)\": \(error)") }
            guard tokens.count <= context else {
                throw UserError("--prompt \"\(text)\": \(tokens.count) tokens exceed the model's context of \(context)")
            }
            prompts += Array(repeating: tokens, count: count)
        }
        var stream = RandomStream(seed: seed).child("generate")
        let sampled = withoutGradients {
            policy.sample(prompts: prompts, configuration: SamplingConfiguration(temperature: temperature, topK: topK, topP: topP,
                                                                                 maxNewTokens: maxTokens), using: &stream)
        }
        return sampled.completions.map { policy.tokenizer.decode($0) }
    }

    /// Prints the completions.
    public func run() throws {
        try CommandErrors.report("generate") {
            for line in try completions() { print(line) }
        }
    }
}
