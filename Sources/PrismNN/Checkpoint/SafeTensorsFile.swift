import Foundation

/// An in-memory safetensors checkpoint: an ordered list of named `F32` tensors plus string metadata.
///
/// The on-disk format is an 8-byte little-endian header length `N`, `N` bytes of UTF-8 JSON mapping
/// each tensor name to `{"dtype", "shape", "data_offsets"}` (plus an optional `"__metadata__"`
/// object of strings), then the tensors' raw little-endian row-major bytes, contiguous and in order.
///
/// A value of this type is always valid: names are unique, no name is `"__metadata__"`, dimensions
/// are non-negative and every entry holds exactly as many values as its shape implies. Equality is
/// bitwise on values (so a NaN equals itself and `0.0` differs from `-0.0`): two files are equal
/// exactly when they serialise to the same bytes.
public struct SafeTensorsFile: Equatable, Sendable {
    /// One named tensor: its shape and its values in row-major order.
    public struct Entry: Equatable, Sendable {
        /// The tensor's name, unique within its file.
        public var name: String
        /// The tensor's dimensions; `[]` is a scalar and a zero dimension makes it empty.
        public var shape: [Int]
        /// The tensor's elements in row-major order; `values.count` is the product of `shape`.
        public var values: [Float]

        /// Creates an entry; it is validated when a `SafeTensorsFile` is built from it.
        public init(name: String, shape: [Int], values: [Float]) {
            self.name = name
            self.shape = shape
            self.values = values
        }

        /// Compares name, shape and the bit patterns of the values.
        public static func == (lhs: Entry, rhs: Entry) -> Bool {
            lhs.name == rhs.name && lhs.shape == rhs.shape
                && lhs.values.count == rhs.values.count
                && zip(lhs.values, rhs.values).allSatisfy { $0.bitPattern == $1.bitPattern }
        }
    }

    /// The largest header length accepted when reading (100 MB), as in the reference implementation.
    public static let maxHeaderLength = 100_000_000

    /// The tensors, in file order (the order of their byte ranges).
    public private(set) var entries: [Entry]

    /// Free-form string metadata stored under `"__metadata__"`.
    public var metadata: [String: String]

    /// Creates a file from `entries` (kept in the given order) and `metadata`.
    ///
    /// - Throws: `SafeTensorsError` (with source `"<memory>"`) if two entries share a name, an entry is
    ///   named `"__metadata__"`, a dimension is negative, or an entry's value count differs from the
    ///   product of its shape.
    public init(entries: [Entry], metadata: [String: String] = [:]) throws(SafeTensorsError) {
        let source = "<memory>"
        var seen = Set<String>()
        for entry in entries {
            guard entry.name != Self.metadataKey else {
                throw .reservedName(source: source, name: entry.name)
            }
            guard seen.insert(entry.name).inserted else {
                throw .duplicateName(source: source, name: entry.name)
            }
            if let axis = entry.shape.firstIndex(where: { $0 < 0 }) {
                throw .negativeDimension(
                    source: source, tensor: entry.name, axis: axis, value: entry.shape[axis])
            }
            guard Self.byteCount(of: entry.shape) != nil else {
                throw .shapeTooLarge(source: source, tensor: entry.name, shape: entry.shape)
            }
            guard Self.elementCount(of: entry.shape) == entry.values.count else {
                throw .elementCountMismatch(
                    source: source, tensor: entry.name, shape: entry.shape,
                    valueCount: entry.values.count)
            }
        }
        self.init(validatedEntries: entries, metadata: metadata)
    }

    /// Stores already-validated entries without checking them again.
    init(validatedEntries entries: [Entry], metadata: [String: String]) {
        self.entries = entries
        self.metadata = metadata
    }

    /// The tensor names, in file order.
    public var names: [String] { entries.map(\.name) }

    /// The entry called `name`, or `nil` if there is none.
    public subscript(name: String) -> Entry? {
        entries.first { $0.name == name }
    }

