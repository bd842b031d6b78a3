import PrismTensor

/// A level with two equally short routes through different rooms, for measuring the diversity
/// of a policy's paths (Prism's own, in Minigrid's style; not a Minigrid environment).
///
/// - Description: a 15×11 grid of four rooms. The agent starts in the west room on the middle
///   row, the green goal lies in the east room on the middle row, and the middle band between
///   them is split into a north and a south room. Each room of the middle band opens once to the
///   west room and once to the east room; the north openings are drawn at random rows, and the
///   south openings mirror them about the middle row, so the route through the north room and
///   the route through the south room are exactly equally long. The agent's column and
///   direction, the goal's column and the opening rows are seeded.
/// - Action Space: `Discrete(7)` (left, right, forward matter).
/// - Observation Encoding: 7×7×3 (object, color, state).
/// - Rewards: `1 − 0.9·step_count/max_steps` on reaching the goal, 0 otherwise.
/// - Termination: goal reached; truncation at `max_steps = 200`.
/// - Rooms: west 0, north 1, south 2, east 3 (an opening belongs to the middle room it leads
///   into); a path visits {0, 1, 3} or {0, 2, 3}.
/// - IDs: `Gridworld/TwoRoutes-v0`.
public struct TwoRoutesLevel: GridLevel {
    /// The grid's width and height, walls included.
    public static let width = 15, height = 11
    /// The columns of the two inner vertical walls.
    static let westWall = 5, eastWall = 9

    /// A TwoRoutes level.
    public init() {}

    /// 200.
    public var maxSteps: Int { 200 }
    /// False.
    public var seeThroughWalls: Bool { false }

    /// Builds the level.
    public func makeLayout(using stream: inout RandomStream) -> LevelLayout {
        let (width, height) = (Self.width, Self.height)
        let middle = height / 2
        var grid = Grid(width: width, height: height)
        grid.horizontalWall(x: 0, y: 0)
        grid.horizontalWall(x: 0, y: height - 1)
        grid.verticalWall(x: 0, y: 0)
        grid.verticalWall(x: width - 1, y: 0)
        grid.verticalWall(x: Self.westWall, y: 0)
        grid.verticalWall(x: Self.eastWall, y: 0)
        grid.horizontalWall(x: Self.westWall, y: middle, length: Self.eastWall - Self.westWall + 1)
        let westOpening = stream.int(1, middle), eastOpening = stream.int(1, middle)
        for (column, row) in [(Self.westWall, westOpening), (Self.eastWall, eastOpening)] {
            grid[column, row] = nil
            grid[column, height - 1 - row] = nil
        }
        let agent = GridPosition(stream.int(1, Self.westWall), middle)
        let direction = stream.int(0, 4)
        let goal = GridPosition(stream.int(Self.eastWall + 1, width - 1), middle)
        grid[goal.x, goal.y] = .greenGoal
        var rooms = [Int](repeating: -1, count: width * height)
        for y in 1..<(height - 1) {
            for x in 1..<(width - 1) {
                let room: Int
                if x < Self.westWall { room = 0 } else if x > Self.eastWall { room = 3 } else { room = y < middle ? 1 : 2 }
                let isWall = if case .wall? = grid[x, y] { true } else { false }
                rooms[y * width + x] = isWall ? -1 : room
            }
        }
        return LevelLayout(grid: grid, agentPosition: agent, agentDirection: direction,
                           mission: "get to the green goal square", roomIDs: rooms)
    }
}
