import PrismTensor

/// Minigrid's `DoorKeyEnv`: pick up the key, unlock the door, reach the goal.
///
/// - Description: a vertical wall at a random column splits the room; the agent and a yellow key
///   are on the left, a locked yellow door in the wall, the goal in the bottom-right corner.
/// - Action Space: `Discrete(7)`: left, right, forward, pickup, drop, toggle, done.
/// - Observation Encoding: 7×7×3 (object, color, state), walls and closed doors block sight.
/// - Rewards: `1 − 0.9·step_count/max_steps` on reaching the goal, 0 otherwise.
/// - Termination: goal reached; truncation at `max_steps = 10·size²`.
/// - Rooms: left of the wall 0, right of it 1.
/// - IDs: `Gridworld/DoorKey-5x5-v0`, `-6x6`, `-8x8`, `-16x16`.
public struct DoorKeyLevel: GridLevel {
    /// The side of the square grid.
    public var size: Int

    /// A DoorKey level.
    public init(size: Int) { self.size = size }

    /// `10·size²`.
    public var maxSteps: Int { 10 * size * size }
    /// False.
    public var seeThroughWalls: Bool { false }

    /// Builds the level.
    public func makeLayout(using stream: inout RandomStream) -> LevelLayout {
        var grid = Grid(width: size, height: size)
        grid.wallRectangle(x: 0, y: 0, width: size, height: size)
        grid[size - 2, size - 2] = .greenGoal
        let split = stream.int(2, size - 2)
        grid.verticalWall(x: split, y: 0)
        let agent = grid.place(nil, size: (split, size), using: &stream) ?? GridPosition(1, 1)
        let direction = stream.int(0, 4)
        let doorY = stream.int(1, size - 2)
        grid[split, doorY] = .door(.yellow, .locked)
        grid.place(.key(.yellow), size: (split, size), avoid: agent, using: &stream)
        return LevelLayout(grid: grid, agentPosition: agent, agentDirection: direction,
                           mission: "use the key to open the door and then get to the goal",
                           roomIDs: RoomLabels.components(of: grid))
    }
}
