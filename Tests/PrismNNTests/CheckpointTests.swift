import Foundation
import PrismNN
import PrismTensor
import PrismTestSupport
import Testing

/// Model and optimizer checkpoints: bitwise round trips, resumption, and named errors.
@Suite struct CheckpointTests {
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("prism-checkpoint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func trainedModel() -> (MLP, Adam) {
        var stream = RandomStream(seed: 7)
        var model = MLP(sizes: [5, 8, 3], activation: .tanh, using: &stream)
        var optimizer = Adam(learningRate: 0.01)
        let x = Tensor.normal([4, 5], using: &stream)
        for _ in 0..<2 {
            model.zeroGradients()
            model(x).squared().mean().backward()
            optimizer.step(&model)
        }
        return (model, optimizer)
    }

    @Test func modelAndOptimizerRoundTripBitwiseAndResumeIdentically() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var (model, optimizer) = Self.trainedModel()
        try Checkpoint.save(model: model, optimizer: optimizer, to: directory, metadata: ["step": "2"])

        var stream = RandomStream(seed: 99)
        var restored = MLP(sizes: [5, 8, 3], activation: .tanh, using: &stream)
        var restoredOptimizer = Adam(learningRate: 0.01)
        try Checkpoint.loadModel(&restored, from: directory)
        try Checkpoint.loadOptimizer(&restoredOptimizer, from: directory)
        for (original, loaded) in zip(model.namedParameters, restored.namedParameters) {
            #expect(original.name == loaded.name)
            #expect(original.tensor.scalars.map(\.bitPattern) == loaded.tensor.scalars.map(\.bitPattern))
            #expect(loaded.tensor.requiresGradient)
        }

        let x = TestData.uniform([4, 5], seed: 3)
        do {
            model.zeroGradients()
            model(x).squared().mean().backward()
            optimizer.step(&model)
            restored.zeroGradients()
            restored(x).squared().mean().backward()
            restoredOptimizer.step(&restored)
        }
        #expect(model.namedParameters.map { $0.tensor.scalars } == restored.namedParameters.map { $0.tensor.scalars })
    }

    @Test func equalWeightsGiveEqualBytes() throws {
        let (first, second) = (try Self.temporaryDirectory(), try Self.temporaryDirectory())
        defer { for d in [first, second] { try? FileManager.default.removeItem(at: d) } }
        let (model, optimizer) = Self.trainedModel()
        try Checkpoint.save(model: model, optimizer: optimizer, to: first)
        try Checkpoint.save(model: Self.trainedModel().0, optimizer: Self.trainedModel().1, to: second)
        for name in [Checkpoint.modelFileName, Checkpoint.optimizerFileName] {
            let a = try Data(contentsOf: first.appendingPathComponent(name))
            let b = try Data(contentsOf: second.appendingPathComponent(name))
            #expect(a == b, "\(name) differs")
        }
    }

    @Test func corruptedCheckpointIsRejectedWithTheFileNamed() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (model, _) = Self.trainedModel()
        try Checkpoint.save(model: model, to: directory)
        let file = directory.appendingPathComponent(Checkpoint.modelFileName)
        let bytes = try Data(contentsOf: file)
        try bytes.prefix(bytes.count - 10).write(to: file)
        var target = model
        let before = target.namedParameters.map { $0.tensor.scalars }
        do {
            try Checkpoint.loadModel(&target, from: directory)
            Issue.record("a truncated checkpoint loaded")
        } catch let error as SafeTensorsError {
            #expect(String(describing: error).contains(file.path))
        }
        #expect(target.namedParameters.map { $0.tensor.scalars } == before)
    }

    @Test func checkpointOfAnotherArchitectureNamesTheParameter() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Checkpoint.save(model: Self.trainedModel().0, to: directory)
        var stream = RandomStream(seed: 1)
        var wider = MLP(sizes: [5, 9, 3], activation: .tanh, using: &stream)
        #expect(throws: ParameterLoadingError.shapeMismatch(name: "layers.0.weight", expected: [9, 5], found: [8, 5])) {
            try Checkpoint.loadModel(&wider, from: directory)
        }
    }
}
