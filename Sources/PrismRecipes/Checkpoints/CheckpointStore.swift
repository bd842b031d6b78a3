import Foundation
import PrismNN

/// A checkpoint directory `checkpoints/step-N/` written by ``CheckpointStore``.
public struct SavedCheckpoint: Equatable, Sendable {
    /// The step it was written at.
    public var step: Int
    /// The `step-N` directory.
    public var url: URL

    /// A checkpoint at `step` in the directory `url`.
    public init(step: Int, url: URL) {
        self.step = step
        self.url = url
    }
}

/// The checkpoints of a run: `checkpoints/step-N/` holding `model.safetensors`,
/// `optimizer.safetensors` (PrismNN's ``Checkpoint`` format) and `state.json`.
///
/// A checkpoint is assembled in a hidden temporary directory and renamed into place, so a run
/// killed mid-write leaves the earlier checkpoints untouched and never a partial `step-N`.
/// Nothing time-dependent is stored, so equal weights and state give equal bytes.
public struct CheckpointStore: Sendable {
    /// The name of the state file in a checkpoint.
    public static let stateFileName = "state.json"

    /// The `checkpoints` directory.
    public let directory: URL
    /// Keep only this many most recent checkpoints (all when nil).
    public var keepLast: Int?

    /// The store of the run in `runDirectory`.
    public init(runDirectory: URL, keepLast: Int? = nil) {
        self.directory = runDirectory.appendingPathComponent("checkpoints")
        self.keepLast = keepLast
    }

    /// The directory of the checkpoint at `step`.
    public func url(step: Int) -> URL { directory.appendingPathComponent("step-\(step)", isDirectory: true) }

    /// Writes the checkpoint for `state.step`, replacing one of the same step, then prunes to
    /// ``keepLast``.
    /// - Throws: ``CheckpointError/writeFailed(path:reason:)``; earlier checkpoints stay intact.
    @discardableResult
    public func save<Streams, Recipe>(model: some Layer, optimizer: (any Optimizer)? = nil,
                                      state: CheckpointState<Streams, Recipe>) throws -> SavedCheckpoint {
        let destination = url(step: state.step)
        let process = ProcessInfo.processInfo.processIdentifier
        let temporary = directory.appendingPathComponent(".tmp-step-\(state.step)-\(process)")
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: directory, withIntermediateDirectories: true)
            if manager.fileExists(atPath: temporary.path) { try manager.removeItem(at: temporary) }
            try Checkpoint.save(model: model, optimizer: optimizer, to: temporary)
            try Self.encoder.encode(state).write(to: temporary.appendingPathComponent(Self.stateFileName))
        } catch {
            try? manager.removeItem(at: temporary)
            throw CheckpointError.writeFailed(path: destination.path, reason: "\(error)")
        }
        try moveIntoPlace(temporary, destination)
        try prune()
        return SavedCheckpoint(step: state.step, url: destination)
    }

    /// Renames the finished temporary directory to `step-N`; an existing one is moved aside
    /// first and deleted after.
    private func moveIntoPlace(_ temporary: URL, _ destination: URL) throws {
        let aside = directory.appendingPathComponent(".old-\(destination.lastPathComponent)-\(ProcessInfo.processInfo.processIdentifier)")
        let replacing = FileManager.default.fileExists(atPath: destination.path)
        if replacing, rename(destination.path, aside.path) != 0 {
            throw CheckpointError.writeFailed(path: destination.path, reason: "cannot move the old checkpoint aside: \(String(cString: strerror(errno)))")
        }
        guard rename(temporary.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            if replacing { _ = rename(aside.path, destination.path) }
            throw CheckpointError.writeFailed(path: destination.path, reason: "cannot move the checkpoint into place: \(reason)")
        }
        if replacing { try? FileManager.default.removeItem(at: aside) }
    }

    /// Every complete checkpoint, oldest first.
    public func checkpoints() -> [SavedCheckpoint] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.compactMap { name -> SavedCheckpoint? in
            guard name.hasPrefix("step-"), let step = Int(name.dropFirst(5)), step >= 0, name == "step-\(step)",
                FileManager.default.fileExists(atPath: url(step: step).appendingPathComponent(Self.stateFileName).path)
            else { return nil }
            return SavedCheckpoint(step: step, url: url(step: step))
        }.sorted { $0.step < $1.step }
    }

    /// The checkpoint with the highest step, or nil when there is none.
    public func latest() -> SavedCheckpoint? { checkpoints().last }

    /// Deletes all but the ``keepLast`` most recent checkpoints, and leftover temporary directories.
    public func prune() throws {
        let manager = FileManager.default
        for name in (try? manager.contentsOfDirectory(atPath: directory.path)) ?? [] where name.hasPrefix(".tmp-step-") || name.hasPrefix(".old-step-") {
            try? manager.removeItem(at: directory.appendingPathComponent(name))
        }
        guard let keepLast, keepLast > 0 else { return }
        for checkpoint in checkpoints().dropLast(keepLast) {
            do { try manager.removeItem(at: checkpoint.url) } catch {
                throw CheckpointError.writeFailed(path: checkpoint.url.path, reason: "cannot delete an old checkpoint: \(error.localizedDescription)")
            }
        }
    }

    /// Reads a checkpoint's `state.json`.
    /// - Throws: ``CheckpointError/unreadable(path:reason:)`` naming the file and the field.
    public func loadState<Streams, Recipe>(_ type: CheckpointState<Streams, Recipe>.Type,
                                           from checkpoint: SavedCheckpoint) throws -> CheckpointState<Streams, Recipe> {
        let file = checkpoint.url.appendingPathComponent(Self.stateFileName)
        do {
            return try JSONDecoder().decode(type, from: Data(contentsOf: file))
        } catch let error as DecodingError {
            throw CheckpointError.unreadable(path: file.path, reason: Self.describe(error))
        } catch {
            throw CheckpointError.unreadable(path: file.path, reason: error.localizedDescription)
        }
    }

    /// Loads a checkpoint's model weights into `model` (unchanged when it throws).
    public func loadModel(_ model: inout some Layer, from checkpoint: SavedCheckpoint) throws {
        try Checkpoint.loadModel(&model, from: checkpoint.url)
    }

    /// Loads a checkpoint's optimizer state into `optimizer`.
    public func loadOptimizer(_ optimizer: inout some Optimizer, from checkpoint: SavedCheckpoint) throws {
        try Checkpoint.loadOptimizer(&optimizer, from: checkpoint.url)
    }

    /// Sorted keys and fixed indentation: the same state always gives the same bytes.
    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return encoder
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return "'\(path(context).isEmpty ? key.stringValue : path(context) + "." + key.stringValue)' is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "'\(path(context))': \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
