import Foundation

/// Writes TensorBoard scalars to a new `events.out.tfevents.<time>.<host>` file, one record per
/// event, each written through to the file at once (so a killed run keeps every logged step).
public final class EventFileWriter {
    /// The file being written.
    public let url: URL
    private let handle: FileHandle

    /// Creates a new event file in `directory` and writes the file-version record. The name is
    /// `events.out.tfevents.<unix seconds>.<host>`, with `.1`, `.2`… appended if it is taken.
    /// - Throws: ``RunDirectoryError/writeFailed(path:reason:)``.
    public init(directory: URL, wallTime: Double, hostName: String = ProcessInfo.processInfo.hostName) throws(RunDirectoryError) {
        let base = "events.out.tfevents.\(Int(wallTime)).\(hostName)"
        var candidate = directory.appendingPathComponent(base)
        var suffix = 0
        while FileManager.default.fileExists(atPath: candidate.path) {
            suffix += 1
            candidate = directory.appendingPathComponent("\(base).\(suffix)")
        }
        guard FileManager.default.createFile(atPath: candidate.path, contents: nil),
            let handle = FileHandle(forWritingAtPath: candidate.path)
        else {
            throw .writeFailed(path: candidate.path, reason: "cannot create the TensorBoard event file")
        }
        self.url = candidate
        self.handle = handle
        try write(.fileVersion(wallTime: wallTime))
    }

    /// Appends one event.
    /// - Throws: ``RunDirectoryError/writeFailed(path:reason:)``.
    public func write(_ event: TensorBoardEvent) throws(RunDirectoryError) {
        do {
            try handle.write(contentsOf: TFRecord.frame(event.encoded))
        } catch {
            throw .writeFailed(path: url.path, reason: "cannot append an event: \(error.localizedDescription)")
        }
    }

    /// Closes the file.
    public func close() {
        try? handle.close()
    }

    deinit { try? handle.close() }
}
