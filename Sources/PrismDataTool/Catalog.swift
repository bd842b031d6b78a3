import EnvironmentCatalog
import Foundation
import Gridworld
import PrismEnv
import PrismStorage

/// Every environment Prism ships, registered once for the command-line tool.
enum Catalog {
    /// Every shipped environment id.
    static var registry: EnvironmentRegistry { EnvironmentCatalog.registry }

    /// Opens the dataset directory `path` for reading.
    /// - Throws: a ``ValidationErrorMessage`` naming the directory and the file at fault.
    static func openDataset(_ path: String) throws -> RolloutReader {
        let directory = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationErrorMessage("\(path): no such dataset directory (expected \(path)/data/metadata.json)")
        }
        do {
            return try RolloutReader(directory: directory)
        } catch {
            throw ValidationErrorMessage("cannot open dataset \(path): \(error)")
        }
    }
}

/// A user-facing error message; the tool prints it and exits non-zero.
struct ValidationErrorMessage: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Writes a line to standard error.
func printError(_ text: String, terminator: String = "\n") {
    FileHandle.standardError.write(Data((text + terminator).utf8))
}
