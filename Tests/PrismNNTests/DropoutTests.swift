import PrismNN
import PrismTensor
import PrismTestSupport
import Testing

/// Inverted dropout: identity in evaluation, seeded masks and 1/(1 − p) scaling in training.
@Suite struct DropoutTests {
    /// Strictly positive inputs, so a zero in the output can only come from the mask.
    let x = TestData.uniform([100, 100], in: 1..<2, seed: 3)

    @Test func evaluationIsTheIdentityAndDrawsNothing() {
        var stream = RandomStream(seed: 1)
        let y = Dropout(probability: 0.5)(x, mode: .evaluation, using: &stream)
        #expect(y.shape == x.shape)
        #expect(y.storage === x.storage)
        #expect(y.scalars.map(\.bitPattern) == x.scalars.map(\.bitPattern))
        #expect(stream == RandomStream(seed: 1))
    }

    @Test func zeroProbabilityIsTheIdentityEvenInTraining() {
        var stream = RandomStream(seed: 1)
        let y = Dropout(probability: 0)(x, mode: .training, using: &stream)
        #expect(y.scalars.map(\.bitPattern) == x.scalars.map(\.bitPattern))
        #expect(stream == RandomStream(seed: 1))
    }

    @Test func halfDropZeroesAboutHalfAndDoublesSurvivors() {
        var stream = RandomStream(seed: 2)
        let y = Dropout(probability: 0.5)(x, mode: .training, using: &stream)
        #expect(y.shape == x.shape)
        let (input, output) = (x.scalars, y.scalars)
        let zeros = output.filter { $0 == 0 }.count
        // Binomial(10 000, 0.5): σ = 50; allow 4σ.
        #expect(Swift.abs(zeros - 5000) <= 200, "\(zeros) of 10 000 zeroed")
        for (a, b) in zip(input, output) where b != 0 {
            #expect(b == 2 * a, "survivor \(b) is not 2 × \(a)")
            if b != 2 * a { break }
        }
    }

    @Test func quarterDropScalesByFourThirds() {
        var stream = RandomStream(seed: 4)
        let y = Dropout(probability: 0.25)(x, mode: .training, using: &stream)
        let (input, output) = (x.scalars, y.scalars)
        let zeros = output.filter { $0 == 0 }.count
        // Binomial(10 000, 0.25): σ ≈ 43.3.
        #expect(Swift.abs(zeros - 2500) <= 175, "\(zeros) of 10 000 zeroed")
        let survivors = zip(input, output).filter { $0.1 != 0 }
        let worst = survivors.map { Swift.abs($0.1 - $0.0 / 0.75) / ($0.0 / 0.75) }.max() ?? 0
        #expect(worst < 3e-7, "relative deviation from x / 0.75: \(worst)")
    }

    @Test func sameSeedSameMaskDifferentSeedDifferentMask() {
        var a = RandomStream(seed: 9)
        var b = RandomStream(seed: 9)
        var c = RandomStream(seed: 10)
        let dropout = Dropout(probability: 0.5)
        let first = dropout(x, mode: .training, using: &a)
        let second = dropout(x, mode: .training, using: &b)
        let third = dropout(x, mode: .training, using: &c)
        #expect(first.scalars.map(\.bitPattern) == second.scalars.map(\.bitPattern))
        #expect(first.scalars.map { $0 == 0 } != third.scalars.map { $0 == 0 })
        // The mask depends on the stream, not on the data: the zero pattern on other inputs is the same.
        var d = RandomStream(seed: 9)
        let other = dropout(TestData.uniform([100, 100], in: 3..<4, seed: 5), mode: .training, using: &d)
        #expect(other.scalars.map { $0 == 0 } == first.scalars.map { $0 == 0 })
    }

    @Test func trainingConsumesOneDrawPerElement() {
        var stream = RandomStream(seed: 6)
        let small = TestData.uniform([3, 7], in: 1..<2, seed: 7)
        _ = Dropout(probability: 0.3)(small, mode: .training, using: &stream)
        var expected = RandomStream(seed: 6)
        for _ in 0..<21 { _ = expected.next() }
        #expect(stream == expected)
        // Consecutive calls draw fresh masks.
        let first = Dropout(probability: 0.5)(x, mode: .training, using: &stream)
        let second = Dropout(probability: 0.5)(x, mode: .training, using: &stream)
        #expect(first.scalars.map { $0 == 0 } != second.scalars.map { $0 == 0 })
    }

    @Test func gradientIsTheScaledMask() {
        var stream = RandomStream(seed: 8)
        var leaf = TestData.uniform([4, 5], in: 1..<2, seed: 11)
        leaf.requiresGradient = true
        let y = Dropout(probability: 0.5)(leaf, mode: .training, using: &stream)
        y.sum().backward()
        let expected = y.scalars.map { $0 == 0 ? Float(0) : 2 }
        #expect(leaf.gradient?.scalars == expected)
    }
}
