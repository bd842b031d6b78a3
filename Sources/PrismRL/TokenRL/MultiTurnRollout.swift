import PrismPolicy
import PrismTensor

/// One sampled turn of a batch of episodes: every row's prompt, the completion drawn for it and
/// the completion tokens' log-probabilities at sampling time.
public struct SampledTurn: Sendable, Equatable {
    /// The prompt tokens of each row (for a later turn: the earlier turns as context).
    public var prompts: [[Int]]
    /// The generated tokens of each row, the stop token included.
    public var completions: [[Int]]
    /// Each generated token's log-probability under the distribution it was drawn from.
    public var logProbabilities: [[Float]]

    /// The rows as prompt/completion examples: the completion is the action, the prompt context.
    public var examples: [PromptCompletion] {
        zip(prompts, completions).map { PromptCompletion(prompt: $0, completion: $1) }
    }
}

/// Episodes of several turns sampled on-policy: turn k+1's prompt is built from turn k's prompt
/// and completion, so it holds the earlier answers as context (docs/algorithms.md §7.1). Row
/// `p·G + g` is sample g of prompt p, so the G samples of a prompt are consecutive, the layout
/// ``ReinforceBaseline/leaveOneOut`` expects.
public struct MultiTurnRollout: Sendable, Equatable {
    /// The turns in order; row i of every turn is the same episode.
    public var turns: [SampledTurn]

    /// Samples `turnCount` turns for `samplesPerPrompt` copies of each prompt.
    ///
    /// Each turn is one ``TokenPolicy/sample(prompts:configuration:using:)`` call over all rows,
    /// drawing from `stream`.
    /// - Parameter nextPrompt: the next turn's prompt from the finished turn's index, the row's
    ///   index in `prompts` (before repetition), its prompt and its completion.
    public static func sample(
        policy: TokenPolicy, prompts: [[Int]], samplesPerPrompt: Int, turnCount: Int, configuration: SamplingConfiguration,
        using stream: inout RandomStream,
        nextPrompt: (_ turn: Int, _ source: Int, _ prompt: [Int], _ completion: [Int]) throws -> [Int]
    ) rethrows -> MultiTurnRollout {
        precondition(samplesPerPrompt >= 1 && turnCount >= 1, "MultiTurnRollout: need at least one sample and one turn")
        var rows = prompts.flatMap { Array(repeating: $0, count: samplesPerPrompt) }
        var turns: [SampledTurn] = []
        for turn in 0..<turnCount {
            if turn > 0 {
                let previous = turns[turn - 1]
                rows = try previous.prompts.indices.map { row in
                    try nextPrompt(turn - 1, row / samplesPerPrompt, previous.prompts[row], previous.completions[row])
                }
            }
            let sampled = withoutGradients { policy.sample(prompts: rows, configuration: configuration, using: &stream) }
            turns.append(SampledTurn(prompts: rows, completions: sampled.completions, logProbabilities: sampled.logProbabilities))
        }
        return MultiTurnRollout(turns: turns)
    }
}
