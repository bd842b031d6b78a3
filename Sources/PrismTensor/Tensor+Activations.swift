import Foundation

/// Unary primitives (each with its derivative beside it) and the activations built from them.
extension Tensor {
    /// e^x (vectorised; saturates outside [-87.3, 88.4]); d/dx = e^x.
    public func exp() -> Tensor { map(Exp.self, backward: Product.self, backwardUsesOutput: true) }

    /// Natural logarithm.
    public func log() -> Tensor {
        let x = detached
        return map(Foundation.log) { g, _ in Tensor.zip(g, x) { $0 / $1 } }
    }

    /// Square root.
    public func sqrt() -> Tensor {
        map(Foundation.sqrt) { g, y in Tensor.zip(g, y) { 0.5 * $0 / $1 } }
    }

    /// Hyperbolic tangent (vectorised); d/dx = 1 − tanh².
    public func tanh() -> Tensor { map(Tanh.self, backward: TanhGradient.self, backwardUsesOutput: true) }

    /// Logistic sigmoid 1 / (1 + e^{-x}); d/dx = σ(1 − σ).
    public func sigmoid() -> Tensor { map(Sigmoid.self, backward: SigmoidGradient.self, backwardUsesOutput: true) }

    /// max(x, 0); the gradient at 0 is 0, as in PyTorch.
    public func relu() -> Tensor {
        map({ $0 > 0 ? $0 : 0 }) { g, y in Tensor.zip(g, y) { $1 > 0 ? $0 : 0 } }
    }

    /// Gaussian error linear unit x·Φ(x) with the exact (erf) form, PyTorch's `F.gelu` default
    /// (Hendrycks & Gimpel, 2016). The derivative is Φ(x) + x·φ(x).
    /// The forward pass stores the derivative next to the value (both come from one exponential),
    /// so the backward pass is a single product.
    public func gelu() -> Tensor {
        var result = Tensor(uninitializedShape: shape)
        let derivative = Tensor(uninitializedShape: shape)
        let (source, target, slope) = (storage.pointer, result.storage.pointer, derivative.storage.pointer)
        Parallelism.forEachRange(count, cost: 16) { range in
            for i in range {
                let x = source[i]
                let (cdf, density) = VectorMath.normalCDFAndDensity(x)
                target[i] = x * cdf
                slope[i] = VectorMath.fma(x, density, cdf)
            }
        }
        result.origin = Tape.record(inputs: [self], shape: shape) { g in [Tensor.zip(g, derivative, Product.self)] }
        return result
    }

    /// log(1 + e^x), computed as max(x, 0) + log1p(e^{-|x|}) so it neither overflows nor loses
    /// precision for large |x|.
    public func softplus() -> Tensor {
        let x = detached
        return map({ Swift.max($0, 0) + Foundation.log1p(Foundation.exp(-Swift.abs($0))) }) { g, _ in
            Tensor.zip(g, x) { $0 / (1 + Foundation.exp(-$1)) }
        }
    }

    /// log σ(x) = −softplus(−x): stable for large |x| (no log of a rounded-to-zero sigmoid).
    public func logSigmoid() -> Tensor { -(-self).softplus() }

    /// log(1 − e^x) for x < 0 (Mächler 2012): `log(−expm1(x))` when x > −ln 2, else
    /// `log1p(−exp(x))`, avoiding the cancellation of either form on the other side.
    /// The derivative −e^x / (1 − e^x) is written as −1 / expm1(−x). Used by ORPO's log-odds.
    public func log1mexp() -> Tensor {
        let x = detached
        return map({ $0 > -0.693_147_2 ? Foundation.log(-Foundation.expm1($0)) : Foundation.log1p(-Foundation.exp($0)) }) {
            g, _ in Tensor.zip(g, x) { -$0 / Foundation.expm1(-$1) }
        }
    }

    /// Clamps every element to `[lower, upper]`; the gradient passes where lower ≤ x ≤ upper.
    public func clamped(to range: ClosedRange<Float>) -> Tensor {
        let x = detached
        let (lower, upper) = (range.lowerBound, range.upperBound)
        return map({ Swift.min(Swift.max($0, lower), upper) }) { g, _ in
            Tensor.zip(g, x) { $1 >= lower && $1 <= upper ? $0 : 0 }
        }
    }

    /// Absolute value; the gradient at 0 is 0.
    public func abs() -> Tensor {
        let x = detached
        return map(Swift.abs) { g, _ in Tensor.zip(g, x) { $1 > 0 ? $0 : ($1 < 0 ? -$0 : 0) } }
    }

    /// Element-wise square.
    public func squared() -> Tensor { self * self }
}

/// The element-wise kernels of the activations above (forward, and gradient given the output
/// gradient and the saved output or input).
enum Exp: UnaryKernel { @inline(__always) static func apply(_ x: Float) -> Float { VectorMath.exp(x) } }
enum Product: BinaryKernel { @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a * b } }
enum Tanh: UnaryKernel { @inline(__always) static func apply(_ x: Float) -> Float { VectorMath.tanh(x) } }
enum TanhGradient: BinaryKernel {
    @inline(__always) static func apply(_ g: Float, _ y: Float) -> Float { g * (1 - y * y) }
}
enum Sigmoid: UnaryKernel {
    @inline(__always) static func apply(_ x: Float) -> Float { 1 / (1 + VectorMath.exp(-x)) }
}
enum SigmoidGradient: BinaryKernel {
    @inline(__always) static func apply(_ g: Float, _ y: Float) -> Float { g * y * (1 - y) }
}
