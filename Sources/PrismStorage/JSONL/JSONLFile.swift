import Foundation
import PrismJSON

/// Reading and writing JSON Lines files: one JSON object per line, UTF-8.
///
/// Reading opens the file read-only and never changes it; blank lines are skipped, a trailing
/// `\r` is ignored, and every other line must be a JSON object. Writing is all or nothing: the
/// lines go to a hidden sibling file that then takes the target's name, and an existing target
/// is replaced only when asked.
public enum JSONLFile {
    /// Every non-blank line of the file at `url`, parsed.
    /// - Throws: ``JSONLError`` naming the file (unreadable) or the line (not UTF-8, bad JSON,
    ///   not an object).
    public static func objects(at url: URL) throws(JSONLError) -> [JSONLObject] {
        let file = url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw JSONLError(file: file, reason: "cannot read the file (\(error.localizedDescription))")
        }
        var objects: [JSONLObject] = []
        var lineNumber = 0
        for rawLine in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var bytes = rawLine
            if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
            guard let text = String(bytes: bytes, encoding: .utf8) else {
                throw JSONLError(file: file, line: lineNumber, reason: "the line is not valid UTF-8")
            }
            if text.isBlank { continue }
            let value: JSONValue
            do {
                value = try JSONValue.parse(text)
            } catch {
                throw JSONLError(file: file, line: lineNumber, reason: "bad JSON: \(error)")
            }
            guard case .object(let members) = value else {
                throw JSONLError(file: file, line: lineNumber, reason: "expected a JSON object, got \(value.kindName)")
            }
            objects.append(JSONLObject(members: members, file: file, line: lineNumber))
        }
        return objects
    }

    /// Writes `lines` (each one JSON text without a newline) to `url`, one per line.
    /// - Parameter overwrite: whether an existing file at `url` may be replaced; when false, an
    ///   existing file is left untouched and an error names it.
    /// - Throws: ``JSONLError`` naming the file.
    public static func write(lines: [String], to url: URL, overwrite: Bool = false) throws(JSONLError) {
        let file = url.path
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).partial")
        var text = lines.joined(separator: "\n")
        if !lines.isEmpty { text += "\n" }
        if !overwrite && FileManager.default.fileExists(atPath: file) {
            throw JSONLError(file: file, reason: "the file already exists; refusing to overwrite it")
        }
        do {
            try Data(text.utf8).write(to: temporary)
        } catch {
            throw JSONLError(file: file, reason: "cannot write (\(error.localizedDescription))")
        }
        defer { unlink(temporary.path) }
        if overwrite {
            guard rename(temporary.path, file) == 0 else {
                throw JSONLError(file: file, reason: "cannot move the written file into place (errno \(errno))")
            }
        } else if link(temporary.path, file) != 0 {
            let reason = errno == EEXIST ? "the file already exists; refusing to overwrite it"
                : "cannot move the written file into place (errno \(errno))"
            throw JSONLError(file: file, reason: reason)
        }
    }
}
