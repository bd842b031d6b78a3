import Foundation
import PrismNN
import PrismPolicy
import PrismTensor
import PrismTestSupport
import Testing

/// `TokenPolicy`: forward, padding invariance, value head, parameter names and checkpoints.
@Suite struct TokenPolicyTests {
    @Test func logitsEqualTheLanguageModelsAndValuesHaveOnePerPosition() {
        let policy = PolicyFixtures.policy(valueHead: true)
        let ids = [1, 3, 6, 7, 8, 4, 1, 3, 9, 9, 9, 4]
        let (logits, values) = policy(ids, batchSize: 2)
        #expect(logits.scalars == policy.languageModel(ids, batchSize: 2).scalars)
        #expect(values?.shape == [2, 6])
        #expect(PolicyFixtures.policy()(ids, batchSize: 2).values == nil)
    }

    @Test func paddingDoesNotChangeTheLogProbabilitiesOfRealTokens() throws {
        let policy = PolicyFixtures.policy()
        let examples = try PolicyFixtures.examples()
        let batched = policy.logProbabilities(TokenBatch(examples))
        let batch = TokenBatch(examples)
        let width = batch.length - 1
        for (row, example) in examples.enumerated() {
            let alone = policy.logProbabilities(TokenBatch([example]))
            let aloneWidth = example.tokens.count - 1
            let rowValues = Array(batched.perToken.scalars[(row * width)..<(row * width + aloneWidth)])
            expectClose(Tensor(rowValues), Tensor(alone.perToken.scalars), absolute: 1e-5)
            expectClose(batched.sum.slice(alongAxis: 0, row..<(row + 1)), alone.sum, absolute: 1e-5)
            #expect(alone.counts == [example.completion.count])
        }
        // Other padding ids leave every real position unchanged too.
        let otherPadding = policy.logProbabilities(TokenBatch(examples, paddingID: 9))
        expectClose(otherPadding.perToken, batched.perToken, absolute: 1e-5)
    }

    @Test func parameterNamesFollowTheLanguageModelThenTheValueHead() {
        let names = PolicyFixtures.policy(valueHead: true).namedParameters.map(\.name)
        #expect(names.first == "tokenEmbedding.weight")
        #expect(names.suffix(3) == ["head.weight", "valueHead.weight", "valueHead.bias"])
        #expect(PolicyFixtures.policy(tied: true).namedParameters.map(\.name).contains("head.weight") == false)
    }

    @Test(arguments: [(false, false), (true, false), (false, true)])
    func checkpointRoundTripIsBitwise(valueHead: Bool, tied: Bool) throws {
        let policy = PolicyFixtures.policy(valueHead: valueHead, tied: tied)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("token-policy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try policy.save(to: directory)
        let loaded = try TokenPolicy(contentsOf: directory)
        #expect(loaded.configuration == policy.configuration)
        #expect(loaded.tokenizer == policy.tokenizer)
        let (a, b) = (policy.namedParameters, loaded.namedParameters)
        #expect(a.map(\.name) == b.map(\.name))
        for (x, y) in zip(a, b) {
            #expect(x.tensor.shape == y.tensor.shape)
            #expect(x.tensor.scalars.map(\.bitPattern) == y.tensor.scalars.map(\.bitPattern), "\(x.name)")
        }
        let again = directory.appendingPathComponent("again")
        try loaded.save(to: again)
        for file in [Checkpoint.modelFileName, TokenPolicy.tokenizerFileName, TokenPolicy.configurationFileName] {
            #expect(try Data(contentsOf: directory.appendingPathComponent(file)) == Data(contentsOf: again.appendingPathComponent(file)))
        }
    }

    @Test func loadingAMismatchedTokenizerNamesTheFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("token-policy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try PolicyFixtures.policy().save(to: directory)
        try JSONEncoder().encode(Tokenizer(characters: "ab"))
            .write(to: directory.appendingPathComponent(TokenPolicy.tokenizerFileName))
        #expect { try TokenPolicy(contentsOf: directory) } throws: { error in
            "\(error)".contains(TokenPolicy.configurationFileName) && "\(error)".contains("14 ids")
        }
    }
}