    /// Reads and validates the safetensors file at `url`; error messages name the file's path.
    ///
    /// - Throws: `SafeTensorsError.unreadable` if the file cannot be read, or any validation error
    ///   of `init(bytes:source:)`.
    public init(contentsOf url: URL) throws(SafeTensorsError) {
        let source = url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(source: source, reason: error.localizedDescription)
        }
        try self.init(bytes: [UInt8](data), source: source)
    }

    /// Writes the serialised file to `url` atomically.
    ///
    /// The bytes go to a temporary file in the destination's directory, are flushed to disk, and the
    /// temporary file is then renamed over `url`, so an interrupted write never leaves a truncated
    /// checkpoint at `url`: readers see either the old file or the complete new one.
    ///
    /// - Throws: `SafeTensorsError.writeFailed` naming `url`'s path if any step fails; the temporary
    ///   file is removed in that case.
    public func write(to url: URL) throws(SafeTensorsError) {
        let destination = url.path
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(
            ".\(url.lastPathComponent).tmp-\(UUID().uuidString)")
        let manager = FileManager.default
        do {
            guard manager.createFile(atPath: temporary.path, contents: nil) else {
                throw SafeTensorsError.writeFailed(
                    source: destination, reason: "cannot create a temporary file in the directory")
            }
            let handle = try FileHandle(forWritingTo: temporary)
            do {
                try handle.write(contentsOf: serialized())
                try handle.synchronize()
            } catch {
                try? handle.close()
                throw error
            }
            try handle.close()
            guard rename(temporary.path, destination) == 0 else {
                let reason = String(cString: strerror(errno))
                throw SafeTensorsError.writeFailed(source: destination, reason: "rename failed: \(reason)")
            }
            Self.syncDirectory(directory)
        } catch {
            try? manager.removeItem(at: temporary)
            if let error = error as? SafeTensorsError { throw error }
            throw .writeFailed(source: destination, reason: error.localizedDescription)
        }
    }
}

extension SafeTensorsFile {
    /// The serialised file: length prefix, space-padded header JSON, then every entry's values.
    ///
    /// The output is deterministic: entries appear in order with contiguous `data_offsets`, header
    /// keys are in a fixed order (`__metadata__` first with sorted keys, omitted when empty; then
    /// `dtype`, `shape`, `data_offsets` per tensor), the header is padded with spaces so the data
    /// starts at a multiple of 8 bytes, and floats are stored as their little-endian bit patterns.
    public func serialized() -> [UInt8] {
        var header = "{"
        var separator = ""
        if !metadata.isEmpty {
            header += "\"\(Self.metadataKey)\":{"
            for (index, key) in metadata.keys.sorted().enumerated() {
                if index > 0 { header += "," }
                SafeTensorsJSON.appendQuoted(key, to: &header)
                header += ":"
                SafeTensorsJSON.appendQuoted(metadata[key] ?? "", to: &header)
            }
            header += "}"
            separator = ","
        }
        var offset = 0
        for entry in entries {
            let end = offset + entry.values.count * MemoryLayout<Float>.size
            header += separator
            SafeTensorsJSON.appendQuoted(entry.name, to: &header)
            let dims = entry.shape.map(String.init).joined(separator: ",")
            header += ":{\"dtype\":\"F32\",\"shape\":[\(dims)],\"data_offsets\":[\(offset),\(end)]}"
            separator = ","
            offset = end
        }
        header += "}"
        var headerBytes = Array(header.utf8)
        let prefixSize = MemoryLayout<UInt64>.size
        headerBytes += Array(repeating: UInt8(ascii: " "), count: (8 - headerBytes.count % 8) % 8)

        var out = [UInt8](repeating: 0, count: prefixSize + headerBytes.count + offset)
        out.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: UInt64(headerBytes.count).littleEndian, as: UInt64.self)
            raw.baseAddress?.advanced(by: prefixSize)
                .copyMemory(from: headerBytes, byteCount: headerBytes.count)
            var position = prefixSize + headerBytes.count
            for entry in entries {
                for value in entry.values {
                    raw.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: position, as: UInt32.self)
                    position += MemoryLayout<Float>.size
                }
            }
        }
        return out
    }

    /// Flushes a directory entry change (the rename) to disk; best effort.
    private static func syncDirectory(_ directory: URL) {
        let descriptor = open(directory.path, O_RDONLY)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        _ = close(descriptor)
    }

    /// The header key holding the metadata object.
    static let metadataKey = "__metadata__"

    /// The product of `shape` (all dimensions non-negative), or `nil` if it overflows `Int`.
    static func elementCount(of shape: [Int]) -> Int? {
        var count = 1
        for dimension in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else { return nil }
            count = product
        }
        return count
    }

    /// The size in bytes of an `F32` tensor of `shape`, or `nil` if it overflows `Int`.
    static func byteCount(of shape: [Int]) -> Int? {
        guard let count = elementCount(of: shape) else { return nil }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<Float>.size)
        return overflow ? nil : bytes
    }
}
