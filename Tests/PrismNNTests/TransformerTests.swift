import Foundation
import PrismNN
import PrismTensor
import PrismTestSupport
import Testing

/// `TransformerBlock` and `TransformerLanguageModel`: structure, naming, counts, causality,
/// loading and determinism.
@Suite struct TransformerTests {
    /// A tiny configuration that runs in microseconds.
    static let tiny = TransformerConfiguration(vocabularySize: 11, contextLength: 6, width: 8, headCount: 2, layerCount: 2)

    static func model(_ configuration: TransformerConfiguration = tiny, seed: UInt64 = 1) -> TransformerLanguageModel {
        var stream = RandomStream(seed: seed)
        return TransformerLanguageModel(configuration, using: &stream)
    }

    static func bits(_ t: Tensor) -> [UInt32] { t.scalars.map(\.bitPattern) }

    /// The bit patterns of `[b, t, :]` of a `[B, T, V]` tensor.
    static func row(_ y: Tensor, _ b: Int, _ t: Int) -> [UInt32] {
        let (length, width) = (y.shape[1], y.shape[2])
        let start = (b * length + t) * width
        return y.scalars[start..<(start + width)].map(\.bitPattern)
    }

    /// Parameter names of one block, without its prefix.
    static let blockNames = [
        "norm1.weight", "norm1.bias",
        "attention.query.weight", "attention.query.bias", "attention.key.weight", "attention.key.bias",
        "attention.value.weight", "attention.value.bias", "attention.output.weight", "attention.output.bias",
        "norm2.weight", "norm2.bias", "up.weight", "up.bias", "down.weight", "down.bias",
    ]

    // MARK: TransformerBlock

