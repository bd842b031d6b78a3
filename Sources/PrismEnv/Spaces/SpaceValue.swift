/// A value of any space, in a form every environment, checker and storage writer understands:
/// the type-erased currency of the environment protocol (Gymnasium passes numpy arrays and dicts).
public enum SpaceValue: Hashable, Sendable, Codable, CustomStringConvertible {
    /// An element of a `Discrete` space.
    case discrete(Int)
    /// An element of a `Box` space: row-major values of the box's shape.
    case box([Float])
    /// An element of a `MultiDiscrete` space.
    case multiDiscrete([Int])
    /// An element of a `Text` space.
    case text(String)
    /// An element of a `Dict` space, keyed like the space.
    case dict([String: SpaceValue])

    /// A compact rendering for error messages.
    public var description: String {
        switch self {
        case .discrete(let value): "\(value)"
        case .box(let values): "box[\(values.count) values]"
        case .multiDiscrete(let values): "\(values)"
        case .text(let text): "\"\(text)\""
        case .dict(let entries):
            "{" + entries.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }
}

/// A Swift type that is the element type of a space (an observation or an action), convertible
/// to and from ``SpaceValue``.
public protocol SpaceRepresentable {
    /// This value as a space element.
    var spaceValue: SpaceValue { get }
    /// The value a space element stands for.
    /// - Throws: ``EnvironmentError/invalidAction(_:)`` when the element has the wrong form.
    init(spaceValue: SpaceValue) throws(EnvironmentError)
}

extension Int: SpaceRepresentable {
    /// `.discrete(self)`.
    public var spaceValue: SpaceValue { .discrete(self) }
    /// Reads a `.discrete` element.
    public init(spaceValue: SpaceValue) throws(EnvironmentError) {
        guard case .discrete(let value) = spaceValue else { throw .invalidAction("expected a discrete action, got \(spaceValue)") }
        self = value
    }
}

extension String: SpaceRepresentable {
    /// `.text(self)`.
    public var spaceValue: SpaceValue { .text(self) }
    /// Reads a `.text` element.
    public init(spaceValue: SpaceValue) throws(EnvironmentError) {
        guard case .text(let value) = spaceValue else { throw .invalidAction("expected a text action, got \(spaceValue)") }
        self = value
    }
}

extension SpaceValue: SpaceRepresentable {
    /// Itself.
    public var spaceValue: SpaceValue { self }
    /// Itself.
    public init(spaceValue: SpaceValue) throws(EnvironmentError) { self = spaceValue }
}
