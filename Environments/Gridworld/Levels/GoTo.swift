import PrismTensor

/// BabyAI's `GoToRedBall` with done actions: go to the red ball among distractors, then say done.
///
/// - Description: one 8×8 room with a red ball and 7 distractors (random keys, balls and boxes,
///   never another red ball), all reachable; the agent starts at a random cell and direction.
/// - Action Space: `Discrete(7)`; `done` ends the episode.
/// - Observation Encoding: 7×7×3 (object, color, state).
/// - Rewards: `1 − 0.9·step_count/max_steps` for `done` while facing the red ball; `done` facing
///   anything else terminates with 0 (BabyAI's verifier with `use_done_actions`).
/// - Termination: `done`; truncation at `max_steps = room_size² = 64`.
/// - IDs: `Gridworld/GoToRedBall-v0`.
public struct GoToLevel: GridLevel {
    /// The number of distractor objects.
    public var distractors: Int

    /// A GoTo level.
    public init(distractors: Int = 7) { self.distractors = distractors }

    /// 64 (BabyAI: navigations needed · room_size² · rooms).
    public var maxSteps: Int { 64 }
    /// False.
    public var seeThroughWalls: Bool { false }

    /// Builds the level, regenerating until every object can be reached (`check_objs_reachable`).
    public func makeLayout(using stream: inout RandomStream) -> LevelLayout {
        while true {
            var rooms = RoomGridBuilder(roomSize: 8, rows: 1, columns: 1, using: &stream)
            rooms.placeAgent(0, 0, using: &stream)
            rooms.addObject(0, 0, .ball(.red), using: &stream)
            var added = 0
            while added < distractors {
                let color = stream.color()
                let kind = stream.element([ObjectKind.key, .ball, .box])
                if kind == .ball && color == .red { continue }
                let object: WorldObject = kind == .key ? .key(color) : kind == .ball ? .ball(color) : .box(color, contains: nil)
                rooms.addObject(0, 0, object, using: &stream)
                added += 1
            }
            if Self.allObjectsReachable(rooms.grid, from: rooms.agent) {
                return LevelLayout(grid: rooms.grid, agentPosition: rooms.agent, agentDirection: rooms.direction,
                                   mission: "go to the red ball", task: .goTo(.ball, .red))
            }
        }
    }

    /// Whether every object is next to a cell the agent can walk to.
    static func allObjectsReachable(_ grid: Grid, from start: GridPosition) -> Bool {
        var seen: Set<GridPosition> = [start]
        var stack = [start]
        while let p = stack.popLast() {
            for d in 0..<4 {
                let q = p.moved(d)
                if grid.contains(q.x, q.y), grid[q] == nil, seen.insert(q).inserted { stack.append(q) }
            }
        }
        for y in 0..<grid.height {
            for x in 0..<grid.width where grid[x, y]?.canPickUp == true {
                if !(0..<4).contains(where: { seen.contains(GridPosition(x, y).moved($0)) }) { return false }
            }
        }
        return true
    }
}
