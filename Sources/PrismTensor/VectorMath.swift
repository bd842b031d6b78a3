/// Vectorisable kernels over contiguous Float32 buffers: the inner loops every op is built on.
///
/// Loops use wrapping index arithmetic (`&+`, `&*`) and branch-free selects so that LLVM
/// auto-vectorises them; reductions use a fixed-width SIMD accumulator with one summation order,
/// so results are reproducible. `exp`, `tanh` and `erf` are polynomial approximations accurate to a
/// few ULP over the float range (libm's `expf` would cost 4× more per element).
enum VectorMath {
    static let log2e: Float = 1.442_695_04
    static let ln2High: Float = 0.693_359_375
    static let ln2Low: Float = -2.121_944_4e-4
    /// 1.5 · 2^23: adding it rounds a float to an integer held in the low mantissa bits.
    static let roundingMagic: Float = 12_582_912

    /// a · b + c with one rounding (a vector FMA instruction once the loop is vectorised).
    @inline(__always)
    static func fma(_ a: Float, _ b: Float, _ c: Float) -> Float { c.addingProduct(a, b) }

    /// e^x for one element (Cephes-style range reduction and a degree-6 polynomial, ≈1 ULP).
    /// Inputs are clamped to [-87.33, 88.37]: e^x saturates at ≈1.2e-38 and ≈2.4e38.
    @inline(__always)
    static func exp(_ input: Float) -> Float {
        var x = input < -87.33 ? -87.33 : input
        x = x > 88.37 ? 88.37 : x
        let shifted = fma(x, log2e, roundingMagic)
        let k = shifted - roundingMagic
        let r = fma(-k, ln2Low, fma(-k, ln2High, x))
        var p: Float = 1.987_569_1e-4
        p = fma(p, r, 1.398_199_9e-3)
        p = fma(p, r, 8.333_452e-3)
        p = fma(p, r, 4.166_579_6e-2)
        p = fma(p, r, 0.166_666_66)
        p = fma(p, r, 0.5)
        p = fma(p, r * r, r) + 1
        let exponent = (shifted.bitPattern &- 0x4B40_0000 &+ 127) &<< 23
        return p * Float(bitPattern: exponent)
    }

    /// tanh(x) = sign(x) · (1 − 2 / (e^{2|x|} + 1)); absolute error ≈ 1e-7.
    @inline(__always)
    static func tanh(_ x: Float) -> Float {
        let magnitude = x < 0 ? -x : x
        let e = exp(2 * magnitude)
        let t = 1 - 2 / (e + 1)
        return x < 0 ? -t : t
    }

    /// The standard normal CDF Φ(x) and density φ(x) together, sharing one exponential:
    /// Φ(x) = ½(1 + erf(x/√2)) with erf by Abramowitz & Stegun 7.1.26 (absolute error ≤ 1.5e-7),
    /// whose e^{−x²/2} factor is also √(2π)·φ(x).
    @inline(__always)
    static func normalCDFAndDensity(_ x: Float) -> (cdf: Float, density: Float) {
        let a = (x < 0 ? -x : x) * 0.707_106_77
        let t = 1 / fma(0.327_591_1, a, 1)
        var p: Float = 1.061_405_429
        p = fma(p, t, -1.453_152_027)
        p = fma(p, t, 1.421_413_741)
        p = fma(p, t, -0.284_496_736)
        p = fma(p, t, 0.254_829_592)
        let gaussian = exp(-a * a)
        let erfMagnitude = 1 - p * t * gaussian
        let erf = x < 0 ? -erfMagnitude : erfMagnitude
        return (fma(0.5, erf, 0.5), gaussian * 0.398_942_28)
    }

    /// The sum of `count` elements with 16 parallel lanes (one fixed summation order).
    @inline(__always)
    static func sum(_ p: UnsafePointer<Float>, _ count: Int) -> Float {
        var accumulator = SIMD16<Float>()
        var index = 0
        let raw = UnsafeRawPointer(p)
        while index &+ 16 <= count {
            accumulator += raw.loadUnaligned(fromByteOffset: index &* 4, as: SIMD16<Float>.self)
            index &+= 16
        }
        var total = accumulator.sum()
        while index < count {
            total += p[index]
            index &+= 1
        }
        return total
    }

    /// Σ a[i]·b[i] with 16 parallel lanes.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        var accumulator = SIMD16<Float>()
        var index = 0
        let rawA = UnsafeRawPointer(a)
        let rawB = UnsafeRawPointer(b)
        while index &+ 16 <= count {
            let offset = index &* 4
            accumulator += rawA.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
                * rawB.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
            index &+= 16
        }
        var total = accumulator.sum()
        while index < count {
            total += a[index] * b[index]
            index &+= 1
        }
        return total
    }

    /// The largest of `count` ≥ 1 elements (NaN-propagating like PyTorch is not attempted).
    @inline(__always)
    static func max(_ p: UnsafePointer<Float>, _ count: Int) -> Float {
        var best = -Float.infinity
        for index in 0..<count {
            let value = p[index]
            best = value > best ? value : best
        }
        return best
    }
}
