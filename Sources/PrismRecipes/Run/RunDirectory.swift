import Foundation

/// A run's output directory (see the run-directory layout in the design notes): created fresh
/// for a new run, reopened for `--resume`.
public struct RunDirectory: Sendable {
    /// The directory.
    public let url: URL
    /// Whether this run continues an earlier one in the same directory.
    public let isResumed: Bool

    /// Creates the directory for a new run and writes `config.json` into it.
    /// - Throws: ``RunDirectoryError/notEmpty(path:)`` when it exists and holds anything
    ///   (nothing is touched then), or ``RunDirectoryError/writeFailed(path:reason:)``.
    public static func create(at url: URL, configFile: RunConfigFile) throws(RunDirectoryError) -> RunDirectory {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw .writeFailed(path: url.path, reason: "exists and is not a directory")
            }
            let contents = (try? manager.contentsOfDirectory(atPath: url.path)) ?? []
            guard contents.isEmpty else { throw .notEmpty(path: url.path) }
        }
        do { try manager.createDirectory(at: url, withIntermediateDirectories: true) } catch {
            throw .writeFailed(path: url.path, reason: "cannot create the run directory: \(error.localizedDescription)")
        }
        try AtomicFile.write(configFile.jsonText, to: url.appendingPathComponent(RunConfigFile.fileName))
        return RunDirectory(url: url, isResumed: false)
    }

    /// Reopens the directory of an earlier run to continue it.
    /// - Throws: ``RunDirectoryError/notARun(path:reason:)`` when it lacks `config.json`.
    public static func reopen(_ url: URL) throws(RunDirectoryError) -> RunDirectory {
        guard FileManager.default.fileExists(atPath: url.appendingPathComponent(RunConfigFile.fileName).path) else {
            throw .notARun(path: url.path, reason: "it has no \(RunConfigFile.fileName)")
        }
        return RunDirectory(url: url, isResumed: true)
    }

    /// The checkpoints of this run.
    public func checkpoints(keepLast: Int? = nil) -> CheckpointStore {
        CheckpointStore(runDirectory: url, keepLast: keepLast)
    }

    /// A file in the run directory (`eval.json`, `report.md`, `return.svg`).
    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Writes `text` to the file `name` atomically (for `eval.json`, `report.md`, SVG charts).
    public func write(_ text: String, to name: String) throws(RunDirectoryError) {
        try AtomicFile.write(text, to: file(name))
    }
}
