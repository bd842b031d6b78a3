import Foundation
import PrismJSON

/// An append-only file of one-line JSON objects, each with an integer `step` (metrics.jsonl,
/// timing.jsonl). Lines are written through at once; resuming cuts the lines after a step.
final class JSONLinesLog {
    /// The file.
    let url: URL
    private let handle: FileHandle

    /// Opens (creating if needed) `url` for appending.
    init(url: URL) throws(RunDirectoryError) {
        if !FileManager.default.fileExists(atPath: url.path) {
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw .writeFailed(path: url.path, reason: "cannot create the file")
            }
        }
        guard let handle = FileHandle(forWritingAtPath: url.path) else {
            throw .writeFailed(path: url.path, reason: "cannot open the file for appending")
        }
        self.url = url
        self.handle = handle
    }

    /// Appends one object as a line with sorted keys.
    func append(_ object: [String: JSONValue]) throws(RunDirectoryError) {
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data((JSONValue.object(object).canonicalJSON(indent: nil) + "\n").utf8))
        } catch {
            throw .writeFailed(path: url.path, reason: "cannot append a line: \(error.localizedDescription)")
        }
    }

    /// Closes the file.
    func close() { try? handle.close() }

    deinit { try? handle.close() }

    /// The objects of the file at `url` (none when it does not exist).
    /// - Throws: ``RunDirectoryError/unreadable(path:line:reason:)`` naming the first bad line;
    ///   an unterminated last line (a write cut short by a kill) is ignored.
    static func read(_ url: URL) throws(RunDirectoryError) -> [(line: String, object: [String: JSONValue], step: Int)] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw .unreadable(path: url.path, line: nil, reason: "cannot read: \(error.localizedDescription)")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeLast()
        var result: [(line: String, object: [String: JSONValue], step: Int)] = []
        for (index, line) in lines.enumerated() {
            guard case .object(let object)? = try? JSONValue.parse(line) else {
                throw .unreadable(path: url.path, line: index + 1, reason: "not a JSON object")
            }
            guard case .integer(let step)? = object["step"] else {
                throw .unreadable(path: url.path, line: index + 1, reason: "'step' is missing or not an integer")
            }
            result.append((line, object, step))
        }
        return result
    }

    /// Rewrites the file at `url` (atomically) keeping only lines with `step <= lastStep`, and
    /// returns the kept objects. Nothing is changed when the file has a malformed line.
    static func truncate(_ url: URL, after lastStep: Int) throws(RunDirectoryError) -> [[String: JSONValue]] {
        let entries = try read(url)
        let kept = entries.filter { $0.step <= lastStep }
        if FileManager.default.fileExists(atPath: url.path) {
            try AtomicFile.write(kept.map { $0.line + "\n" }.joined(), to: url)
        }
        return kept.map(\.object)
    }
}
