/// An error raised while building, reading or writing a safetensors file.
///
/// Every case carries `source`, the file (or `"<memory>"`) it concerns, and its description names
/// that source plus the offending tensor, field or value, so a failed checkpoint load can be
/// diagnosed from the message alone.
public enum SafeTensorsError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file holds fewer than the 8 bytes of the header-length prefix.
    case fileTooSmall(source: String, byteCount: Int)
    /// The header length exceeds the sanity limit (`SafeTensorsFile.maxHeaderLength`).
    case headerTooLarge(source: String, headerLength: UInt64, limit: Int)
    /// The header length points past the end of the file.
    case headerLengthExceedsFile(source: String, headerLength: UInt64, fileSize: Int)
    /// The header bytes are not valid UTF-8.
    case headerNotUTF8(source: String)
    /// The header is not well-formed JSON; `offset` is the byte offset within the header.
    case invalidJSON(source: String, offset: Int, reason: String)
    /// The header is valid JSON but its top-level value is not an object.
    case headerNotObject(source: String)
    /// A tensor's header entry is not an object, or repeats one of its fields.
    case malformedEntry(source: String, tensor: String, reason: String)
    /// A tensor's header entry lacks a required field (`dtype`, `shape` or `data_offsets`).
    case missingField(source: String, tensor: String, field: String)
    /// A tensor's header field has the wrong JSON type or an out-of-range value.
    case malformedField(source: String, tensor: String, field: String, reason: String)
    /// A tensor uses a dtype other than `F32`.
    case unsupportedDType(source: String, tensor: String, dtype: String)
    /// A tensor's shape has a negative dimension.
    case negativeDimension(source: String, tensor: String, axis: Int, value: Int)
    /// A tensor's element or byte count overflows `Int`.
    case shapeTooLarge(source: String, tensor: String, shape: [Int])
    /// A tensor's `data_offsets` span a different number of bytes than `shape` implies (4 per element).
    case byteCountMismatch(source: String, tensor: String, shape: [Int], expected: Int, actual: Int)
    /// A tensor's `data_offsets` end before they begin.
    case offsetsOutOfOrder(source: String, tensor: String, begin: Int, end: Int)
    /// A tensor's byte range overlaps the range of the tensor stored before it.
    case overlappingOffsets(source: String, tensor: String, previous: String, begin: Int, previousEnd: Int)
    /// Bytes between two tensors (or before the first) belong to no tensor.
    case gapBetweenTensors(source: String, tensor: String, previous: String?, begin: Int, expected: Int)
    /// The data buffer ends before a tensor's last byte: the file was truncated.
    case truncatedData(source: String, tensor: String, end: Int, available: Int)
    /// The data buffer holds bytes after the last tensor.
    case trailingBytes(source: String, expected: Int, actual: Int)
    /// `__metadata__` is present but not a JSON object.
    case metadataNotObject(source: String)
    /// A `__metadata__` value is not a JSON string.
    case metadataValueNotString(source: String, key: String)
    /// A `__metadata__` key appears twice.
    case duplicateMetadataKey(source: String, key: String)
    /// Two tensors share a name.
    case duplicateName(source: String, name: String)
    /// A tensor uses the name reserved for the metadata block (`__metadata__`).
    case reservedName(source: String, name: String)
    /// A tensor's value count differs from the product of its shape.
    case elementCountMismatch(source: String, tensor: String, shape: [Int], valueCount: Int)
    /// The file could not be read.
    case unreadable(source: String, reason: String)
    /// The file could not be written or moved into place.
    case writeFailed(source: String, reason: String)

    /// The file (or `"<memory>"`) the error concerns.
    public var source: String {
        switch self {
        case .fileTooSmall(let source, _), .headerTooLarge(let source, _, _),
            .headerLengthExceedsFile(let source, _, _), .headerNotUTF8(let source),
            .invalidJSON(let source, _, _), .headerNotObject(let source),
            .malformedEntry(let source, _, _), .missingField(let source, _, _),
            .malformedField(let source, _, _, _), .unsupportedDType(let source, _, _),
            .negativeDimension(let source, _, _, _), .shapeTooLarge(let source, _, _),
            .byteCountMismatch(let source, _, _, _, _), .offsetsOutOfOrder(let source, _, _, _),
            .overlappingOffsets(let source, _, _, _, _), .gapBetweenTensors(let source, _, _, _, _),
            .truncatedData(let source, _, _, _), .trailingBytes(let source, _, _),
            .metadataNotObject(let source), .metadataValueNotString(let source, _),
            .duplicateMetadataKey(let source, _), .duplicateName(let source, _),
            .reservedName(let source, _), .elementCountMismatch(let source, _, _, _),
            .unreadable(let source, _), .writeFailed(let source, _):
            return source
        }
    }

    /// A one-line message naming the source and the offending tensor, field or value.
    public var description: String {
        "\(source): \(detail)"
    }

    private var detail: String {
        switch self {
        case .fileTooSmall(_, let count):
            return "file is \(count) bytes, shorter than the 8-byte header length"
        case .headerTooLarge(_, let length, let limit):
            return "header length \(length) exceeds the limit of \(limit) bytes"
        case .headerLengthExceedsFile(_, let length, let size):
            return "header length \(length) runs past the end of the \(size)-byte file"
        case .headerNotUTF8:
            return "header is not valid UTF-8"
        case .invalidJSON(_, let offset, let reason):
            return "header is not valid JSON at byte \(offset): \(reason)"
        case .headerNotObject:
            return "header JSON is not an object"
        case .malformedEntry(_, let tensor, let reason):
            return "tensor '\(tensor)': \(reason)"
        case .missingField(_, let tensor, let field):
            return "tensor '\(tensor)' is missing field '\(field)'"
        case .malformedField(_, let tensor, let field, let reason):
            return "tensor '\(tensor)' has malformed '\(field)': \(reason)"
        case .unsupportedDType(_, let tensor, let dtype):
            return "tensor '\(tensor)' has unsupported dtype '\(dtype)' (only F32 is supported)"
        case .negativeDimension(_, let tensor, let axis, let value):
            return "tensor '\(tensor)' has negative dimension \(value) on axis \(axis)"
        case .shapeTooLarge(_, let tensor, let shape):
            return "tensor '\(tensor)' shape \(shape) overflows the element count"
        case .byteCountMismatch(_, let tensor, let shape, let expected, let actual):
            return "tensor '\(tensor)' of shape \(shape) needs \(expected) bytes "
                + "but data_offsets span \(actual)"
        case .offsetsOutOfOrder(_, let tensor, let begin, let end):
            return "tensor '\(tensor)' data_offsets [\(begin), \(end)] end before they begin"
        case .overlappingOffsets(_, let tensor, let previous, let begin, let previousEnd):
            return "tensor '\(tensor)' begins at \(begin), overlapping tensor '\(previous)' "
                + "which ends at \(previousEnd)"
        case .gapBetweenTensors(_, let tensor, let previous, let begin, let expected):
            let after = previous.map { "after tensor '\($0)'" } ?? "at the start of the data"
            return "tensor '\(tensor)' begins at \(begin), leaving a hole \(after) "
                + "(expected it to begin at \(expected))"
        case .truncatedData(_, let tensor, let end, let available):
            return "data is truncated: tensor '\(tensor)' ends at byte \(end) "
                + "but only \(available) data bytes are present"
        case .trailingBytes(_, let expected, let actual):
            return "data has trailing bytes after the last tensor "
                + "(expected \(expected) data bytes, found \(actual))"
        case .metadataNotObject:
            return "'__metadata__' is not a JSON object"
        case .metadataValueNotString(_, let key):
            return "'__metadata__' value for key '\(key)' is not a string"
        case .duplicateMetadataKey(_, let key):
            return "'__metadata__' key '\(key)' appears more than once"
        case .duplicateName(_, let name):
            return "tensor name '\(name)' appears more than once"
        case .reservedName(_, let name):
            return "tensor name '\(name)' is reserved for metadata"
        case .elementCountMismatch(_, let tensor, let shape, let count):
            return "tensor '\(tensor)' of shape \(shape) has \(count) values"
        case .unreadable(_, let reason):
            return "cannot read file: \(reason)"
        case .writeFailed(_, let reason):
            return "cannot write file: \(reason)"
        }
    }
}
