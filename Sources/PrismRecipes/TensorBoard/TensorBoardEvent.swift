/// The `tensorflow.Event` messages Prism writes: the file-version header, scalar summaries and
/// the session-start marker that makes TensorBoard drop steps a resumed run recomputes.
public enum TensorBoardEvent: Equatable, Sendable {
    /// `Event{wall_time, file_version: "brain.Event:2"}`, the first record of every file.
    case fileVersion(wallTime: Double)
    /// `Event{wall_time, step, summary{value{tag, simple_value}}}`, one value per tag.
    case scalars(wallTime: Double, step: Int64, values: [(tag: String, value: Float)])
    /// `Event{wall_time, step, session_log{status: START}}`: TensorBoard discards events of
    /// earlier files at this step or later, which a resumed run writes again.
    case sessionStart(wallTime: Double, step: Int64)

    /// The protobuf encoding (field numbers: wall_time 1, step 2, file_version 3, summary 5,
    /// session_log 7; Summary.value 1; Value.tag 1, Value.simple_value 2; SessionLog.status 1).
    public var encoded: [UInt8] {
        var event = ProtobufWriter()
        switch self {
        case .fileVersion(let wallTime):
            event.double(1, wallTime)
            event.string(3, "brain.Event:2")
        case .scalars(let wallTime, let step, let values):
            event.double(1, wallTime)
            event.int64(2, step)
            var summary = ProtobufWriter()
            for (tag, value) in values {
                var entry = ProtobufWriter()
                entry.string(1, tag)
                entry.float(2, value)
                summary.message(1, entry.bytes)
            }
            event.message(5, summary.bytes)
        case .sessionStart(let wallTime, let step):
            event.double(1, wallTime)
            event.int64(2, step)
            var log = ProtobufWriter()
            log.int64(1, 1)
            event.message(7, log.bytes)
        }
        return event.bytes
    }

    /// Compares two events field by field.
    public static func == (lhs: TensorBoardEvent, rhs: TensorBoardEvent) -> Bool {
        lhs.encoded == rhs.encoded
    }
}

/// TFRecord framing: `uint64 length (LE)`, `uint32 masked CRC32C of the length bytes`, the data,
/// `uint32 masked CRC32C of the data`.
public enum TFRecord {
    /// One framed record holding `data`.
    public static func frame(_ data: [UInt8]) -> [UInt8] {
        var record: [UInt8] = []
        record.reserveCapacity(data.count + 16)
        let length = withUnsafeBytes(of: UInt64(data.count).littleEndian) { Array($0) }
        record += length
        withUnsafeBytes(of: CRC32C.masked(length).littleEndian) { record.append(contentsOf: $0) }
        record += data
        withUnsafeBytes(of: CRC32C.masked(data).littleEndian) { record.append(contentsOf: $0) }
        return record
    }
}
