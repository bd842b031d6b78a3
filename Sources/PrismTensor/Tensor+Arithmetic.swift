import Foundation

/// Element-wise arithmetic with NumPy broadcasting: the binary primitives and their gradients.
extension Tensor {
    @inline(__always)
    static func binary(
        _ a: Tensor, _ b: Tensor, _ name: String, _ op: (Float, Float) -> Float,
        backward: @escaping (Tensor, Tensor, Tensor) -> (Tensor?, Tensor?)
    ) -> Tensor {
        guard let shape = Shape.broadcast(a.shape, b.shape) else {
            preconditionFailure("\(name): shapes \(a.shape) and \(b.shape) do not broadcast")
        }
        var result = Tensor(uninitializedShape: shape)
        Broadcast.apply(a, b, into: result.storage.pointer, shape: shape, op)
        let (da, db) = (a.detached, b.detached)
        let (needsA, needsB) = (a.requiresGradient, b.requiresGradient)
        result.origin = Tape.record(inputs: [a, b], shape: shape) { gradient in
            let (ga, gb) = backward(gradient, da, db)
            return [needsA ? ga.map { Broadcast.reduce($0, to: da.shape) } : nil,
                    needsB ? gb.map { Broadcast.reduce($0, to: db.shape) } : nil]
        }
        return result
    }

    /// Element-wise sum with broadcasting.
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        binary(a, b, "+", { $0 + $1 }) { g, _, _ in (g, g) }
    }

    /// Element-wise difference with broadcasting.
    public static func - (a: Tensor, b: Tensor) -> Tensor {
        binary(a, b, "-", { $0 - $1 }) { g, _, _ in (g, -g) }
    }

    /// Element-wise product with broadcasting.
    public static func * (a: Tensor, b: Tensor) -> Tensor {
        binary(a, b, "*", { $0 * $1 }) { g, a, b in (g * b, g * a) }
    }

    /// Element-wise quotient with broadcasting.
    public static func / (a: Tensor, b: Tensor) -> Tensor {
        binary(a, b, "/", { $0 / $1 }) { g, a, b in
            let gOverB = g / b
            return (gOverB, -(gOverB * a / b))
        }
    }

    /// Element-wise maximum; the gradient goes to `a` where a ≥ b, else to `b`.
    public static func maximum(_ a: Tensor, _ b: Tensor) -> Tensor {
        binary(a, b, "maximum", { $0 >= $1 ? $0 : $1 }) { g, a, b in
            let mask = a.isGreaterOrEqual(b)
            return (g * mask, g * (1 - mask))
        }
    }

    /// Element-wise minimum; the gradient goes to `a` where a ≤ b, else to `b`.
    public static func minimum(_ a: Tensor, _ b: Tensor) -> Tensor {
        binary(a, b, "minimum", { $0 <= $1 ? $0 : $1 }) { g, a, b in
            let mask = b.isGreaterOrEqual(a)
            return (g * mask, g * (1 - mask))
        }
    }

    /// Negation.
    public static prefix func - (x: Tensor) -> Tensor { x.scaled(by: -1) }

    /// `x + s` for a scalar `s`.
    public static func + (x: Tensor, s: Float) -> Tensor { x.affine(scale: 1, shift: s) }
    /// `s + x` for a scalar `s`.
    public static func + (s: Float, x: Tensor) -> Tensor { x.affine(scale: 1, shift: s) }
    /// `x - s` for a scalar `s`.
    public static func - (x: Tensor, s: Float) -> Tensor { x.affine(scale: 1, shift: -s) }
    /// `s - x` for a scalar `s`.
    public static func - (s: Float, x: Tensor) -> Tensor { x.affine(scale: -1, shift: s) }
    /// `x · s` for a scalar `s`.
    public static func * (x: Tensor, s: Float) -> Tensor { x.scaled(by: s) }
    /// `s · x` for a scalar `s`.
    public static func * (s: Float, x: Tensor) -> Tensor { x.scaled(by: s) }
    /// `x / s` for a scalar `s`.
    public static func / (x: Tensor, s: Float) -> Tensor { x.scaled(by: 1 / s) }
    /// `s / x` for a scalar `s`.
    public static func / (s: Float, x: Tensor) -> Tensor { Tensor(s) / x }

    /// `x · s` for a scalar `s`.
    public func scaled(by s: Float) -> Tensor { affine(scale: s, shift: 0) }

    /// `scale · x + shift`, one pass, one node.
    public func affine(scale: Float, shift: Float) -> Tensor {
        var result = Tensor(uninitializedShape: shape)
        let source = storage.pointer
        let target = result.storage.pointer
        for i in 0..<count { target[i] = source[i] * scale + shift }
        result.origin = Tape.record(inputs: [self], shape: shape) { g in [g.scaled(by: scale)] }
        return result
    }

    /// Raises every element to the constant power `exponent`.
    public func raised(to exponent: Float) -> Tensor {
        if exponent == 2 { return self * self }
        let x = detached
        return map({ Foundation.pow($0, exponent) }) { g, _ in
            g * x.map { exponent * Foundation.pow($0, exponent - 1) }
        }
    }
}
