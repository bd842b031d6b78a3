import Foundation
import PrismTensor
import Testing

/// Mirrors the documented encoding of `RandomStream` to inspect and forge saved states.
private struct EncodedState: Codable {
    var state: [UInt64]
}

private func encodedWords(of stream: RandomStream) throws -> [UInt64] {
    try JSONDecoder().decode(EncodedState.self, from: JSONEncoder().encode(stream)).state
}

private func draws(_ count: Int, from stream: inout RandomStream) -> [UInt64] {
    (0..<count).map { _ in stream.next() }
}

@Suite("RandomStream")
struct RandomStreamTests {
    // MARK: Golden values

    @Test("seeding uses SplitMix64: seed 0 gives 0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4")
    func splitMix64Golden() throws {
        let words = try encodedWords(of: RandomStream(seed: 0))
        #expect(words.count == 4)
        #expect(words.first == 0xE220_A839_7B1D_CDAF)
        #expect(words.dropFirst().first == 0x6E78_9E6A_A1B9_65F4)
        #expect(words == [
            0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F, 0xF88B_B8A8_724C_81EC,
        ])
    }

    @Test("xoshiro256** golden outputs for seed 0")
    func xoshiroGoldenSeed0() {
        var stream = RandomStream(seed: 0)
        let expected: [UInt64] = [
            0x99EC_5F36_CB75_F2B4, 0xBF6E_1F78_4956_452A, 0x1A5F_849D_4933_E6E0,
            0x6AA5_94F1_262D_2D2C, 0xBBA5_AD4A_1F84_2E59,
        ]
        #expect(draws(5, from: &stream) == expected)
    }

    @Test("xoshiro256** golden outputs for seed 42")
    func xoshiroGoldenSeed42() throws {
        var stream = RandomStream(seed: 42)
        #expect(try encodedWords(of: stream) == [
            0xBDD7_3226_2FEB_6E95, 0x28EF_E333_B266_F103, 0x4752_6757_130F_9F52, 0x581C_E1FF_0E4A_E394,
        ])
        let expected: [UInt64] = [
            0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E, 0xAE17_5332_39E4_99A1,
            0xECB8_AD47_03B3_60A1, 0xFDE6_DC7F_E2EC_5E64,
        ]
        #expect(draws(5, from: &stream) == expected)
    }

    @Test("derived samplers are pinned: nextInt, nextDouble, nextFloat for seed 7")
    func samplerGolden() {
        var ints = RandomStream(seed: 7)
        #expect((0..<10).map { _ in ints.nextInt(below: 10) } == [7, 2, 8, 9, 9, 8, 0, 1, 4, 1])
        var doubles = RandomStream(seed: 7)
        #expect((0..<3).map { _ in doubles.nextDouble() } == [
            0.7005764821796896, 0.2787512294737843, 0.8396274618764198,
        ])
        var floats = RandomStream(seed: 7)
        let expectedFloats: [Float] = [11_753_722, 4_676_669, 14_086_611].map { Float($0) * 0x1p-24 }
        #expect((0..<3).map { _ in floats.nextFloat() } == expectedFloats)
    }

    // MARK: Determinism

    @Test("same seed gives identical sequences, different seeds differ")
    func seedDeterminism() {
        var a = RandomStream(seed: 1234)
        var b = RandomStream(seed: 1234)
        #expect(a == b)
        #expect(draws(1000, from: &a) == draws(1000, from: &b))
        #expect(a == b)

        var c = RandomStream(seed: 1235)
        var d = RandomStream(seed: 1234)
        #expect(c != d)
        let first = draws(100, from: &c)
        let second = draws(100, from: &d)
        #expect(zip(first, second).allSatisfy { $0 != $1 })
    }

    // MARK: Child streams

    @Test("child streams are deterministic, name-dependent and pinned")
    func childDeterminism() {
        let parent = RandomStream(seed: 42)
        var first = parent.child("policy")
        var again = RandomStream(seed: 42).child("policy")
        #expect(first == again)
        #expect(draws(100, from: &first) == draws(100, from: &again))

        var pinned = parent.child("policy")
        let pinnedExpected: [UInt64] = [0x4C26_2F81_A9A1_CAE3, 0x4763_D5E0_A374_BFE7, 0x9E22_4E42_BC4B_F7E1]
        #expect(draws(3, from: &pinned) == pinnedExpected)

        let names = ["policy", "value", "env", "env0", "env1", "", "Policy"]
        var sequences: [[UInt64]] = []
        for name in names {
            var child = parent.child(name)
            sequences.append(draws(8, from: &child))
        }
        var parentCopy = parent
        sequences.append(draws(8, from: &parentCopy))
        #expect(Set(sequences).count == sequences.count)
    }

    @Test("child does not advance the parent; a moved parent gives a different child")
    func childLeavesParent() {
        var parent = RandomStream(seed: 9)
        let untouched = parent
        _ = parent.child("a")
        _ = parent.child("b")
        #expect(parent == untouched)
        var reference = RandomStream(seed: 9)
        #expect(draws(50, from: &parent) == draws(50, from: &reference))

        let before = RandomStream(seed: 9).child("a")
        var moved = RandomStream(seed: 9)
        _ = moved.next()
        #expect(moved.child("a") != before)
    }

    // MARK: Codable

    @Test("a decoded stream continues the identical sequence")
    func codableRoundTrip() throws {
        var stream = RandomStream(seed: 77)
        _ = draws(13, from: &stream)
        let data = try JSONEncoder().encode(stream)
        var restored = try JSONDecoder().decode(RandomStream.self, from: data)
        #expect(restored == stream)
        #expect(draws(200, from: &restored) == draws(200, from: &stream))

        let plist = try PropertyListEncoder().encode(stream)
        var fromPlist = try PropertyListDecoder().decode(RandomStream.self, from: plist)
        #expect(fromPlist.normal() == stream.normal())
    }

    @Test("decoding rejects a state of wrong length or all zeros", arguments: [
        #"{"state":[1,2,3]}"#,
        #"{"state":[1,2,3,4,5]}"#,
        #"{"state":[]}"#,
        #"{"state":[0,0,0,0]}"#,
    ])
    func codableRejectsBadState(json: String) {
        #expect {
            _ = try JSONDecoder().decode(RandomStream.self, from: Data(json.utf8))
        } throws: { error in
            guard case DecodingError.dataCorrupted(let context) = error else { return false }
            return context.codingPath.last?.stringValue == "state"
        }
    }

    @Test("decoding accepts a valid forged state and uses it verbatim")
    func codableAcceptsForgedState() throws {
        let words: [UInt64] = [0, 0, 0, 1]
        let data = try JSONEncoder().encode(EncodedState(state: words))
        let stream = try JSONDecoder().decode(RandomStream.self, from: data)
        #expect(try encodedWords(of: stream) == words)
    }

    // MARK: Integers

    @Test("nextInt(below:) stays in range")
    func nextIntRange() {
        var stream = RandomStream(seed: 3)
        for bound in [1, 2, 3, 7, 10, 1000, 1 << 40, Int.max] {
            for _ in 0..<2000 {
                let value = stream.nextInt(below: bound)
                #expect(value >= 0 && value < bound)
            }
        }
        for _ in 0..<100 {
            #expect(stream.nextInt(below: 1) == 0)
        }
    }

    @Test("nextInt(below: 6) frequencies pass a chi-square check over 60k draws")
    func nextIntChiSquare() {
        var stream = RandomStream(seed: 2024)
        var counts = [Int](repeating: 0, count: 6)
        let total = 60_000
        for _ in 0..<total {
            counts[stream.nextInt(below: 6)] += 1
        }
        let expected = Double(total) / 6
        let chiSquare = counts.reduce(0.0) { sum, count in
            sum + (Double(count) - expected) * (Double(count) - expected) / expected
        }
        // 5 degrees of freedom: P(chi2 > 25) is about 1.4e-4.
        #expect(chiSquare < 25)
    }

    @Test("nextInt(below:) rejects draws exactly as Lemire's method prescribes")
    func nextIntRejectionGolden() {
        // For n = 3 * 2^61 a quarter of the 64-bit words are rejected; one is within these 8 draws.
        var stream = RandomStream(seed: 5)
        let expected = [
            1_995_093_042_765_221_319, 4_164_922_016_470_552_018, 4_493_258_363_396_056_673,
            5_683_097_755_350_152_809, 3_574_383_498_442_134_747, 5_426_967_210_057_195_410,
            3_485_672_354_877_915_095, 2_507_861_787_451_737_597,
        ]
        #expect((0..<8).map { _ in stream.nextInt(below: 3 << 61) } == expected)
    }

    @Test("nextInt(below:) has no modulo bias for a bound near 2^63")
    func nextIntNoModuloBias() {
        // With `next() % n` for n = 3 * 2^61, the lower half of the range would get 56.25 %.
        let bound = 3 << 61
        var stream = RandomStream(seed: 5)
        let total = 40_000
        var lowerHalf = 0
        for _ in 0..<total where stream.nextInt(below: bound) < bound / 2 {
            lowerHalf += 1
        }
        #expect(abs(Double(lowerHalf) / Double(total) - 0.5) < 0.01)
    }

    // MARK: Floats

    @Test("nextFloat, nextDouble and uniform(in:) stay in their half-open ranges")
    func unitRanges() {
        var stream = RandomStream(seed: 11)
        var sum = 0.0
        for _ in 0..<20_000 {
            let f = stream.nextFloat()
            let d = stream.nextDouble()
            let u = stream.uniform(in: -3..<5)
            #expect(f >= 0 && f < 1)
            #expect(d >= 0 && d < 1)
            #expect(u >= -3 && u < 5)
            sum += Double(u)
        }
        #expect(abs(sum / 20_000 - 1) < 0.1)
        let tiny: Range<Float> = 1..<Float(1).nextUp
        for _ in 0..<100 {
            #expect(stream.uniform(in: tiny) == 1)
        }
    }

    @Test("fillUniform stays within range and matches repeated uniform(in:)")
    func fillUniformRange() {
        var stream = RandomStream(seed: 12)
        var reference = stream
        var values = [Float](repeating: .nan, count: 10_001)
        values.withUnsafeMutableBufferPointer { stream.fillUniform($0, in: -0.5..<0.25) }
        #expect(values.allSatisfy { $0 >= -0.5 && $0 < 0.25 })
        let mean = values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
        #expect(abs(mean - -0.125) < 0.01)
        #expect(values == (0..<values.count).map { _ in reference.uniform(in: -0.5..<0.25) })
        #expect(stream == reference)
    }

    // MARK: Normal

    @Test("normal(): mean and variance of 100k seeded draws")
    func normalMoments() {
        var stream = RandomStream(seed: 31_415)
        let total = 100_000
        var sum = 0.0
        var sumSquares = 0.0
        var beyondTwoSigma = 0
        for _ in 0..<total {
            let x = Double(stream.normal())
            sum += x
            sumSquares += x * x
            if abs(x) > 2 {
                beyondTwoSigma += 1
            }
        }
        let mean = sum / Double(total)
        let variance = sumSquares / Double(total) - mean * mean
        // Standard errors: mean 0.0032, variance 0.0045, tail fraction 0.0007.
        #expect(abs(mean) < 0.015)
        #expect(abs(variance - 1) < 0.02)
        #expect(abs(Double(beyondTwoSigma) / Double(total) - 0.0455) < 0.004)
    }

    @Test("normal(mean:standardDeviation:) and fillNormal honour their parameters")
    func normalParameters() {
        let total = 100_000
        var stream = RandomStream(seed: 271)
        var sum = 0.0
        var sumSquares = 0.0
        for _ in 0..<total {
            let x = Double(stream.normal(mean: 3, standardDeviation: 2))
            sum += x
            sumSquares += x * x
        }
        let mean = sum / Double(total)
        #expect(abs(mean - 3) < 0.03)
        #expect(abs(sumSquares / Double(total) - mean * mean - 4) < 0.08)

        var values = [Float](repeating: .nan, count: total + 1)
        values.withUnsafeMutableBufferPointer { stream.fillNormal($0, mean: -1, standardDeviation: 0.5) }
        #expect(values.allSatisfy { $0.isFinite })
        let fillMean = values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
        let fillVariance = values.reduce(0.0) { $0 + (Double($1) - fillMean) * (Double($1) - fillMean) }
            / Double(values.count)
        #expect(abs(fillMean + 1) < 0.008)
        #expect(abs(fillVariance - 0.25) < 0.005)
        // Both halves of each Box–Muller pair are used: they must be uncorrelated.
        var pairProducts = 0.0
        for pair in 0..<(values.count / 2) {
            pairProducts += (Double(values[2 * pair]) - fillMean) * (Double(values[2 * pair + 1]) - fillMean)
        }
        #expect(abs(pairProducts / Double(values.count / 2) / fillVariance) < 0.02)
    }

    // MARK: Categorical

    @Test("categorical(probabilities:) frequencies match and zero-probability indices never occur")
    func categoricalFrequencies() {
        let probabilities: [Float] = [0, 0.1, 0.2, 0, 0.3, 0.4, 0]
        var stream = RandomStream(seed: 8)
        let total = 100_000
        var counts = [Int](repeating: 0, count: probabilities.count)
        for _ in 0..<total {
            counts[stream.categorical(probabilities: probabilities)] += 1
        }
        for (index, probability) in probabilities.enumerated() {
            if probability == 0 {
                #expect(counts[index] == 0)
            } else {
                // Standard error is at most 0.0016.
                #expect(abs(Double(counts[index]) / Double(total) - Double(probability)) < 0.008)
            }
        }
    }

    @Test("categorical accepts unnormalised weights and a single positive entry")
    func categoricalWeights() {
        var stream = RandomStream(seed: 19)
        for _ in 0..<1000 {
            #expect(stream.categorical(probabilities: [0, 0, 5, 0]) == 2)
        }
        var counts = [0, 0]
        for _ in 0..<20_000 {
            counts[stream.categorical(probabilities: [3, 1])] += 1
        }
        #expect(abs(Double(counts[0]) / 20_000 - 0.75) < 0.015)
    }

    @Test("categorical(logits:) equals categorical(probabilities:) on softmax-equal inputs")
    func categoricalLogitsMatchProbabilities() {
        let probabilities: [Float] = [0.05, 0.25, 0, 0.3, 0.4]
        let logits: [Float] = probabilities.map { $0 > 0 ? log($0) + 7 : -.infinity }
        var fromProbabilities = RandomStream(seed: 99)
        var fromLogits = fromProbabilities
        var fromProbabilitiesDraws: [Int] = []
        var fromLogitsDraws: [Int] = []
        for _ in 0..<10_000 {
            fromProbabilitiesDraws.append(fromProbabilities.categorical(probabilities: probabilities))
            fromLogitsDraws.append(logits.withUnsafeBufferPointer { fromLogits.categorical(logits: $0) })
        }
        #expect(fromProbabilitiesDraws == fromLogitsDraws)
        #expect(!fromLogitsDraws.contains(2))
        #expect(Set(fromLogitsDraws) == [0, 1, 3, 4])
        #expect(fromProbabilities == fromLogits)
    }

    @Test("categorical(logits:) is stable for huge logits")
    func categoricalLogitsStable() {
        let logits: [Float] = [1000, 1000 + log(3), -.infinity]
        var stream = RandomStream(seed: 4)
        var counts = [0, 0, 0]
        for _ in 0..<20_000 {
            counts[logits.withUnsafeBufferPointer { stream.categorical(logits: $0) }] += 1
        }
        #expect(counts[2] == 0)
        #expect(abs(Double(counts[1]) / 20_000 - 0.75) < 0.015)
    }

    // MARK: Shuffle and permutation

    @Test("shuffle yields a permutation and is seeded-deterministic")
    func shuffleIsPermutation() {
        let original = Array(0..<50)
        var a = RandomStream(seed: 6)
        var b = RandomStream(seed: 6)
        var shuffledA = original
        var shuffledB = original
        a.shuffle(&shuffledA)
        b.shuffle(&shuffledB)
        #expect(shuffledA.sorted() == original)
        #expect(shuffledA == shuffledB)
        #expect(shuffledA != original)

        var c = RandomStream(seed: 7)
        var shuffledC = original
        c.shuffle(&shuffledC)
        #expect(shuffledC != shuffledA)

        var empty: [String] = []
        var single = ["x"]
        a.shuffle(&empty)
        a.shuffle(&single)
        #expect(empty.isEmpty && single == ["x"])
    }

    @Test("shuffle makes all 6 orderings of 3 elements equally likely")
    func shuffleUniform() {
        var stream = RandomStream(seed: 61)
        var counts: [[Int]: Int] = [:]
        let total = 60_000
        for _ in 0..<total {
            var items = [0, 1, 2]
            stream.shuffle(&items)
            counts[items, default: 0] += 1
        }
        #expect(counts.count == 6)
        let expected = Double(total) / 6
        let chiSquare = counts.values.reduce(0.0) { sum, count in
            sum + (Double(count) - expected) * (Double(count) - expected) / expected
        }
        #expect(chiSquare < 25)
    }

    @Test("permutation(n) is a seeded permutation of 0..<n")
    func permutation() {
        var a = RandomStream(seed: 123)
        var b = RandomStream(seed: 123)
        let p = a.permutation(1000)
        #expect(p.sorted() == Array(0..<1000))
        #expect(p == b.permutation(1000))
        #expect(p != Array(0..<1000))
        #expect(a.permutation(0).isEmpty)
        #expect(a.permutation(1) == [0])
    }
}
