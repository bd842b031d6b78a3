import Testing

@testable import PrismNN

/// Every malformed input maps to its specific `SafeTensorsError` case, naming source and tensor.
struct SafeTensorsMalformedTests {
    private static let source = "ckpt/bad.safetensors"

    private static func tensor(_ name: String, _ shape: String, _ offsets: String, dtype: String = "F32")
        -> String
    {
        #""\#(name)":{"dtype":"\#(dtype)","shape":\#(shape),"data_offsets":\#(offsets)}"#
    }

    /// A valid two-tensor file: "bias" (8 bytes) then "layer.0.weight" (12 bytes).
    private static func valid() throws -> [UInt8] {
        try SafeTensorsFile(entries: [
            .init(name: "bias", shape: [2], values: [1, 2]),
            .init(name: "layer.0.weight", shape: [3], values: [3, 4, 5]),
        ]).serialized()
    }

    private func check(
        _ bytes: [UInt8], _ expected: SafeTensorsError, mentions: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let error = #expect(throws: SafeTensorsError.self, sourceLocation: sourceLocation) {
            try SafeTensorsFile(bytes: bytes, source: Self.source)
        }
        #expect(error == expected, sourceLocation: sourceLocation)
        for text in [Self.source + ": "] + mentions {
            #expect(error?.description.contains(text) == true, "\(text)", sourceLocation: sourceLocation)
        }
    }

    private func checkInvalidJSON(_ header: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let error = #expect(throws: SafeTensorsError.self, sourceLocation: sourceLocation) {
            try SafeTensorsFile(bytes: SafeTensorsFixtures.file(header), source: Self.source)
        }
        guard case .invalidJSON(let source, _, _) = error else {
            Issue.record(
                "expected invalidJSON, got \(String(describing: error))", sourceLocation: sourceLocation)
            return
        }
        #expect(source == Self.source, sourceLocation: sourceLocation)
        #expect(error?.description.hasPrefix(Self.source + ": header is not valid JSON") == true)
    }

    @Test func fileTooSmall() {
        check([], .fileTooSmall(source: Self.source, byteCount: 0))
        check([1, 2, 3, 4, 5, 6, 7], .fileTooSmall(source: Self.source, byteCount: 7), mentions: ["7 bytes"])
    }

    @Test func badHeaderLength() throws {
        let valid = try Self.valid()
        let huge = SafeTensorsFixtures.littleEndian(.max) + valid[8...]
        check(
            huge, .headerTooLarge(source: Self.source, headerLength: .max, limit: 100_000_000),
            mentions: ["\(UInt64.max)"])
        let absurd = SafeTensorsFixtures.littleEndian(100_000_001) + valid[8...]
        check(absurd, .headerTooLarge(source: Self.source, headerLength: 100_000_001, limit: 100_000_000))
        let pastEnd = SafeTensorsFixtures.littleEndian(UInt64(valid.count - 7)) + valid[8...]
        check(
            pastEnd,
            .headerLengthExceedsFile(
                source: Self.source, headerLength: UInt64(valid.count - 7), fileSize: valid.count),
            mentions: ["\(valid.count - 7)"])
    }

    @Test func headerNotUTF8OrNotJSONObject() {
        let invalidUTF8 = SafeTensorsFixtures.file(rawHeader: [0x7B, 0x22, 0xC3, 0x28, 0x22, 0x7D])
        check(invalidUTF8, .headerNotUTF8(source: Self.source))
        for header in [
            #"{"a":"#, #"{"a" 1}"#, "{'a':1}", #"{"a":01}"#, "{\"a\":\"\u{01}\"}", #"{"a":"\ud800"}"#,
            "{} x", "", "  ", #"{"a":tru}"#, #"{"a":1.}"#, #"{"a":[1,]}"#,
            "{\"a\":" + String(repeating: "[", count: 10_000),
        ] {
            checkInvalidJSON(header)
        }
        for header in ["[]", #""text""#, "3", "null"] {
            check(SafeTensorsFixtures.file(header), .headerNotObject(source: Self.source))
        }
    }

    @Test func malformedEntriesAndFields() {
        let file = { (body: String) in SafeTensorsFixtures.file("{\"w.q\":\(body)}") }
        check(
            file("[1]"),
            .malformedEntry(source: Self.source, tensor: "w.q", reason: "entry is not a JSON object"),
            mentions: ["'w.q'"])
        check(
            file(#"{"dtype":"F32","dtype":"F32","shape":[],"data_offsets":[0,4]}"#),
            .malformedEntry(
                source: Self.source, tensor: "w.q", reason: "field 'dtype' appears more than once"),
            mentions: ["'w.q'", "'dtype'"])
        for field in ["dtype", "shape", "data_offsets"] {
            var fields = [#""dtype":"F32""#, #""shape":[1]"#, #""data_offsets":[0,4]"#]
            fields.removeAll { $0.hasPrefix("\"\(field)\"") }
            check(
                file("{" + fields.joined(separator: ",") + "}"),
                .missingField(source: Self.source, tensor: "w.q", field: field), mentions: ["'w.q'", field])
        }
        let malformed: [(String, String, String)] = [
            ("5", "[1]", "[0,4]"), (#""F32""#, #""1""#, "[0,4]"), (#""F32""#, "[1.5]", "[0,4]"),
            (#""F32""#, "[1e3]", "[0,4]"), (#""F32""#, "[99999999999999999999]", "[0,4]"),
            (#""F32""#, "[1]", "[0]"), (#""F32""#, "[1]", #"[0,"4"]"#), (#""F32""#, "[1]", "[0,-4]"),
            (#""F32""#, "[1]", "[0,4,8]"), (#""F32""#, "[1]", "[0,99999999999999999999]"),
        ]
        for (dtype, shape, offsets) in malformed {
            let bytes = file(#"{"dtype":\#(dtype),"shape":\#(shape),"data_offsets":\#(offsets)}"#)
            let error = #expect(throws: SafeTensorsError.self) {
                try SafeTensorsFile(bytes: bytes, source: Self.source)
            }
            guard case .malformedField(Self.source, "w.q", let field, _) = error else {
                Issue.record(
                    "expected malformedField for \(shape) \(offsets), got \(String(describing: error))")
                continue
            }
            #expect(field == (dtype == "5" ? "dtype" : shape == "[1]" ? "data_offsets" : "shape"))
            #expect(error?.description.contains("'w.q'") == true)
        }
    }

    @Test(arguments: ["F16", "BF16", "I64", "F64", "U8", "f32"])
    func unsupportedDType(dtype: String) {
        let bytes = SafeTensorsFixtures.file(
            "{" + Self.tensor("enc.proj", "[1]", "[0,4]", dtype: dtype) + "}",
            data: [0, 0, 0, 0])
        check(
            bytes, .unsupportedDType(source: Self.source, tensor: "enc.proj", dtype: dtype),
            mentions: ["'enc.proj'", "'\(dtype)'"])
    }

    @Test func shapeAndOffsetDisagreements() {
        let file = { (shape: String, offsets: String, data: Int) in
            SafeTensorsFixtures.file(
                "{" + Self.tensor("w", shape, offsets) + "}", data: Array(repeating: 0, count: data))
        }
        check(
            file("[2,-1]", "[0,0]", 0),
            .negativeDimension(source: Self.source, tensor: "w", axis: 1, value: -1),
            mentions: ["'w'", "-1"])
        check(
            file("[4611686018427387904,4]", "[0,0]", 0),
            .shapeTooLarge(source: Self.source, tensor: "w", shape: [1 << 62, 4]), mentions: ["'w'"])
        check(
            file("[3]", "[0,8]", 8),
            .byteCountMismatch(source: Self.source, tensor: "w", shape: [3], expected: 12, actual: 8),
            mentions: ["'w'", "12", "8"])
        check(
            file("[2]", "[8,0]", 8), .offsetsOutOfOrder(source: Self.source, tensor: "w", begin: 8, end: 0),
            mentions: ["'w'", "[8, 0]"])
    }

    @Test func overlappingOffsetsAndHoles() {
        let overlap = "{" + Self.tensor("a", "[2]", "[0,8]") + "," + Self.tensor("b", "[2]", "[4,12]") + "}"
        check(
            SafeTensorsFixtures.file(overlap, data: Array(repeating: 0, count: 12)),
            .overlappingOffsets(source: Self.source, tensor: "b", previous: "a", begin: 4, previousEnd: 8),
            mentions: ["'a'", "'b'"])
        let hole = "{" + Self.tensor("b", "[2]", "[12,20]") + "," + Self.tensor("a", "[2]", "[0,8]") + "}"
        check(
            SafeTensorsFixtures.file(hole, data: Array(repeating: 0, count: 20)),
            .gapBetweenTensors(source: Self.source, tensor: "b", previous: "a", begin: 12, expected: 8),
            mentions: ["'a'", "'b'"])
        let leading = "{" + Self.tensor("a", "[2]", "[4,12]") + "}"
        check(
            SafeTensorsFixtures.file(leading, data: Array(repeating: 0, count: 12)),
            .gapBetweenTensors(source: Self.source, tensor: "a", previous: nil, begin: 4, expected: 0),
            mentions: ["'a'", "start of the data"])
    }

    @Test func truncatedDataAndTrailingBytes() throws {
        let valid = try Self.valid()
        check(
            Array(valid.dropLast(4)),
            .truncatedData(source: Self.source, tensor: "layer.0.weight", end: 20, available: 16),
            mentions: ["'layer.0.weight'"])
        let headerOnly = Array(valid.dropLast(20))
        check(
            headerOnly, .truncatedData(source: Self.source, tensor: "bias", end: 8, available: 0),
            mentions: ["'bias'"])
        check(valid + [0, 0, 0, 0], .trailingBytes(source: Self.source, expected: 20, actual: 24))
        let hugeEnd = (Int.max / 4) * 4
        let huge = "{" + Self.tensor("huge", "[\(hugeEnd / 4)]", "[0,\(hugeEnd)]") + "}"
        check(
            SafeTensorsFixtures.file(huge, data: [0, 0, 0, 0]),
            .truncatedData(source: Self.source, tensor: "huge", end: hugeEnd, available: 4),
            mentions: ["'huge'"])
    }

    @Test func metadataAndDuplicateNames() {
        let a = Self.tensor("a", "[1]", "[0,4]")
        let data: [UInt8] = [0, 0, 0, 0]
        check(
            SafeTensorsFixtures.file(#"{"__metadata__":"x","# + a + "}", data: data),
            .metadataNotObject(source: Self.source))
        check(
            SafeTensorsFixtures.file(#"{"__metadata__":{"ok":"1","epoch":3},"# + a + "}", data: data),
            .metadataValueNotString(source: Self.source, key: "epoch"), mentions: ["'epoch'"])
        check(
            SafeTensorsFixtures.file(#"{"__metadata__":{"k":"1","k":"2"},"# + a + "}", data: data),
            .duplicateMetadataKey(source: Self.source, key: "k"), mentions: ["'k'"])
        check(
            SafeTensorsFixtures.file("{" + a + "," + Self.tensor("a", "[0]", "[4,4]") + "}", data: data),
            .duplicateName(source: Self.source, name: "a"), mentions: ["'a'"])
    }
}
