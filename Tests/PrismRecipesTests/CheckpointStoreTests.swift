import Foundation
import PrismNN
@testable import PrismRecipes
import PrismTensor
import Testing

/// step-N checkpoints: round trip, identical bytes, atomic replacement, latest, pruning.
@Suite struct CheckpointStoreTests {
    struct Counters: Codable, Sendable, Equatable {
        var episodes: Int
        var learningRate: Float
    }

    static func trained(seed: UInt64) -> (MLP, Adam) {
        var stream = RandomStream(seed: seed)
        var model = MLP(sizes: [3, 4, 2], activation: .tanh, using: &stream)
        var optimizer = Adam(learningRate: 0.01)
        let x = Tensor.normal([2, 3], using: &stream)
        model.zeroGradients()
        model(x).squared().mean().backward()
        optimizer.step(&model)
        return (model, optimizer)
    }

    static func state(step: Int) -> CheckpointState<[String: RandomStream], Counters> {
        var stream = RandomStream(seed: 5)
        _ = stream.next()
        return CheckpointState(step: step, streams: ["env": stream, "init": RandomStream(seed: 6).child("x")],
                               recipe: Counters(episodes: 12, learningRate: 2.5e-4))
    }

    @Test func roundTripRestoresWeightsOptimizerAndState() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = CheckpointStore(runDirectory: directory)
        let (model, optimizer) = Self.trained(seed: 1)
        let saved = try store.save(model: model, optimizer: optimizer, state: Self.state(step: 40))
        #expect(saved.url.lastPathComponent == "step-40")
        #expect(store.latest() == saved)

        var restored = Self.trained(seed: 2)
        try store.loadModel(&restored.0, from: saved)
        try store.loadOptimizer(&restored.1, from: saved)
        #expect(restored.0.namedParameters.map(\.tensor.scalars) == model.namedParameters.map(\.tensor.scalars))
        #expect(restored.1.stateTensors().map(\.tensor.scalars) == optimizer.stateTensors().map(\.tensor.scalars))
        let state = try store.loadState(CheckpointState<[String: RandomStream], Counters>.self, from: saved)
        #expect(state == Self.state(step: 40))
        var original = Self.state(step: 40).streams["env"]!
        var resumed = state.streams["env"]!
        #expect((0..<4).map { _ in resumed.next() } == (0..<4).map { _ in original.next() })
    }

    @Test func equalWeightsGiveEqualBytesAndReSavingReplacesAtomically() throws {
        let first = try makeTemporaryDirectory()
        let second = try makeTemporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        let (model, optimizer) = Self.trained(seed: 3)
        let a = try CheckpointStore(runDirectory: first).save(model: model, optimizer: optimizer, state: Self.state(step: 8))
        let b = try CheckpointStore(runDirectory: second).save(model: model, optimizer: optimizer, state: Self.state(step: 8))
        for name in ["model.safetensors", "optimizer.safetensors", "state.json"] {
            let bytes = try Data(contentsOf: a.url.appendingPathComponent(name))
            #expect(bytes == (try Data(contentsOf: b.url.appendingPathComponent(name))), "\(name)")
            #expect(!bytes.isEmpty)
        }
        let other = Self.trained(seed: 4)
        try CheckpointStore(runDirectory: first).save(model: other.0, optimizer: other.1, state: Self.state(step: 8))
        #expect(try Data(contentsOf: a.url.appendingPathComponent("model.safetensors"))
                != (try Data(contentsOf: b.url.appendingPathComponent("model.safetensors"))))
        #expect(try FileManager.default.contentsOfDirectory(atPath: a.url.deletingLastPathComponent().path) == ["step-8"])
    }

    @Test func aWriteKilledHalfwayLeavesThePreviousCheckpointLatest() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = CheckpointStore(runDirectory: directory)
        let (model, optimizer) = Self.trained(seed: 1)
        let good = try store.save(model: model, optimizer: optimizer, state: Self.state(step: 10))
        let partial = store.directory.appendingPathComponent(".tmp-step-20-999")
        try FileManager.default.createDirectory(at: partial, withIntermediateDirectories: true)
        try Data([1, 2, 3]).write(to: partial.appendingPathComponent("model.safetensors"))
        let incomplete = store.url(step: 30)
        try FileManager.default.createDirectory(at: incomplete, withIntermediateDirectories: true)
        #expect(store.latest() == good, "neither the temporary nor a step-N without state.json counts")
        try store.save(model: model, optimizer: optimizer, state: Self.state(step: 11))
        #expect(!FileManager.default.fileExists(atPath: partial.path), "leftovers are cleaned on the next save")
        #expect(store.latest()?.step == 11)
    }

    @Test func keepLastPrunesOldest() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = CheckpointStore(runDirectory: directory, keepLast: 2)
        let (model, _) = Self.trained(seed: 1)
        for step in [100, 20, 300, 4000] { try store.save(model: model, state: Self.state(step: step)) }
        #expect(store.checkpoints().map(\.step) == [300, 4000])
        #expect(!FileManager.default.fileExists(atPath: store.url(step: 300).appendingPathComponent("optimizer.safetensors").path))
    }

    @Test func corruptStateIsNamed() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = CheckpointStore(runDirectory: directory)
        let (model, _) = Self.trained(seed: 1)
        let saved = try store.save(model: model, state: Self.state(step: 1))
        let file = saved.url.appendingPathComponent("state.json")
        try #"{"step": 1, "streams": {}}"#.write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: CheckpointError.unreadable(path: file.path, reason: "'recipe' is missing")) {
            _ = try store.loadState(CheckpointState<[String: RandomStream], Counters>.self, from: saved)
        }
    }
}
