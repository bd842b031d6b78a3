import Foundation

/// One fact of the built-in world, written `the <attribute> of <subject> is <value>[ <unit>]`.
public struct Fact: Hashable, Sendable {
    /// The identifier `F001` ... `F046`.
    public let id: String
    /// What is stated: `capital`, `population`, `height`, `completion year` or `length`.
    public let attribute: String
    /// What it is stated about: a country, city, mountain, building or river.
    public let subject: String
    /// The value as written (`Oslo`, `709037`).
    public let value: String
    /// The unit after a numeric value (`metres`, `kilometres`), or nil.
    public let unit: String?

    /// The fact as one sentence, e.g. `the capital of Norway is Oslo`.
    public var text: String {
        "the \(attribute) of \(subject) is \(value)" + (unit.map { " \($0)" } ?? "")
    }

    /// The value as a number, when it is one.
    public var number: Double? { Double(value) }

    /// How the lookup tool shows it: `F001: the capital of Norway is Oslo`.
    public var line: String { "\(id): \(text)" }
}

/// The built-in knowledge base: 46 facts with ids (capitals, city populations, mountain heights,
/// completion years of buildings, river lengths). The values are this world's truth, rounded
/// from public figures.
public enum KnowledgeBase {
    /// Countries and their capitals, in id order.
    static let capitals: [(String, String)] = [
        ("Norway", "Oslo"), ("France", "Paris"), ("Japan", "Tokyo"), ("Kenya", "Nairobi"),
        ("Peru", "Lima"), ("Canada", "Ottawa"), ("Egypt", "Cairo"), ("Australia", "Canberra"),
        ("Chile", "Santiago"), ("Portugal", "Lisbon"), ("Vietnam", "Hanoi"), ("Poland", "Warsaw"),
    ]
    /// City populations, in the capitals' order.
    static let populations = [
        709_037, 2_102_650, 14_094_034, 4_397_073, 10_092_000, 1_017_449,
        10_025_657, 466_566, 6_257_516, 545_796, 8_435_700, 1_861_975,
    ]
    /// Mountain heights in metres.
    static let heights: [(String, Int)] = [
        ("Mount Everest", 8849), ("K2", 8611), ("Kangchenjunga", 8586), ("Denali", 6190),
        ("Kilimanjaro", 5895), ("Mont Blanc", 4806), ("Aconcagua", 6961), ("Mount Fuji", 3776),
    ]
    /// Completion years of buildings and structures.
    static let years: [(String, Int)] = [
        ("the Eiffel Tower", 1889), ("the Golden Gate Bridge", 1937), ("the Sydney Opera House", 1973),
        ("the Empire State Building", 1931), ("the Panama Canal", 1914), ("the Burj Khalifa", 2010),
        ("the Brooklyn Bridge", 1883), ("the Taj Mahal", 1653),
    ]
    /// River lengths in kilometres.
    static let rivers: [(String, Int)] = [
        ("the Nile", 6650), ("the Amazon", 6400), ("the Yangtze", 6300), ("the Mississippi", 3730),
        ("the Danube", 2850), ("the Rhine", 1230),
    ]

    /// Every fact, in id order.
    public static let facts: [Fact] = {
        var rows: [(String, String, String, String?)] = []
        rows += capitals.map { ("capital", $0.0, $0.1, nil) }
        rows += zip(capitals, populations).map { ("population", $0.0.1, "\($0.1)", nil) }
        rows += heights.map { ("height", $0.0, "\($0.1)", "metres") }
        rows += years.map { ("completion year", $0.0, "\($0.1)", nil) }
        rows += rivers.map { ("length", $0.0, "\($0.1)", "kilometres") }
        return rows.enumerated().map { offset, row in
            Fact(id: factID(offset + 1), attribute: row.0, subject: row.1, value: row.2, unit: row.3)
        }
    }()

    /// `F` followed by the number padded to three digits.
    static func factID(_ number: Int) -> String {
        let digits = String(number)
        return "F" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }

    /// The fact with this id; case and zero padding are ignored (`f7` finds `F007`).
    public static func fact(id: String) -> Fact? {
        let trimmed = id.trimmingCharacters(in: .whitespaces).uppercased()
        guard trimmed.hasPrefix("F"), let number = Int(trimmed.dropFirst()), number > 0 else { return nil }
        let canonical = factID(number)
        return facts.first { $0.id == canonical }
    }

    /// The fact stating `attribute` of `subject`.
    public static func fact(attribute: String, subject: String) -> Fact? {
        facts.first { $0.attribute == attribute && $0.subject == subject }
    }

    /// The facts sharing the most words with `query` (at most 3, in id order); words such as
    /// `the`, `of`, `is`, `what` are ignored. Empty when no fact shares a word.
    public static func search(_ query: String) -> [Fact] {
        let wanted = words(query)
        let scored = facts.map { fact in (fact, wanted.intersection(words(fact.text)).count) }
        guard let best = scored.map(\.1).max(), best > 0 else { return [] }
        return Array(scored.filter { $0.1 == best }.map(\.0).prefix(3))
    }

    /// Lower-case alphanumeric words of `text` without stop words.
    static func words(_ text: String) -> Set<String> {
        let stopWords: Set<String> = ["the", "of", "is", "a", "an", "what", "which", "in", "was", "how", "to"]
        let tokens = text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
        return Set(tokens).subtracting(stopWords)
    }

    /// The lookup tool: `{"id": ...}` gives that fact's line, `{"query": ...}` the matching lines.
    public static func run(id: String?, query: String?) -> String {
        if let id {
            return fact(id: id)?.line ?? "error: no fact has id '\(clip(id))'"
        }
        let found = search(query ?? "")
        guard !found.isEmpty else { return "error: no fact matches '\(clip(query ?? ""))'" }
        return found.map(\.line).joined(separator: "\n")
    }
}

/// `text` cut to 60 characters, for echoing agent input inside observations.
func clip(_ text: String) -> String {
    text.count <= 60 ? text : String(text.prefix(57)) + "..."
}
