import PrismTensor

/// Minigrid's `RoomGrid` helper: a `rows`×`columns` array of square rooms sharing walls, with a
/// door position drawn on every inner wall. KeyCorridor, Unlock and GoTo levels build on it.
struct RoomGridBuilder {
    struct Room {
        var top: GridPosition
        var doorPositions: [GridPosition?] = [nil, nil, nil, nil]
        var neighbours: [Int?] = [nil, nil, nil, nil]
        var hasOpening: [Bool] = [false, false, false, false]
        var locked = false
    }

    let roomSize: Int
    let rows: Int
    let columns: Int
    var grid: Grid
    var rooms: [Room] = []
    /// The agent's position; before `placeAgent` it is the centre of the middle room, as in Minigrid.
    var agent: GridPosition
    var direction = 0

    /// The walls of every room and a random door position on every inner wall (`_gen_grid`).
    init(roomSize: Int, rows: Int, columns: Int, using stream: inout RandomStream) {
        self.roomSize = roomSize
        self.rows = rows
        self.columns = columns
        grid = Grid(width: (roomSize - 1) * columns + 1, height: (roomSize - 1) * rows + 1)
        for j in 0..<rows {
            for i in 0..<columns {
                let room = Room(top: GridPosition(i * (roomSize - 1), j * (roomSize - 1)))
                grid.wallRectangle(x: room.top.x, y: room.top.y, width: roomSize, height: roomSize)
                rooms.append(room)
            }
        }
        for j in 0..<rows {
            for i in 0..<columns {
                let index = j * columns + i
                let top = rooms[index].top
                let (low, high) = ((top.x + 1, top.y + 1), (top.x + roomSize - 1, top.y + roomSize - 1))
                if i < columns - 1 {
                    rooms[index].neighbours[0] = index + 1
                    rooms[index].doorPositions[0] = GridPosition(high.0, stream.int(low.1, high.1))
                }
                if j < rows - 1 {
                    rooms[index].neighbours[1] = index + columns
                    rooms[index].doorPositions[1] = GridPosition(stream.int(low.0, high.0), high.1)
                }
                if i > 0 {
                    rooms[index].neighbours[2] = index - 1
                    rooms[index].doorPositions[2] = rooms[index - 1].doorPositions[0]
                }
                if j > 0 {
                    rooms[index].neighbours[3] = index - columns
                    rooms[index].doorPositions[3] = rooms[index - columns].doorPositions[1]
                }
            }
        }
        agent = GridPosition((columns / 2) * (roomSize - 1) + roomSize / 2, (rows / 2) * (roomSize - 1) + roomSize / 2)
    }

    func roomIndex(_ i: Int, _ j: Int) -> Int { j * columns + i }

    /// `add_door`: a door of `color` (random when nil) on wall `wall` of room (i, j).
    @discardableResult
    mutating func addDoor(_ i: Int, _ j: Int, wall: Int, color: GridColor? = nil, locked: Bool,
                          using stream: inout RandomStream) -> (GridColor, GridPosition) {
        let index = roomIndex(i, j)
        let doorColor = color ?? stream.color()
        rooms[index].locked = locked
        let position = rooms[index].doorPositions[wall] ?? GridPosition(0, 0)
        grid[position] = .door(doorColor, locked ? .locked : .closed)
        rooms[index].hasOpening[wall] = true
        if let neighbour = rooms[index].neighbours[wall] { rooms[neighbour].hasOpening[(wall + 2) % 4] = true }
        return (doorColor, position)
    }

    /// `remove_wall`: opens the whole wall `wall` of room (i, j).
    mutating func removeWall(_ i: Int, _ j: Int, wall: Int) {
        let index = roomIndex(i, j)
        let top = rooms[index].top
        for k in 1..<(roomSize - 1) {
            switch wall {
            case 0: grid[top.x + roomSize - 1, top.y + k] = nil
            case 1: grid[top.x + k, top.y + roomSize - 1] = nil
            case 2: grid[top.x, top.y + k] = nil
            default: grid[top.x + k, top.y] = nil
            }
        }
        rooms[index].hasOpening[wall] = true
        if let neighbour = rooms[index].neighbours[wall] { rooms[neighbour].hasOpening[(wall + 2) % 4] = true }
    }

    /// `add_object` / `place_in_room`: an object in room (i, j), not next to the agent.
    @discardableResult
    mutating func addObject(_ i: Int, _ j: Int, _ object: WorldObject, using stream: inout RandomStream) -> GridPosition? {
        let top = rooms[roomIndex(i, j)].top
        let agent = self.agent
        return grid.place(object, top: top, size: (roomSize, roomSize), avoid: agent, maxTries: 1000, using: &stream) {
            abs($0.x - agent.x) + abs($0.y - agent.y) >= 2
        }
    }

    /// `place_agent`: a random cell and direction in room (i, j) whose front cell is empty or a wall.
    mutating func placeAgent(_ i: Int, _ j: Int, using stream: inout RandomStream) {
        let top = rooms[roomIndex(i, j)].top
        while true {
            agent = grid.place(nil, top: top, size: (roomSize, roomSize), maxTries: 1000, using: &stream) ?? agent
            direction = stream.int(0, 4)
            let front = grid[agent.moved(direction)]
            if front == nil || front?.kind == .wall { break }
        }
    }

    /// `connect_all`: adds unlocked doors at random until every room is reachable from the agent's.
    mutating func connectAll(using stream: inout RandomStream) {
        let start = roomIndex(agent.x / (roomSize - 1), agent.y / (roomSize - 1))
        for _ in 0..<5000 {
            var reach: Set<Int> = []
            var stack = [start]
            while let room = stack.popLast() {
                guard reach.insert(room).inserted else { continue }
                for k in 0..<4 where rooms[room].hasOpening[k] { if let n = rooms[room].neighbours[k] { stack.append(n) } }
            }
            if reach.count == rows * columns { return }
            let i = stream.int(0, columns), j = stream.int(0, rows), k = stream.int(0, 4)
            let room = rooms[roomIndex(i, j)]
            guard room.doorPositions[k] != nil, !room.hasOpening[k], let n = room.neighbours[k],
                  !room.locked, !rooms[n].locked else { continue }
            let color = stream.color()
            addDoor(i, j, wall: k, color: color, locked: false, using: &stream)
        }
    }
}
