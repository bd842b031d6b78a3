import Foundation
import PrismRecipes
import PrismStorage

/// A dataset directory named on the command line.
enum DatasetDirectory {
    /// Opens the dataset directory `path` for reading.
    /// - Throws: a ``UserError`` naming the directory and the file at fault.
    static func open(_ path: String) throws -> RolloutReader {
        let directory = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw UserError("\(path): no such dataset directory (expected \(path)/data/metadata.json)")
        }
        do {
            return try RolloutReader(directory: directory)
        } catch {
            throw UserError("cannot open dataset \(path): \(error)")
        }
    }
}

/// Writes a line to standard error.
func printError(_ text: String, terminator: String = "\n") {
    FileHandle.standardError.write(Data((text + terminator).utf8))
}
