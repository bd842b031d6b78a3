extension SafeTensorsFile {
    /// Parses and validates a complete safetensors file held in memory.
    ///
    /// Entries come out in the order of their byte ranges (which is the header order for files
    /// written by `serialized()`). Validation is strict: only `F32` tensors are accepted, the byte
    /// ranges must tile the data buffer exactly (no holes, overlaps or trailing bytes), and no
    /// arithmetic on header values can overflow or index out of bounds, whatever the input.
    ///
    /// - Parameters:
    ///   - bytes: The whole file.
    ///   - source: The name used in error messages, usually the file's path.
    /// - Throws: The `SafeTensorsError` case describing the first problem found.
    public init(bytes: [UInt8], source: String = "<memory>") throws(SafeTensorsError) {
        let prefixSize = MemoryLayout<UInt64>.size
        guard bytes.count >= prefixSize else {
            throw .fileTooSmall(source: source, byteCount: bytes.count)
        }
        var declaredLength: UInt64 = 0
        for (position, byte) in bytes[0..<prefixSize].enumerated() {
            declaredLength |= UInt64(byte) << (8 * UInt64(position))
        }
        guard declaredLength <= UInt64(Self.maxHeaderLength) else {
            throw .headerTooLarge(
                source: source, headerLength: declaredLength, limit: Self.maxHeaderLength)
        }
        let headerLength = Int(declaredLength)
        guard headerLength <= bytes.count - prefixSize else {
            throw .headerLengthExceedsFile(
                source: source, headerLength: declaredLength, fileSize: bytes.count)
        }
        let dataStart = prefixSize + headerLength
        let headerBytes = Array(bytes[prefixSize..<dataStart])
        guard String(decoding: headerBytes, as: UTF8.self).utf8.elementsEqual(headerBytes) else {
            throw .headerNotUTF8(source: source)
        }
        guard case .object(let members) = try SafeTensorsJSONParser.parse(headerBytes, source: source)
        else {
            throw .headerNotObject(source: source)
        }

        var seen = Set<String>()
        var metadata: [String: String] = [:]
        var layouts: [SafeTensorsLayout] = []
        for member in members {
            guard seen.insert(member.key).inserted else {
                throw .duplicateName(source: source, name: member.key)
            }
            if member.key == Self.metadataKey {
                metadata = try Self.decodeMetadata(member.value, source: source)
            } else {
                let layout = try SafeTensorsLayout(
                    name: member.key, json: member.value, order: layouts.count, source: source)
                layouts.append(layout)
            }
        }
        layouts.sort { ($0.begin, $0.end, $0.order) < ($1.begin, $1.end, $1.order) }
        try Self.checkTiling(layouts, available: bytes.count - dataStart, source: source)

        let entries = bytes.withUnsafeBytes { raw in
            layouts.map { layout in
                let base = dataStart + layout.begin
                let count = (layout.end - layout.begin) / MemoryLayout<Float>.size
                let values = (0..<count).map { index in
                    let offset = base + index * MemoryLayout<Float>.size
                    let bits = raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
                    return Float(bitPattern: UInt32(littleEndian: bits))
                }
                return Entry(name: layout.name, shape: layout.shape, values: values)
            }
        }
        self.init(validatedEntries: entries, metadata: metadata)
    }

    /// Checks that the sorted byte ranges cover `0..<available` exactly, with no holes or overlaps.
    private static func checkTiling(
        _ layouts: [SafeTensorsLayout], available: Int, source: String
    ) throws(SafeTensorsError) {
        var previous: SafeTensorsLayout?
        var expected = 0
        for layout in layouts {
            if let previous, layout.begin < previous.end {
                throw .overlappingOffsets(
                    source: source, tensor: layout.name, previous: previous.name,
                    begin: layout.begin, previousEnd: previous.end)
            }
            guard layout.begin == expected else {
                throw .gapBetweenTensors(
                    source: source, tensor: layout.name, previous: previous?.name,
                    begin: layout.begin, expected: expected)
            }
            guard layout.end <= available else {
                throw .truncatedData(
                    source: source, tensor: layout.name, end: layout.end, available: available)
            }
            previous = layout
            expected = layout.end
        }
        guard expected == available else {
            throw .trailingBytes(source: source, expected: expected, actual: available)
        }
    }

    /// Decodes the `__metadata__` object, which must map strings to strings.
    private static func decodeMetadata(
        _ json: SafeTensorsJSON, source: String
    ) throws(SafeTensorsError) -> [String: String] {
        guard case .object(let members) = json else { throw .metadataNotObject(source: source) }
        var metadata: [String: String] = [:]
        for member in members {
            guard case .string(let value) = member.value else {
                throw .metadataValueNotString(source: source, key: member.key)
            }
            guard metadata.updateValue(value, forKey: member.key) == nil else {
                throw .duplicateMetadataKey(source: source, key: member.key)
            }
        }
        return metadata
    }
}

/// One tensor's header entry after validation: its name, shape and byte range in the data buffer.
private struct SafeTensorsLayout {
    let name: String
    let shape: [Int]
    let begin: Int
    let end: Int
    /// Position in the header, used to keep zero-sized tensors at the same offset in header order.
    let order: Int

    /// Validates one header entry; `end - begin` is guaranteed to equal the shape's `F32` byte size.
    init(name: String, json: SafeTensorsJSON, order: Int, source: String) throws(SafeTensorsError) {
        guard case .object(let members) = json else {
            throw .malformedEntry(source: source, tensor: name, reason: "entry is not a JSON object")
        }
        var fields: [String: SafeTensorsJSON] = [:]
        for member in members {
            guard fields.updateValue(member.value, forKey: member.key) == nil else {
                throw .malformedEntry(
                    source: source, tensor: name, reason: "field '\(member.key)' appears more than once")
            }
        }
        func field(_ key: String) throws(SafeTensorsError) -> SafeTensorsJSON {
            guard let value = fields[key] else {
                throw .missingField(source: source, tensor: name, field: key)
            }
            return value
        }
        func malformed(_ key: String, _ reason: String) -> SafeTensorsError {
            .malformedField(source: source, tensor: name, field: key, reason: reason)
        }

        guard case .string(let dtype) = try field("dtype") else {
            throw malformed("dtype", "expected a string")
        }
        guard dtype == "F32" else {
            throw .unsupportedDType(source: source, tensor: name, dtype: dtype)
        }

        guard case .array(let dims) = try field("shape") else {
            throw malformed("shape", "expected an array of integers")
        }
        var shape: [Int] = []
        for (axis, dim) in dims.enumerated() {
            guard let value = dim.integer else {
                throw malformed("shape", "element \(axis) is not an integer that fits in Int")
            }
            guard value >= 0 else {
                throw .negativeDimension(source: source, tensor: name, axis: axis, value: value)
            }
            shape.append(value)
        }

        guard case .array(let offsets) = try field("data_offsets"), offsets.count == 2,
            let begin = offsets[0].integer, let end = offsets[1].integer, begin >= 0, end >= 0
        else {
            throw malformed("data_offsets", "expected [begin, end] with non-negative integers")
        }
        guard begin <= end else {
            throw .offsetsOutOfOrder(source: source, tensor: name, begin: begin, end: end)
        }
        guard let byteCount = SafeTensorsFile.byteCount(of: shape) else {
            throw .shapeTooLarge(source: source, tensor: name, shape: shape)
        }
        guard byteCount == end - begin else {
            throw .byteCountMismatch(
                source: source, tensor: name, shape: shape, expected: byteCount, actual: end - begin)
        }
        self.name = name
        self.shape = shape
        self.begin = begin
        self.end = end
        self.order = order
    }
}
