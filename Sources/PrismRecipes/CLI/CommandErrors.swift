import ArgumentParser
import Foundation

/// Running a command: errors go to standard error as `name: error: …` with exit status 1; usage
/// errors are left to ArgumentParser, which prints them with the usage.
public enum CommandErrors {
    /// Runs `body`, turning any error but a usage error into a message and a failure exit.
    public static func report(_ name: String, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ValidationError {
            throw error
        } catch {
            FileHandle.standardError.write(Data("\(name): error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
