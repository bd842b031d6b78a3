/// Why a dataset could not be written, opened or read. Every case names the file and, where one
/// is involved, the HDF5 object (group or dataset path).
public enum StorageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An HDF5 call returned a negative status.
    case hdf5(operation: String, file: String, object: String)
    /// A writer was pointed at a path that holds something other than a Minari dataset.
    case refusedPath(path: String, reason: String)
    /// `metadata.json` is missing, unreadable or inconsistent.
    case metadata(file: String, reason: String)
    /// An HDF5 object exists but does not have the form the spaces require.
    case malformed(file: String, object: String, reason: String)
    /// An episode handed to the writer does not fit the dataset's spaces or is inconsistent.
    case invalidEpisode(reason: String)

    /// A message naming the file and object.
    public var description: String {
        switch self {
        case let .hdf5(operation, file, object): "HDF5 \(operation) failed for '\(object)' in \(file)"
        case let .refusedPath(path, reason): "refusing to write a dataset at \(path): \(reason)"
        case let .metadata(file, reason): "bad metadata in \(file): \(reason)"
        case let .malformed(file, object, reason): "malformed '\(object)' in \(file): \(reason)"
        case let .invalidEpisode(reason): "invalid episode: \(reason)"
        }
    }
}
