import Foundation
import PrismTensor

/// One token from one row of logits under a ``SamplingConfiguration``.
public enum TokenSampling {
    /// The sampling distribution of `logits`: softmax of `logits / temperature` restricted to the
    /// top-k, then to the top-p nucleus, renormalised; exactly 0 outside the support. Computed in
    /// `Double`. With temperature 0 it is one-hot on the first largest logit.
    public static func probabilities(logits: UnsafeBufferPointer<Float>, configuration: SamplingConfiguration) -> [Float] {
        precondition(!logits.isEmpty, "TokenSampling: empty logits")
        if configuration.temperature == 0 {
            var result = [Float](repeating: 0, count: logits.count)
            result[argmax(logits)] = 1
            return result
        }
        let (weights, total) = weights(logits: logits, configuration: configuration)
        return weights.map { Float($0 / total) }
    }

    /// Draws a token from ``probabilities(logits:configuration:)`` by inverse CDF over the
    /// unnormalised weights in id order: one ``RandomStream/nextDouble()``, none when greedy.
    public static func draw(logits: UnsafeBufferPointer<Float>, configuration: SamplingConfiguration,
                            using stream: inout RandomStream) -> Int {
        drawWithLogProbability(logits: logits, configuration: configuration, using: &stream).token
    }

    /// ``draw(logits:configuration:using:)`` and the natural log of the drawn token's probability
    /// under the distribution it was drawn from (0 when greedy).
    public static func drawWithLogProbability(logits: UnsafeBufferPointer<Float>, configuration: SamplingConfiguration,
                                              using stream: inout RandomStream) -> (token: Int, logProbability: Float) {
        if configuration.temperature == 0 { return (argmax(logits), 0) }
        let (weights, total) = weights(logits: logits, configuration: configuration)
        let target = stream.nextDouble() * total
        var running = 0.0
        var chosen = -1, lastPositive = 0
        for index in weights.indices where weights[index] > 0 {
            running += weights[index]
            if target < running { chosen = index; break }
            lastPositive = index
        }
        let token = chosen >= 0 ? chosen : lastPositive
        return (token, Float(Foundation.log(weights[token] / total)))
    }

    /// The unnormalised filtered weights `exp(z/τ − max)` (0 outside the support) and their sum.
    static func weights(logits: UnsafeBufferPointer<Float>, configuration: SamplingConfiguration) -> ([Double], Double) {
        let count = logits.count
        let inverse = 1 / Double(configuration.temperature)
        var kept = [Bool](repeating: true, count: count)
        if let k = configuration.topK, k < count {
            for index in ranked(count, by: { Double(logits[$0]) })[k...] { kept[index] = false }
        }
        var peak = -Double.infinity
        for index in 0..<count where kept[index] { peak = Swift.max(peak, Double(logits[index]) * inverse) }
        var weights = [Double](repeating: 0, count: count)
        var total = 0.0
        for index in 0..<count where kept[index] {
            weights[index] = Foundation.exp(Double(logits[index]) * inverse - peak)
            total += weights[index]
        }
        if let p = configuration.topP, p < 1 {
            var above = 0.0
            for index in ranked(count, by: { weights[$0] }) where weights[index] > 0 {
                if above < Double(p) * total { above += weights[index] } else { weights[index] = 0 }
            }
            total = above
        }
        return (weights, total)
    }

    /// The first index of the largest value.
    static func argmax(_ values: UnsafeBufferPointer<Float>) -> Int {
        var best = 0
        for index in 1..<values.count where values[index] > values[best] { best = index }
        return best
    }

    /// `0..<count` ordered by decreasing `key`, ties by increasing index.
    static func ranked(_ count: Int, by key: (Int) -> Double) -> [Int] {
        (0..<count).sorted { a, b in
            let (ka, kb) = (key(a), key(b))
            return ka != kb ? ka > kb : a < b
        }
    }
}
