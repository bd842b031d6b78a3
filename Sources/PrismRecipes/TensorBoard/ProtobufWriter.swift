/// The few protobuf wire-format encodings TensorBoard's `Event` message needs: varints,
/// 64-bit and 32-bit fixed fields, and length-delimited fields.
struct ProtobufWriter {
    /// The message bytes written so far.
    private(set) var bytes: [UInt8] = []

    private mutating func tag(_ field: Int, wireType: UInt64) {
        varint(UInt64(field) << 3 | wireType)
    }

    private mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// A `double` field (wire type 1, little-endian).
    mutating func double(_ field: Int, _ value: Double) {
        tag(field, wireType: 1)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// A `float` field (wire type 5, little-endian).
    mutating func float(_ field: Int, _ value: Float) {
        tag(field, wireType: 5)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// An `int64` or enum field (wire type 0; negative values take ten bytes, as protobuf specifies).
    mutating func int64(_ field: Int, _ value: Int64) {
        tag(field, wireType: 0)
        varint(UInt64(bitPattern: value))
    }

    /// A `string` field (wire type 2, UTF-8).
    mutating func string(_ field: Int, _ value: String) {
        message(field, Array(value.utf8))
    }

    /// An embedded message or `bytes` field (wire type 2).
    mutating func message(_ field: Int, _ encoded: [UInt8]) {
        tag(field, wireType: 2)
        varint(UInt64(encoded.count))
        bytes.append(contentsOf: encoded)
    }
}
