import Foundation
import PrismTensor
import Testing

@testable import PrismNN

/// A two-parameter layer for optimizer tests: `weight` [2, 2] and `bias` [3], in that order.
struct TinyModel: Layer {
    var weight: Tensor
    var bias: Tensor

    init(weight: [Float] = [0.5, -1.0, 2.0, 0.25], bias: [Float] = [0.1, -0.2, 0.3]) {
        self.weight = Tensor(shape: [2, 2], scalars: weight)
        self.bias = Tensor(bias)
        self.weight.requiresGradient = true
        self.bias.requiresGradient = true
    }

    mutating func visitParameters(prefix: String, _ visit: (String, inout Tensor) throws -> Void) rethrows {
        try visit(prefix + "weight", &weight)
        try visit(prefix + "bias", &bias)
    }

    /// Sets both gradients directly (nil clears one), as a backward pass would leave them.
    func setGradients(weight weightGradient: [Double]?, bias biasGradient: [Double]?) {
        weight.gradientAccumulator?.gradient = weightGradient.map {
            Tensor(shape: [2, 2], scalars: $0.map { Float($0) })
        }
        bias.gradientAccumulator?.gradient = biasGradient.map { Tensor($0.map { Float($0) }) }
    }

    /// Weight then bias values, as one list.
    var values: [Float] { weight.scalars + bias.scalars }
}

/// Three steps of gradients shared by the optimizer, state and clipping tests.
enum Fixture {
    static let initial: [Double] = [0.5, -1.0, 2.0, 0.25, 0.1, -0.2, 0.3]
    static let weightGradients: [[Double]] = [
        [0.1, -0.2, 0.3, -0.4], [-0.3, 0.2, 0.0, 0.6], [0.25, 0.15, -0.35, 0.05],
    ]
    static let biasGradients: [[Double]] = [[0.05, 0.5, -1.0], [0.2, -0.1, 0.4], [-0.5, 0.3, 0.01]]
    static func gradients(_ step: Int) -> [Double] { weightGradients[step] + biasGradients[step] }
}

/// Expects every element of `actual` within `tolerance` of `expected`.
func expectWithin(
    _ actual: [Float], _ expected: [Double], tolerance: Double = 1e-6,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.count == expected.count, sourceLocation: sourceLocation)
    for (index, (a, e)) in zip(actual, expected).enumerated() {
        #expect(abs(Double(a) - e) <= tolerance, "element \(index): \(a) vs \(e)",
                sourceLocation: sourceLocation)
    }
}

/// Adam by the textbook formulas in Double (PyTorch's ε placement), written independently of Prism.
func referenceAdam(
    learningRate: Double, weightDecay: Double, decoupled: Bool, steps: Int,
    beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8
) -> [[Double]] {
    var theta = Fixture.initial
    var m = Array(repeating: 0.0, count: theta.count)
    var v = m
    var history: [[Double]] = []
    for t in 1...steps {
        let gradients = Fixture.gradients(t - 1)
        for i in theta.indices {
            var g = gradients[i]
            if decoupled { theta[i] *= 1 - learningRate * weightDecay } else { g += weightDecay * theta[i] }
            m[i] = beta1 * m[i] + (1 - beta1) * g
            v[i] = beta2 * v[i] + (1 - beta2) * g * g
            let biasCorrection1 = 1 - pow(beta1, Double(t))
            let biasCorrection2 = 1 - pow(beta2, Double(t))
            let denominator = v[i].squareRoot() / biasCorrection2.squareRoot() + epsilon
            theta[i] -= (learningRate / biasCorrection1) * m[i] / denominator
        }
        history.append(theta)
    }
    return history
}

/// SGD with momentum (dampening 0) in Double, written independently of Prism.
func referenceSGD(learningRate: Double, momentum: Double, weightDecay: Double, nesterov: Bool) -> [[Double]] {
    var theta = Fixture.initial
    var buffer: [Double]?
    var history: [[Double]] = []
    for step in 0..<3 {
        let gradients = Fixture.gradients(step)
        let g = theta.indices.map { gradients[$0] + weightDecay * theta[$0] }
        var direction = g
        if momentum != 0 {
            let b = buffer.map { old in old.indices.map { momentum * old[$0] + g[$0] } } ?? g
            buffer = b
            direction = nesterov ? g.indices.map { g[$0] + momentum * b[$0] } : b
        }
        theta = theta.indices.map { theta[$0] - learningRate * direction[$0] }
        history.append(theta)
    }
    return history
}

/// Runs three steps of `optimizer` on a fresh ``TinyModel`` and returns the values after each.
func runThreeSteps(_ optimizer: inout some Optimizer) -> [[Float]] {
    var model = TinyModel()
    var history: [[Float]] = []
    for step in 0..<3 {
        model.setGradients(weight: Fixture.weightGradients[step], bias: Fixture.biasGradients[step])
        optimizer.step(&model)
        history.append(model.values)
    }
    return history
}

