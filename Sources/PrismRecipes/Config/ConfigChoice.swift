/// Declares an enum-valued config field whose cases take parameters as sibling keys, TRL style:
/// `--set loss=robust --set label_smoothing=0.1`.
///
/// The field itself is a `String`-backed enum (written by case name); each parameter is an
/// ordinary sibling field with its own default. The declaration lets the resolver list the valid
/// case names in errors, and reject a parameter set to a non-default value while a case that
/// does not use it is selected (`label_smoothing` with `loss=sigmoid`), which would otherwise be
/// silently ignored.
public struct ConfigChoice: Sendable, Equatable {
    /// The dotted key of the enum field (`loss`, `dpo.loss`).
    public var key: String
    /// Every case name, in declaration order.
    public var caseNames: [String]
    /// For each case name, the sibling keys (relative to the enum field's parent) it reads.
    public var parameters: [String: [String]]

    /// Declares the enum field `key` of type `Case` and, for the cases that take parameters, the
    /// sibling keys they read.
    public init<Case: CaseIterable & RawRepresentable & Hashable>(
        key: String, _ type: Case.Type, parameters: [Case: [String]] = [:]
    ) where Case.RawValue == String {
        self.key = key
        self.caseNames = Case.allCases.map(\.rawValue)
        self.parameters = Dictionary(uniqueKeysWithValues: parameters.map { ($0.key.rawValue, $0.value) })
    }

    /// The key path of the enum field.
    var path: [String] { key.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }

    /// The key path of one of its parameters (a sibling of the enum field).
    func parameterPath(_ parameter: String) -> [String] {
        Array(path.dropLast()) + parameter.split(separator: ".").map(String.init)
    }
}
