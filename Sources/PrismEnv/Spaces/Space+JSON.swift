import PrismJSON

/// Minari's JSON form of spaces (`minari/serialization.py`), written by hand so that infinite
/// bounds become the bare tokens `Infinity` / `-Infinity` Python's `json` reads.
extension Space {
    /// The space as Minari serialises it, e.g. `{"type": "Discrete", "dtype": "int64", "start": 0, "n": 7}`.
    public var minariJSON: String {
        switch self {
        case let .discrete(count, start):
            return #"{"type": "Discrete", "dtype": "int64", "start": \#(start), "n": \#(count)}"#
        case let .box(low, high, shape, elementType):
            return #"{"type": "Box", "dtype": "\#(elementType.numpyName)", "shape": \#(Space.list(shape)), "#
                + #""low": \#(Space.nested(low, shape, elementType)), "high": \#(Space.nested(high, shape, elementType))}"#
        case let .multiDiscrete(counts, start):
            return #"{"type": "MultiDiscrete", "dtype": "int64", "nvec": \#(Space.list(counts)), "start": \#(Space.list(start))}"#
        case let .text(minLength, maxLength, charset):
            return #"{"type": "Text", "max_length": \#(maxLength), "min_length": \#(minLength), "charset": \#(Space.quoted(charset))}"#
        case let .dict(spaces):
            let entries = spaces.keys.sorted().map { "\(Space.quoted($0)): \(spaces[$0]?.minariJSON ?? "null")" }
            return #"{"type": "Dict", "subspaces": {\#(entries.joined(separator: ", "))}}"#
        }
    }

    static func list(_ values: [Int]) -> String { "[" + values.map(String.init).joined(separator: ", ") + "]" }

    /// Row-major values as nested lists of `shape` (numpy's `tolist()`).
    static func nested(_ values: [Float], _ shape: [Int], _ elementType: BoxElementType) -> String {
        func number(_ x: Float) -> String {
            if x.isNaN { return "NaN" }
            if x.isInfinite { return x > 0 ? "Infinity" : "-Infinity" }
            return elementType == .float32 ? "\(x)" : "\(Int(x))"
        }
        func build(_ axis: Int, _ offset: Int) -> String {
            guard axis < shape.count else { return number(values[offset]) }
            let stride = shape[(axis + 1)...].reduce(1, *)
            return "[" + (0..<shape[axis]).map { build(axis + 1, offset + $0 * stride) }.joined(separator: ", ") + "]"
        }
        return build(0, 0)
    }

    /// A JSON string literal.
    static func quoted(_ text: String) -> String { JSONText.quoted(text) }
}
