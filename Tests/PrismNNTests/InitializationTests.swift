import Foundation
import PrismNN
import PrismTensor
import PrismTestSupport
import Testing

/// Weight initialisers: orthogonality, seed-locking, and the documented ranges and spreads.
@Suite struct InitializationTests {
    /// `[out, in]` weight from `initialization` drawn from a fresh stream seeded with `seed`.
    func weight(_ initialization: Initialization, outputs: Int, inputs: Int, seed: UInt64 = 7) -> Tensor {
        var stream = RandomStream(seed: seed)
        return initialization.makeWeight(outputs: outputs, inputs: inputs, using: &stream)
    }

    /// The Gram matrix of the rows (`W·Wᵀ`) or of the columns (`Wᵀ·W`), in Float64.
    func gram(_ w: Tensor, ofRows: Bool) -> [[Double]] {
        let (rows, columns) = (w.shape[0], w.shape[1])
        let values = w.scalars.map(Double.init)
        let n = ofRows ? rows : columns
        let m = ofRows ? columns : rows
        func element(_ vector: Int, _ k: Int) -> Double {
            ofRows ? values[vector * columns + k] : values[k * columns + vector]
        }
        return (0..<n).map { i in
            (0..<n).map { j in (0..<m).reduce(0.0) { $0 + element(i, $1) * element(j, $1) } }
        }
    }

    /// Expects the Gram matrix to be `gain² · I` to within `tolerance` in every entry.
    func expectScaledIdentity(_ g: [[Double]], gain: Float, tolerance: Double = 1e-5,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        let target = Double(gain) * Double(gain)
        var worst = 0.0
        for i in g.indices {
            for j in g.indices { worst = Swift.max(worst, Swift.abs(g[i][j] - (i == j ? target : 0))) }
        }
        #expect(worst <= tolerance, "Gram matrix deviates from \(target)·I by \(worst)", sourceLocation: sourceLocation)
    }

    @Test func orthogonalIsSemiOrthogonalWithGain() {
        for (outputs, inputs) in [(3, 8), (6, 6), (9, 4), (1, 5), (5, 1)] {
            for gain: Float in [1, Float(2).squareRoot(), 0.01] {
                let w = weight(.orthogonal(gain: gain), outputs: outputs, inputs: inputs)
                #expect(w.shape == [outputs, inputs])
                // Rows are orthonormal when out ≤ in, columns when out ≥ in (both for a square matrix).
                if outputs <= inputs { expectScaledIdentity(gram(w, ofRows: true), gain: gain) }
                if outputs >= inputs { expectScaledIdentity(gram(w, ofRows: false), gain: gain) }
            }
        }
    }

    @Test func orthogonalLargeSquareIsOrthogonal() {
        let w = weight(.orthogonal(gain: Float(2).squareRoot()), outputs: 64, inputs: 64)
        expectScaledIdentity(gram(w, ofRows: true), gain: Float(2).squareRoot())
        expectScaledIdentity(gram(w, ofRows: false), gain: Float(2).squareRoot())
    }

    @Test func orthogonalIsSeedLocked() {
        let a = weight(.orthogonal(gain: 1), outputs: 5, inputs: 7, seed: 11)
        let b = weight(.orthogonal(gain: 1), outputs: 5, inputs: 7, seed: 11)
        let c = weight(.orthogonal(gain: 1), outputs: 5, inputs: 7, seed: 12)
        #expect(a.scalars.map(\.bitPattern) == b.scalars.map(\.bitPattern))
        #expect(a.scalars != c.scalars)
    }

    @Test func orthogonalDependsOnlyOnStreamAndAdvancesIt() {
        // Two draws from one stream differ, and a stream replayed from the same state gives the same pair.
        var stream = RandomStream(seed: 3)
        let first = Initialization.orthogonal(gain: 1).makeWeight(outputs: 4, inputs: 4, using: &stream)
        let second = Initialization.orthogonal(gain: 1).makeWeight(outputs: 4, inputs: 4, using: &stream)
        #expect(first.scalars != second.scalars)
        #expect(stream != RandomStream(seed: 3))
    }

    @Test func everyInitializerIsSeedLocked() {
        let all: [Initialization] = [.xavierUniform(gain: 1), .kaimingUniform, .normal(standardDeviation: 0.02),
                                     .orthogonal(gain: 0.5)]
        for initialization in all {
            let a = weight(initialization, outputs: 6, inputs: 10, seed: 21)
            let b = weight(initialization, outputs: 6, inputs: 10, seed: 21)
            let c = weight(initialization, outputs: 6, inputs: 10, seed: 22)
            #expect(a.shape == [6, 10])
            #expect(a.scalars.map(\.bitPattern) == b.scalars.map(\.bitPattern), "\(initialization)")
            #expect(a.scalars != c.scalars, "\(initialization)")
        }
    }

    @Test func xavierUniformStaysWithinAndFillsItsBound() {
        for (outputs, inputs, gain) in [(64, 64, Float(1)), (32, 96, Float(2))] {
            let w = weight(.xavierUniform(gain: gain), outputs: outputs, inputs: inputs)
            let bound = gain * Float((6.0 / Double(inputs + outputs)).squareRoot())
            let values = w.scalars
            #expect(values.allSatisfy { $0 >= -bound && $0 < bound }, "value outside ±\(bound)")
            #expect(values.max()! > 0.9 * bound)
            #expect(values.min()! < -0.9 * bound)
            // U(−a, a) has mean 0 and variance a²/3.
            let n = Double(values.count)
            let mean = values.reduce(0.0) { $0 + Double($1) } / n
            let variance = values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / n
            let expected = Double(bound * bound) / 3
            #expect(Swift.abs(mean) < 4 * (expected / n).squareRoot())
            #expect(Swift.abs(variance / expected - 1) < 0.08)
        }
    }

    @Test func kaimingUniformUsesFanIn() {
        // bound = 1/√in: a bound from the fan-out (1/√16 = 0.25) would leave values outside ±0.1.
        for (outputs, inputs) in [(64, 64), (16, 100)] {
            let w = weight(.kaimingUniform, outputs: outputs, inputs: inputs)
            let bound = 1 / Float(Double(inputs).squareRoot())
            let values = w.scalars
            #expect(values.allSatisfy { $0 >= -bound && $0 < bound }, "value outside ±\(bound)")
            #expect(values.max()! > 0.9 * bound)
            #expect(values.min()! < -0.9 * bound)
        }
    }

    @Test func normalHasRequestedStandardDeviation() {
        for sigma: Float in [0.02, 1] {
            let values = weight(.normal(standardDeviation: sigma), outputs: 64, inputs: 64).scalars.map(Double.init)
            let n = Double(values.count)
            let mean = values.reduce(0, +) / n
            let std = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
            // Sample std of 4096 normals has relative error ≈ 1/√(2n) ≈ 1.1%; allow 5%.
            #expect(Swift.abs(std / Double(sigma) - 1) < 0.05, "std \(std) for σ \(sigma)")
            #expect(Swift.abs(mean) < 4 * Double(sigma) / n.squareRoot(), "mean \(mean) for σ \(sigma)")
            // Roughly 68% of the mass within one σ.
            let inside = Double(values.filter { Swift.abs($0) < Double(sigma) }.count) / n
            #expect(Swift.abs(inside - 0.6827) < 0.04)
        }
    }
}
