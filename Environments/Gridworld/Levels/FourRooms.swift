import PrismTensor

/// Minigrid's `FourRoomsEnv`: four rooms joined by one gap in each inner wall segment.
///
/// - Description: a 19×19 grid; the agent and the goal are placed at random cells.
/// - Action Space: `Discrete(7)` (left, right, forward matter).
/// - Observation Encoding: 7×7×3 (object, color, state).
/// - Rewards: `1 − 0.9·step_count/max_steps` on reaching the goal, 0 otherwise.
/// - Termination: goal reached; truncation at `max_steps = 100`.
/// - Rooms: the quadrant, `(x ≥ 9 ? 1 : 0) + (y ≥ 9 ? 2 : 0)`.
/// - IDs: `Gridworld/FourRooms-v0`.
public struct FourRoomsLevel: GridLevel {
    /// A FourRooms level.
    public init() {}

    /// 100.
    public var maxSteps: Int { 100 }
    /// False.
    public var seeThroughWalls: Bool { false }

    /// Builds the level.
    public func makeLayout(using stream: inout RandomStream) -> LevelLayout {
        let size = 19
        var grid = Grid(width: size, height: size)
        grid.horizontalWall(x: 0, y: 0)
        grid.horizontalWall(x: 0, y: size - 1)
        grid.verticalWall(x: 0, y: 0)
        grid.verticalWall(x: size - 1, y: 0)
        let room = size / 2
        for j in 0..<2 {
            for i in 0..<2 {
                let left = i * room, top = j * room
                if i + 1 < 2 {
                    grid.verticalWall(x: left + room, y: top, length: room)
                    grid[left + room, stream.int(top + 1, top + room)] = nil
                }
                if j + 1 < 2 {
                    grid.horizontalWall(x: left, y: top + room, length: room)
                    grid[stream.int(left + 1, left + room), top + room] = nil
                }
            }
        }
        let agent = grid.place(nil, using: &stream) ?? GridPosition(1, 1)
        let direction = stream.int(0, 4)
        grid.place(.greenGoal, avoid: agent, using: &stream)
        var rooms = [Int](repeating: 0, count: size * size)
        for y in 0..<size {
            for x in 0..<size { rooms[y * size + x] = (x >= room ? 1 : 0) + (y >= room ? 2 : 0) }
        }
        return LevelLayout(grid: grid, agentPosition: agent, agentDirection: direction,
                           mission: "reach the goal", roomIDs: rooms)
    }
}
