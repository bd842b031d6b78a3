extension GridworldEnvironment {
    /// An ANSI text picture of the whole grid: two characters per cell as in the text-map format
    /// (`WE` wall, `KY` yellow key, ...), colored with ANSI escapes, the agent as an arrow
    /// (`>>`, `vv`, `<<`, `^^`) and a status line. Pass `ansi: false` for plain text.
    public func render(ansi: Bool = true) -> String {
        let grid = state.grid
        var lines: [String] = []
        for y in 0..<grid.height {
            var row = ""
            for x in 0..<grid.width {
                if GridPosition(x, y) == state.agentPosition {
                    let arrow = [">>", "vv", "<<", "^^"][state.agentDirection & 3]
                    row += ansi ? "\u{1B}[1;31m\(arrow)\u{1B}[0m" : arrow
                    continue
                }
                let cell = grid[x, y]
                let symbol = TextMap.symbol(cell)
                if ansi, let cell {
                    row += "\u{1B}[\(Self.ansiCode(cell.color))m\(symbol)\u{1B}[0m"
                } else {
                    row += symbol
                }
            }
            lines.append(row)
        }
        let carried = state.carrying.map { " carrying \(TextMap.symbol($0))" } ?? ""
        lines.append("step \(state.stepCount)/\(state.maxSteps) room \(state.roomID)\(carried): \(state.mission)")
        return lines.joined(separator: "\n")
    }

    private static func ansiCode(_ color: GridColor) -> Int {
        switch color {
        case .red: 31
        case .green: 32
        case .blue: 34
        case .purple: 35
        case .yellow: 33
        case .grey: 90
        }
    }
}
