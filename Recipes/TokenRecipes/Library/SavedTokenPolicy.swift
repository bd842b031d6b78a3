import Foundation
import PrismNN
import PrismPolicy
import PrismRecipes
import PrismTensor

/// Where a token recipe's policy lives in its run directory: `tokenizer.json` and `policy.json`
/// at the top (written when the run starts) and the weights in each `checkpoints/step-N/`; the
/// finished run also has `policy/`, a self-contained ``TokenPolicy`` directory.
public enum SavedTokenPolicy {
    /// The self-contained policy directory of a finished run.
    public static let finalDirectoryName = "policy"

    /// Writes the tokenizer and the architecture of `policy` into the run directory.
    public static func writeDescription(of policy: TokenPolicy, to run: RunDirectory) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try run.write(String(decoding: try encoder.encode(policy.tokenizer), as: UTF8.self) + "\n", to: TokenPolicy.tokenizerFileName)
        try run.write(String(decoding: try encoder.encode(policy.configuration), as: UTF8.self) + "\n", to: TokenPolicy.configurationFileName)
    }

    /// A fresh policy with the run's tokenizer and architecture (weights not loaded).
    static func blankPolicy(in directory: URL) throws -> TokenPolicy {
        let decoder = JSONDecoder()
        func read<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
            let url = directory.appendingPathComponent(name)
            guard let data = try? Data(contentsOf: url) else {
                throw UserError("\(directory.path): not a token-policy run (\(name) is missing or unreadable)")
            }
            do { return try decoder.decode(type, from: data) } catch { throw UserError("\(url.path): \(error)") }
        }
        let tokenizer = try read(Tokenizer.self, TokenPolicy.tokenizerFileName)
        let configuration = try read(TokenPolicyConfiguration.self, TokenPolicy.configurationFileName)
        guard configuration.transformer.vocabularySize == tokenizer.vocabularySize else {
            throw UserError("\(directory.path): policy.json and tokenizer.json disagree on the vocabulary size")
        }
        var stream = RandomStream(seed: 0)
        return TokenPolicy(configuration: configuration, tokenizer: tokenizer, using: &stream)
    }

    /// The policy of `path`: a policy directory (`model.safetensors`, `tokenizer.json`,
    /// `policy.json`) or a run directory, whose latest checkpoint gives the weights.
    /// - Throws: ``UserError`` or a checkpoint error naming the path at fault.
    public static func load(_ path: String) throws -> (policy: TokenPolicy, step: Int?) {
        let url = URL(fileURLWithPath: path)
        let manager = FileManager.default
        guard manager.fileExists(atPath: url.path) else { throw UserError("\(path): no such directory") }
        if manager.fileExists(atPath: url.appendingPathComponent(Checkpoint.modelFileName).path) {
            do { return (try TokenPolicy(contentsOf: url), nil) } catch { throw UserError("\(error)") }
        }
        var policy = try blankPolicy(in: url)
        let saved = try SavedRun(directory: path)
        do { try saved.loadWeights(into: &policy) } catch { throw UserError("\(saved.checkpoint.url.path): \(error)") }
        return (policy, saved.checkpoint.step)
    }
}
