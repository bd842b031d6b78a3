/// A problem with what the user gave (a flag, a file, a run directory, a checkpoint), with a
/// message naming it; a command prints it and exits non-zero.
public struct UserError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The message.
    public var description: String

    /// An error with `message`.
    public init(_ message: String) { description = message }
}
