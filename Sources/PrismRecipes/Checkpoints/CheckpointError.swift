/// Why a checkpoint could not be written, found or read.
public enum CheckpointError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Writing or moving the checkpoint into place failed; the previous checkpoints are intact.
    case writeFailed(path: String, reason: String)
    /// A checkpoint's `state.json` (or weights) could not be read or decoded.
    case unreadable(path: String, reason: String)
    /// The run has no checkpoint to resume from.
    case noCheckpoint(directory: String)

    /// A message naming the path at fault.
    public var description: String {
        switch self {
        case .writeFailed(let path, let reason): return "\(path): cannot write the checkpoint: \(reason)"
        case .unreadable(let path, let reason): return "\(path): cannot read the checkpoint: \(reason)"
        case .noCheckpoint(let directory): return "\(directory): no checkpoint (step-N directory) to resume from"
        }
    }
}
