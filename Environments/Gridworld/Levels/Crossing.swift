import PrismTensor

/// Minigrid's `CrossingEnv`: rivers of lava (LavaCrossing) or walls (SimpleCrossing) with one
/// opening each, between the agent at (1, 1) and the goal at the opposite corner.
///
/// - Description: `crossings` rivers are drawn from the even rows and columns; a random monotone
///   path of openings connects the start to the goal.
/// - Action Space: `Discrete(7)` (left, right, forward matter).
/// - Observation Encoding: 7×7×3 (object, color, state).
/// - Rewards: `1 − 0.9·step_count/max_steps` on reaching the goal; 0 on lava or timeout.
/// - Termination: goal or lava; truncation at `max_steps = 4·size²`.
/// - IDs: `Gridworld/LavaCrossingS9N1-v0`, `Gridworld/SimpleCrossingS9N1-v0`.
public struct CrossingLevel: GridLevel {
    /// The side of the square grid (odd).
    public var size: Int
    /// The number of rivers.
    public var crossings: Int
    /// Lava rivers when true, wall rivers otherwise.
    public var lava: Bool

    /// A crossing level.
    public init(size: Int, crossings: Int, lava: Bool) {
        self.size = size
        self.crossings = crossings
        self.lava = lava
    }

    /// `4·size²`.
    public var maxSteps: Int { 4 * size * size }
    /// False.
    public var seeThroughWalls: Bool { false }

    /// Builds the level.
    public func makeLayout(using stream: inout RandomStream) -> LevelLayout {
        var grid = Grid.walledSquareWithGoal(size: size)
        // A river is (isColumn, coordinate): columns at x, rows at y.
        var rivers = stride(from: 2, to: size - 2, by: 2).map { (true, $0) }
            + stride(from: 2, to: size - 2, by: 2).map { (false, $0) }
        stream.shuffle(&rivers)
        let chosen = rivers.prefix(crossings)
        let columns = chosen.filter { $0.0 }.map { $0.1 }.sorted()
        let rows = chosen.filter { !$0.0 }.map { $0.1 }.sorted()
        let obstacle: WorldObject = lava ? .redLava : .greyWall
        for y in rows { for x in 1..<(size - 1) { grid[x, y] = obstacle } }
        for x in columns { for y in 1..<(size - 1) { grid[x, y] = obstacle } }
        // Crossing a column moves one room right; crossing a row moves one room down.
        var path = [Bool](repeating: true, count: columns.count) + [Bool](repeating: false, count: rows.count)
        stream.shuffle(&path)
        let xLimits = [0] + columns + [size - 1]
        let yLimits = [0] + rows + [size - 1]
        var roomX = 0, roomY = 0
        for crossesColumn in path {
            if crossesColumn {
                grid[xLimits[roomX + 1], stream.int(yLimits[roomY] + 1, yLimits[roomY + 1])] = nil
                roomX += 1
            } else {
                grid[stream.int(xLimits[roomX] + 1, xLimits[roomX + 1]), yLimits[roomY + 1]] = nil
                roomY += 1
            }
        }
        let mission = lava ? "avoid the lava and get to the green goal square"
            : "find the opening and get to the green goal square"
        return LevelLayout(grid: grid, agentPosition: GridPosition(1, 1), agentDirection: 0, mission: mission)
    }
}
