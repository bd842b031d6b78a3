import Foundation
@testable import PrismPreference
import PrismTensor
import PrismTestSupport
import Testing

/// `otrLoss`: the six invariants of docs/algorithms.md §6.3, the exact form's gradient against
/// finite differences, both reductions and the metrics.
@Suite struct OTRLossTests {
    // Two rows of four positions over a vocabulary of five; row 0 has a one-token prompt and row 1
    // one position of padding at the end.
    static let (rows, width, vocabulary) = (2, 4, 5)
    let logits = TestData.uniform([rows, width, vocabulary], in: -2..<2, seed: 7)
    let targets = [0, 3, 1, 4, 2, 2, 0, 1]
    let mask = TestData.values([0, 1, 1, 1, 1, 1, 1, 0], [rows, width])
    var kept: [Bool] { mask.scalars.map { $0 != 0 } }

    /// The reference log-softmax of `logits`, row-major, in Float64.
    static func logSoftmax(_ logits: Tensor) -> [Double] {
        let values = logits.scalars.map(Double.init)
        var result = [Double](repeating: 0, count: values.count)
        for row in 0..<(values.count / vocabulary) {
            let slice = values[(row * vocabulary)..<((row + 1) * vocabulary)]
            let peak = slice.max()!
            let shift = peak + log(slice.map { exp($0 - peak) }.reduce(0, +))
            for v in 0..<vocabulary { result[row * vocabulary + v] = values[row * vocabulary + v] - shift }
        }
        return result
    }

    /// Frequencies that put every one of K draws on `token(position)` (nil: nothing drawn).
    func concentrated(_ token: (Int) -> Int?) -> OTRSampling {
        var frequencies = [Float](repeating: 0, count: Self.rows * Self.width * Self.vocabulary)
        for position in 0..<(Self.rows * Self.width) { if let a = token(position) { frequencies[position * Self.vocabulary + a] = 1 } }
        let probabilities = OTRSampling(logits: logits, mode: .exact, temperature: 1, mask: kept, using: &Self.unused).probabilities
        return OTRSampling(positions: Self.rows * Self.width, vocabularySize: Self.vocabulary, probabilities: probabilities,
                           frequencies: frequencies, samples: 8)
    }

    nonisolated(unsafe) static var unused = RandomStream(seed: 0)

    /// The gradient of the loss with respect to the logits.
    func gradient(_ compute: (Tensor) -> Tensor) -> [Float] {
        var leaf = logits.detached
        leaf.requiresGradient = true
        compute(leaf).backward()
        return leaf.gradient?.scalars ?? []
    }

    @Test func invariant1AllDrawsOnTheTargetIsTheSFTLossExactly() {
        let output = otrLoss(logits: logits, targets: targets, mask: mask, sampling: concentrated { targets[$0] }, beta: -0.3)
        // `sft`'s reduction: masked gathered log-probs, summed per row, then over rows, over the token count.
        let gathered = logits.logSoftmax().gathering(lastAxis: targets)
        let perToken = Tensor.where(mask, gathered, Tensor.zeros(mask.shape))
        let sft = -perToken.sum(alongAxis: 1).sum() / Float(6)
        #expect(output.loss.item == sft.item)
        #expect(output.metrics.hitRate == 1 && output.metrics.zeroHitFraction == 0 && output.metrics.betaLoss == 0)
        expectClose(output.metrics.negativeLogLikelihood, sft.item, relative: 1e-6)

        // Drawn in the loss: at τ = 0.01 with a target logit 40 above the rest, π'(y*) rounds to 1.
        var peaked = [Float](repeating: 0, count: logits.count)
        for (position, target) in targets.enumerated() { peaked[position * Self.vocabulary + target] = 40 }
        let sharp = logits + TestData.values(peaked, logits.shape)
        var stream = RandomStream(seed: 3)
        let drawn = otrLoss(logits: sharp, targets: targets, mask: mask, mode: .monteCarlo(samples: 7), temperature: 0.01,
                            beta: -0.3, using: &stream)
        let sharpSFT = -Tensor.where(mask, sharp.logSoftmax().gathering(lastAxis: targets), Tensor.zeros(mask.shape))
            .sum(alongAxis: 1).sum() / Float(6)
        #expect(drawn.loss.item == sharpSFT.item)
        #expect(drawn.metrics.hitRate == 1)
    }

