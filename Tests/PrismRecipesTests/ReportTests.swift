import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import PrismRecipes
import Testing

/// SVG charts parse as XML and place their data; report.md has the expected blocks.
@Suite struct ReportTests {
    /// Collects element names and attributes while parsing.
    final class Collector: NSObject, XMLParserDelegate {
        var elements: [(name: String, attributes: [String: String])] = []
        var text = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements.append((name, attributes))
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    }

    func parse(_ svg: String) throws -> Collector {
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        let parsed = parser.parse()
        #expect(parsed, "XML error: \(String(describing: parser.parserError))")
        return collector
    }

    @Test func chartIsWellFormedSVGWithOnePathPerSeriesAndALegend() throws {
        let chart = SVGLineChart(title: "Return <&> \"curve\"", xLabel: "global step", yLabel: "charts/episodic_return", series: [
            .init(name: "seed 1", points: [(0, 0), (1000, 0.5), (2000, 0.9)]),
            .init(name: "seed 2 & co", points: [(0, 0.1), (1000, .nan), (1500, 0.4), (2000, 0.8)]),
        ])
        let svg = chart.svg
        let collector = try parse(svg)
        #expect(collector.elements.first?.name == "svg")
        #expect(collector.elements.first?.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        let paths = collector.elements.filter { $0.name == "path" }
        #expect(paths.count == 2)
        #expect(paths[1].attributes["d"]?.filter { $0 == "M" }.count == 2, "the NaN point breaks the line")
        #expect(collector.text.contains("Return <&> \"curve\""))
        #expect(collector.text.contains("seed 2 & co"))
        #expect(collector.text.contains("global step"))
        #expect(collector.text.contains("2000"), "the x axis reaches the last step")
        let start = try #require(paths[0].attributes["d"]?.split(separator: " ").prefix(2))
        #expect(start.joined(separator: " ") == "M70 345", "(0, 0) sits at the plot's lower left corner")
    }

    @Test func emptyAndFlatSeriesStillRender() throws {
        _ = try parse(SVGLineChart(title: "t", xLabel: "x", yLabel: "y", series: []).svg)
        let flat = try parse(SVGLineChart(title: "t", xLabel: "x", yLabel: "y", series: [.init(name: "c", points: [(1, 3), (2, 3)])]).svg)
        #expect(flat.elements.filter { $0.name == "path" }.count == 1)
    }

    @Test func ticksAreRoundAndCoverTheData() {
        let ticks = ChartTicks(low: 0.03, high: 0.97)
        #expect(ticks.spacing == 0.2)
        #expect(ticks.low == 0 && abs(ticks.high - 1) < 1e-12)
        #expect(ticks.values.map(ticks.label) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        let big = ChartTicks(low: 0, high: 98_304)
        #expect(big.spacing == 20_000)
        #expect(big.label(100_000) == "100000")
    }

    @Test func markdownReport() {
        var report = MarkdownReport(title: "PPO on DoorKey")
        report.addKeyValues([(key: "seed", value: "1"), (key: "mean return", value: "0.91")])
        report.addImage(path: "return.svg", alt: "episodic return")
        report.addTable(headers: ["env", "return"], rows: [["a|b", "0.5"], ["c"]])
        #expect(report.text == """
            # PPO on DoorKey

            | key | value |
            | --- | --- |
            | seed | 1 |
            | mean return | 0.91 |

            ![episodic return](return.svg)

            | env | return |
            | --- | --- |
            | a\\|b | 0.5 |
            | c |  |

            """)
    }
}
