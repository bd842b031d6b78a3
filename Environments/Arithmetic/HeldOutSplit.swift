/// Which side of the fixed held-out split a generator draws from.
public enum ArithmeticSplit: String, CaseIterable, Hashable, Sendable, Codable {
    /// Problems that are not held out: what training data and training environments use.
    case training
    /// Only held-out problems: what evaluation uses by default.
    case heldOut = "held-out"

    /// Whether `problem` lies on this side of the split.
    public func contains(_ problem: ArithmeticProblem) -> Bool {
        HeldOutRule.isHeldOut(problem) == (self == .heldOut)
    }
}

/// The fixed rule that holds out 10 % of all problems, independent of any seed or level:
/// a problem is held out when the 64-bit FNV-1a hash of the UTF-8 bytes of its
/// ``ArithmeticProblem/canonicalForm`` is below ⌈2^64 / 10⌉, i.e. when the hash's leading bits,
/// read as a fraction of 2^64, are below 0.1. The leading bits are used because FNV-1a's low bits
/// are poorly mixed. A problem and its commuted twin (`37+45`, `45+37`) share the canonical form
/// and so the side.
public enum HeldOutRule {
    /// The nominal fraction of problems held out.
    public static let fraction = 0.1

    /// Hashes below this value are held out: ⌈2^64 / 10⌉.
    public static let threshold: UInt64 = UInt64.max / 10 + 1

    /// Whether `problem` is held out.
    public static func isHeldOut(_ problem: ArithmeticProblem) -> Bool {
        fnv1a64(problem.canonicalForm) < threshold
    }

    /// The 64-bit FNV-1a hash of the UTF-8 bytes of `text` (offset basis 0xcbf29ce484222325,
    /// prime 0x100000001b3); `fnv1a64("") == 0xcbf29ce484222325`, `fnv1a64("a") == 0xaf63dc4c8601ec8c`.
    public static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
