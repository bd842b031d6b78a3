import Foundation
import PrismNN
import PrismTensor

/// Saving and loading a policy as one directory: `model.safetensors` (the parameters),
/// `tokenizer.json` and `policy.json` (the ``TokenPolicyConfiguration``).
extension TokenPolicy {
    /// The tokenizer's file in a policy directory.
    public static let tokenizerFileName = "tokenizer.json"
    /// The configuration's file in a policy directory.
    public static let configurationFileName = "policy.json"

    /// Writes the parameters, tokenizer and configuration into `directory` (created if needed).
    /// JSON keys are sorted, so equal policies give equal bytes.
    /// - Throws: a file-system or ``SafeTensorsError`` naming the path.
    public func save(to directory: URL) throws {
        try Checkpoint.save(model: self, to: directory)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(tokenizer).write(to: directory.appendingPathComponent(Self.tokenizerFileName), options: .atomic)
        try encoder.encode(configuration).write(to: directory.appendingPathComponent(Self.configurationFileName), options: .atomic)
    }

    /// The policy saved in `directory` by ``save(to:)``.
    /// - Throws: a file-system or decoding error naming the file, ``TokenizerError`` for a bad
    ///   vocabulary, ``ParameterLoadingError`` naming a missing or mis-shaped parameter.
    public init(contentsOf directory: URL) throws {
        let decoder = JSONDecoder()
        func read<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
            let url = directory.appendingPathComponent(name)
            do { return try decoder.decode(type, from: Data(contentsOf: url)) } catch {
                throw TokenPolicyLoadingError(file: url.path, underlying: error)
            }
        }
        let tokenizer = try read(Tokenizer.self, Self.tokenizerFileName)
        let configuration = try read(TokenPolicyConfiguration.self, Self.configurationFileName)
        guard configuration.transformer.vocabularySize == tokenizer.vocabularySize else {
            throw TokenPolicyLoadingError(file: directory.appendingPathComponent(Self.configurationFileName).path,
                                          underlying: TokenizerError.invalidVocabulary(
                                            "the model has \(configuration.transformer.vocabularySize) ids, the tokenizer \(tokenizer.vocabularySize)"))
        }
        var stream = RandomStream(seed: 0)
        var policy = TokenPolicy(configuration: configuration, tokenizer: tokenizer, using: &stream)
        try Checkpoint.loadModel(&policy, from: directory)
        self = policy
    }
}

/// A policy file that could not be read, with its path.
public struct TokenPolicyLoadingError: Error, CustomStringConvertible {
    /// The file's path.
    public let file: String
    /// The decoding or file-system error.
    public let underlying: any Error

    /// The path and the cause.
    public var description: String { "\(file): \(underlying)" }
}
