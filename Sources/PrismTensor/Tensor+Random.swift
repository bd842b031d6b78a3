/// Seeded random tensors (every draw comes from an explicit ``RandomStream``).
extension Tensor {
    /// Values drawn uniformly from `range`; consumes `count` draws of `stream`.
    public static func uniform(_ shape: [Int], in range: Range<Float>, using stream: inout RandomStream) -> Tensor {
        var result = Tensor(uninitializedShape: shape)
        result.withUnsafeMutableBufferPointer { stream.fillUniform($0, in: range) }
        return result
    }

    /// Values drawn from N(mean, standardDeviation²) by Box–Muller.
    public static func normal(
        _ shape: [Int], mean: Float = 0, standardDeviation: Float = 1, using stream: inout RandomStream
    ) -> Tensor {
        var result = Tensor(uninitializedShape: shape)
        result.withUnsafeMutableBufferPointer { stream.fillNormal($0, mean: mean, standardDeviation: standardDeviation) }
        return result
    }

    /// A 0/1 mask keeping each element with probability `keep`.
    public static func bernoulli(_ shape: [Int], keep: Float, using stream: inout RandomStream) -> Tensor {
        var result = Tensor(uninitializedShape: shape)
        result.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices { buffer[index] = stream.nextFloat() < keep ? 1 : 0 }
        }
        return result
    }
}
