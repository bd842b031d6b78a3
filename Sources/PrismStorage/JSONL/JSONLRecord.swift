import Foundation
import PrismEnv
import PrismJSON

/// A value stored as one line of a JSONL dataset: read from a parsed line, written as string
/// fields in a fixed key order.
public protocol JSONLRecord {
    /// The record a parsed line holds.
    /// - Throws: ``JSONLError`` naming the line's file, line number and the field at fault.
    init(jsonl object: JSONLObject) throws(JSONLError)

    /// The fields written for this record, in the order they are written.
    var jsonlFields: [(key: String, value: String)] { get }
}

extension JSONLRecord {
    /// The record as one line of JSON (no newline), keys in ``jsonlFields`` order:
    /// `{"prompt": "37+45=", "completion": "82"}`.
    public var jsonLine: String {
        "{" + jsonlFields.map { JSONText.quoted($0.key) + ": " + JSONText.quoted($0.value) }.joined(separator: ", ") + "}"
    }

    /// Every record of the JSONL file at `url`; the file is only read.
    /// - Throws: the first ``JSONLError``, naming the file, line and field.
    public static func read(from url: URL) throws(JSONLError) -> [Self] {
        var records: [Self] = []
        for object in try JSONLFile.objects(at: url) { records.append(try Self(jsonl: object)) }
        return records
    }

    /// Writes `records` to `url`, one line each (see ``JSONLFile/write(lines:to:overwrite:)``).
    public static func write(_ records: [Self], to url: URL, overwrite: Bool = false) throws(JSONLError) {
        try JSONLFile.write(lines: records.map(\.jsonLine), to: url, overwrite: overwrite)
    }
}
