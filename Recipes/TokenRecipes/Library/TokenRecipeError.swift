/// Why a token recipe could not start or continue, with a message for the user.
public struct TokenRecipeError: Error, CustomStringConvertible, Equatable {
    /// The message.
    public var description: String

    /// A failure with `message`.
    public init(_ message: String) { description = message }
}
