import PrismEnv
import PrismJSON

/// Short, human-readable forms of spaces and values for `inspect` and `export-csv`.
enum SpaceSummary {
    /// `Discrete(7)`, `Box(uint8, [7, 7, 3])`, `Text(1...4096)`, `Dict(direction: Discrete(4), ...)`.
    static func short(_ space: Space) -> String {
        switch space {
        case let .discrete(count, start): start == 0 ? "Discrete(\(count))" : "Discrete(\(count), start: \(start))"
        case let .box(low, high, shape, elementType):
            "Box(\(elementType.numpyName), \(shape), \(bounds(low, high)))"
        case let .multiDiscrete(counts, _): "MultiDiscrete(\(counts))"
        case let .text(minLength, maxLength, charset): "Text(\(minLength)...\(maxLength) chars, \(charset.count)-char charset)"
        case .dict(let spaces):
            "Dict(" + spaces.keys.sorted().compactMap { key in spaces[key].map { "\(key): \(short($0))" } }.joined(separator: ", ") + ")"
        }
    }

    private static func bounds(_ low: [Float], _ high: [Float]) -> String {
        guard let lowest = low.min(), let highest = high.max() else { return "empty" }
        return "\(number(Double(lowest)))..\(number(Double(highest)))"
    }

    /// An action as JSON-ish text: `3`, `[0.5, 1.0]`, `"text"`, `{"key": value}`.
    static func json(_ value: SpaceValue) -> String {
        switch value {
        case .discrete(let x): "\(x)"
        case .box(let xs): "[" + xs.map { number(Double($0)) }.joined(separator: ", ") + "]"
        case .multiDiscrete(let xs): "[" + xs.map(String.init).joined(separator: ", ") + "]"
        case .text(let text): JSONText.quoted(text)
        case .dict(let entries):
            "{" + entries.keys.sorted().compactMap { key in entries[key].map { "\(JSONText.quoted(key)): \(json($0))" } }
                .joined(separator: ", ") + "}"
        }
    }

    /// An observation summary: Box values joined by spaces, Text quoted, Dict as `key=value; ...`.
    static func observation(_ value: SpaceValue) -> String {
        switch value {
        case .discrete(let x): "\(x)"
        case .box(let xs): xs.map { number(Double($0)) }.joined(separator: " ")
        case .multiDiscrete(let xs): xs.map(String.init).joined(separator: " ")
        case .text(let text): JSONText.quoted(text)
        case .dict(let entries):
            entries.keys.sorted().compactMap { key in entries[key].map { "\(key)=\(observation($0))" } }.joined(separator: "; ")
        }
    }

    /// A number without a trailing `.0` for integers.
    static func number(_ x: Double) -> String {
        if x.isFinite && x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }
}
