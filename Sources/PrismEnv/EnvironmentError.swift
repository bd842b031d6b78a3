/// What went wrong when using an environment; every message names the environment or value.
public enum EnvironmentError: Error, Equatable, CustomStringConvertible, Sendable {
    /// `step` was called before the first `reset`.
    case stepBeforeReset(environment: String)
    /// `step` was called after the episode terminated or was truncated, without a `reset`.
    case stepAfterEpisodeEnd(environment: String)
    /// The action is not in the action space or has the wrong form.
    case invalidAction(String)
    /// No environment is registered under this id.
    case unknownIdentifier(String, known: [String])
    /// A configuration key is unknown or its value has the wrong type or range.
    case invalidConfiguration(String)
    /// A snapshot belongs to another kind of environment.
    case incompatibleSnapshot(String)

    /// A message naming the environment, id, key or value.
    public var description: String {
        switch self {
        case .stepBeforeReset(let environment):
            "\(environment): step() called before reset(); call reset(seed:) first"
        case .stepAfterEpisodeEnd(let environment):
            "\(environment): step() called after the episode ended; call reset() to start a new one"
        case .invalidAction(let message): "invalid action: \(message)"
        case .unknownIdentifier(let id, let known):
            "no environment registered as '\(id)'; known ids: \(known.joined(separator: ", "))"
        case .invalidConfiguration(let message): "invalid environment configuration: \(message)"
        case .incompatibleSnapshot(let message): "cannot restore snapshot: \(message)"
        }
    }
}
