import Foundation
import Testing

@testable import PrismNN

/// Tests of `SafeTensorsFile`: round trips, exact bytes, determinism, atomic writes and fuzzing.
/// Malformed-input cases live in `SafeTensorsMalformedTests.swift`.
struct SafeTensorsFileTests {
    private static let quietNaN = Float(bitPattern: 0x7FC0_1234)
    private static let signalingNaN = Float(bitPattern: 0x7F80_0001)

    private static func sample() throws -> SafeTensorsFile {
        try SafeTensorsFile(
            entries: [
                .init(name: "scalar", shape: [], values: [-0.0]),
                .init(name: "vector", shape: [3], values: [.infinity, -.infinity, quietNaN]),
                .init(
                    name: "emb.wéight \"q\"", shape: [2, 3],
                    values: [1, -2.5, signalingNaN, .greatestFiniteMagnitude, .leastNonzeroMagnitude, 0]),
                .init(name: "empty", shape: [2, 0], values: []),
            ],
            metadata: ["format": "pt", "epoch": "3", "note": "héllo \"x\"\n\t\u{01}"])
    }

    @Test func roundTripPreservesNamesShapesMetadataAndBitPatterns() throws {
        let file = try Self.sample()
        let decoded = try SafeTensorsFile(bytes: file.serialized())
        #expect(decoded.names == ["scalar", "vector", "emb.wéight \"q\"", "empty"])
        #expect(decoded.entries.map(\.shape) == [[], [3], [2, 3], [2, 0]])
        #expect(decoded.metadata == file.metadata)
        for (original, read) in zip(file.entries, decoded.entries) {
            #expect(read.values.map(\.bitPattern) == original.values.map(\.bitPattern))
        }
        #expect(decoded["vector"]?.values[2].bitPattern == 0x7FC0_1234)
        #expect(decoded["emb.wéight \"q\""]?.values[2].bitPattern == 0x7F80_0001)
        #expect(decoded["scalar"]?.values.first?.sign == .minus)
        #expect(decoded["missing"] == nil)
        #expect(decoded == file)
    }

    @Test func equalityIsBitwise() throws {
        let nan = try SafeTensorsFile(entries: [.init(name: "x", shape: [1], values: [.nan])])
        #expect(nan == nan)
        let positiveZero = try SafeTensorsFile(entries: [.init(name: "x", shape: [1], values: [0.0])])
        let negativeZero = try SafeTensorsFile(entries: [.init(name: "x", shape: [1], values: [-0.0])])
        #expect(positiveZero != negativeZero)
    }

    @Test func goldenBytesForOneTensor() throws {
        let file = try SafeTensorsFile(entries: [.init(name: "a", shape: [2], values: [1, 2])])
        let json = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#
        #expect(json.utf8.count == 54)
        // 54 JSON bytes + 2 spaces = 56 = 0x38, so the data starts at 8 + 56 = 64.
        let expected: [UInt8] =
            [0x38, 0, 0, 0, 0, 0, 0, 0] + Array(json.utf8) + [0x20, 0x20]
            + [0x00, 0x00, 0x80, 0x3F]  // 1.0f = 0x3F800000
            + [0x00, 0x00, 0x00, 0x40]  // 2.0f = 0x40000000
        #expect(file.serialized() == expected)
        #expect(try SafeTensorsFile(bytes: expected) == file)
    }

    @Test func goldenHeaderWithMetadataAndScalar() throws {
        let file = try SafeTensorsFile(
            entries: [.init(name: "s", shape: [], values: [3])], metadata: ["b": "2", "a": "1"])
        let json = #"{"__metadata__":{"a":"1","b":"2"},"s":{"dtype":"F32","shape":[],"data_offsets":[0,4]}}"#
        let bytes = file.serialized()
        let length = Int(bytes[0]) | Int(bytes[1]) << 8
        #expect(Array(bytes[8..<(8 + json.utf8.count)]) == Array(json.utf8))
        #expect(length == json.utf8.count + (8 - json.utf8.count % 8) % 8)
        #expect(Array(bytes.suffix(4)) == [0x00, 0x00, 0x40, 0x40])
    }

