import Foundation
import PrismTensor

/// The detached side of one OTR step: at every position, the tempered policy
/// π' = softmax(z/τ) and the frequency q(a) with which each token was drawn from it (c_a/K for
/// Monte-Carlo, π' itself for the exact form). Both are constants of the loss: no gradient flows
/// into them (docs/algorithms.md §6.3, invariant 5).
public struct OTRSampling: Sendable {
    /// The number of positions N (rows of `[N, V]`).
    public let positions: Int
    /// The vocabulary size V.
    public let vocabularySize: Int
    /// π'(a) at every position, row-major `[N, V]`.
    public let probabilities: [Float]
    /// q(a) at every position, row-major `[N, V]`: draws of a over K, or π'(a) for the exact form.
    /// Rows off the mask are 0 for Monte-Carlo (nothing is drawn there).
    public let frequencies: [Float]
    /// K for Monte-Carlo, nil for the exact form.
    public let samples: Int?

    /// Frequencies given explicitly (tests, or draws made elsewhere).
    /// - Parameters:
    ///   - probabilities: π' `[N·V]`.
    ///   - frequencies: q `[N·V]`; each row sums to 1 on positions that count.
    ///   - samples: K when `frequencies` are counts over K, else nil.
    public init(positions: Int, vocabularySize: Int, probabilities: [Float], frequencies: [Float], samples: Int?) {
        precondition(probabilities.count == positions * vocabularySize && frequencies.count == positions * vocabularySize,
                     "OTRSampling: need \(positions)×\(vocabularySize) probabilities and frequencies, got "
                        + "\(probabilities.count) and \(frequencies.count)")
        self.positions = positions
        self.vocabularySize = vocabularySize
        self.probabilities = probabilities
        self.frequencies = frequencies
        self.samples = samples
    }

    /// The sampling side of `mode` for `logits` (`[..., V]`, read without the tape).
    /// - Parameters:
    ///   - temperature: τ > 0 of π'.
    ///   - mask: one flag per position; Monte-Carlo draws only where it is set.
    ///   - stream: the source of Monte-Carlo draws, advanced position by position in row-major
    ///     order, K draws each (unused by `.exact`).
    public init(logits: Tensor, mode: OTRMode, temperature: Float, mask: [Bool], using stream: inout RandomStream) {
        let vocabulary = logits.shape.last ?? 1
        let positions = logits.count / Swift.max(vocabulary, 1)
        precondition(temperature > 0 && temperature.isFinite, "OTRSampling: temperature must be positive, got \(temperature)")
        precondition(mask.count == positions, "OTRSampling: \(mask.count) mask flags for \(positions) positions")
        let probabilities = Self.temperedSoftmax(logits.detached.scalars, vocabulary: vocabulary, temperature: temperature)
        switch mode {
        case .exact:
            self.init(positions: positions, vocabularySize: vocabulary, probabilities: probabilities,
                      frequencies: probabilities, samples: nil)
        case .monteCarlo(let samples):
            precondition(samples > 0, "OTRSampling: Monte-Carlo needs at least one sample, got \(samples)")
            let frequencies = Self.drawFrequencies(probabilities, vocabulary: vocabulary, mask: mask, samples: samples,
                                                   using: &stream)
            self.init(positions: positions, vocabularySize: vocabulary, probabilities: probabilities,
                      frequencies: frequencies, samples: samples)
        }
    }

    /// softmax(z/τ) of each row of `logits`.
    static func temperedSoftmax(_ logits: [Float], vocabulary: Int, temperature: Float) -> [Float] {
        var result = [Float](repeating: 0, count: logits.count)
        let scale = 1 / temperature
        result.withUnsafeMutableBufferPointer { target in
            logits.withUnsafeBufferPointer { source in
                for row in 0..<(logits.count / Swift.max(vocabulary, 1)) {
                    let offset = row * vocabulary
                    var peak = -Float.infinity
                    for v in 0..<vocabulary { peak = Swift.max(peak, source[offset + v]) }
                    var total: Float = 0
                    for v in 0..<vocabulary {
                        let e = Foundation.exp((source[offset + v] - peak) * scale)
                        target[offset + v] = e
                        total += e
                    }
                    let inverse = 1 / total
                    for v in 0..<vocabulary { target[offset + v] *= inverse }
                }
            }
        }
        return result
    }

    /// c_a/K at every masked position from K inverse-CDF draws of π' (one uniform each,
    /// binary search over the cumulative sums); 0 elsewhere.
    static func drawFrequencies(_ probabilities: [Float], vocabulary: Int, mask: [Bool], samples: Int,
                                using stream: inout RandomStream) -> [Float] {
        var frequencies = [Float](repeating: 0, count: probabilities.count)
        var cumulative = [Double](repeating: 0, count: vocabulary)
        var counts = [Int](repeating: 0, count: vocabulary)
        let total = Float(samples)
        for (position, counted) in mask.enumerated() where counted {
            let offset = position * vocabulary
            var running: Double = 0
            for v in 0..<vocabulary {
                running += Double(probabilities[offset + v])
                cumulative[v] = running
            }
            for v in 0..<vocabulary { counts[v] = 0 }
            for _ in 0..<samples {
                let u = stream.nextDouble() * running
                var (low, high) = (0, vocabulary - 1)
                while low < high {
                    let middle = (low + high) / 2
                    if cumulative[middle] > u { high = middle } else { low = middle + 1 }
                }
                counts[low] += 1
            }
            for v in 0..<vocabulary where counts[v] > 0 { frequencies[offset + v] = Float(counts[v]) / total }
        }
        return frequencies
    }
}
