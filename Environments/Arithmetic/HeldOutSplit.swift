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
/// a problem is held out when ``hash(_:)`` of its ``ArithmeticProblem/canonicalForm`` is below
/// ⌈2^64 / 10⌉. The hash is the 64-bit FNV-1a hash of the UTF-8 bytes, passed through
/// MurmurHash3's 64-bit finaliser (`fmix64`): FNV-1a alone spreads short, similar texts such as
/// `7*45` and `8*45` poorly over its range, and the finaliser makes every output bit depend on
/// every input bit. A problem and its commuted twin (`37+45`, `45+37`) share the canonical form
/// and so the side.
public enum HeldOutRule {
    /// The nominal fraction of problems held out.
    public static let fraction = 0.1

    /// Hashes below this value are held out: ⌈2^64 / 10⌉.
    public static let threshold: UInt64 = UInt64.max / 10 + 1

    /// Whether `problem` is held out.
    public static func isHeldOut(_ problem: ArithmeticProblem) -> Bool {
        hash(problem.canonicalForm) < threshold
    }

    /// `fmix64(fnv1a64(text))`, the hash the split compares with ``threshold``.
    public static func hash(_ text: String) -> UInt64 {
        finalize(fnv1a64(text))
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

    /// MurmurHash3's 64-bit finaliser `fmix64`: xor-shift by 33, multiply by 0xff51afd7ed558ccd,
    /// xor-shift by 33, multiply by 0xc4ceb9fe1a85ec53, xor-shift by 33.
    public static func finalize(_ value: UInt64) -> UInt64 {
        var h = value
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h = h &* 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h
    }
}
