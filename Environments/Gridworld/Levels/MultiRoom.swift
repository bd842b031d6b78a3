import PrismTensor

/// Minigrid's `MultiRoomEnv`: a chain of rooms joined by closed doors; the goal is in the last.
///
/// - Description: on a 25×25 grid, rooms of side 4 ... `maxRoomSize` are placed one after the
///   other, each entered through a door of a color different from the previous door's.
/// - Action Space: `Discrete(7)` (left, right, forward, toggle matter).
/// - Observation Encoding: 7×7×3 (object, color, state).
/// - Rewards: `1 − 0.9·step_count/max_steps` on reaching the goal, 0 otherwise.
/// - Termination: goal reached; truncation at `max_steps = 20·rooms`.
/// - Rooms: the generated room's index along the chain; a door takes the smaller index.
/// - IDs: `Gridworld/MultiRoom-N2-S4-v0` (2 rooms ≤ 4), `Gridworld/MultiRoom-N4-S5-v0` (4 rooms ≤ 5,
///   as the id says; Minigrid 3.2's legacy `-v0` id builds 6 rooms, its `-v1` builds 4).
public struct MultiRoomLevel: GridLevel {
    /// The number of rooms.
    public var rooms: Int
    /// The largest room side.
    public var maxRoomSize: Int
    /// The grid side.
    public var size: Int = 25

    /// A MultiRoom level.
    public init(rooms: Int, maxRoomSize: Int) {
        self.rooms = rooms
        self.maxRoomSize = maxRoomSize
    }

    /// `20·rooms`.
    public var maxSteps: Int { 20 * rooms }
    /// False.
    public var seeThroughWalls: Bool { false }

    private struct Room { var top: GridPosition; var size: (Int, Int); var entry: GridPosition }

    /// Builds the level.
    public func makeLayout(using stream: inout RandomStream) -> LevelLayout {
        var chain: [Room] = []
        while chain.count < rooms {
            var candidate: [Room] = []
            let entry = GridPosition(stream.int(0, size - 2), stream.int(0, size - 2))
            _ = placeRoom(left: rooms, chain: &candidate, entryWall: 2, entry: entry, using: &stream)
            if candidate.count > chain.count { chain = candidate }
        }
        var grid = Grid(width: size, height: size)
        var labels = [Int](repeating: -1, count: size * size)
        var previousColor: GridColor?
        for (index, room) in chain.enumerated() {
            let (w, h) = room.size
            grid.wallRectangle(x: room.top.x, y: room.top.y, width: w, height: h)
            for y in (room.top.y + 1)..<(room.top.y + h - 1) {
                for x in (room.top.x + 1)..<(room.top.x + w - 1) { labels[y * size + x] = index }
            }
            if index > 0 {
                let colors = GridColor.sortedByName.filter { $0 != previousColor }
                let color = stream.element(colors)
                grid[room.entry] = .door(color, .closed)
                previousColor = color
            }
        }
        RoomLabels.labelDoors(grid, &labels)
        let first = chain[0], last = chain[chain.count - 1]
        let agent = grid.place(nil, top: first.top, size: first.size, using: &stream) ?? GridPosition(1, 1)
        let direction = stream.int(0, 4)
        grid.place(.greenGoal, top: last.top, size: last.size, avoid: agent, using: &stream)
        return LevelLayout(grid: grid, agentPosition: agent, agentDirection: direction,
                           mission: "traverse the rooms to get to the goal", roomIDs: labels)
    }

    /// Minigrid's `_placeRoom`: tries to add a room entered through `entry` on wall `entryWall`,
    /// then recursively the following rooms (8 attempts each).
    private func placeRoom(
        left: Int, chain: inout [Room], entryWall: Int, entry: GridPosition, using stream: inout RandomStream
    ) -> Bool {
        let w = stream.int(4, maxRoomSize + 1)
        let h = stream.int(4, maxRoomSize + 1)
        var top: GridPosition
        if chain.isEmpty {
            top = entry
        } else {
            switch entryWall {
            case 0: top = GridPosition(entry.x - w + 1, stream.int(entry.y - h + 2, entry.y))
            case 1: top = GridPosition(stream.int(entry.x - w + 2, entry.x), entry.y - h + 1)
            case 2: top = GridPosition(entry.x, stream.int(entry.y - h + 2, entry.y))
            default: top = GridPosition(stream.int(entry.x - w + 2, entry.x), entry.y)
            }
        }
        if top.x < 0 || top.y < 0 || top.x + w > size || top.y + h >= size { return false }
        for room in chain.dropLast() {
            let separate = top.x + w < room.top.x || room.top.x + room.size.0 <= top.x
                || top.y + h < room.top.y || room.top.y + room.size.1 <= top.y
            if !separate { return false }
        }
        chain.append(Room(top: top, size: (w, h), entry: entry))
        if left == 1 { return true }
        for _ in 0..<8 {
            let exitWall = stream.element([0, 1, 2, 3].filter { $0 != entryWall })
            let exit: GridPosition
            switch exitWall {
            case 0: exit = GridPosition(top.x + w - 1, top.y + stream.int(1, h - 1))
            case 1: exit = GridPosition(top.x + stream.int(1, w - 1), top.y + h - 1)
            case 2: exit = GridPosition(top.x, top.y + stream.int(1, h - 1))
            default: exit = GridPosition(top.x + stream.int(1, w - 1), top.y)
            }
            if placeRoom(left: left - 1, chain: &chain, entryWall: (exitWall + 2) % 4, entry: exit, using: &stream) {
                break
            }
        }
        return true
    }
}
