import Arithmetic
import PrismPolicy
import PrismRL
import PrismRecipes
import PrismStorage
import PrismTensor

/// The two-turn Arithmetic conversation `score` trains and evaluates, in the chat form of
/// `prism-data generate arithmetic --kind two-turn`: the problem as the user's message, the first
/// answer, the user's fixed instruction ``ArithmeticDataset/selfCorrectionInstruction``, the
/// second answer.
public struct SelfCorrectionTask: Sendable {
    /// The policy's tokenizer.
    public let tokenizer: Tokenizer
    /// The policy's context.
    public let contextLength: Int

    /// The task for a policy.
    public init(policy: TokenPolicy) {
        tokenizer = policy.tokenizer
        contextLength = policy.configuration.transformer.contextLength
    }

    /// The rendered first message of `problem`.
    func firstText(_ problem: ArithmeticProblem) -> String {
        ChatTemplate.render([ChatMessage(role: "user", content: problem.prompt)])
    }

    /// The first turn's prompt tokens.
    /// - Throws: when the problem has a character outside the vocabulary.
    public func firstPrompt(_ problem: ArithmeticProblem) throws -> [Int] {
        try tokenizer.promptTokens(firstText(problem))
    }

    /// The second turn's prompt: the problem, the first completion as context (special tokens
    /// dropped) and the instruction. A first completion too long for the context is cut from its
    /// end so the prompt fits.
    public func secondPrompt(_ problem: ArithmeticProblem, firstCompletion: [Int]) throws -> [Int] {
        let head = firstText(problem), tail = ChatTemplate.render([ChatMessage(role: "user", content: ArithmeticDataset.selfCorrectionInstruction)])
        var answer = tokenizer.decode(firstCompletion)
        var tokens = try tokenizer.promptTokens(head + answer + tail)
        while tokens.count > contextLength && !answer.isEmpty {
            answer.removeLast()
            tokens = try tokenizer.promptTokens(head + answer + tail)
        }
        return tokens
    }

    /// Checks that a two-turn episode with well-formed answers to `problem` fits the context:
    /// the second prompt plus a second answer as long as the first.
    /// - Throws: ``UserError`` naming the tokens needed and `model.context_length`, or when the
    ///   tokenizer lacks a character of the chat form.
    public func checkContext(for problem: ArithmeticProblem) throws {
        let answer: [Int]
        do {
            answer = try tokenizer.completionTokens(ChatTemplate.render([ChatMessage(role: "assistant", content: problem.answerText)]))
            _ = try secondPrompt(problem, firstCompletion: answer)
        } catch {
            throw UserError("the policy's tokenizer cannot write the two-turn chat form (\(error)); start from an SFT run on "
                            + "`prism-data generate arithmetic --kind two-turn` lines")
        }
        let needed = try secondPrompt(problem, firstCompletion: answer).count + answer.count
        guard needed - 1 <= contextLength, try firstPrompt(problem).count + answer.count - 1 <= contextLength else {
            throw UserError("a two-turn episode of \(problem.prompt) takes \(needed) tokens, more than the policy's context "
                            + "\(contextLength) + 1; train the SFT base with --set model.context_length=\(needed - 1) or more")
        }
    }

    /// Two-turn episodes on `problems`, `samplesPerPrompt` of each: the first answers, then the
    /// second turn prompted with them (``secondPrompt(_:firstCompletion:)``).
    public func episodes(policy: TokenPolicy, problems: [ArithmeticProblem], samplesPerPrompt: Int,
                         configuration: SamplingConfiguration, using stream: inout RandomStream) throws -> MultiTurnRollout {
        try MultiTurnRollout.sample(
            policy: policy, prompts: try problems.map(firstPrompt), samplesPerPrompt: samplesPerPrompt, turnCount: 2,
            configuration: configuration, using: &stream
        ) { _, source, _, completion in try secondPrompt(problems[source], firstCompletion: completion) }
    }

    /// The answer a completion gives: its text without special tokens, the assistant's role marker
    /// line and the final newline (`<|assistant|>\n82\n` → `82`); the raw text when it lacks them.
    public func answer(_ completion: [Int]) -> String {
        var text = tokenizer.decode(completion)
        let marker = ChatTemplate.marker("assistant") + "\n"
        if text.hasPrefix(marker) { text.removeFirst(marker.count) }
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// r̂: 1 when the completion's answer is exactly the problem's, else 0.
    public func reward(_ completion: [Int], _ problem: ArithmeticProblem) -> Float {
        answer(completion) == problem.answerText ? 1 : 0
    }
}
