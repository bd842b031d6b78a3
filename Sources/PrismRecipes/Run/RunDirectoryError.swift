/// Why a run directory could not be created, reopened or written.
public enum RunDirectoryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The directory exists and holds files, and the run is not a resume.
    case notEmpty(path: String)
    /// The directory to resume does not exist or lacks `config.json`.
    case notARun(path: String, reason: String)
    /// A file could not be created, written or moved into place.
    case writeFailed(path: String, reason: String)
    /// A file of the run could not be read or parsed; `line` is 1-based when known.
    case unreadable(path: String, line: Int?, reason: String)

    /// A message naming the path (and line) at fault.
    public var description: String {
        switch self {
        case .notEmpty(let path):
            return "\(path): the run directory already exists and is not empty; "
                + "choose another --run-dir, or pass --resume \(path) to continue that run"
        case .notARun(let path, let reason):
            return "\(path): cannot resume: \(reason)"
        case .writeFailed(let path, let reason):
            return "\(path): \(reason)"
        case .unreadable(let path, let line?, let reason):
            return "\(path) line \(line): \(reason)"
        case .unreadable(let path, nil, let reason):
            return "\(path): \(reason)"
        }
    }
}
