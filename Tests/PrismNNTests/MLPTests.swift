import Foundation
import PrismNN
import PrismTensor
import PrismTestSupport
import Testing

/// `MLP` and `Activation`: layer order, activation placement, naming and CleanRL's init.
@Suite struct MLPTests {
    @Test func parameterNamesAndShapesFollowLayerOrder() {
        var stream = RandomStream(seed: 1)
        let mlp = MLP(sizes: [4, 8, 6, 2], activation: .tanh, using: &stream)
        let named = mlp.namedParameters
        #expect(named.map(\.name) == [
            "layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias", "layers.2.weight", "layers.2.bias",
        ])
        #expect(named.map(\.tensor.shape) == [[8, 4], [8], [6, 8], [6], [2, 6], [2]])
        #expect(mlp.parameterCount == 8 * 4 + 8 + 6 * 8 + 6 + 2 * 6 + 2)
    }

    @Test func namesCarryThePrefix() {
        var stream = RandomStream(seed: 1)
        var mlp = MLP(sizes: [2, 3], activation: .relu, using: &stream)
        var names: [String] = []
        mlp.visitParameters(prefix: "actor.") { name, _ in names.append(name) }
        #expect(names == ["actor.layers.0.weight", "actor.layers.0.bias"])
    }

    @Test func cleanRLActorParameterCount() {
        var stream = RandomStream(seed: 1)
        let mlp = MLP(sizes: [4, 64, 64, 2], activation: .tanh, hiddenInitialization: .orthogonal(gain: Float(2).squareRoot()),
                      outputInitialization: .orthogonal(gain: 0.01), using: &stream)
        #expect(mlp.parameterCount == 4 * 64 + 64 + 64 * 64 + 64 + 64 * 2 + 2)
    }

    @Test func activationBetweenLayersButNotAfterTheLast() throws {
        var stream = RandomStream(seed: 1)
        var mlp = MLP(sizes: [2, 2, 1], activation: .relu, using: &stream)
        try mlp.loadParameters([
            "layers.0.weight": TestData.values([1, -1, -1, 1], [2, 2]), "layers.0.bias": TestData.values([0, 0]),
            "layers.1.weight": TestData.values([-1, -1], [1, 2]), "layers.1.bias": TestData.values([0.5]),
        ])
        // x = [3, 1]: h = [2, −2] → relu [2, 0] → −2 + 0.5 = −1.5 (a relu after the last layer would give 0).
        // x = [1, 3]: h = [−2, 2] → relu [0, 2] → −1.5 as well; x = [1, 1]: h = 0 → 0.5.
        let y = mlp(TestData.values([3, 1, 1, 3, 1, 1], [3, 2]))
        #expect(y.shape == [3, 1])
        #expect(y.scalars == [-1.5, -1.5, 0.5])
    }

    @Test func forwardIsTheCompositionOfItsLayers() {
        var stream = RandomStream(seed: 3)
        let mlp = MLP(sizes: [3, 5, 4, 2], activation: .tanh, using: &stream)
        let x = TestData.uniform([2, 3, 3], seed: 4)
        let y = mlp(x)
        #expect(y.shape == [2, 3, 2])
        let expected = mlp.layers[2](mlp.layers[1](mlp.layers[0](x).tanh()).tanh())
        #expect(y.scalars == expected.scalars)
    }

    @Test func singleLayerHasNoActivation() {
        var stream = RandomStream(seed: 3)
        let mlp = MLP(sizes: [3, 2], activation: .relu, using: &stream)
        let x = TestData.uniform([4, 3], in: -5..<5, seed: 4)
        #expect(mlp(x).scalars == mlp.layers[0](x).scalars)
        #expect(mlp(x).scalars.contains { $0 < 0 })
    }

    @Test func cleanRLInitializationPerLayer() {
        var stream = RandomStream(seed: 1)
        let mlp = MLP(sizes: [4, 64, 64, 2], activation: .tanh, hiddenInitialization: .orthogonal(gain: Float(2).squareRoot()),
                      outputInitialization: .orthogonal(gain: 0.01), using: &stream)
        for layer in mlp.layers { #expect(layer.bias!.scalars.allSatisfy { $0 == 0 }) }
        // Each layer's rows (or columns) have norm equal to its gain: √2 for hidden, 0.01 for the head.
        func vectorNorms(_ w: Tensor, rows: Bool) -> [Double] {
            let (r, c) = (w.shape[0], w.shape[1])
            let v = w.scalars.map(Double.init)
            return rows ? (0..<r).map { i in (0..<c).reduce(0.0) { $0 + v[i * c + $1] * v[i * c + $1] }.squareRoot() }
                : (0..<c).map { j in (0..<r).reduce(0.0) { $0 + v[$1 * c + j] * v[$1 * c + j] }.squareRoot() }
        }
        let expectations: [(Tensor, Bool, Double)] = [
            (mlp.layers[0].weight, false, Double(2).squareRoot()),  // [64, 4]: orthonormal columns
            (mlp.layers[1].weight, true, Double(2).squareRoot()),
            (mlp.layers[2].weight, true, 0.01),  // [2, 64]: orthonormal rows
        ]
        for (weight, rows, gain) in expectations {
            for norm in vectorNorms(weight, rows: rows) { #expect(Swift.abs(norm - gain) < 1e-5, "norm \(norm) vs \(gain)") }
        }
    }

    @Test func outputInitializationDefaultsToHidden() {
        var a = RandomStream(seed: 9)
        var b = RandomStream(seed: 9)
        let implicit = MLP(sizes: [3, 4, 2], activation: .tanh, hiddenInitialization: .orthogonal(gain: 1), using: &a)
        let explicit = MLP(sizes: [3, 4, 2], activation: .tanh, hiddenInitialization: .orthogonal(gain: 1),
                           outputInitialization: .orthogonal(gain: 1), using: &b)
        for (p, q) in zip(implicit.namedParameters, explicit.namedParameters) {
            #expect(p.tensor.scalars.map(\.bitPattern) == q.tensor.scalars.map(\.bitPattern), "\(p.name)")
        }
    }

    @Test func gradientThroughTheNetwork() {
        var stream = RandomStream(seed: 12)
        let template = MLP(sizes: [3, 4, 2], activation: .tanh, using: &stream)
        let x = TestData.uniform([2, 3], seed: 13)
        let parameters = template.namedParameters.map(\.tensor)
        expectGradients(at: [x] + parameters) { inputs in
            var mlp = template
            mlp.layers[0].weight = inputs[1]
            mlp.layers[0].bias = inputs[2]
            mlp.layers[1].weight = inputs[3]
            mlp.layers[1].bias = inputs[4]
            return mlp(inputs[0])
        }
    }

    @Test func activationValues() {
        let x = TestData.values([-2, -0.5, 0, 0.5, 2])
        let xs = x.scalars.map(Double.init)
        #expect(Activation.identity(x).scalars == x.scalars)
        #expect(Activation.relu(x).scalars == [0, 0, 0, 0.5, 2])
        expectClose(Activation.tanh(x), Tensor(xs.map { Float(Foundation.tanh($0)) }))
        expectClose(Activation.sigmoid(x), Tensor(xs.map { Float(1 / (1 + Foundation.exp(-$0))) }))
        // Exact GELU: x·Φ(x) = x · (1 + erf(x/√2)) / 2.
        expectClose(Activation.gelu(x), Tensor(xs.map { Float($0 * (1 + erf($0 / Double(2).squareRoot())) / 2) }),
                    absolute: 1e-6, relative: 1e-5)
        #expect(Set(Activation.allCases.map(\.rawValue)) == ["tanh", "relu", "gelu", "sigmoid", "identity"])
    }
}
