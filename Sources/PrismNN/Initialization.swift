import Foundation
import PrismTensor

/// How a weight matrix `[out, in]` is initialised.
public enum Initialization: Codable, Sendable, Equatable {
    /// A (semi-)orthogonal matrix scaled by `gain` (Saxe et al., 2014); CleanRL's `layer_init`
    /// uses gain √2 for hidden layers, 0.01 for the policy head and 1 for the value head.
    case orthogonal(gain: Float)
    /// U(−a, a) with a = gain · √(6 / (fanIn + fanOut)) (Glorot & Bengio, 2010).
    case xavierUniform(gain: Float)
    /// PyTorch's `nn.Linear` default: U(−1/√fanIn, 1/√fanIn), i.e. Kaiming uniform with a = √5
    /// (He et al., 2015).
    case kaimingUniform
    /// N(0, standardDeviation²), GPT-2's choice (0.02).
    case normal(standardDeviation: Float)

    /// A `[out, in]` weight drawn from `stream`.
    public func makeWeight(outputs: Int, inputs: Int, using stream: inout RandomStream) -> Tensor {
        switch self {
        case .orthogonal(let gain):
            return Initialization.orthogonal(rows: outputs, columns: inputs, gain: gain, using: &stream)
        case .xavierUniform(let gain):
            let bound = gain * Float((6.0 / Double(inputs + outputs)).squareRoot())
            return Tensor.uniform([outputs, inputs], in: -bound..<bound, using: &stream)
        case .kaimingUniform:
            let bound = 1 / Float(Double(Swift.max(inputs, 1)).squareRoot())
            return Tensor.uniform([outputs, inputs], in: -bound..<bound, using: &stream)
        case .normal(let standardDeviation):
            return Tensor.normal([outputs, inputs], standardDeviation: standardDeviation, using: &stream)
        }
    }

    /// A `rows × columns` matrix with orthonormal rows (if rows ≤ columns) or columns, times
    /// `gain`: QR of a Gaussian matrix with the signs of R's diagonal folded into Q, as PyTorch's
    /// `nn.init.orthogonal_`. Householder QR in Float64.
    static func orthogonal(rows: Int, columns: Int, gain: Float, using stream: inout RandomStream) -> Tensor {
        let (tall, short) = (Swift.max(rows, columns), Swift.min(rows, columns))
        let gaussian = Tensor.normal([tall, short], using: &stream).scalars.map(Double.init)
        var a = gaussian  // tall × short, row-major; becomes R in its upper triangle
        var reflectors: [[Double]] = []
        for column in 0..<short {
            var v = (column..<tall).map { a[$0 * short + column] }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let alpha = v[0] >= 0 ? -norm : norm
            v[0] -= alpha
            let vNorm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if vNorm > 0 { v = v.map { $0 / vNorm } }
            for j in column..<short {
                var dot = 0.0
                for i in column..<tall { dot += v[i - column] * a[i * short + j] }
                for i in column..<tall { a[i * short + j] -= 2 * v[i - column] * dot }
            }
            reflectors.append(v)
        }
        // Q = H₀ H₁ … applied to the first `short` columns of the identity.
        var q = [Double](repeating: 0, count: tall * short)
        for i in 0..<short { q[i * short + i] = 1 }
        for column in stride(from: short - 1, through: 0, by: -1) {
            let v = reflectors[column]
            for j in 0..<short {
                var dot = 0.0
                for i in column..<tall { dot += v[i - column] * q[i * short + j] }
                for i in column..<tall { q[i * short + j] -= 2 * v[i - column] * dot }
            }
        }
        for j in 0..<short where a[j * short + j] < 0 {
            for i in 0..<tall { q[i * short + j] = -q[i * short + j] }
        }
        var values = [Float](repeating: 0, count: rows * columns)
        for i in 0..<tall {
            for j in 0..<short {
                let value = Float(q[i * short + j]) * gain
                if rows >= columns { values[i * columns + j] = value } else { values[j * columns + i] = value }
            }
        }
        return Tensor(shape: [rows, columns], scalars: values)
    }
}
