/// Stable JSON text: sorted keys, fixed indentation and shortest round-trip numbers, so equal
/// values always give equal bytes.
extension JSONValue {
    /// The value as JSON text. With `indent` (spaces per level) objects and lists span lines;
    /// without it everything is on one line with `", "` and `": "` separators.
    public func canonicalJSON(indent: Int? = 2) -> String {
        var output = ""
        write(to: &output, indent: indent, level: 0)
        return output
    }

    private func write(to output: inout String, indent: Int?, level: Int) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .integer(let value): output += String(value)
        case .number(let value): output += Self.numberText(value)
        case .string(let value): output += JSONText.quoted(value)
        case .array(let items):
            writeContainer(items.map { (nil, $0) }, open: "[", close: "]", to: &output, indent: indent, level: level)
        case .object(let members):
            writeContainer(members.keys.sorted().map { ($0, members[$0]!) }, open: "{", close: "}",
                           to: &output, indent: indent, level: level)
        }
    }

    private func writeContainer(
        _ elements: [(String?, JSONValue)], open: String, close: String, to output: inout String, indent: Int?, level: Int
    ) {
        guard !elements.isEmpty else { output += open + close; return }
        let inner = indent.map { "\n" + String(repeating: " ", count: $0 * (level + 1)) } ?? ""
        let outer = indent.map { "\n" + String(repeating: " ", count: $0 * level) } ?? ""
        output += open
        for (position, (key, value)) in elements.enumerated() {
            if position > 0 { output += indent == nil ? ", " : "," }
            output += inner
            if let key { output += JSONText.quoted(key) + ": " }
            value.write(to: &output, indent: indent, level: level + 1)
        }
        output += outer + close
    }

    /// A JSON number: integral values in range print without a fraction, others in Swift's
    /// shortest round-trip form; non-finite values (not JSON) print as `null`.
    public static func numberText(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) + ".0" }
        return "\(value)"
    }
}
