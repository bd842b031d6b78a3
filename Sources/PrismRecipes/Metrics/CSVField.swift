/// One CSV field as RFC 4180 writes it, for every CSV file Prism writes (`metrics.csv`,
/// `prism-data export-csv`).
public enum CSVField {
    /// `field`, quoted when it holds a comma, quote or line break, with quotes doubled.
    public static func escaped(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
