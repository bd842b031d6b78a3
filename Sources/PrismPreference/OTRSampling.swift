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

    /// c_a/K at every masked position from K draws of π' by Walker's alias method (Vose's
    /// construction per position, then one 64-bit output per draw: its high half picks a column,
    /// its low half keeps the column or takes its alias); 0 elsewhere.
    static func drawFrequencies(_ probabilities: [Float], vocabulary: Int, mask: [Bool], samples: Int,
                                using stream: inout RandomStream) -> [Float] {
        var frequencies = [Float](repeating: 0, count: probabilities.count)
        let table = AliasTable(capacity: vocabulary)
        let counts = UnsafeMutableBufferPointer<Int32>.allocate(capacity: vocabulary)
        defer { counts.deallocate() }
        let total = Float(samples)
        probabilities.withUnsafeBufferPointer { p in
            frequencies.withUnsafeMutableBufferPointer { f in
                for (position, counted) in mask.enumerated() where counted {
                    let offset = position * vocabulary
                    table.build(UnsafeBufferPointer(rebasing: p[offset..<(offset + vocabulary)]))
                    counts.initialize(repeating: 0)
                    table.draw(samples, into: counts, using: &stream)
                    for v in 0..<vocabulary where counts[v] > 0 { f[offset + v] = Float(counts[v]) / total }
                }
            }
        }
        return frequencies
    }
}

/// Walker's alias table over one categorical distribution (Vose, "A Linear Algorithm for
/// Generating Random Numbers with a Given Distribution", IEEE TSE 1991): each of V columns keeps
/// its own index with probability `keep` and gives its `alias` otherwise, so a draw costs one
/// random word whatever V is. A zero-probability index is never drawn. The column comes from a
/// 32-bit multiply-shift (bias below V/2^32) and the keep test has 2^-32 resolution. The buffers
/// are allocated once and rebuilt per distribution.
final class AliasTable {
    /// The number of indices V.
    let count: Int
    /// The chance, scaled to 2^32, that a column keeps its own index.
    private let keep: UnsafeMutableBufferPointer<UInt64>
    /// The index a column gives otherwise.
    private let alias: UnsafeMutableBufferPointer<Int>
    /// The construction's work: scaled weights and the stacks of light and heavy columns.
    private let scaled: UnsafeMutableBufferPointer<Double>, small: UnsafeMutableBufferPointer<Int>,
                large: UnsafeMutableBufferPointer<Int>

    /// An empty table over `count` indices.
    init(capacity count: Int) {
        self.count = count
        keep = .allocate(capacity: count)
        alias = .allocate(capacity: count)
        scaled = .allocate(capacity: count)
        small = .allocate(capacity: count)
        large = .allocate(capacity: count)
    }

    deinit {
        for buffer in [small, large, alias] { buffer.deallocate() }
        keep.deallocate()
        scaled.deallocate()
    }

    /// Rebuilds the table for `weights` (`count` of them, non-negative, not all zero; they need
    /// not sum to 1).
    func build(_ weights: UnsafeBufferPointer<Float>) {
        precondition(weights.count == count, "AliasTable: \(weights.count) weights for a table of \(count)")
        var sum: Double = 0
        var heaviest = 0
        for v in 0..<count {
            sum += Double(weights[v])
            if weights[v] > weights[heaviest] { heaviest = v }
        }
        let factor = Double(count) / sum
        var (smallCount, largeCount) = (0, 0)
        for v in 0..<count {
            scaled[v] = Double(weights[v]) * factor
            alias[v] = v
            if scaled[v] < 1 { small[smallCount] = v; smallCount += 1 } else { large[largeCount] = v; largeCount += 1 }
        }
        while smallCount > 0 && largeCount > 0 {
            smallCount -= 1
            largeCount -= 1
            let (light, heavy) = (small[smallCount], large[largeCount])
            keep[light] = UInt64(scaled[light] * 0x1p32)
            alias[light] = heavy
            scaled[heavy] = (scaled[heavy] + scaled[light]) - 1
            if scaled[heavy] < 1 { small[smallCount] = heavy; smallCount += 1 } else { large[largeCount] = heavy; largeCount += 1 }
        }
        // What rounding leaves over is worth a whole column; a weightless one gives the heaviest index.
        for i in 0..<largeCount { keep[large[i]] = 1 << 32 }
        for i in 0..<smallCount {
            let v = small[i]
            keep[v] = weights[v] > 0 ? 1 << 32 : 0
            if weights[v] == 0 { alias[v] = heaviest }
        }
    }

    /// Adds `samples` draws to `counts`, one 64-bit word of `stream` each: its high half picks
    /// a column, its low half keeps the column or takes its alias.
    func draw(_ samples: Int, into counts: UnsafeMutableBufferPointer<Int32>, using stream: inout RandomStream) {
        let columns = UInt64(count)
        var local = stream
        for _ in 0..<samples {
            let word = local.next()
            let column = Int(truncatingIfNeeded: ((word &>> 32) &* columns) &>> 32)
            counts[(word & 0xFFFF_FFFF) < keep[column] ? column : alias[column]] &+= 1
        }
        stream = local
    }
}