/// Adam, AdamW and SGD against Double formulas and literal values printed by PyTorch 2.15 (CPU,
/// float32, `torch.optim.*` with the same parameters, gradients and hyperparameters).
@Suite struct OptimizerTests {
    @Test func adamMatchesFormulasAndPyTorch() {
        var adam = Adam(learningRate: 0.01)
        let history = runThreeSteps(&adam)
        let reference = referenceAdam(learningRate: 0.01, weightDecay: 0, decoupled: false, steps: 3)
        let pytorch: [[Double]] = [
            [0.49000001, -0.99000001, 1.99000001, 0.25999999, 0.0900000036, -0.210000008, 0.310000002],
            [0.49494192, -0.990526319, 1.98329937, 0.25752297, 0.0811562389, -0.215110272, 0.313456059],
            [0.493974924, -0.993880391, 1.98478281, 0.255170643, 0.0844578519, -0.221755832, 0.316068113],
        ]
        for step in 0..<3 {
            expectWithin(history[step], reference[step])
            expectWithin(history[step], pytorch[step])
        }
        #expect(adam.states["weight"]?.step == 3 && adam.states["bias"]?.step == 3)
    }

    @Test func adamL2WeightDecayMatchesFormulasAndPyTorch() {
        var adam = Adam(learningRate: 0.01, weightDecay: 0.1)
        let history = runThreeSteps(&adam)
        let reference = referenceAdam(learningRate: 0.01, weightDecay: 0.1, decoupled: false, steps: 3)
        let pytorch: [[Double]] = [
            [0.49000001, -0.99000001, 1.99000001, 0.25999999, 0.0900000036, -0.210000008, 0.310000002],
            [0.492952466, -0.986025333, 1.98102188, 0.257057637, 0.0809991881, -0.214677334, 0.31309998],
            [0.489976048, -0.984017491, 1.97608006, 0.254135728, 0.0840306953, -0.220962524, 0.315245807],
        ]
        for step in 0..<3 {
            expectWithin(history[step], reference[step])
            expectWithin(history[step], pytorch[step])
        }
    }

    @Test func adamWMatchesFormulasAndPyTorch() {
        var adamW = AdamW(learningRate: 0.01, weightDecay: 0.1)
        let history = runThreeSteps(&adamW)
        let reference = referenceAdam(learningRate: 0.01, weightDecay: 0.1, decoupled: true, steps: 3)
        let pytorch: [[Double]] = [
            [0.489500016, -0.989000022, 1.98800004, 0.259750009, 0.0899000019, -0.209800005, 0.309700012],
            [0.493952423, -0.988537371, 1.97931147, 0.257013232, 0.0809663385, -0.214700475, 0.312846363],
            [0.492491484, -0.990902901, 1.97881567, 0.254403889, 0.0841869861, -0.22113134, 0.315145582],
        ]
        for step in 0..<3 {
            expectWithin(history[step], reference[step])
            expectWithin(history[step], pytorch[step])
        }
    }