    @Test func invariant2BetaZeroWithoutHitsIsZeroWithZeroGradient() {
        let misses = concentrated { (targets[$0] + 1) % Self.vocabulary }
        let output = otrLoss(logits: logits, targets: targets, mask: mask, sampling: misses, beta: 0)
        #expect(output.loss.item == 0)
        #expect(output.metrics.zeroHitFraction == 1 && output.metrics.hitRate == 0)
        let gradient = gradient { otrLoss(logits: $0, targets: targets, mask: mask, sampling: misses, beta: 0).loss }
        #expect(gradient.count == logits.count && gradient.allSatisfy { $0 == 0 }, "\(gradient)")
    }

    @Test func invariant3MonteCarloConvergesToTheExactForm() {
        let (samples, seeds, temperature, beta) = (4_096, 32, Float(1.5), Float(-0.2))
        var unused = RandomStream(seed: 0)
        let exact = otrLoss(logits: logits, targets: targets, mask: mask, mode: .exact, temperature: temperature, beta: beta,
                            using: &unused)
        var total: Double = 0
        for seed in 0..<seeds {
            var stream = RandomStream(seed: 2026).child("seed-\(seed)")
            total += Double(otrLoss(logits: logits, targets: targets, mask: mask, mode: .monteCarlo(samples: samples),
                                    temperature: temperature, beta: beta, using: &stream).loss.item)
        }
        let mean = total / Double(seeds)
        // σ of the token-mean estimator: per position Var_{a∼π'}[R(a)·log π(a)] / K, over N² and the seeds.
        let logp = Self.logSoftmax(logits)
        let tempered = OTRSampling(logits: logits, mode: .exact, temperature: temperature, mask: kept, using: &unused).probabilities
        var variance: Double = 0
        for position in 0..<targets.count where kept[position] {
            var first: Double = 0, second: Double = 0
            for a in 0..<Self.vocabulary {
                let p = Double(tempered[position * Self.vocabulary + a])
                let value = (a == targets[position] ? 1 : Double(beta)) * logp[position * Self.vocabulary + a]
                first += p * value
                second += p * value * value
            }
            variance += (second - first * first) / Double(samples)
        }
        let sigma = (variance / 36 / Double(seeds)).squareRoot()
        #expect(sigma > 0)
        #expect(abs(mean - Double(exact.loss.item)) <= 3 * sigma, "MC \(mean) vs exact \(exact.loss.item), σ \(sigma)")
    }

    @Test func invariant4ExactFormAtTemperatureOneIsTheDFTGradient() {
        var unused = RandomStream(seed: 0)
        let sampling = OTRSampling(logits: logits, mode: .exact, temperature: 1, mask: kept, using: &unused)
        let analytic = gradient { otrLoss(logits: $0, targets: targets, mask: mask, sampling: sampling, beta: 0).loss }
        // ∇_z L_t = −π(y*)·∇_z log π(y*) = −π(y*)·(onehot(y*) − π), over the 6 counted tokens.
        let logp = Self.logSoftmax(logits)
        for position in 0..<targets.count {
            for a in 0..<Self.vocabulary {
                let index = position * Self.vocabulary + a
                let target = exp(logp[position * Self.vocabulary + targets[position]])
                let expected = kept[position] ? -target * ((a == targets[position] ? 1 : 0) - exp(logp[index])) / 6 : 0
                #expect(abs(Double(analytic[index]) - expected) <= 1e-6, "position \(position) token \(a): \(analytic[index]) vs \(expected)")
            }
        }
        expectGradients(at: [logits]) { inputs in
            otrLoss(logits: inputs[0], targets: targets, mask: mask, sampling: sampling, beta: 0).loss
        }
    }

    @Test(arguments: [(Float(1), Float(0)), (0.7, -0.1), (2, -0.5), (1.3, 0.4)])
    func exactFormPassesTheGradientCheck(temperature: Float, beta: Float) {
        var unused = RandomStream(seed: 0)
        let sampling = OTRSampling(logits: logits, mode: .exact, temperature: temperature, mask: kept, using: &unused)
        for reduction in OTRReduction.allCases {
            expectGradients(at: [logits]) { inputs in
                otrLoss(logits: inputs[0], targets: targets, mask: mask, sampling: sampling, beta: beta, reduction: reduction).loss
            }
        }
    }

