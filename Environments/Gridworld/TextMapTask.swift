/// The success rule of a text map, from a `# success:` header or else from the mission, so that a
/// map drawn from any Minigrid level ends its episodes as the level does:
///
/// - `reach goal` (the default): reach a goal square;
/// - `pickup <color> <object>` (mission `pick up the <color> <object>`): pick up that object;
/// - `open <color> door`, or `open door at <x> <y>` (mission `open the <color> door`): open it;
/// - `go to <color> <object>` (mission `go to the <color> <object>`): face it and take `done`.
enum TextMapTask {
    /// Why a success rule does not fit the map.
    struct Invalid: Error {
        /// The reason, for the parse error.
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// The rule a header's value names.
    /// - Returns: the task, or the reason the value is not one.
    static func parse(header value: String, grid: Grid) -> Result<GridTask, Invalid> {
        parse(words(value), grid: grid) ?? .failure(Invalid(
            "success must read 'reach goal', 'pickup <color> <object>', 'open <color> door', 'open door at <x> <y>' or 'go to <color> <object>', got '\(value)'"))
    }

    /// The rule a mission states, or reaching the goal when it states none Prism knows.
    static func parse(mission: String, grid: Grid) -> Result<GridTask, Invalid> {
        parse(words(mission), grid: grid) ?? .success(.reachGoal)
    }

    /// The header value that names `task` (nil for reaching the goal, the default).
    static func header(for task: GridTask) -> String? {
        switch task {
        case .reachGoal: nil
        case .pickUp(let kind, let color): "pickup \(color.name) \(name(of: kind))"
        case .openDoor(let position): "open door at \(position.x) \(position.y)"
        case .goTo(let kind, let color): "go to \(color.name) \(name(of: kind))"
        }
    }

    private static let kinds: [String: ObjectKind] = ["key": .key, "ball": .ball, "box": .box, "door": .door, "goal": .goal]

    private static func name(of kind: ObjectKind) -> String {
        kinds.first { $0.value == kind }?.key ?? "object"
    }

    private static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { $0 == " " || $0 == "," || $0 == "." })
            .map(String.init).filter { $0 != "the" && $0 != "a" }
    }

    /// nil when `words` name no rule at all; a failure when they name one that does not fit the grid.
    private static func parse(_ words: [String], grid: Grid) -> Result<GridTask, Invalid>? {
        func object(_ colorName: String, _ kindName: String) -> (GridColor, ObjectKind)? {
            guard let color = GridColor.allCases.first(where: { $0.name == colorName }), let kind = kinds[kindName] else { return nil }
            return (color, kind)
        }
        switch words {
        case ["reach", "goal"], ["get", "to", "green", "goal", "square"]:
            return .success(.reachGoal)
        case let w where (w.count == 3 && w[0] == "pickup") || (w.count == 4 && w[0] == "pick" && w[1] == "up"):
            guard let (color, kind) = object(w[w.count - 2], w[w.count - 1]), [.key, .ball, .box].contains(kind) else {
                return .failure(Invalid("'\(w.joined(separator: " "))': a key, ball or box of a Minigrid color can be picked up"))
            }
            return .success(.pickUp(kind, color))
        case let w where w.count == 5 && w[0] == "open" && w[1] == "door" && w[2] == "at":
            guard let x = Int(w[3]), let y = Int(w[4]), grid.contains(x, y), case .door? = grid[x, y] else {
                return .failure(Invalid("'\(w.joined(separator: " "))': there is no door at that cell"))
            }
            return .success(.openDoor(GridPosition(x, y)))
        case let w where (w.count == 3 || w.count == 2) && w[0] == "open" && w.last == "door":
            let color = w.count == 3 ? GridColor.allCases.first { $0.name == w[1] } : nil
            if w.count == 3 && color == nil { return .failure(Invalid("'\(w[1])' is not a Minigrid color")) }
            let doors = (0..<grid.height).flatMap { y in (0..<grid.width).map { GridPosition($0, y) } }.filter {
                guard case .door(let doorColor, _)? = grid[$0] else { return false }
                return color == nil || doorColor == color
            }
            guard doors.count == 1 else {
                return .failure(Invalid("'\(w.joined(separator: " "))' names \(doors.count) doors in the map; give 'open door at <x> <y>'"))
            }
            return .success(.openDoor(doors[0]))
        case let w where w.count == 4 && w[0] == "go" && w[1] == "to":
            guard let (color, kind) = object(w[2], w[3]) else {
                return .failure(Invalid("'\(w.joined(separator: " "))': name a Minigrid color and an object"))
            }
            return .success(.goTo(kind, color))
        default:
            return nil
        }
    }
}
