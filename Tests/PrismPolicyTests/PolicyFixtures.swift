import PrismNN
import PrismPolicy
import PrismTensor

/// Small token policies and examples shared by the token-policy tests.
enum PolicyFixtures {
    static let tokenizer = Tokenizer(characters: "abcdefgh")

    /// A 2-layer, width-16, 2-head policy over `tokenizer` (vocab 14) with context 16. The head is
    /// scaled up so the next-token distributions are far from uniform.
    static func policy(seed: UInt64 = 7, valueHead: Bool = false, tied: Bool = false, contextLength: Int = 16) -> TokenPolicy {
        var stream = RandomStream(seed: seed)
        let configuration = TokenPolicyConfiguration(tokenizer: tokenizer, contextLength: contextLength, width: 16,
                                                     headCount: 2, layerCount: 2, tiesHeadToEmbedding: tied,
                                                     hasValueHead: valueHead)
        var policy = TokenPolicy(configuration: configuration, tokenizer: tokenizer, using: &stream)
        policy.visitParameters(prefix: "") { name, tensor in
            guard name == "head.weight" || name == "tokenEmbedding.weight" else { return }
            tensor.withUnsafeMutableBufferPointer { values in
                for index in values.indices { values[index] *= name == "head.weight" ? 4 : 10 }
            }
        }
        return policy
    }

    /// Three examples of different prompt and completion lengths.
    static func examples() throws -> [PromptCompletion] {
        [try tokenizer.encode(prompt: "ab", completion: "cde"),
         try tokenizer.encode(prompt: "hgfedc", completion: "a"),
         try tokenizer.encode(prompt: "", completion: "bb")]
    }
}
