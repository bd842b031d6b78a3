import Foundation

/// Fused layer normalisation (Ba et al., 2016) over the last axis.
extension Tensor {
    /// `(x − mean) / sqrt(var + epsilon) · gain + bias` over the last axis (biased variance, as
    /// PyTorch's `nn.LayerNorm`). `gain` and `bias` are `[D]`. One pass forward, one backward; a
    /// test checks the backward against the composition of primitives.
    public static func layerNorm(_ x: Tensor, gain: Tensor, bias: Tensor, epsilon: Float = 1e-5) -> Tensor {
        let width = x.shape.last ?? 1
        precondition(gain.shape == [width] && bias.shape == [width],
                     "layerNorm: gain \(gain.shape) and bias \(bias.shape) must be [\(width)] for input \(x.shape)")
        let rows = x.count / Swift.max(width, 1)
        var result = Tensor(uninitializedShape: x.shape)
        let normalized = Tensor(uninitializedShape: x.shape)
        var inverseDeviations = [Float](repeating: 0, count: rows)
        let (source, target, xhat) = (x.storage.pointer, result.storage.pointer, normalized.storage.pointer)
        let (pg, pb) = (gain.storage.pointer, bias.storage.pointer)
        let inverseWidth = 1 / Float(width)
        for row in 0..<rows {
            let offset = row &* width
            let mean = VectorMath.sum(source + offset, width) * inverseWidth
            for j in 0..<width { xhat[offset &+ j] = source[offset &+ j] - mean }
            let variance = VectorMath.dot(xhat + offset, xhat + offset, width) * inverseWidth
            let inverse = 1 / Foundation.sqrt(variance + epsilon)
            inverseDeviations[row] = inverse
            for j in 0..<width {
                let h = xhat[offset &+ j] * inverse
                xhat[offset &+ j] = h
                target[offset &+ j] = h * pg[j] + pb[j]
            }
        }
        let (savedGain, savedNormalized) = (gain.detached, normalized)
        result.origin = Tape.record(inputs: [x, gain, bias], shape: x.shape) { g in
            let dx = Tensor(uninitializedShape: g.shape)
            let dGain = Tensor.zeros([width])
            let dBias = Tensor.zeros([width])
            let (pgrad, ph, pw) = (g.storage.pointer, savedNormalized.storage.pointer, savedGain.storage.pointer)
            let (pdx, pdg, pdb) = (dx.storage.pointer, dGain.storage.pointer, dBias.storage.pointer)
            var scaled = [Float](repeating: 0, count: width)
            for row in 0..<rows {
                let offset = row &* width
                for j in 0..<width {
                    let gj = pgrad[offset &+ j]
                    pdg[j] += gj * ph[offset &+ j]
                    pdb[j] += gj
                    scaled[j] = gj * pw[j]
                }
                let meanScaled = VectorMath.sum(scaled, width) * inverseWidth
                let meanProjection = VectorMath.dot(scaled, ph + offset, width) * inverseWidth
                let inverse = inverseDeviations[row]
                for j in 0..<width {
                    pdx[offset &+ j] = inverse * (scaled[j] - meanScaled - ph[offset &+ j] * meanProjection)
                }
            }
            return [dx, dGain, dBias]
        }
        return result
    }
}
