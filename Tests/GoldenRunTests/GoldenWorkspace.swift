import Foundation
import Testing

/// A temporary directory where recipe executables run as child processes, and the comparison of
/// what they wrote with `Goldens/<run>/`.
struct GoldenWorkspace {
    /// The goldens, next to this file.
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")
    /// Set to rewrite the goldens from this build instead of comparing.
    static let updating = ProcessInfo.processInfo.environment["PRISM_UPDATE_GOLDENS"] == "1"
    /// The built executables: the directory of the test binary.
    static let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()

    /// The working directory of the children.
    let directory: URL

    /// A new empty workspace.
    init(_ name: String) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("prism-golden-\(getpid())-\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Deletes the workspace.
    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// Runs the executable `name` with `arguments` in the workspace, one OpenBLAS thread and (on
    /// x86-64) the Haswell kernel, so the bytes do not depend on the machine's CPU.
    func run(_ name: String, _ arguments: [String]) throws {
        let executable = Self.products.appendingPathComponent(name)
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "\(executable.path) is not built")
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_NUM_THREADS"] = "1"
        #if arch(x86_64)
        environment["OPENBLAS_CORETYPE"] = "Haswell"
        #endif
        process.environment = environment
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let said = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(name) \(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(String(decoding: said, as: UTF8.self))")
    }

    /// Compares (or, when updating, records) the run's `config.json`, `metrics.jsonl`,
    /// `eval.json`, the final checkpoint's `state.json` and the SHA-256 of its weights and
    /// optimizer state, plus `files` byte for byte and the SHA-256 of `digests`.
    func compare(run: String, checkpoint step: Int, files: [String] = [], digests: [String] = []) throws {
        let checkpoint = "checkpoints/step-\(step)"
        let exact = ["config.json", "metrics.jsonl", "eval.json", "\(checkpoint)/state.json"] + files
        let hashed = ["\(checkpoint)/model.safetensors", "\(checkpoint)/optimizer.safetensors"] + digests
        let source = directory.appendingPathComponent(run), golden = Self.goldens.appendingPathComponent(run)
        var lines: [String] = []
        for name in hashed { lines.append("\(try Self.sha256(source.appendingPathComponent(name)))  \(name)") }
        let digestText = lines.joined(separator: "\n") + "\n"
        if Self.updating {
            for name in exact {
                let target = golden.appendingPathComponent(name)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(contentsOf: source.appendingPathComponent(name)).write(to: target)
            }
            try Data(digestText.utf8).write(to: golden.appendingPathComponent("SHA256SUMS"))
        }
        for name in exact {
            let produced = try Data(contentsOf: source.appendingPathComponent(name))
            let expected = try Data(contentsOf: golden.appendingPathComponent(name))
            #expect(produced == expected, "\(run)/\(name) differs from its golden (\(produced.count) bytes, golden \(expected.count))")
        }
        let expectedDigests = try String(contentsOf: golden.appendingPathComponent("SHA256SUMS"), encoding: .utf8)
        #expect(digestText == expectedDigests, "\(run): weights differ from the golden SHA256SUMS")
    }

    /// The file's SHA-256, from coreutils' `sha256sum`.
    static func sha256(_ file: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", file.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "sha256sum \(file.path) failed")
        return String(text.prefix(64))
    }
}
