import PrismTensor

/// What ends an episode successfully besides Minigrid's goal square (which always counts).
public enum GridTask: Sendable, Hashable, Codable {
    /// Reach a goal square (Empty, DoorKey, FourRooms, MultiRoom, LavaGap, crossings, text maps).
    case reachGoal
    /// Pick up an object of this kind and color (KeyCorridor).
    case pickUp(ObjectKind, GridColor)
    /// Have the door at this position open after a `toggle` (Unlock).
    case openDoor(GridPosition)
    /// Face an object of this kind and color and take `done` (BabyAI GoTo with done actions);
    /// `done` while facing anything else fails the episode.
    case goTo(ObjectKind, GridColor)
}

/// One generated level: the grid, the agent's start, the mission and the room of every cell.
public struct LevelLayout: Sendable, Hashable, Codable {
    /// The cells.
    public var grid: Grid
    /// Where the agent starts (an empty or overlappable cell).
    public var agentPosition: GridPosition
    /// The agent's starting direction (0 right, 1 down, 2 left, 3 up).
    public var agentDirection: Int
    /// The mission text.
    public var mission: String
    /// The success condition.
    public var task: GridTask
    /// The room id of every cell, row-major; walls that separate nothing are -1.
    public var roomIDs: [Int]

    /// A layout; `roomIDs` defaults to 0 everywhere (single-room levels).
    public init(grid: Grid, agentPosition: GridPosition, agentDirection: Int, mission: String,
                task: GridTask = .reachGoal, roomIDs: [Int]? = nil) {
        self.grid = grid
        self.agentPosition = agentPosition
        self.agentDirection = agentDirection
        self.mission = mission
        self.task = task
        self.roomIDs = roomIDs ?? [Int](repeating: 0, count: grid.width * grid.height)
    }

    /// The room id at a position (-1 outside the grid).
    public func roomID(at position: GridPosition) -> Int {
        grid.contains(position.x, position.y) ? roomIDs[position.y * grid.width + position.x] : -1
    }
}

/// A level generator: like a Minigrid env's `_gen_grid`, it only builds the grid, drawing every
/// random choice from the stream it is given. ``GridworldEnvironment`` does the rest.
public protocol GridLevel: Sendable {
    /// Minigrid's `max_steps` for this level.
    var maxSteps: Int { get }
    /// Minigrid's `see_through_walls` (true only for the Empty levels).
    var seeThroughWalls: Bool { get }
    /// Builds one level.
    func makeLayout(using stream: inout RandomStream) -> LevelLayout
}
