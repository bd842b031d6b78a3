import PrismTensor

/// A gridworld drawn as text (the map format the README describes): optional `# key: value` headers (`mission`,
/// `max_steps`, `see_through_walls`, `success`), then one line per row, two characters per cell
/// (object, color); the agent is `>>`, `vv`, `<<` or `^^`. The success rule comes from the
/// `success` header, else from the mission (`pick up the yellow ball`), else is reaching a goal
/// (see ``TextMapTask``).
public struct TextMap: Sendable, Hashable {
    /// The layout the map draws (room ids: connected components, doors separating).
    public var layout: LevelLayout
    /// The step budget (`4·width·height` when the map does not say).
    public var maxSteps: Int
    /// Whether the view ignores occlusion.
    public var seeThroughWalls: Bool

    /// A map of a layout.
    public init(layout: LevelLayout, maxSteps: Int, seeThroughWalls: Bool = false) {
        self.layout = layout
        self.maxSteps = maxSteps
        self.seeThroughWalls = seeThroughWalls
    }

    /// A parse failure, naming the 1-based line and column.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The 1-based line.
        public var line: Int
        /// The 1-based column of the offending character (1 for whole-line problems).
        public var column: Int
        /// What is wrong.
        public var message: String

        /// `line L, column C: message`.
        public var description: String { "line \(line), column \(column): \(message)" }
    }

    private static let colorLetters: [Character: GridColor] = [
        "R": .red, "G": .green, "B": .blue, "P": .purple, "Y": .yellow, "E": .grey,
    ]
    private static let agentCells: [String: Int] = [">>": 0, "vv": 1, "<<": 2, "^^": 3]

    /// Parses map text.
    /// - Throws: ``ParseError`` for an unknown header, a bad value, a ragged row, an odd row
    ///   length, an unknown object or color letter, or a missing or repeated agent.
    public static func parse(_ text: String) throws(ParseError) -> TextMap {
        var mission = "get to the green goal square"
        var maxSteps: Int?
        var seeThroughWalls = false
        var success: (line: Int, value: String)?
        var rows: [(line: Int, characters: [Character])] = []
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = offset + 1
            let content = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            if content.hasPrefix("#") && rows.isEmpty {
                let body = content.dropFirst().drop { $0 == " " }
                guard let colon = body.firstIndex(of: ":") else {
                    throw ParseError(line: line, column: 1, message: "header must read '# key: value'")
                }
                let key = body[..<colon].trimmingSpaces
                let value = body[body.index(after: colon)...].trimmingSpaces
                switch key {
                case "mission": mission = value
                case "max_steps":
                    guard let steps = Int(value), steps > 0 else {
                        throw ParseError(line: line, column: 1, message: "max_steps must be a positive integer, got '\(value)'")
                    }
                    maxSteps = steps
                case "see_through_walls":
                    guard value == "true" || value == "false" else {
                        throw ParseError(line: line, column: 1, message: "see_through_walls must be true or false, got '\(value)'")
                    }
                    seeThroughWalls = value == "true"
                case "success": success = (line, value)
                default:
                    throw ParseError(line: line, column: 1,
                                     message: "unknown header '\(key)' (known: mission, max_steps, see_through_walls, success)")
                }
                continue
            }
            if content.isEmpty { continue }
            rows.append((line, Array(content)))
        }
        guard let first = rows.first else { throw ParseError(line: 1, column: 1, message: "the map has no grid rows") }
        guard first.characters.count % 2 == 0 else {
            throw ParseError(line: first.line, column: first.characters.count,
                             message: "a row needs two characters per cell, got \(first.characters.count) characters")
        }
        let width = first.characters.count / 2
        var grid = Grid(width: width, height: rows.count)
        var agent: (GridPosition, Int)?
        for (y, row) in rows.enumerated() {
            guard row.characters.count == first.characters.count else {
                throw ParseError(line: row.line, column: min(row.characters.count, first.characters.count) + 1,
                                 message: "row has \(row.characters.count) characters, the first row has \(first.characters.count)")
            }
            for x in 0..<width {
                let pair = String(row.characters[(2 * x)...(2 * x + 1)])
                if let direction = agentCells[pair] {
                    if agent != nil {
                        throw ParseError(line: row.line, column: 2 * x + 1, message: "a second agent '\(pair)'")
                    }
                    agent = (GridPosition(x, y), direction)
                    continue
                }
                grid[x, y] = try cell(pair, line: row.line, column: 2 * x + 1)
            }
        }
        guard let (position, direction) = agent else {
            throw ParseError(line: first.line, column: 1, message: "no agent ('>>', 'vv', '<<' or '^^') in the map")
        }
        let task: GridTask
        switch success.map({ TextMapTask.parse(header: $0.value, grid: grid) }) ?? TextMapTask.parse(mission: mission, grid: grid) {
        case .success(let parsed): task = parsed
        case .failure(let invalid): throw ParseError(line: success?.line ?? 1, column: 1, message: invalid.reason)
        }
        let layout = LevelLayout(grid: grid, agentPosition: position, agentDirection: direction, mission: mission,
                                 task: task, roomIDs: RoomLabels.components(of: grid))
        return TextMap(layout: layout, maxSteps: maxSteps ?? 4 * width * rows.count, seeThroughWalls: seeThroughWalls)
    }

    private static func cell(_ pair: String, line: Int, column: Int) throws(ParseError) -> WorldObject? {
        if pair == "  " { return nil }
        let characters = Array(pair)
        guard "WFDLOKABGV".contains(characters[0]) else {
            throw ParseError(line: line, column: column,
                             message: "unknown object '\(characters[0])' in '\(pair)' (objects: W F D L O K A B G V, or two spaces)")
        }
        guard let color = colorLetters[characters[1]] else {
            throw ParseError(line: line, column: column + 1,
                             message: "unknown color '\(characters[1])' in '\(pair)' (colors: R G B P Y E)")
        }
        switch characters[0] {
        case "W": return .wall(color)
        case "F": return .floor(color)
        case "D": return .door(color, .closed)
        case "L": return .door(color, .locked)
        case "O": return .door(color, .open)
        case "K": return .key(color)
        case "A": return .ball(color)
        case "B": return .box(color, contains: nil)
        case "G": return .goal(color)
        default: return .lava(color)
        }
    }

    /// The map text: headers, then the rows.
    public var text: String {
        var lines = ["# mission: \(layout.mission)", "# max_steps: \(maxSteps)", "# see_through_walls: \(seeThroughWalls)"]
        if let success = TextMapTask.header(for: layout.task) { lines.append("# success: \(success)") }
        let grid = layout.grid
        for y in 0..<grid.height {
            var row = ""
            for x in 0..<grid.width {
                if GridPosition(x, y) == layout.agentPosition {
                    row += [">>", "vv", "<<", "^^"][layout.agentDirection & 3]
                } else {
                    row += Self.symbol(grid[x, y])
                }
            }
            lines.append(row)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The two characters of a cell.
    public static func symbol(_ object: WorldObject?) -> String {
        guard let object else { return "  " }
        let colorLetter = ["R", "G", "B", "P", "Y", "E"][Int(object.color.rawValue)]
        let objectLetter: String
        switch object {
        case .wall: objectLetter = "W"
        case .floor: objectLetter = "F"
        case .door(_, .closed): objectLetter = "D"
        case .door(_, .locked): objectLetter = "L"
        case .door(_, .open): objectLetter = "O"
        case .key: objectLetter = "K"
        case .ball: objectLetter = "A"
        case .box: objectLetter = "B"
        case .goal: objectLetter = "G"
        case .lava: objectLetter = "V"
        }
        return objectLetter + colorLetter
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
