import Foundation

/// Whole-file writes that a crash cannot leave half done: the bytes go to a temporary file in
/// the same directory, which is then renamed over the destination.
enum AtomicFile {
    /// Writes `data` to `url` atomically.
    /// - Throws: ``RunDirectoryError/writeFailed(path:reason:)`` naming the file.
    static func write(_ data: Data, to url: URL) throws(RunDirectoryError) {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            throw .writeFailed(path: url.path, reason: "cannot write \(temporary.lastPathComponent): \(error.localizedDescription)")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .writeFailed(path: url.path, reason: "cannot move \(temporary.lastPathComponent) into place: \(reason)")
        }
    }

    /// Writes `text` as UTF-8 to `url` atomically.
    static func write(_ text: String, to url: URL) throws(RunDirectoryError) {
        try write(Data(text.utf8), to: url)
    }
}
