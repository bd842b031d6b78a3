import Foundation
import PrismNN
import PrismTensor
import PrismTestSupport
import Testing

/// `Linear`: the affine map `x · Wᵀ + b` in PyTorch's `[out, in]` layout, its init and parameters.
@Suite struct LinearTests {
    /// A 3 → 2 layer with W = [[1, 2, 3], [4, 5, 6]] and b = [0.5, −1], loaded by name.
    func chosenLayer() throws -> Linear {
        var stream = RandomStream(seed: 1)
        var layer = Linear(inputSize: 3, outputSize: 2, using: &stream)
        try layer.loadParameters([
            "weight": TestData.values([1, 2, 3, 4, 5, 6], [2, 3]),
            "bias": TestData.values([0.5, -1]),
        ])
        return layer
    }

    /// `x · Wᵀ + b` over the last axis, in Float64.
    func reference(_ x: Tensor, weight: Tensor, bias: Tensor?) -> Tensor {
        let (outputs, inputs) = (weight.shape[0], weight.shape[1])
        let (xs, ws, bs) = (x.scalars, weight.scalars, bias?.scalars)
        let rows = x.count / inputs
        var result: [Float] = []
        for row in 0..<rows {
            for o in 0..<outputs {
                var sum = Double(bs?[o] ?? 0)
                for i in 0..<inputs { sum += Double(xs[row * inputs + i]) * Double(ws[o * inputs + i]) }
                result.append(Float(sum))
            }
        }
        return Tensor(shape: Array(x.shape.dropLast()) + [outputs], scalars: result)
    }

    @Test func forwardMatchesHandComputation() throws {
        let layer = try chosenLayer()
        let x = TestData.values([1, 0, -1, 2, 1, 0], [2, 3])
        // [1, 0, −1]: [1 − 3 + 0.5, 4 − 6 − 1]; [2, 1, 0]: [2 + 2 + 0.5, 8 + 5 − 1].
        let y = layer(x)
        #expect(y.shape == [2, 2])
        #expect(y.scalars == [-1.5, -3, 4.5, 12])
    }

    @Test func forwardOnSingleVector() throws {
        let y = try chosenLayer()(TestData.values([1, 1, 1]))
        #expect(y.shape == [2])
        #expect(y.scalars == [6.5, 14])
    }

    @Test func forwardOnThreeDimensionalInput() {
        var stream = RandomStream(seed: 5)
        let layer = Linear(inputSize: 4, outputSize: 3, using: &stream)
        let x = TestData.uniform([2, 5, 4], seed: 6)
        let y = layer(x)
        #expect(y.shape == [2, 5, 3])
        expectClose(y, reference(x, weight: layer.weight, bias: layer.bias), absolute: 1e-6, relative: 1e-5)
        // Each row of [B, T, I] is mapped on its own: the same as flattening to [B·T, I].
        #expect(y.scalars == layer(x.reshaped(to: [10, 4])).scalars)
    }

    @Test func noBiasVariant() {
        var stream = RandomStream(seed: 2)
        var layer = Linear(inputSize: 3, outputSize: 2, hasBias: false, using: &stream)
        #expect(layer.bias == nil)
        #expect(layer.namedParameters.map(\.name) == ["weight"])
        #expect(layer.parameterCount == 6)
        layer.weight = TestData.values([1, 2, 3, 4, 5, 6], [2, 3])
        #expect(layer(TestData.values([1, 0, -1, 2, 1, 0], [2, 3])).scalars == [-2, -2, 4, 13])
    }

    @Test func parametersAreWeightThenBias() {
        var stream = RandomStream(seed: 2)
        let layer = Linear(inputSize: 3, outputSize: 2, using: &stream)
        let named = layer.namedParameters
        #expect(named.map(\.name) == ["weight", "bias"])
        #expect(named.map(\.tensor.shape) == [[2, 3], [2]])
        #expect(named.allSatisfy { $0.tensor.requiresGradient })
        #expect(layer.parameterCount == 8)
    }

    @Test func visitParametersUpdatesInPlace() {
        var stream = RandomStream(seed: 2)
        var layer = Linear(inputSize: 3, outputSize: 2, using: &stream)
        layer.visitParameters(prefix: "fc.") { name, tensor in
            tensor.withUnsafeMutableBufferPointer { buffer in
                for index in buffer.indices { buffer[index] = name == "fc.weight" ? 1 : 2 }
            }
        }
        #expect(layer.weight.scalars == [Float](repeating: 1, count: 6))
        #expect(layer.bias?.scalars == [2, 2])
        #expect(layer(TestData.values([1, 2, 3])).scalars == [8, 8])
    }

    @Test func gradientsWithRespectToInputWeightAndBias() {
        var stream = RandomStream(seed: 8)
        let template = Linear(inputSize: 4, outputSize: 3, using: &stream)
        let x = TestData.uniform([2, 2, 4], seed: 9)
        expectGradients(at: [x, template.weight, template.bias!]) { inputs in
            var layer = template
            layer.weight = inputs[1]
            layer.bias = inputs[2]
            return layer(inputs[0]).tanh()
        }
    }

