/// Prism's only source of randomness: a small, seedable, checkpointable pseudo-random stream.
///
/// The generator is xoshiro256** by David Blackman and Sebastiano Vigna ("Scrambled Linear
/// Pseudorandom Number Generators", ACM TOMS, 2021; preprint 2018). Its state is exactly four
/// `UInt64` words, seeded from a single `UInt64` through SplitMix64 as the authors recommend.
///
/// Prism never uses a global generator. Every component that needs randomness receives a
/// `RandomStream` (usually a named ``child(_:)`` of its owner's stream), so a run is fully
/// reproducible from one seed, and a stream saved with `Codable` resumes the identical sequence.
///
/// All samplers (``nextFloat()``, ``nextInt(below:)``, ``normal(mean:standardDeviation:)``,
/// ``categorical(probabilities:)``, ``shuffle(_:)`` and friends) are implemented here, so their
/// output for a given state is stable across Swift releases and platforms. The standard library's
/// `Float.random(in:using:)` or `shuffled(using:)` make no such promise; avoid them in Prism code
/// even though this type conforms to `RandomNumberGenerator`.
public struct RandomStream: RandomNumberGenerator, Codable, Sendable, Equatable {
    @usableFromInline internal var s0: UInt64
    @usableFromInline internal var s1: UInt64
    @usableFromInline internal var s2: UInt64
    @usableFromInline internal var s3: UInt64

