import Foundation

/// Whole-file writes that a crash cannot leave half done (Foundation's atomic write: a temporary
/// file in the same directory renamed over the destination), with errors naming the file.
public enum AtomicFile {
    /// Writes `data` to `url` atomically.
    /// - Throws: ``RunDirectoryError/writeFailed(path:reason:)`` naming the file.
    public static func write(_ data: Data, to url: URL) throws(RunDirectoryError) {
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw .writeFailed(path: url.path, reason: error.localizedDescription)
        }
    }

    /// Writes `text` as UTF-8 to `url` atomically.
    public static func write(_ text: String, to url: URL) throws(RunDirectoryError) {
        try write(Data(text.utf8), to: url)
    }
}
