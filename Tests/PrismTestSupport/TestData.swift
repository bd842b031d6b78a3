import PrismTensor
import Testing

/// Seeded tensors and tolerance checks shared by every Prism test target.
public enum TestData {
    /// A tensor of the given shape with values drawn uniformly from `range` by a seeded stream.
    public static func uniform(_ shape: [Int], in range: Range<Float> = -1..<1, seed: UInt64 = 1) -> Tensor {
        var stream = RandomStream(seed: seed)
        var tensor = Tensor(uninitializedShape: shape)
        tensor.withUnsafeMutableBufferPointer { stream.fillUniform($0, in: range) }
        return tensor
    }

    /// A tensor holding exactly these values, shaped.
    public static func values(_ scalars: [Float], _ shape: [Int]? = nil) -> Tensor {
        Tensor(shape: shape ?? [scalars.count], scalars: scalars)
    }
}

/// Expects `actual` and `expected` to agree element-wise within `absolute + relative·|expected|`.
public func expectClose(
    _ actual: Tensor, _ expected: Tensor, absolute: Float = 1e-6, relative: Float = 1e-5,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.shape == expected.shape, "shape \(actual.shape) vs \(expected.shape)", sourceLocation: sourceLocation)
    guard actual.shape == expected.shape else { return }
    for (index, (a, e)) in zip(actual.scalars, expected.scalars).enumerated() {
        let ok = Swift.abs(a - e) <= absolute + relative * Swift.abs(e) || (a.isNaN && e.isNaN) || a == e
        #expect(ok, "element \(index): \(a) vs expected \(e)", sourceLocation: sourceLocation)
        if !ok { return }
    }
}

/// Expects two scalars to agree within `absolute + relative·|expected|`.
public func expectClose(
    _ actual: Float, _ expected: Float, absolute: Float = 1e-6, relative: Float = 1e-5,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(Swift.abs(actual - expected) <= absolute + relative * Swift.abs(expected),
            "\(actual) vs expected \(expected)", sourceLocation: sourceLocation)
}

/// Expects the tape's gradient of `function` at `inputs` to match central finite differences.
public func expectGradients(
    at inputs: [Tensor], step: Double = 1e-2, absolute: Double = 2e-3, relative: Double = 1e-2,
    sourceLocation: SourceLocation = #_sourceLocation, _ function: ([Tensor]) -> Tensor
) {
    let report = GradientCheck.check(function, at: inputs, step: step, absolute: absolute, relative: relative)
    #expect(report.passed, "\(report)", sourceLocation: sourceLocation)
}
