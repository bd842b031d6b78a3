import Foundation
import PrismNN
import PrismTensor
import Testing

/// Writes checkpoints for the Python interop checks (`make interop`): each `<name>.safetensors`
/// gets a sibling `<name>.expected.json` with every tensor's shape and values, which
/// `Tests/Interop/check_safetensors.py` compares with what `safetensors.numpy.load_file` reads.
/// The directory is `$PRISM_INTEROP_DIR`, or a temporary one (then the files are only
/// self-checked here).
@Suite struct InteropArtifactTests {
    struct Expected: Encodable {
        struct Entry: Encodable { var shape: [Int]; var values: [Float] }
        var tensors: [String: Entry]
        var metadata: [String: String]
    }

    static var directory: URL {
        if let path = ProcessInfo.processInfo.environment["PRISM_INTEROP_DIR"] { return URL(fileURLWithPath: path) }
        return FileManager.default.temporaryDirectory.appendingPathComponent("prism-interop-\(getpid())")
    }

    static func write(_ file: SafeTensorsFile, name: String) throws {
        let directory = Self.directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try file.write(to: directory.appendingPathComponent("\(name).safetensors"))
        let expected = Expected(
            tensors: Dictionary(uniqueKeysWithValues: file.entries.map { ($0.name, .init(shape: $0.shape, values: $0.values)) }),
            metadata: file.metadata)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(expected).write(to: directory.appendingPathComponent("\(name).expected.json"))
        let reread = try SafeTensorsFile(contentsOf: directory.appendingPathComponent("\(name).safetensors"))
        #expect(reread == file)
    }

    @Test func transformerCheckpointForPython() throws {
        var stream = RandomStream(seed: 2026)
        let configuration = TransformerConfiguration(vocabularySize: 16, contextLength: 8, width: 16, headCount: 2, layerCount: 2)
        var model = TransformerLanguageModel(configuration, using: &stream)
        var optimizer = AdamW(learningRate: 1e-3)
        let ids = (0..<16).map { _ in stream.nextInt(below: 16) }
        Tensor.crossEntropy(logits: model(ids, batchSize: 2).reshaped(to: [-1, 16]), targets: ids.reversed()).backward()
        optimizer.step(&model)
        let parameters = model.namedParameters
        #expect(parameters.contains { $0.name == "blocks.0.attention.query.weight" })
        try Self.write(SafeTensorsFile(tensors: parameters, metadata: ["format": "pt", "producer": "prism"]), name: "model")
        try Self.write(SafeTensorsFile(tensors: optimizer.stateTensors(), metadata: optimizer.stateMetadata), name: "optimizer")
    }
}