    @Test func serialisationIsDeterministicAndPadded() throws {
        var forward: [String: String] = [:]
        var backward: [String: String] = [:]
        let keys = (0..<50).map { "key\($0)" }
        for key in keys { forward[key] = "v" + key }
        for key in keys.reversed() { backward[key] = "v" + key }
        let entries = try Self.sample().entries
        let first = try SafeTensorsFile(entries: entries, metadata: forward)
        let second = try SafeTensorsFile(entries: entries, metadata: backward)
        #expect(first.serialized() == first.serialized())
        #expect(first.serialized() == second.serialized())

        for nameLength in 0..<17 {
            let name = String(repeating: "n", count: nameLength)
            let bytes = try SafeTensorsFile(entries: [.init(name: name, shape: [1], values: [5])])
                .serialized()
            let headerLength = bytes[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
            #expect((8 + headerLength) % 8 == 0, "name length \(nameLength)")
            #expect(bytes.count == 8 + headerLength + 4)
            let header = bytes[8..<(8 + headerLength)]
            let closing = try #require(header.lastIndex(of: UInt8(ascii: "}")))
            #expect(header[(closing + 1)...].allSatisfy { $0 == 0x20 })
            #expect(header[(closing + 1)...].count < 8)
        }
    }

    @Test func readerAcceptsAnyKeyOrderWhitespaceEscapesAndSortsByOffset() throws {
        let header = """
             { "b\\u00e9\\ud83d\\ude00" : { "data_offsets" : [4, 8], "shape": [1], "dtype": "F32" },
              "a": {"dtype":"F32","shape":[1],"data_offsets":[0,4],"extra":null},
              "__metadata__": {"k\\n": "v\\/"} }\t
            """
        let data: [UInt8] = [0, 0, 0x80, 0x3F, 0, 0, 0, 0x40]
        let file = try SafeTensorsFile(bytes: SafeTensorsFixtures.file(header, data: data))
        #expect(file.names == ["a", "bé😀"])
        #expect(file["a"]?.values == [1])
        #expect(file["bé😀"]?.values == [2])
        #expect(file.metadata == ["k\n": "v/"])
    }

    @Test func initValidatesEntries() {
        #expect(throws: SafeTensorsError.duplicateName(source: "<memory>", name: "w")) {
            try SafeTensorsFile(entries: [
                .init(name: "w", shape: [1], values: [1]), .init(name: "w", shape: [], values: [2]),
            ])
        }
        #expect(throws: SafeTensorsError.reservedName(source: "<memory>", name: "__metadata__")) {
            try SafeTensorsFile(entries: [.init(name: "__metadata__", shape: [], values: [1])])
        }
        #expect(
            throws: SafeTensorsError.negativeDimension(
                source: "<memory>", tensor: "w", axis: 1, value: -2)
        ) {
            try SafeTensorsFile(entries: [.init(name: "w", shape: [1, -2], values: [])])
        }
        #expect(
            throws: SafeTensorsError.elementCountMismatch(
                source: "<memory>", tensor: "w", shape: [2, 3], valueCount: 5)
        ) {
            try SafeTensorsFile(entries: [.init(name: "w", shape: [2, 3], values: [1, 2, 3, 4, 5])])
        }
        #expect(
            throws: SafeTensorsError.shapeTooLarge(
                source: "<memory>", tensor: "w", shape: [1 << 62, 4])
        ) {
            try SafeTensorsFile(entries: [.init(name: "w", shape: [1 << 62, 4], values: [])])
        }
    }

    @Test func emptyFileRoundTrips() throws {
        let empty = try SafeTensorsFile(entries: [])
        #expect(empty.serialized() == [8, 0, 0, 0, 0, 0, 0, 0] + Array("{}      ".utf8))
        #expect(try SafeTensorsFile(bytes: empty.serialized()) == empty)
    }

    @Test func atomicWriteReplacesExistingFile() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("safetensors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("model.safetensors")

        let old = try SafeTensorsFile(entries: [.init(name: "old", shape: [4], values: [1, 2, 3, 4])])
        try old.write(to: url)
        #expect(try SafeTensorsFile(contentsOf: url) == old)

        let oldReader = try FileHandle(forReadingFrom: url)
        defer { try? oldReader.close() }
        let new = try Self.sample()
        try new.write(to: url)
        // The old file was replaced by a rename, not rewritten in place: an open handle still sees it.
        #expect(try oldReader.readToEnd() == Data(old.serialized()))
        #expect(try SafeTensorsFile(contentsOf: url) == new)
        #expect(try Data(contentsOf: url) == Data(new.serialized()))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["model.safetensors"])

        let missing = directory.appendingPathComponent("no-such-dir/model.safetensors")
        let error = #expect(throws: SafeTensorsError.self) { try new.write(to: missing) }
        #expect(error.map { if case .writeFailed = $0 { true } else { false } } == true)
        #expect(error?.description.contains("no-such-dir/model.safetensors") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["model.safetensors"])
    }

    @Test func unreadableFileNamesThePath() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "absent-\(UUID()).safetensors")
        let error = #expect(throws: SafeTensorsError.self) { try SafeTensorsFile(contentsOf: url) }
        #expect(error.map { if case .unreadable = $0 { true } else { false } } == true)
        #expect(error?.source == url.path)
        #expect(error?.description.contains(url.lastPathComponent) == true)
    }

    @Test func seededMutationsNeverCrash() throws {
        let valid = try Self.sample().serialized()
        var rng = SafeTensorsFixtures.SplitMix64(seed: 0x5AFE_7E45)
        var decoded = 0
        var rejected = 0
        for _ in 0..<2_000 {
            let mutated = SafeTensorsFixtures.mutate(valid, using: &rng)
            let result = Result { () throws(SafeTensorsError) in
                try SafeTensorsFile(bytes: mutated, source: "fuzz.safetensors")
            }
            switch result {
            case .success(let file):
                decoded += 1
                #expect(try SafeTensorsFile(bytes: file.serialized()) == file)
            case .failure(let error):
                rejected += 1
                #expect(error.source == "fuzz.safetensors")
                #expect(error.description.hasPrefix("fuzz.safetensors: "))
            }
        }
        #expect(decoded + rejected == 2_000)
        #expect(decoded > 0)
        #expect(rejected > 0)
    }
}