    @Test func invariant5RewardsAndDrawsAreConstants() {
        // With π' drawn inside the loss, the gradient is −(w − π·Σw)/N for the constant weights w:
        // no term from differentiating π' (or the rewards) appears.
        let (temperature, beta) = (Float(1), Float(-0.25))
        var unused = RandomStream(seed: 0)
        let analytic = gradient {
            var stream = RandomStream(seed: 0)
            return otrLoss(logits: $0, targets: targets, mask: mask, mode: .exact, temperature: temperature, beta: beta,
                           using: &stream).loss
        }
        let tempered = OTRSampling(logits: logits, mode: .exact, temperature: temperature, mask: kept, using: &unused).probabilities
        let logp = Self.logSoftmax(logits)
        for position in 0..<targets.count where kept[position] {
            let offset = position * Self.vocabulary
            let w = (0..<Self.vocabulary).map { a in Double(tempered[offset + a]) * (a == targets[position] ? 1 : Double(beta)) }
            let total = w.reduce(0, +)
            for a in 0..<Self.vocabulary {
                let expected = -(w[a] - exp(logp[offset + a]) * total) / 6
                #expect(abs(Double(analytic[offset + a]) - expected) <= 1e-6, "position \(position) token \(a)")
            }
        }
        // The same draws with different rewards change the loss's value only through the constant weights.
        let draws = concentrated { (targets[$0] + 2) % Self.vocabulary }
        let negative = gradient { otrLoss(logits: $0, targets: targets, mask: mask, sampling: draws, beta: -0.5).loss }
        let doubled = gradient { otrLoss(logits: $0, targets: targets, mask: mask, sampling: draws, beta: -1).loss }
        for (a, b) in zip(negative, doubled) { #expect(abs(2 * a - b) <= 1e-7) }
    }

    @Test func negativeBetaPushesADrawnWrongTokenDown() {
        let wrong = concentrated { (targets[$0] + 1) % Self.vocabulary }
        let gradient = gradient { otrLoss(logits: $0, targets: targets, mask: mask, sampling: wrong, beta: -0.1).loss }
        for position in 0..<targets.count where kept[position] {
            // Gradient descent lowers a logit whose gradient is positive.
            #expect(gradient[position * Self.vocabulary + (targets[position] + 1) % Self.vocabulary] > 0)
        }
    }

    @Test func invariant6PromptAndPaddingPositionsContributeNothing() {
        var unused = RandomStream(seed: 0)
        let base = otrLoss(logits: logits, targets: targets, mask: mask, mode: .exact, temperature: 1.5, beta: -0.2, using: &unused)
        // Change the logits and targets at the two masked positions (0 and 7).
        var changed = logits.scalars
        for v in 0..<Self.vocabulary { changed[v] = 9 - Float(v); changed[7 * Self.vocabulary + v] = Float(v) * 3 }
        var changedTargets = targets
        (changedTargets[0], changedTargets[7]) = (4, 0)
        let other = otrLoss(logits: TestData.values(changed, logits.shape), targets: changedTargets, mask: mask, mode: .exact,
                            temperature: 1.5, beta: -0.2, using: &unused)
        #expect(base.loss.item == other.loss.item)
        #expect(base.metrics == other.metrics)
        let gradient = gradient { otrLoss(logits: $0, targets: targets, mask: mask, mode: .exact, temperature: 1.5, beta: -0.2,
                                          using: &unused).loss }
        for position in [0, 7] {
            #expect(gradient[(position * Self.vocabulary)..<((position + 1) * Self.vocabulary)].allSatisfy { $0 == 0 })
        }
        var stream = RandomStream(seed: 4)
        let drawn = OTRSampling(logits: logits, mode: .monteCarlo(samples: 16), temperature: 1, mask: kept, using: &stream)
        for position in 0..<targets.count {
            let row = drawn.frequencies[(position * Self.vocabulary)..<((position + 1) * Self.vocabulary)]
            #expect(kept[position] ? abs(row.reduce(0, +) - 1) < 1e-6 : row.allSatisfy { $0 == 0 }, "position \(position)")
        }
    }

    @Test func sequenceReductionAveragesEachRowOverItsOwnLength() {
        var unused = RandomStream(seed: 0)
        let sampling = OTRSampling(logits: logits, mode: .exact, temperature: 1.2, mask: kept, using: &unused)
        let logp = Self.logSoftmax(logits)
        var perPosition = [Double](repeating: 0, count: targets.count)
        for position in 0..<targets.count where kept[position] {
            for a in 0..<Self.vocabulary {
                let q = Double(sampling.frequencies[position * Self.vocabulary + a])
                perPosition[position] -= (a == targets[position] ? 1 : -0.1) * q * logp[position * Self.vocabulary + a]
            }
        }
        // Row 0 counts positions 1–3, row 1 positions 4–6.
        let expected = (perPosition[1...3].reduce(0, +) / 3 + perPosition[4...6].reduce(0, +) / 3) / 2
        let tokenExpected = perPosition.reduce(0, +) / 6
        let sequence = otrLoss(logits: logits, targets: targets, mask: mask, sampling: sampling, beta: -0.1, reduction: .sequence)
        let token = otrLoss(logits: logits, targets: targets, mask: mask, sampling: sampling, beta: -0.1, reduction: .token)
        expectClose(sequence.loss.item, Float(expected), relative: 1e-5)
        expectClose(token.loss.item, Float(tokenExpected), relative: 1e-5)
        expectClose(sequence.metrics.positiveLoss + sequence.metrics.betaLoss, sequence.loss.item, relative: 1e-5)
        expectClose(token.metrics.positiveLoss + token.metrics.betaLoss, token.loss.item, relative: 1e-5)
    }

    @Test func metricsDescribeTheDraws() {
        // Half of each row's draws hit the target, half land on the next token.
        var frequencies = [Float](repeating: 0, count: logits.count)
        for position in 0..<targets.count {
            frequencies[position * Self.vocabulary + targets[position]] = 0.5
            frequencies[position * Self.vocabulary + (targets[position] + 1) % Self.vocabulary] = 0.5
        }
        let uniform = [Float](repeating: 0.2, count: logits.count)
        let sampling = OTRSampling(positions: targets.count, vocabularySize: Self.vocabulary, probabilities: uniform,
                                   frequencies: frequencies, samples: 2)
        let metrics = otrLoss(logits: logits, targets: targets, mask: mask, sampling: sampling, beta: -0.1).metrics
        let logp = Self.logSoftmax(logits)
        let kept = (0..<targets.count).filter { self.kept[$0] }
        #expect(metrics.hitRate == 0.5 && metrics.zeroHitFraction == 0)
        expectClose(metrics.samplingEntropy, Float(log(5.0)), relative: 1e-6)
        expectClose(metrics.targetProbability, Float(kept.map { exp(logp[$0 * Self.vocabulary + targets[$0]]) }.reduce(0, +) / 6))
        expectClose(metrics.negativeLogLikelihood, Float(-kept.map { logp[$0 * Self.vocabulary + targets[$0]] }.reduce(0, +) / 6))
        expectClose(metrics.positiveLoss, Float(-kept.map { 0.5 * logp[$0 * Self.vocabulary + targets[$0]] }.reduce(0, +) / 6))
        expectClose(metrics.betaLoss, Float(kept.map { 0.05 * logp[$0 * Self.vocabulary + (targets[$0] + 1) % 5] }.reduce(0, +) / 6))
    }

    @Test func monteCarloDrawsRepeatFromTheSameStream() {
        var first = RandomStream(seed: 21), second = RandomStream(seed: 21), third = RandomStream(seed: 22)
        let a = OTRSampling(logits: logits, mode: .monteCarlo(samples: 64), temperature: 1.3, mask: kept, using: &first)
        let b = OTRSampling(logits: logits, mode: .monteCarlo(samples: 64), temperature: 1.3, mask: kept, using: &second)
        let c = OTRSampling(logits: logits, mode: .monteCarlo(samples: 64), temperature: 1.3, mask: kept, using: &third)
        #expect(a.frequencies == b.frequencies && a.frequencies != c.frequencies)
        #expect(first.next() == second.next())
    }
}

/// The alias table behind Monte-Carlo OTR draws: frequencies match the weights, weightless
/// indices are never drawn.
@Suite struct AliasTableTests {
    @Test(arguments: [[Float(0), 1, 3, 0, 4], [1e-7, 0.5, 0.25, 0.25, 1e-30], [1, 1, 1, 1, 1]])
    func drawsFollowTheWeights(weights: [Float]) {
        let table = AliasTable(capacity: weights.count)
        weights.withUnsafeBufferPointer { table.build($0) }
        let counts = UnsafeMutableBufferPointer<Int32>.allocate(capacity: weights.count)
        defer { counts.deallocate() }
        counts.initialize(repeating: 0)
        var stream = RandomStream(seed: 17)
        let samples = 400_000
        table.draw(samples, into: counts, using: &stream)
        let total = weights.reduce(0, +)
        for (index, weight) in weights.enumerated() {
            let p = Double(weight / total), expected = p * Double(samples)
            let sigma = (Double(samples) * p * (1 - p)).squareRoot()
            if weight == 0 { #expect(counts[index] == 0, "index \(index)") }
            #expect(abs(Double(counts[index]) - expected) <= 5 * sigma + 1, "index \(index): \(counts[index]) vs \(expected)")
        }
        #expect(counts.reduce(0, +) == Int32(samples))
    }
}
