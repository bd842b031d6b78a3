import Testing
@testable import ToolUse

@Suite struct WorldTests {
    @Test(arguments: [
        (1.0, "mi", "km", 1.609344), (100, "C", "F", 212), (32, "F", "C", 0), (0, "C", "K", 273.15),
        (-40, "F", "C", -40), (1, "lb", "g", 453.59237), (16, "oz", "lb", 1), (90, "min", "h", 1.5),
        (2, "wk", "d", 14), (12, "in", "ft", 1), (1, "t", "kg", 1000), (5, "kilometres", "meters", 5000),
    ])
    func convertsUnits(value: Double, from: String, to: String, expected: Double) throws {
        let converted = try UnitTable.convert(value, from: from, to: to)
        #expect(abs(converted - expected) <= 1e-9 * max(1, abs(expected)), "\(value) \(from) -> \(to) = \(converted)")
    }

    @Test func conversionErrorsNameTheUnits() {
        #expect(throws: ConversionError.unknownUnit("parsec")) { try UnitTable.convert(1, from: "parsec", to: "m") }
        #expect(throws: ConversionError.incompatible(from: "kg", to: "m", .mass, .length)) {
            try UnitTable.convert(1, from: "kg", to: "m")
        }
        #expect("\(ConversionError.incompatible(from: "kg", to: "m", .mass, .length))" == "cannot convert kg (mass) to m (length)")
    }

    @Test func knowledgeBaseHasFortySixFactsWithUniqueIDs() {
        #expect(KnowledgeBase.facts.count == 46)
        #expect(Set(KnowledgeBase.facts.map(\.id)).count == 46)
        #expect(KnowledgeBase.facts.filter { $0.number != nil }.count == 34)
        #expect(KnowledgeBase.fact(id: "F001")?.text == "the capital of Norway is Oslo")
        #expect(KnowledgeBase.fact(id: "f13")?.line == "F013: the population of Oslo is 709037")
        #expect(KnowledgeBase.fact(id: "F025")?.text == "the height of Mount Everest is 8849 metres")
    }

    @Test func lookupByIDAndByQuery() {
        #expect(KnowledgeBase.run(id: "F002", query: nil) == "F002: the capital of France is Paris")
        #expect(KnowledgeBase.run(id: "F999", query: nil) == "error: no fact has id 'F999'")
        #expect(KnowledgeBase.run(id: nil, query: "capital of Japan") == "F003: the capital of Japan is Tokyo")
        #expect(KnowledgeBase.run(id: nil, query: "population Lima") == "F017: the population of Lima is 10092000")
        #expect(KnowledgeBase.run(id: nil, query: "zebra") == "error: no fact matches 'zebra'")
        #expect(KnowledgeBase.search("height").count == 3)
    }
}