    @Test func blockParameterNamesAndShapes() {
        var stream = RandomStream(seed: 1)
        let block = TransformerBlock(width: 8, headCount: 2, using: &stream)
        #expect(block.namedParameters.map(\.name) == Self.blockNames)
        #expect(block.namedParameters.map(\.tensor.shape) == [
            [8], [8], [8, 8], [8], [8, 8], [8], [8, 8], [8], [8, 8], [8], [8], [8], [32, 8], [32], [8, 32], [8],
        ])
        #expect(block.parameterCount == 4 * 8 + 4 * (64 + 8) + (32 * 8 + 32) + (8 * 32 + 8))
    }

    @Test func blockWithZeroedOutputProjectionsIsTheIdentity() {
        var stream = RandomStream(seed: 2)
        var block = TransformerBlock(width: 8, headCount: 2, using: &stream)
        block.attention.output.weight = Tensor.zeros([8, 8])
        block.attention.output.bias = Tensor.zeros([8])
        block.down.weight = Tensor.zeros([8, 32])
        block.down.bias = Tensor.zeros([8])
        let x = TestData.uniform([2, 3, 8], seed: 3)
        #expect(Self.bits(block(x)) == Self.bits(x))
    }

    @Test func blockIsPreNormResidual() {
        var stream = RandomStream(seed: 4)
        var block = TransformerBlock(width: 8, headCount: 2, using: &stream)
        // Non-trivial norms, so applying them in the wrong place would show.
        block.norm1.weight = TestData.uniform([8], in: 0.5..<2, seed: 5)
        block.norm1.bias = TestData.uniform([8], seed: 6)
        block.norm2.weight = TestData.uniform([8], in: 0.5..<2, seed: 7)
        block.norm2.bias = TestData.uniform([8], seed: 8)
        let x = TestData.uniform([2, 4, 8], in: -2..<2, seed: 9)
        let h = x + block.attention(block.norm1(x))
        let expected = h + block.down(block.up(block.norm2(h)).gelu())
        expectClose(block(x), expected, absolute: 1e-6, relative: 1e-5)
    }

    @Test func blockIsCausal() {
        var stream = RandomStream(seed: 10)
        let block = TransformerBlock(width: 8, headCount: 2, using: &stream)
        let x = TestData.uniform([1, 5, 8], seed: 11)
        let base = block(x)
        #expect(base.shape == [1, 5, 8])
        for t in 0..<5 {
            var changed = x.detached
            changed.withUnsafeMutableBufferPointer { for j in 0..<8 { $0[t * 8 + j] += 0.5 } }
            let y = block(changed)
            for s in 0..<t { #expect(Self.row(y, 0, s) == Self.row(base, 0, s), "position \(s) changed by \(t)") }
            #expect(Self.row(y, 0, t) != Self.row(base, 0, t))
        }
    }

    @Test func blockGradientWithRespectToInput() {
        var stream = RandomStream(seed: 12)
        let block = TransformerBlock(width: 4, headCount: 2, using: &stream)
        let x = TestData.uniform([1, 3, 4], in: -2..<2, seed: 13)
        expectGradients(at: [x]) { block($0[0]) }
    }

    // MARK: TransformerLanguageModel: names and counts

    @Test func defaultParameterNamesInOrder() {
        let model = Self.model(TransformerConfiguration())
        let names = model.namedParameters.map(\.name)
        let expected = ["tokenEmbedding.weight", "positionEmbedding"]
            + Self.blockNames.map { "blocks.0." + $0 } + Self.blockNames.map { "blocks.1." + $0 }
            + ["finalNorm.weight", "finalNorm.bias", "head.weight"]
        #expect(names == expected)
        #expect(Array(names.prefix(5)) == [
            "tokenEmbedding.weight", "positionEmbedding", "blocks.0.norm1.weight", "blocks.0.norm1.bias",
            "blocks.0.attention.query.weight",
        ])
        #expect(Array(names.suffix(2)) == ["finalNorm.bias", "head.weight"])
        let shapes = Dictionary(uniqueKeysWithValues: model.namedParameters.map { ($0.name, $0.tensor.shape) })
        #expect(shapes["tokenEmbedding.weight"] == [64, 128])
        #expect(shapes["positionEmbedding"] == [64, 128])
        #expect(shapes["blocks.1.up.weight"] == [512, 128])
        #expect(shapes["blocks.1.down.weight"] == [128, 512])
        #expect(shapes["head.weight"] == [64, 128])
        #expect(model.namedParameters.allSatisfy { $0.tensor.requiresGradient })
    }

    @Test func defaultParameterCountMatchesPyTorchTwin() {
        let model = Self.model(TransformerConfiguration())
        #expect(model.parameterCount == 421_376)
        #expect(model.blocks.count == 2)
        #expect(model.head?.bias == nil)
    }

    @Test func tiedHeadHasNoHeadWeight() {
        var configuration = TransformerConfiguration()
        configuration.tiesHeadToEmbedding = true
        let model = Self.model(configuration)
        let names = model.namedParameters.map(\.name)
        #expect(model.head == nil)
        #expect(!names.contains("head.weight"))
        #expect(names.last == "finalNorm.bias")
        #expect(model.parameterCount == 421_376 - 8_192)
    }

    @Test func visitParametersWritesBackEveryParameterIncludingTheHead() {
        var model = Self.model()
        model.visitParameters(prefix: "") { _, tensor in
            tensor.withUnsafeMutableBufferPointer { $0.update(repeating: 0.25) }
        }
        for (name, tensor) in model.namedParameters {
            #expect(tensor.scalars.allSatisfy { $0 == 0.25 }, "\(name) was not written back")
        }
        #expect(model.head?.weight.scalars.allSatisfy { $0 == 0.25 } == true)
    }

    // MARK: TransformerLanguageModel: forward

    @Test func logitsShapeForFullAndShorterSequences() {
        let model = Self.model()
        #expect(model(Array(repeating: 3, count: 12), batchSize: 2).shape == [2, 6, 11])
        #expect(model([1, 2, 3, 4, 5, 6], batchSize: 3).shape == [3, 2, 11])
        #expect(model([7], batchSize: 1).shape == [1, 1, 11])
    }

    @Test func shorterSequenceGivesThePrefixOfTheLogits() {
        let model = Self.model()
        let ids = [1, 5, 9, 0, 2, 10]
        let full = model(ids, batchSize: 1)
        for t in 1..<6 {
            expectClose(model(Array(ids.prefix(t)), batchSize: 1), full.slice(alongAxis: 1, 0..<t),
                        absolute: 1e-5, relative: 1e-4)
        }
    }

    @Test func logitsAreCausal() {
        let model = Self.model()
        let ids = [1, 5, 9, 0, 2, 10, 4, 4, 3, 8, 7, 6]
        let base = model(ids, batchSize: 2)
        for t in 0..<6 {
            var changed = ids
            changed[6 + t] = (changed[6 + t] + 1) % 11
            let y = model(changed, batchSize: 2)
            for s in 0..<t { #expect(Self.row(y, 1, s) == Self.row(base, 1, s), "position \(s) changed by \(t)") }
            #expect(Self.row(y, 1, t) != Self.row(base, 1, t), "position \(t) ignored its own token")
            for s in 0..<6 { #expect(Self.row(y, 0, s) == Self.row(base, 0, s), "batch 0 changed by batch 1") }
        }
    }

    @Test func positionMatters() {
        // The same token at different positions gets different logits (learned positions are added).
        let model = Self.model()
        let y = model([4, 4, 4], batchSize: 1)
        #expect(Self.row(y, 0, 0) != Self.row(y, 0, 1))
        #expect(Self.row(y, 0, 1) != Self.row(y, 0, 2))
    }

    @Test func sameSeedGivesBitwiseIdenticalLogits() {
        let ids = [1, 5, 9, 0, 2, 10, 4, 4, 3, 8]
        let a = Self.model(seed: 42)(ids, batchSize: 2)
        let b = Self.model(seed: 42)(ids, batchSize: 2)
        let c = Self.model(seed: 43)(ids, batchSize: 2)
        #expect(Self.bits(a) == Self.bits(b))
        #expect(a.scalars != c.scalars)
    }

    @Test func tiedHeadUsesTheTokenEmbedding() {
        var configuration = Self.tiny
        configuration.tiesHeadToEmbedding = true
        let model = Self.model(configuration)
        let ids = [1, 5, 9]
        let logits = model(ids, batchSize: 1)
        #expect(logits.shape == [1, 3, 11])
        Tensor.crossEntropy(logits: logits.reshaped(to: [3, 11]), targets: [5, 9, 2]).backward()
        // Token 7 is never an input, so only the tied head can give its embedding row a gradient.
        let gradient = model.tokenEmbedding.weight.gradient!.scalars
        #expect(gradient[(7 * 8)..<(8 * 8)].contains { $0 != 0 })

        let untied = Self.model()
        Tensor.crossEntropy(logits: untied(ids, batchSize: 1).reshaped(to: [3, 11]), targets: [5, 9, 2]).backward()
        let untiedGradient = untied.tokenEmbedding.weight.gradient!.scalars
        #expect(untiedGradient[(7 * 8)..<(8 * 8)].allSatisfy { $0 == 0 })
        #expect(untied.head?.weight.gradient != nil)
    }

    @Test func gradientWithRespectToPositionEmbedding() {
        let configuration = TransformerConfiguration(vocabularySize: 5, contextLength: 3, width: 4, headCount: 2,
                                                     layerCount: 1)
        let template = Self.model(configuration, seed: 3)
        func logits(_ inputs: [Tensor]) -> Tensor {
            var model = template
            model.positionEmbedding = inputs[0]
            return model([0, 3, 1, 4, 4, 2], batchSize: 2)
        }
        // At the N(0, 0.02²) init the final LayerNorm amplifies by ~1/0.03, so the step must be small.
        expectGradients(at: [template.positionEmbedding], step: 1e-3, logits)
        expectGradients(at: [TestData.uniform([3, 4], seed: 5)], logits)
    }

    // MARK: TransformerLanguageModel: loading

    @Test func loadParametersRoundTrips() throws {
        let source = Self.model(seed: 1)
        var target = Self.model(seed: 2)
        let ids = [1, 5, 9, 0, 2, 10, 4, 4, 3, 8, 7, 6]
        #expect(source(ids, batchSize: 2).scalars != target(ids, batchSize: 2).scalars)
        try target.loadParameters(Dictionary(uniqueKeysWithValues: source.namedParameters.map { ($0.name, $0.tensor) }))
        #expect(Self.bits(target(ids, batchSize: 2)) == Self.bits(source(ids, batchSize: 2)))
        for ((name, a), (_, b)) in zip(source.namedParameters, target.namedParameters) {
            #expect(Self.bits(a) == Self.bits(b), "\(name)")
            #expect(b.requiresGradient, "\(name)")
        }
    }

    @Test func loadParametersNamesTheMissingParameter() {
        let source = Self.model(seed: 1)
        var target = Self.model(seed: 2)
        var values = Dictionary(uniqueKeysWithValues: source.namedParameters.map { ($0.name, $0.tensor) })
        values["blocks.1.attention.value.bias"] = nil
        let ids = [1, 5, 9]
        let before = Self.bits(target(ids, batchSize: 1))
        do throws(ParameterLoadingError) {
            try target.loadParameters(values)
            Issue.record("loading without blocks.1.attention.value.bias succeeded")
        } catch {
            #expect(error == .missing(name: "blocks.1.attention.value.bias"))
            #expect(error.description.contains("blocks.1.attention.value.bias"))
        }
        // Nothing was loaded: the checks run before any parameter is replaced.
        #expect(Self.bits(target(ids, batchSize: 1)) == before)
    }

    @Test func loadParametersNamesTheMisshapenParameter() {
        let source = Self.model(seed: 1)
        var target = Self.model(seed: 2)
        var values = Dictionary(uniqueKeysWithValues: source.namedParameters.map { ($0.name, $0.tensor) })
        values["head.weight"] = Tensor.zeros([8, 11])
        let ids = [1, 5, 9]
        let before = Self.bits(target(ids, batchSize: 1))
        do throws(ParameterLoadingError) {
            try target.loadParameters(values)
            Issue.record("loading a transposed head.weight succeeded")
        } catch {
            #expect(error == .shapeMismatch(name: "head.weight", expected: [11, 8], found: [8, 11]))
            #expect(error.description.contains("head.weight"))
        }
        #expect(Self.bits(target(ids, batchSize: 1)) == before)
    }

    @Test func tiedModelLoadsFromAnUntiedCheckpointIgnoringTheHead() throws {
        var configuration = Self.tiny
        configuration.tiesHeadToEmbedding = true
        var tied = Self.model(configuration, seed: 5)
        let untied = Self.model(seed: 6)
        try tied.loadParameters(Dictionary(uniqueKeysWithValues: untied.namedParameters.map { ($0.name, $0.tensor) }))
        #expect(Self.bits(tied.tokenEmbedding.weight) == Self.bits(untied.tokenEmbedding.weight))
        #expect(tied.head == nil)
    }
}
