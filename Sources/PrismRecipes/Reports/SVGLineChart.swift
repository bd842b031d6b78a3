import Foundation

/// A standalone SVG line chart of one or more series (learning curves): axes with rounded ticks,
/// axis labels, a title and a legend. Non-finite points are skipped and break the line.
public struct SVGLineChart: Sendable {
    /// One named line.
    public struct Series: Sendable {
        /// The legend text.
        public var name: String
        /// The points, in drawing order.
        public var points: [(x: Double, y: Double)]

        /// A series named `name`.
        public init(name: String, points: [(x: Double, y: Double)]) {
            self.name = name
            self.points = points
        }
    }

    /// The chart title.
    public var title: String
    /// The x-axis label.
    public var xLabel: String
    /// The y-axis label.
    public var yLabel: String
    /// The lines.
    public var series: [Series]
    /// Width and height in pixels.
    public var size: (width: Double, height: Double) = (640, 400)

    /// The line colours, cycled through.
    static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]

    /// A chart of `series`.
    public init(title: String, xLabel: String, yLabel: String, series: [Series]) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
    }

    /// The SVG document.
    public var svg: String {
        let margin = (left: 70.0, right: 20.0, top: 40.0, bottom: 55.0)
        let plot = (x: margin.left, y: margin.top, width: size.width - margin.left - margin.right,
                    height: size.height - margin.top - margin.bottom)
        let finite = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
        let xTicks = ChartTicks(low: finite.map(\.x).min() ?? 0, high: finite.map(\.x).max() ?? 1)
        let yTicks = ChartTicks(low: finite.map(\.y).min() ?? 0, high: finite.map(\.y).max() ?? 1)
        func px(_ x: Double) -> Double { plot.x + (x - xTicks.low) / (xTicks.high - xTicks.low) * plot.width }
        func py(_ y: Double) -> Double { plot.y + plot.height - (y - yTicks.low) / (yTicks.high - yTicks.low) * plot.height }

        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(f(size.width))" height="\(f(size.height))" \
            viewBox="0 0 \(f(size.width)) \(f(size.height))" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(f(size.width / 2))" y="24" text-anchor="middle" font-size="15">\(Self.escaped(title))</text>

            """
        for tick in xTicks.values {
            out += "<line x1=\"\(f(px(tick)))\" y1=\"\(f(plot.y))\" x2=\"\(f(px(tick)))\" y2=\"\(f(plot.y + plot.height))\" stroke=\"#e0e0e0\"/>\n"
            out += "<text x=\"\(f(px(tick)))\" y=\"\(f(plot.y + plot.height + 16))\" text-anchor=\"middle\">\(xTicks.label(tick))</text>\n"
        }
        for tick in yTicks.values {
            out += "<line x1=\"\(f(plot.x))\" y1=\"\(f(py(tick)))\" x2=\"\(f(plot.x + plot.width))\" y2=\"\(f(py(tick)))\" stroke=\"#e0e0e0\"/>\n"
            out += "<text x=\"\(f(plot.x - 6))\" y=\"\(f(py(tick) + 4))\" text-anchor=\"end\">\(yTicks.label(tick))</text>\n"
        }
        out += "<rect x=\"\(f(plot.x))\" y=\"\(f(plot.y))\" width=\"\(f(plot.width))\" height=\"\(f(plot.height))\" fill=\"none\" stroke=\"black\"/>\n"
        out += "<text x=\"\(f(plot.x + plot.width / 2))\" y=\"\(f(size.height - 12))\" text-anchor=\"middle\">\(Self.escaped(xLabel))</text>\n"
        out += "<text transform=\"translate(16 \(f(plot.y + plot.height / 2))) rotate(-90)\" text-anchor=\"middle\">\(Self.escaped(yLabel))</text>\n"
        for (index, line) in series.enumerated() {
            let colour = Self.palette[index % Self.palette.count]
            var path = ""
            var penDown = false
            for point in line.points {
                guard point.x.isFinite, point.y.isFinite else { penDown = false; continue }
                path += (penDown ? " L" : (path.isEmpty ? "M" : " M")) + "\(f(px(point.x))) \(f(py(point.y)))"
                penDown = true
            }
            if !path.isEmpty {
                out += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.5\"/>\n"
            }
            let legendY = plot.y + 14 + Double(index) * 16
            out += "<line x1=\"\(f(plot.x + 10))\" y1=\"\(f(legendY - 4))\" x2=\"\(f(plot.x + 28))\" y2=\"\(f(legendY - 4))\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
            out += "<text x=\"\(f(plot.x + 33))\" y=\"\(f(legendY))\">\(Self.escaped(line.name))</text>\n"
        }
        return out + "</svg>\n"
    }

    /// A coordinate with at most two decimals.
    private func f(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// `text` with XML's special characters escaped (and control characters dropped).
    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case _ where scalar.value < 0x20 && scalar != "\t" && scalar != "\n": continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