    @Test func defaultsArePyTorchDefaults() {
        let adam = Adam()
        #expect(adam.configuration == AdamConfiguration(
            learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0,
            weightDecayMode: .l2))
        let adamW = AdamW()
        #expect(adamW.configuration == AdamConfiguration(
            learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.01,
            weightDecayMode: .decoupled))
    }

    @Test func pureAdamUpdateMatchesStep() {
        var parameter = Tensor([0.5, -1.0, 2.0])
        var state = AdamState(shape: [3])
        let configuration = AdamConfiguration(
            learningRate: 0.01, weightDecay: 0.1, weightDecayMode: .decoupled)
        let gradients: [[Float]] = [[0.1, -0.2, 0.3], [-0.3, 0.2, 0.0]]
        var theta: [Double] = [0.5, -1.0, 2.0]
        var m = [0.0, 0.0, 0.0], v = [0.0, 0.0, 0.0]
        for (t, gradient) in gradients.enumerated() {
            Adam.update(parameter: &parameter, gradient: Tensor(gradient), state: &state,
                        configuration: configuration)
            let bc1 = 1 - pow(0.9, Double(t + 1)), bc2 = 1 - pow(0.999, Double(t + 1))
            for i in 0..<3 {
                let g = Double(gradient[i])
                theta[i] *= 1 - 0.01 * 0.1
                m[i] = 0.9 * m[i] + 0.1 * g
                v[i] = 0.999 * v[i] + 0.001 * g * g
                theta[i] -= 0.01 / bc1 * m[i] / (v[i].squareRoot() / bc2.squareRoot() + 1e-8)
            }
            expectWithin(parameter.scalars, theta)
            expectWithin(state.firstMoment, m)
            // Float(0.999) is 0.99900001: v is 1.3e-5 (relative) smaller, and 1 − β2^t cancels it.
            expectWithin(state.secondMoment, v, tolerance: 1e-8)
        }
        #expect(state.step == 2)
    }

    @Test func sgdMomentumMatchesFormulasAndPyTorch() {
        var sgd = SGD(learningRate: 0.1, momentum: 0.9)
        let history = runThreeSteps(&sgd)
        let reference = referenceSGD(learningRate: 0.1, momentum: 0.9, weightDecay: 0, nesterov: false)
        let pytorch: [[Double]] = [
            [0.49000001, -0.980000019, 1.97000003, 0.289999992, 0.0949999988, -0.25, 0.400000006],
            [0.511000037, -0.981999993, 1.94300008, 0.265999973, 0.0705000013, -0.284999996, 0.450000018],
            [0.504900038, -0.99879998, 1.95370007, 0.23939997, 0.0984500051, -0.346500009, 0.494000018],
        ]
        for step in 0..<3 {
            expectWithin(history[step], reference[step])
            expectWithin(history[step], pytorch[step])
        }
    }

    @Test func sgdNesterovWithWeightDecayMatchesFormulasAndPyTorch() {
        var sgd = SGD(learningRate: 0.1, momentum: 0.9, weightDecay: 0.01, isNesterov: true)
        let history = runThreeSteps(&sgd)
        let reference = referenceSGD(learningRate: 0.1, momentum: 0.9, weightDecay: 0.01, nesterov: true)
        let pytorch: [[Double]] = [
            [0.480049998, -0.960099995, 1.93920004, 0.325524986, 0.0903099999, -0.294620007, 0.48943001],
            [0.527632892, -0.979265809, 1.90959561, 0.243103981, 0.04800741, -0.315398216, 0.493257076],
            [0.495387048, -1.00601852, 1.94756866, 0.21325615, 0.122925147, -0.399764508, 0.53030473],
        ]
        for step in 0..<3 {
            expectWithin(history[step], reference[step])
            expectWithin(history[step], pytorch[step])
        }
    }

    @Test func sgdWithoutMomentumWithWeightDecayMatchesFormulasAndPyTorch() {
        var sgd = SGD(learningRate: 0.1, weightDecay: 0.01)
        let history = runThreeSteps(&sgd)
        let reference = referenceSGD(learningRate: 0.1, momentum: 0, weightDecay: 0.01, nesterov: false)
        let pytorch: [[Double]] = [
            [0.489499986, -0.978999972, 1.96800005, 0.28975001, 0.0949000046, -0.249799997, 0.399700016],
            [0.519010484, -0.998020947, 1.96603203, 0.229460254, 0.0748051032, -0.239550203, 0.359300315],
            [0.493491471, -1.01202297, 1.999066, 0.224230796, 0.124730296, -0.269310653, 0.357941002],
        ]
        for step in 0..<3 {
            expectWithin(history[step], reference[step])
            expectWithin(history[step], pytorch[step])
        }
        #expect(sgd.stateTensors().isEmpty)
    }

    @Test(arguments: ["Adam", "AdamW", "SGD"])
    func parametersWithoutGradientAreUntouched(kind: String) {
        var optimizer: any Optimizer = switch kind {
        case "Adam": Adam(learningRate: 0.01, weightDecay: 0.1)
        case "AdamW": AdamW(learningRate: 0.01)
        default: SGD(learningRate: 0.1, momentum: 0.9, weightDecay: 0.01)
        }
        var model = TinyModel()
        let biasBefore = model.bias.scalars
        for step in 0..<2 {
            model.setGradients(weight: Fixture.weightGradients[step], bias: nil)
            optimizer.step(&model)
        }
        #expect(model.bias.scalars == biasBefore)
        #expect(model.weight.scalars != [0.5, -1.0, 2.0, 0.25])
        #expect(optimizer.stateTensors().allSatisfy { $0.name.hasPrefix("weight.") })
    }

    @Test func stepUpdatesInPlaceAndKeepsTrainableLeaves() {
        var model = TinyModel()
        let accumulator = model.weight.gradientAccumulator
        let copyBefore = model.weight
        var adam = Adam(learningRate: 0.01)
        model.setGradients(weight: Fixture.weightGradients[0], bias: Fixture.biasGradients[0])
        adam.step(&model)
        #expect(model.weight.requiresGradient && model.bias.requiresGradient)
        #expect(model.weight.gradientAccumulator === accumulator)
        #expect(copyBefore.scalars == [0.5, -1.0, 2.0, 0.25], "copy-on-write kept the old value")
        model.zeroGradients()
        let input = Tensor(shape: [2, 2], scalars: [1, 2, 3, 4])
        (model.weight * input).sum().backward()
        #expect(model.weight.gradient?.scalars == [1, 2, 3, 4])
        let address = model.weight.storage.pointer
        adam.step(&model)
        #expect(model.weight.storage.pointer == address, "a uniquely held parameter is updated in place")
    }
}
