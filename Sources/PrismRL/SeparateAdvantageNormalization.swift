/// ``AdvantageNormalization/separate`` on one minibatch: the GAE samples (mask false) to mean 0
/// and unbiased std 1, the set-advantage samples (mask true) divided by their unbiased std
/// without a shift; a group of one sample is left as it is. Statistics in Double.
public func separatelyNormalizedAdvantages(_ advantages: [Float], setAdvantageMask mask: [Bool]) -> [Float] {
    precondition(advantages.count == mask.count, "separatelyNormalizedAdvantages: \(advantages.count) advantages, \(mask.count) mask entries")
    var result = advantages
    for isSetAdvantage in [false, true] {
        let members = mask.indices.filter { mask[$0] == isSetAdvantage }
        guard members.count > 1 else { continue }
        let values = members.map { Double(advantages[$0]) }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        let scale = variance.squareRoot() + 1e-8
        let shift = isSetAdvantage ? 0 : mean
        for (slot, index) in members.enumerated() { result[index] = Float((values[slot] - shift) / scale) }
    }
    return result
}

/// Σ_{mask}|Â| / Σ|Â| of a minibatch's normalised advantages (0 when every Â is 0): the share of
/// the surrogate's per-sample gradient weights carried by set-advantage samples.
public func setAdvantageWeightShare(_ advantages: [Float], setAdvantageMask mask: [Bool]) -> Float {
    precondition(advantages.count == mask.count, "setAdvantageWeightShare: \(advantages.count) advantages, \(mask.count) mask entries")
    var (set, total) = (0.0, 0.0)
    for (advantage, isSetAdvantage) in zip(advantages, mask) {
        let weight = Swift.abs(Double(advantage))
        total += weight
        if isSetAdvantage { set += weight }
    }
    return total > 0 ? Float(set / total) : 0
}
