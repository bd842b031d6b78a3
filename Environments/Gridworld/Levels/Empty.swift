import PrismTensor

/// Minigrid's `EmptyEnv`: an empty room with the goal in the bottom-right corner.
///
/// - Description: get to the green goal square; the agent starts at (1, 1) facing right, or at a
///   random cell and direction in the `-Random` variants.
/// - Action Space: `Discrete(7)` (only left, right, forward matter).
/// - Observation Encoding: 7×7×3 (object, color, state); Minigrid uses `see_through_walls=True` here.
/// - Rewards: `1 − 0.9·step_count/max_steps` on reaching the goal, 0 otherwise.
/// - Termination: goal reached; truncation at `max_steps = 4·size²`.
/// - IDs: `Gridworld/Empty-5x5-v0`, `-6x6`, `-8x8`, `-16x16`, `Empty-Random-5x5-v0`, `-6x6`.
public struct EmptyLevel: GridLevel {
    /// The side of the square grid, walls included.
    public var size: Int
    /// Whether the agent starts at a random cell and direction.
    public var randomStart: Bool

    /// An Empty level.
    public init(size: Int, randomStart: Bool = false) {
        self.size = size
        self.randomStart = randomStart
    }

    /// `4·size²`.
    public var maxSteps: Int { 4 * size * size }
    /// True, as in Minigrid's `EmptyEnv`.
    public var seeThroughWalls: Bool { true }

    /// Builds the room.
    public func makeLayout(using stream: inout RandomStream) -> LevelLayout {
        var grid = Grid.walledSquareWithGoal(size: size)
        var agent = GridPosition(1, 1)
        var direction = 0
        if randomStart {
            agent = grid.place(nil, using: &stream) ?? agent
            direction = stream.int(0, 4)
        }
        return LevelLayout(grid: grid, agentPosition: agent, agentDirection: direction,
                           mission: "get to the green goal square")
    }
}