    @Test func gradientsWithoutBias() {
        var stream = RandomStream(seed: 8)
        let template = Linear(inputSize: 3, outputSize: 2, hasBias: false, using: &stream)
        expectGradients(at: [TestData.uniform([4, 3], seed: 10), template.weight]) { inputs in
            var layer = template
            layer.weight = inputs[1]
            return layer(inputs[0]).squared()
        }
    }

    @Test func backwardAccumulatesIntoParametersAndZeroGradientsClearsThem() throws {
        let layer = try chosenLayer()
        let x = TestData.values([1, 0, -1, 2, 1, 0], [2, 3])
        layer(x).sum().backward()
        // d Σy / dW[o, i] = Σ_rows x[row, i]; d Σy / db = number of rows.
        #expect(layer.weight.gradient?.scalars == [3, 1, -1, 3, 1, -1])
        #expect(layer.bias?.gradient?.scalars == [2, 2])
        layer.zeroGradients()
        #expect(layer.weight.gradient == nil)
        #expect(layer.bias?.gradient == nil)
    }

    @Test func orthogonalInitializationHasZeroBias() {
        var stream = RandomStream(seed: 4)
        for gain: Float in [Float(2).squareRoot(), 0.01, 1] {
            let layer = Linear(inputSize: 8, outputSize: 5, initialization: .orthogonal(gain: gain), using: &stream)
            #expect(layer.bias?.scalars == [Float](repeating: 0, count: 5))
            #expect(layer.bias?.requiresGradient == true)
            // Orthonormal rows scaled by the gain: every row has norm `gain`.
            let w = layer.weight.scalars
            for row in 0..<5 {
                let norm = (0..<8).reduce(0.0) { $0 + Double(w[row * 8 + $1] * w[row * 8 + $1]) }.squareRoot()
                #expect(Swift.abs(norm - Double(gain)) < 1e-5 * Double(Swift.max(gain, 1)))
            }
        }
    }

    @Test func kaimingDefaultBiasIsWithinFanInBound() {
        var stream = RandomStream(seed: 4)
        let layer = Linear(inputSize: 16, outputSize: 256, using: &stream)
        let bound: Float = 1 / 4
        let bias = layer.bias!.scalars
        #expect(bias.allSatisfy { $0 >= -bound && $0 < bound })
        #expect(bias.max()! > 0.8 * bound)
        #expect(bias.min()! < -0.8 * bound)
        let weight = layer.weight.scalars
        #expect(weight.allSatisfy { $0 >= -bound && $0 < bound })
    }

    @Test func otherInitializationsHaveZeroBias() {
        var stream = RandomStream(seed: 4)
        for initialization in [Initialization.xavierUniform(gain: 1), .normal(standardDeviation: 0.02)] {
            let layer = Linear(inputSize: 6, outputSize: 3, initialization: initialization, using: &stream)
            #expect(layer.bias?.scalars == [0, 0, 0], "\(initialization)")
        }
    }

    @Test func sameSeedGivesIdenticalLayer() {
        var a = RandomStream(seed: 77)
        var b = RandomStream(seed: 77)
        let first = Linear(inputSize: 5, outputSize: 4, using: &a)
        let second = Linear(inputSize: 5, outputSize: 4, using: &b)
        #expect(first.weight.scalars.map(\.bitPattern) == second.weight.scalars.map(\.bitPattern))
        #expect(first.bias!.scalars.map(\.bitPattern) == second.bias!.scalars.map(\.bitPattern))
        #expect(a == b)
    }

    @Test func loadParametersReplacesValuesAndKeepsThemTrainable() throws {
        let layer = try chosenLayer()
        #expect(layer.weight.scalars == [1, 2, 3, 4, 5, 6])
        #expect(layer.bias?.scalars == [0.5, -1])
        #expect(layer.weight.requiresGradient)
        #expect(layer.bias?.requiresGradient == true)
    }

    @Test func loadParametersRejectsMissingAndMisshapenValues() throws {
        var stream = RandomStream(seed: 1)
        var layer = Linear(inputSize: 3, outputSize: 2, using: &stream)
        let before = layer.weight.scalars
        #expect(throws: ParameterLoadingError.missing(name: "bias")) {
            try layer.loadParameters(["weight": Tensor.zeros([2, 3])])
        }
        #expect(throws: ParameterLoadingError.shapeMismatch(name: "weight", expected: [2, 3], found: [3, 2])) {
            try layer.loadParameters(["weight": Tensor.zeros([3, 2]), "bias": Tensor.zeros([2])])
        }
        // A failed load leaves every parameter as it was.
        #expect(layer.weight.scalars == before)
    }
}
