/// One tokenized example: prompt ids, then completion ids (the completion includes its EOS).
public struct PromptCompletion: Codable, Sendable, Equatable {
    /// The conditioning tokens; never scored. At least one (the BOS in chat form).
    public var prompt: [Int]
    /// The scored tokens, EOS included when present.
    public var completion: [Int]

    /// An example from its two token runs.
    public init(prompt: [Int], completion: [Int]) {
        self.prompt = prompt
        self.completion = completion
    }

    /// Prompt followed by completion.
    public var tokens: [Int] { prompt + completion }
}
