import PrismTensor

/// Minigrid's `UnlockEnv`: open a locked door with the key lying in the same room.
///
/// - Description: two 6×6 rooms side by side; the agent and the key are in the left one, the
///   locked door in the wall between them.
/// - Action Space: `Discrete(7)`: left, right, forward, pickup, drop, toggle, done.
/// - Observation Encoding: 7×7×3 (object, color, state).
/// - Rewards: `1 − 0.9·step_count/max_steps` when a toggle leaves the door open, 0 otherwise.
/// - Termination: door opened; truncation at `max_steps = 8·6² = 288`.
/// - Rooms: left 0, right 1.
/// - IDs: `Gridworld/Unlock-v0`.
public struct UnlockLevel: GridLevel {
    /// An Unlock level.
    public init() {}

    /// 288.
    public var maxSteps: Int { 8 * 6 * 6 }
    /// False.
    public var seeThroughWalls: Bool { false }

    /// Builds the level.
    public func makeLayout(using stream: inout RandomStream) -> LevelLayout {
        var rooms = RoomGridBuilder(roomSize: 6, rows: 1, columns: 2, using: &stream)
        let (color, door) = rooms.addDoor(0, 0, wall: 0, locked: true, using: &stream)
        rooms.addObject(0, 0, .key(color), using: &stream)
        rooms.placeAgent(0, 0, using: &stream)
        return LevelLayout(grid: rooms.grid, agentPosition: rooms.agent, agentDirection: rooms.direction,
                           mission: "open the door", task: .openDoor(door),
                           roomIDs: RoomLabels.components(of: rooms.grid))
    }
}
