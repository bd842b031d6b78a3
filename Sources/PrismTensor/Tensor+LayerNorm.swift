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
        let inverseDeviations = Tensor(uninitializedShape: [rows])
        let (source, target, xhat) = (x.storage.pointer, result.storage.pointer, normalized.storage.pointer)
        let (pg, pb, inverses) = (gain.storage.pointer, bias.storage.pointer, inverseDeviations.storage.pointer)
        let inverseWidth = 1 / Float(width)
        Parallelism.forEachRange(rows, cost: width &* 8) { range in
            for row in range {
                let offset = row &* width
                let mean = VectorMath.sum(source + offset, width) * inverseWidth
                for j in 0..<width { xhat[offset &+ j] = source[offset &+ j] - mean }
                let variance = VectorMath.dot(xhat + offset, xhat + offset, width) * inverseWidth
                let inverse = 1 / Foundation.sqrt(variance + epsilon)
                inverses[row] = inverse
                for j in 0..<width {
                    let h = xhat[offset &+ j] * inverse
                    xhat[offset &+ j] = h
                    target[offset &+ j] = h * pg[j] + pb[j]
                }
            }
        }
        let savedGain = gain.detached
        result.origin = Tape.record(inputs: [x, gain, bias], shape: x.shape) { g in
            layerNormBackward(g, normalized: normalized, inverseDeviations: inverseDeviations, gain: savedGain)
        }
        return result
    }

    /// Gradients of ``layerNorm(_:gain:bias:epsilon:)`` from the saved normalised input x̂ and 1/σ:
    /// dγ = Σ g·x̂, dβ = Σ g, dx = (1/σ)·(g·γ − mean(g·γ) − x̂·mean(g·γ·x̂)). Rows are split across
    /// threads; each chunk sums its own dγ, dβ, combined in chunk order.
    static func layerNormBackward(_ g: Tensor, normalized: Tensor, inverseDeviations: Tensor, gain: Tensor) -> [Tensor] {
        let width = gain.count
        let rows = g.count / Swift.max(width, 1)
        let inverseWidth = 1 / Float(width)
        let dx = Tensor(uninitializedShape: g.shape)
        let chunks = Parallelism.chunkCount(rows, cost: width &* 8)
        let partials = Tensor.zeros([chunks, 2, width])  // per chunk: dγ then dβ
        let (pgrad, ph, pw) = (g.storage.pointer, normalized.storage.pointer, gain.storage.pointer)
        let (pdx, inverses, pp) = (dx.storage.pointer, inverseDeviations.storage.pointer, partials.storage.pointer)
        Parallelism.forEachChunk(rows, chunks: chunks) { chunk, range in
            let (pdg, pdb) = (pp + chunk &* 2 &* width, pp + (chunk &* 2 &+ 1) &* width)
            let scaled = UnsafeMutablePointer<Float>.allocate(capacity: width)
            defer { scaled.deallocate() }
            for row in range {
                let offset = row &* width
                for j in 0..<width {
                    let gj = pgrad[offset &+ j]
                    pdg[j] += gj * ph[offset &+ j]
                    pdb[j] += gj
                    scaled[j] = gj * pw[j]
                }
                let meanScaled = VectorMath.sum(scaled, width) * inverseWidth
                let meanProjection = VectorMath.dot(scaled, ph + offset, width) * inverseWidth
                let inverse = inverses[row]
                for j in 0..<width {
                    pdx[offset &+ j] = inverse * (scaled[j] - meanScaled - ph[offset &+ j] * meanProjection)
                }
            }
        }
        let summed = chunks == 1 ? partials.reshaped(to: [2, width]) : withoutGradients { partials.sum(alongAxis: 0) }
        return [dx, summed.slice(alongAxis: 0, 0..<1).reshaped(to: [width]),
                summed.slice(alongAxis: 0, 1..<2).reshaped(to: [width])]
    }
}
