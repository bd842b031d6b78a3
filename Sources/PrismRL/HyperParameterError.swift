/// The hyper-parameters of one configuration type, named as the config keys recipes use, so that
/// an error names a value the way the user wrote it.
public protocol HyperParameterField: RawRepresentable, Equatable, Sendable where RawValue == String {
    /// What the fields configure, for messages (`PPO configuration`).
    static var configurationName: String { get }
}

/// A hyper-parameter outside its valid range: which one, the value and what it must be.
public struct HyperParameterError<Field: HyperParameterField>: Error, Equatable, CustomStringConvertible {
    /// The rejected field.
    public var field: Field
    /// The rejected value, as text.
    public var value: String
    /// What the value must be: `must be positive`.
    public var requirement: String

    /// Throws unless `condition` holds for `field`'s `value`.
    static func require(_ condition: Bool, _ field: Field, _ value: some Numeric, _ requirement: String) throws(Self) {
        if !condition { throw Self(field: field, value: "\(value)", requirement: requirement) }
    }

    /// What the value must be, and the value: `must be positive, got 0.0`.
    public var reason: String { "\(requirement), got \(value)" }

    /// A message naming the field by its config key, the requirement and the value.
    public var description: String { "\(Field.configurationName): '\(field.rawValue)' \(reason)" }
}
