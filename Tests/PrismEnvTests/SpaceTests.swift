import PrismEnv
import PrismTensor
import Testing

/// Spaces: membership, seeded sampling and Minari's exact JSON.
@Suite struct SpaceTests {
    let image = Space.box(low: 0, high: 255, shape: [2, 2], elementType: .uint8)

    @Test func membership() {
        #expect(Space.discrete(count: 3, start: 1).contains(.discrete(3)))
        #expect(!Space.discrete(count: 3, start: 1).contains(.discrete(0)))
        #expect(image.contains(.box([0, 255, 7, 1])))
        #expect(!image.contains(.box([0, 256, 7, 1])))
        #expect(!image.contains(.box([0, 2.5, 7, 1])))
        #expect(!image.contains(.box([0, 1, 2])))
        #expect(Space.multiDiscrete(counts: [2, 3], start: [0, 1]).contains(.multiDiscrete([1, 3])))
        #expect(!Space.multiDiscrete(counts: [2, 3], start: [0, 1]).contains(.multiDiscrete([1, 0])))
        #expect(Space.text(minLength: 1, maxLength: 3, charset: "ab").contains(.text("aba")))
        #expect(!Space.text(minLength: 1, maxLength: 3, charset: "ab").contains(.text("abc")))
        let dict = Space.dict(["a": .discrete(count: 2), "b": .text(minLength: 0, maxLength: 2, charset: "x")])
        #expect(dict.contains(.dict(["a": .discrete(1), "b": .text("xx")])))
        #expect(!dict.contains(.dict(["a": .discrete(1)])))
        #expect(!dict.contains(.discrete(1)))
    }

    @Test func seededSamplesAreInSpaceAndReproducible() {
        let spaces: [Space] = [
            .discrete(count: 7), image, .box(low: -Float.infinity, high: 1, shape: [3]),
            .box(low: -1, high: 1, shape: [4]), .multiDiscrete(counts: [3, 4], start: [0, -2]),
            .text(minLength: 0, maxLength: 5, charset: "xyz"),
            .dict(["direction": .discrete(count: 4), "image": image]),
        ]
        for space in spaces {
            var first = RandomStream(seed: 3)
            var second = RandomStream(seed: 3)
            for _ in 0..<50 {
                let sample = space.sample(using: &first)
                #expect(space.contains(sample), "\(sample) not in \(space)")
                #expect(sample == space.sample(using: &second))
            }
        }
    }

    @Test func minariJSON() {
        #expect(Space.discrete(count: 7).minariJSON == #"{"type": "Discrete", "dtype": "int64", "start": 0, "n": 7}"#)
        #expect(Space.box(low: -Float.infinity, high: 1, shape: [2]).minariJSON
                == #"{"type": "Box", "dtype": "float32", "shape": [2], "low": [-Infinity, -Infinity], "high": [1.0, 1.0]}"#)
        #expect(image.minariJSON
                == #"{"type": "Box", "dtype": "uint8", "shape": [2, 2], "low": [[0, 0], [0, 0]], "high": [[255, 255], [255, 255]]}"#)
        #expect(Space.multiDiscrete(counts: [2, 3], start: [0, 1]).minariJSON
                == #"{"type": "MultiDiscrete", "dtype": "int64", "nvec": [2, 3], "start": [0, 1]}"#)
        #expect(Space.text(minLength: 0, maxLength: 4, charset: "a\"b").minariJSON
                == #"{"type": "Text", "max_length": 4, "min_length": 0, "charset": "a\"b"}"#)
        #expect(Space.dict(["mission": .discrete(count: 2), "direction": .discrete(count: 4)]).minariJSON
                == #"{"type": "Dict", "subspaces": {"direction": {"type": "Discrete", "dtype": "int64", "start": 0, "n": 4}, "#
                + #""mission": {"type": "Discrete", "dtype": "int64", "start": 0, "n": 2}}}"#)
    }
}
