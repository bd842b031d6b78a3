/// Builders for hand-made (often malformed) safetensors files and a seeded mutator for fuzzing.
enum SafeTensorsFixtures {
    /// A file whose header is `header` verbatim (no padding), followed by `data`.
    static func file(_ header: String, data: [UInt8] = []) -> [UInt8] {
        file(rawHeader: Array(header.utf8), data: data)
    }

    /// A file whose header is the given bytes verbatim, followed by `data`.
    static func file(rawHeader: [UInt8], data: [UInt8] = []) -> [UInt8] {
        littleEndian(UInt64(rawHeader.count)) + rawHeader + data
    }

    static func littleEndian(_ value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    /// A tiny deterministic generator (SplitMix64), independent of the system RNG.
    struct SplitMix64 {
        var state: UInt64

        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        /// A value in `0..<bound` (`bound` > 0).
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    }

    /// One or two random corruptions: byte flips, JSON-token or digit swaps in the header,
    /// truncation, insertion, deletion or a rewritten length prefix.
    static func mutate(_ original: [UInt8], using rng: inout SplitMix64) -> [UInt8] {
        var bytes = original
        let tokens = Array(#"{}[]",:-.e0123456789 "#.utf8)
        let digits = Array("0123456789".utf8)
        let headerEnd = 8 + original[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
        for _ in 0..<(rng.below(4) == 0 ? 2 : 1) where bytes.count > 8 {
            let headerIndex = 8 + rng.below(min(bytes.count, headerEnd) - 8)
            switch rng.below(7) {
            case 0:
                for _ in 0...rng.below(4) {
                    bytes[rng.below(bytes.count)] = randomByte(using: &rng)
                }
            case 1:
                bytes[headerIndex] = tokens[rng.below(tokens.count)]
            case 2:
                let positions = bytes.indices.filter {
                    $0 >= 8 && $0 < headerEnd && digits.contains(bytes[$0])
                }
                if let position = positions.isEmpty ? nil : positions[rng.below(positions.count)] {
                    bytes[position] = digits[rng.below(digits.count)]
                }
            case 3:
                bytes.removeLast(1 + rng.below(bytes.count))
            case 4:
                let insert = (0...rng.below(8)).map { _ in randomByte(using: &rng) }
                bytes.insert(contentsOf: insert, at: rng.below(bytes.count + 1))
            case 5:
                let start = rng.below(bytes.count)
                bytes.removeSubrange(start..<min(bytes.count, start + 1 + rng.below(16)))
            default:
                let length = rng.below(2) == 0 ? rng.next() : UInt64(rng.below(bytes.count + 16))
                bytes.replaceSubrange(0..<8, with: littleEndian(length))
            }
        }
        return bytes
    }

    /// Mostly printable ASCII (so header JSON often stays UTF-8), sometimes any byte.
    private static func randomByte(using rng: inout SplitMix64) -> UInt8 {
        rng.below(4) == 0 ? UInt8(truncatingIfNeeded: rng.next()) : UInt8(0x20 + rng.below(0x5F))
    }
}
