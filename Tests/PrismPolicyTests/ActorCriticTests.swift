import Foundation
import PrismNN
import PrismPolicy
import PrismTensor
import PrismTestSupport
import Testing

/// `ActorCritic`: CleanRL's architecture, initialisation and parameter names, and checkpointing.
@Suite struct ActorCriticTests {
    static let gridworld = ActorCriticConfiguration(observationSize: 151, actionCount: 7)

    @Test func separateNetworksAreNamedAndShapedLikeCleanRL() {
        var stream = RandomStream(seed: 1)
        let model = ActorCritic(Self.gridworld, using: &stream)
        let named = model.namedParameters
        #expect(named.map(\.name) == [
            "actor.layers.0.weight", "actor.layers.0.bias", "actor.layers.1.weight", "actor.layers.1.bias",
            "actor.layers.2.weight", "actor.layers.2.bias",
            "critic.layers.0.weight", "critic.layers.0.bias", "critic.layers.1.weight", "critic.layers.1.bias",
            "critic.layers.2.weight", "critic.layers.2.bias",
        ])
        #expect(named.map(\.tensor.shape) == [[64, 151], [64], [64, 64], [64], [7, 64], [7],
                                              [64, 151], [64], [64, 64], [64], [1, 64], [1]])
    }

    /// W·Wᵀ of a `[out, in]` weight with out ≤ in.
    func gram(_ weight: Tensor) -> Tensor { Tensor.matmul(weight, weight.transposed()) }

    @Test func initialisationIsOrthogonalWithCleanRLGainsAndZeroBiases() {
        var stream = RandomStream(seed: 2)
        let model = ActorCritic(Self.gridworld, using: &stream)
        let parameters = Dictionary(uniqueKeysWithValues: model.namedParameters.map { ($0.name, $0.tensor) })
        for (name, tensor) in parameters where name.hasSuffix("bias") {
            #expect(tensor.scalars.allSatisfy { $0 == 0 }, "\(name) is not zero")
        }
        let identity = { (n: Int) in Tensor(shape: [n, n], scalars: (0..<(n * n)).map { $0 % (n + 1) == 0 ? 1 : 0 }) }
        expectClose(gram(parameters["actor.layers.0.weight"]!), identity(64).scaled(by: 2), absolute: 1e-4)
        expectClose(gram(parameters["actor.layers.2.weight"]!), identity(7).scaled(by: 1e-4), absolute: 1e-8)
        expectClose(gram(parameters["critic.layers.2.weight"]!), identity(1), absolute: 1e-5)
    }

    @Test func headsGiveLogitsAndValuesOfTheRightShapes() {
        var stream = RandomStream(seed: 3)
        let model = ActorCritic(Self.gridworld, using: &stream)
        let observations = TestData.uniform([5, 151], seed: 4)
        let (logits, values) = model(observations)
        #expect(logits.shape == [5, 7] && values.shape == [5])
        #expect(model.policy(observations).logits.scalars == logits.scalars)
        #expect(model.value(observations).scalars == values.scalars)
        // The 0.01 head gain makes the initial policy near uniform.
        let entropy = model.policy(observations).entropy().scalars
        #expect(entropy.allSatisfy { Swift.abs($0 - Float(log(7.0))) < 1e-3 }, "\(entropy)")
    }

    @Test func sharedTrunkHasSingleLayerHeads() {
        var stream = RandomStream(seed: 5)
        let configuration = ActorCriticConfiguration(observationSize: 6, actionCount: 3, hiddenSizes: [8, 4], sharesTrunk: true)
        let model = ActorCritic(configuration, using: &stream)
        #expect(model.namedParameters.map(\.name) == [
            "trunk.layers.0.weight", "trunk.layers.0.bias", "trunk.layers.1.weight", "trunk.layers.1.bias",
            "actor.layers.0.weight", "actor.layers.0.bias", "critic.layers.0.weight", "critic.layers.0.bias",
        ])
        let x = TestData.uniform([2, 6], seed: 6)
        let trunk = model.trunk!
        let features = trunk(x).tanh()
        expectClose(model(x).logits, model.actor(features))
        expectGradients(at: [x]) { model.value($0[0]) }
    }

    @Test func checkpointRoundTripRestoresEveryParameter() throws {
        var stream = RandomStream(seed: 7)
        let model = ActorCritic(Self.gridworld, using: &stream)
        var other = ActorCritic(Self.gridworld, using: &stream)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("actor-critic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Checkpoint.save(model: model, to: directory)
        try Checkpoint.loadModel(&other, from: directory)
        for (a, b) in zip(model.namedParameters, other.namedParameters) {
            #expect(a.name == b.name && a.tensor.scalars == b.tensor.scalars, "\(a.name)")
        }
    }
}
