import Foundation

/// The files of a Minari dataset directory: `<dir>/data/main_data.hdf5` and `<dir>/data/metadata.json`.
struct DatasetLayout {
    /// What a directory holds, as far as a writer is concerned.
    enum Content { case empty, dataset }

    let directory: URL
    var dataURL: URL { directory.appendingPathComponent("data") }
    var hdf5URL: URL { dataURL.appendingPathComponent("main_data.hdf5") }
    var metadataURL: URL { dataURL.appendingPathComponent("metadata.json") }

    /// Classifies `directory` for a writer: missing or empty → new dataset; a Minari HDF5 dataset →
    /// append; anything else is refused.
    func inspectForWriting() throws(StorageError) -> Content {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory.path, isDirectory: &isDirectory) else { return .empty }
        guard isDirectory.boolValue else { throw .refusedPath(path: directory.path, reason: "it is a file, not a directory") }
        let entries = ((try? manager.contentsOfDirectory(atPath: directory.path)) ?? []).filter { !$0.hasPrefix(".") }
        if entries.isEmpty { return .empty }
        guard manager.fileExists(atPath: metadataURL.path) else {
            throw .refusedPath(path: directory.path, reason: "it is not empty and has no data/metadata.json (found \(entries.sorted()))")
        }
        let metadata = try readMetadata()
        guard metadata.dataFormat == "hdf5" else {
            throw .refusedPath(path: directory.path, reason: "it holds a '\(metadata.dataFormat)' dataset, not hdf5")
        }
        guard manager.fileExists(atPath: hdf5URL.path) else {
            throw .refusedPath(path: directory.path, reason: "data/metadata.json exists but data/main_data.hdf5 does not")
        }
        return .dataset
    }

    /// Reads and parses `metadata.json`.
    func readMetadata() throws(StorageError) -> DatasetMetadata {
        let text: String
        do { text = try String(contentsOf: metadataURL, encoding: .utf8) } catch {
            throw .metadata(file: metadataURL.path, reason: "cannot read: \(error.localizedDescription)")
        }
        return try DatasetMetadata.parse(text, file: metadataURL.path)
    }
}
