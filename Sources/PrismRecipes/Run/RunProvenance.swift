import Foundation

/// What identifies the code a run was made with.
public enum RunProvenance {
    /// Prism's version, recorded in every run's `config.json`.
    public static let packageVersion = "0.1.0"

    /// The commit checked out in `directory` (`git rev-parse HEAD`), or nil when git or a
    /// repository is not available.
    public static func gitRevision(in directory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory.path, "rev-parse", "HEAD"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let revision = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return revision.count == 40 && revision.allSatisfy(\.isHexDigit) ? revision : nil
    }
}
