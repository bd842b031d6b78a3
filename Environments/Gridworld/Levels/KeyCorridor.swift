import PrismTensor

/// Minigrid's `KeyCorridorEnv`: fetch a ball behind a locked door whose key lies in another room.
///
/// - Description: a column of rooms on each side of a corridor; one right-hand room is locked
///   and holds the ball, the key of its color is in a left-hand room.
/// - Action Space: `Discrete(7)`: left, right, forward, pickup, drop, toggle, done.
/// - Observation Encoding: 7×7×3 (object, color, state).
/// - Rewards: `1 − 0.9·step_count/max_steps` when the ball is picked up, 0 otherwise.
/// - Termination: ball picked up; truncation at `max_steps = 30·roomSize²`.
/// - Rooms: connected areas the doors separate.
/// - IDs: `Gridworld/KeyCorridorS3R1-v0`.
public struct KeyCorridorLevel: GridLevel {
    /// The side of each room.
    public var roomSize: Int
    /// The number of room rows.
    public var rows: Int

    /// A KeyCorridor level.
    public init(roomSize: Int, rows: Int) {
        self.roomSize = roomSize
        self.rows = rows
    }

    /// `30·roomSize²`.
    public var maxSteps: Int { 30 * roomSize * roomSize }
    /// False.
    public var seeThroughWalls: Bool { false }

    /// Builds the level.
    public func makeLayout(using stream: inout RandomStream) -> LevelLayout {
        var rooms = RoomGridBuilder(roomSize: roomSize, rows: rows, columns: 3, using: &stream)
        for j in 1..<max(rows, 1) { rooms.removeWall(1, j, wall: 3) }
        let lockedRow = stream.int(0, rows)
        let (color, _) = rooms.addDoor(2, lockedRow, wall: 2, locked: true, using: &stream)
        let ballColor = stream.color()
        rooms.addObject(2, lockedRow, .ball(ballColor), using: &stream)
        rooms.addObject(0, stream.int(0, rows), .key(color), using: &stream)
        rooms.placeAgent(1, rows / 2, using: &stream)
        rooms.connectAll(using: &stream)
        return LevelLayout(grid: rooms.grid, agentPosition: rooms.agent, agentDirection: rooms.direction,
                           mission: "pick up the \(ballColor.name) ball", task: .pickUp(.ball, ballColor),
                           roomIDs: RoomLabels.components(of: rooms.grid))
    }
}