    /// Creates a stream whose four state words are the first four outputs of SplitMix64
    /// started at `seed`.
    ///
    /// Every seed, including 0, yields a valid (never all-zero) state, and nearby seeds yield
    /// unrelated streams.
    public init(seed: UInt64) {
        var mixer = SplitMix64(state: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
    }

    @usableFromInline
    internal init(words w0: UInt64, _ w1: UInt64, _ w2: UInt64, _ w3: UInt64) {
        s0 = w0
        s1 = w1
        s2 = w2
        s3 = w3
    }

    /// Returns the next 64 uniformly distributed bits and advances the stream by one step
    /// of xoshiro256**.
    @inlinable
    public mutating func next() -> UInt64 {
        let result = Self.rotateLeft(s1 &* 5, by: 7) &* 9
        let shifted = s1 &<< 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= shifted
        s3 = Self.rotateLeft(s3, by: 45)
        return result
    }

    @inlinable @inline(__always)
    internal static func rotateLeft(_ value: UInt64, by amount: UInt64) -> UInt64 {
        (value &<< amount) | (value &>> (64 &- amount))
    }

    // MARK: Named child streams

    /// Returns an independent stream for the sub-component called `name`.
    ///
    /// The child's state is derived deterministically from this stream's *current* state and a
    /// stable 64-bit hash of `name` (FNV-1a 64 over the exact UTF-8 bytes, expanded through
    /// SplitMix64 and mixed with every parent word by the SplitMix64 finaliser). Consequences:
    /// - the parent is **not** advanced, so adding or removing a child never perturbs the
    ///   parent's own sequence or its other children;
    /// - the same parent state and the same name always give the same child, across runs and
    ///   platforms;
    /// - different names give unrelated streams, and so does the same name asked of the parent
    ///   at a different state (so ask for a name once, or advance the parent in between, when
    ///   you need several distinct streams).
    ///
    /// Names are compared byte-wise: differently normalised Unicode spellings are different names.
    public func child(_ name: String) -> RandomStream {
        let key = Self.fnv1a64(name)
        var keyStream = SplitMix64(state: key)
        var carry = SplitMix64.mix(key)
        for word in [s0, s1, s2, s3] {
            carry = SplitMix64.mix(carry ^ word)
        }
        let c0 = SplitMix64.mix(s0 ^ keyStream.next() ^ carry)
        let c1 = SplitMix64.mix(s1 ^ keyStream.next() ^ carry)
        let c2 = SplitMix64.mix(s2 ^ keyStream.next() ^ carry)
        let c3 = SplitMix64.mix(s3 ^ keyStream.next() ^ carry)
        // The finaliser is a bijection with mix(0) == 0, so an all-zero child needs a
        // 2^-256 coincidence; it would be a dead state, so substitute a fixed odd word.
        if (c0 | c1 | c2 | c3) == 0 {
            return RandomStream(words: SplitMix64.golden, c1, c2, c3)
        }
        return RandomStream(words: c0, c1, c2, c3)
    }

    /// FNV-1a 64 (Fowler–Noll–Vo) of the UTF-8 bytes of `name`: a hash that, unlike `Hasher`,
    /// is stable across processes and platforms.
    internal static func fnv1a64(_ name: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    // MARK: Uniform samplers

    /// Returns a `Float` uniformly distributed in [0, 1), built from the top 24 bits of one
    /// 64-bit output, so every value is an exact multiple of 2^-24.
    @inlinable
    public mutating func nextFloat() -> Float {
        Float(next() &>> 40) * 0x1p-24
    }

    /// Returns a `Double` uniformly distributed in [0, 1), built from the top 53 bits of one
    /// 64-bit output, so every value is an exact multiple of 2^-53.
    @inlinable
    public mutating func nextDouble() -> Double {
        Double(next() &>> 11) * 0x1p-53
    }

    /// Returns a `Float` uniformly distributed in `range` (lower bound included, upper bound
    /// excluded even when rounding of `lower + width * u` would reach it).
    ///
    /// - Precondition: `range` is non-empty and its width is finite.
    @inlinable
    public mutating func uniform(in range: Range<Float>) -> Float {
        let width = range.upperBound - range.lowerBound
        precondition(width.isFinite && width > 0, "uniform(in:) needs a non-empty, finite range")
        let value = range.lowerBound + width * nextFloat()
        return Swift.min(value, range.upperBound.nextDown)
    }

    /// Returns an integer uniformly distributed in `0..<n`, without modulo bias.
    ///
    /// Uses Lemire's multiply-shift with rejection ("Fast Random Integer Generation in an
    /// Interval", ACM TOMACS, 2019): the high word of `next() * n` is the result, and the rare
    /// draws whose low word falls below `2^64 mod n` are redrawn.
    ///
    /// - Precondition: `n > 0`.
    @inlinable
    public mutating func nextInt(below n: Int) -> Int {
        precondition(n > 0, "nextInt(below:) needs a positive bound")
        let bound = UInt64(truncatingIfNeeded: n)
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return Int(truncatingIfNeeded: product.high)
    }

    // MARK: Codable

    private enum CodingKeys: String, CodingKey {
        case state
    }

    /// Restores a stream saved by ``encode(to:)``; it continues exactly where the saved one was.
    ///
    /// - Throws: `DecodingError.dataCorrupted` if `state` does not hold exactly four words, or if
    ///   all four are zero (the one state xoshiro256** can never leave).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let words = try container.decode([UInt64].self, forKey: .state)
        guard words.count == 4 else {
            throw DecodingError.dataCorruptedError(
                forKey: .state, in: container,
                debugDescription: "RandomStream state must hold exactly 4 UInt64 words "
                    + "(xoshiro256**), found \(words.count)")
        }
        guard words.contains(where: { $0 != 0 }) else {
            throw DecodingError.dataCorruptedError(
                forKey: .state, in: container,
                debugDescription: "RandomStream state must not be all zeros: xoshiro256** "
                    + "would output 0 forever")
        }
        self.init(words: words[0], words[1], words[2], words[3])
    }

    /// Saves the stream as its four xoshiro256** state words, an array of 4 `UInt64` under the
    /// key `"state"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode([s0, s1, s2, s3], forKey: .state)
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014, constants from Vigna's reference `splitmix64.c`):
/// used only to expand seeds and names into well-mixed xoshiro256** state words.
@usableFromInline
internal struct SplitMix64 {
    /// The Weyl-sequence increment, 2^64 divided by the golden ratio (odd).
    internal static let golden: UInt64 = 0x9E37_79B9_7F4A_7C15

    internal var state: UInt64

    internal init(state: UInt64) {
        self.state = state
    }

    /// Advances the Weyl sequence and returns its mixed value.
    internal mutating func next() -> UInt64 {
        state &+= Self.golden
        return Self.mix(state)
    }

    /// The SplitMix64 output finaliser: a bijection on `UInt64` with strong avalanche.
    internal static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z &>> 31)
    }
}
