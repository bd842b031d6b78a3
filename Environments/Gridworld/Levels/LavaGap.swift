import PrismTensor

/// Minigrid's `LavaGapEnv`: a vertical strip of lava with one gap between the agent and the goal.
///
/// - Description: the agent starts at (1, 1) facing right; the lava column is at a random x in
///   `2 ..< size − 2`, its gap at a random row.
/// - Action Space: `Discrete(7)` (left, right, forward matter).
/// - Observation Encoding: 7×7×3 (object, color, state).
/// - Rewards: `1 − 0.9·step_count/max_steps` on reaching the goal; 0 on lava or timeout.
/// - Termination: goal or lava; truncation at `max_steps = 4·size²`.
/// - IDs: `Gridworld/LavaGapS5-v0`, `S6`, `S7`.
public struct LavaGapLevel: GridLevel {
    /// The side of the square grid.
    public var size: Int

    /// A LavaGap level.
    public init(size: Int) { self.size = size }

    /// `4·size²`.
    public var maxSteps: Int { 4 * size * size }
    /// False.
    public var seeThroughWalls: Bool { false }

    /// Builds the level.
    public func makeLayout(using stream: inout RandomStream) -> LevelLayout {
        var grid = Grid.walledSquareWithGoal(size: size)
        let gap = GridPosition(stream.int(2, size - 2), stream.int(1, size - 1))
        grid.verticalWall(x: gap.x, y: 1, length: size - 2, object: .redLava)
        grid[gap] = nil
        return LevelLayout(grid: grid, agentPosition: GridPosition(1, 1), agentDirection: 0,
                           mission: "avoid the lava and get to the green goal square")
    }
}
