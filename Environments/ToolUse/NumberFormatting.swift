import Foundation

/// Writes a number the way every ToolUse tool and task does, so answers compare exactly:
/// the value is rounded to 6 decimal places as C's `printf("%.6f")` rounds its binary value, then
/// trailing zeros and a trailing decimal point are removed; no exponent notation, no thousands
/// separators, and negative zero is written `0`.
///
/// `formatNumber(709.037) == "709.037"`, `formatNumber(1.0 / 3.0) == "0.333333"`,
/// `formatNumber(2.0) == "2"`, `formatNumber(-0.0000001) == "0"`.
public func formatNumber(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
    var text = String(format: "%.6f", value)
    if text.contains(".") {
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
    }
    return text == "-0" ? "0" : text
}

/// The first decimal number in `text` (an optional `-`, digits with optional `,` thousands
/// separators, an optional fraction), or nil: how numeric final answers are read, so
/// `"about 1,234.5 metres"` gives 1234.5.
public func firstNumber(in text: String) -> Double? {
    let characters = Array(text)
    var index = 0
    while index < characters.count {
        let character = characters[index]
        let startsNumber = character.isASCII && character.isNumber
            || (character == "-" || character == ".") && index + 1 < characters.count
                && characters[index + 1].isASCII && characters[index + 1].isNumber
        guard startsNumber else {
            index += 1
            continue
        }
        var digits = character == "-" ? "-" : ""
        if character == "-" { index += 1 }
        var seenPoint = false
        while index < characters.count {
            let next = characters[index]
            if next.isASCII && next.isNumber {
                digits.append(next)
            } else if next == "." && !seenPoint && index + 1 < characters.count
                        && characters[index + 1].isASCII && characters[index + 1].isNumber {
                seenPoint = true
                digits.append(next)
            } else if next == "," && !seenPoint && index + 1 < characters.count
                        && characters[index + 1].isASCII && characters[index + 1].isNumber {
                // A thousands separator: skipped.
            } else {
                break
            }
            index += 1
        }
        if digits.hasPrefix("-.") { digits = "-0" + digits.dropFirst() }
        if digits.hasPrefix(".") { digits = "0" + digits }
        return Double(digits)
    }
    return nil
}
