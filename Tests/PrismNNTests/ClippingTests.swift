import Foundation
import PrismTensor
import Testing

@testable import PrismNN

/// `clipGradientNorm` against hand-computed norms and PyTorch's `clip_grad_norm_`.
@Suite struct ClippingTests {
    /// sqrt(Σ g²) over the first step's gradients, in Double.
    var handNorm: Double {
        let squares = (Fixture.weightGradients[0] + Fixture.biasGradients[0]).map { Double(Float($0)) }
        return squares.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }

    @Test func clipsAboveTheLimitByExactlyTheCoefficient() {
        var model = TinyModel()
        model.setGradients(weight: Fixture.weightGradients[0], bias: Fixture.biasGradients[0])
        let accumulator = model.weight.gradientAccumulator
        let before = (model.weight.gradient?.scalars ?? []) + (model.bias.gradient?.scalars ?? [])
        let norm = clipGradientNorm(&model, maxNorm: 0.5)
        #expect(abs(Double(norm) - handNorm) <= 1e-6)
        #expect(abs(norm - 1.24599361) <= 1e-6, "torch.nn.utils.clip_grad_norm_ returned 1.24599361")
        let coefficient: Float = 0.5 / (norm + 1e-6)
        let after = (model.weight.gradient?.scalars ?? []) + (model.bias.gradient?.scalars ?? [])
        #expect(after == before.map { $0 * coefficient })
        let pytorch: [Double] = [
            0.040128585, -0.0802571699, 0.120385759, -0.16051434, 0.0200642925, 0.200642928, -0.401285857,
        ]
        expectWithin(after, pytorch, tolerance: 1e-7)
        #expect(model.weight.gradientAccumulator === accumulator)
        let clippedNorm = after.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        #expect(abs(clippedNorm - 0.5) <= 1e-6)
    }

    @Test func leavesGradientsBelowTheLimitUnchanged() {
        var model = TinyModel()
        model.setGradients(weight: Fixture.weightGradients[0], bias: Fixture.biasGradients[0])
        let before = (model.weight.gradient?.scalars ?? []) + (model.bias.gradient?.scalars ?? [])
        let norm = clipGradientNorm(&model, maxNorm: 10)
        #expect(abs(Double(norm) - handNorm) <= 1e-6)
        let after = (model.weight.gradient?.scalars ?? []) + (model.bias.gradient?.scalars ?? [])
        #expect(after.map(\.bitPattern) == before.map(\.bitPattern))
        // Exactly at the limit the coefficient is maxNorm / (norm + 1e-6) < 1, so PyTorch scales.
        let atLimit = clipGradientNorm(&model, maxNorm: norm)
        #expect(atLimit == norm)
    }

    @Test func skipsParametersWithoutGradientAndKeepsOldCopies() {
        var model = TinyModel()
        model.setGradients(weight: [3, 0, 0, 4], bias: nil)
        let heldCopy = model.weight.gradient
        let norm = clipGradientNorm(&model, maxNorm: 1)
        #expect(norm == 5)
        let coefficient: Float = 1 / (5 + 1e-6)
        #expect(model.weight.gradient?.scalars == [3 * coefficient, 0, 0, 4 * coefficient])
        #expect(model.bias.gradient == nil)
        #expect(heldCopy?.scalars == [3, 0, 0, 4], "a gradient value held elsewhere keeps its values")
    }

    @Test func sharedGradientSlotCountsOnce() {
        var tied = TinyModel()
        tied.bias = Tensor.zeros([3])
        tied.bias.requiresGradient = true
        tied.weight = tied.bias
        tied.setGradients(weight: nil, bias: [0, 3, 4])
        let norm = clipGradientNorm(&tied, maxNorm: 2.5)
        #expect(norm == 5)
        let coefficient: Float = 2.5 / (5 + 1e-6)
        #expect(tied.bias.gradient?.scalars == [0, 3 * coefficient, 4 * coefficient])
    }

    @Test func noGradientsGiveZeroNorm() {
        var model = TinyModel()
        #expect(clipGradientNorm(&model, maxNorm: 1) == 0)
    }
}
