/// A scripted expert: breadth-first search for a shortest action sequence on the known full grid,
/// over states (position, direction, carried object, object positions, door states).
///
/// The search only takes useful actions: it never walks into lava, picks up keys that open a
/// locked door and the task's target, drops only in pickup tasks, and opens (never closes)
/// doors. It solves every catalogue level; use ``plan(from:)`` once after reset and replay it.
public struct GridworldExpert: Sendable {
    /// An expert.
    public init() {}

    private struct Node: Hashable {
        var cell: Int32
        var direction: Int8
        var carried: Int8
        var doors: UInt64
        var objects: [Int16]
    }

    /// A shortest action sequence that achieves the task from `state`, or nil when none exists.
    public func plan(from state: GridworldState) -> [GridAction]? {
        let grid = state.grid
        let width = grid.width
        var statics = grid.cells
        var doorIndex = [Int](repeating: -1, count: statics.count)
        var doorColors: [GridColor] = []
        var doors: UInt64 = 0
        var movables: [WorldObject] = []
        var objectCells: [Int16] = []
        for (index, cell) in grid.cells.enumerated() {
            switch cell {
            case .door(let color, let doorState)?:
                doorIndex[index] = doorColors.count
                doors |= UInt64(doorState.rawValue) << UInt64(2 * doorColors.count)
                doorColors.append(color)
                statics[index] = nil
            case let object? where object.canPickUp:
                movables.append(object)
                objectCells.append(Int16(index))
                statics[index] = nil
            default:
                break
            }
        }
        var carried: Int8 = -1
        if let held = state.carrying {
            carried = Int8(movables.count)
            movables.append(held)
            objectCells.append(-1)
        }
        let lockedColors = Set(doorColors.indices.filter { (doors >> UInt64(2 * $0)) & 3 == 2 }.map { doorColors[$0] })
        let useful: [Bool] = movables.map { object in
            switch (object, state.task) {
            case (.key(let color), _) where lockedColors.contains(color): true
            case (_, .pickUp(let kind, let color)): object.kind == kind && object.color == color
            default: false
            }
        }
        let canDrop: Bool = if case .pickUp = state.task { true } else { false }

        func object(at index: Int, _ node: Node) -> WorldObject? {
            let door = doorIndex[index]
            if door >= 0 {
                return .door(doorColors[door], DoorState(rawValue: UInt8((node.doors >> UInt64(2 * door)) & 3)) ?? .closed)
            }
            if let m = node.objects.firstIndex(of: Int16(index)) { return movables[m] }
            return statics[index]
        }

        let start = Node(cell: Int32(state.agentPosition.y * width + state.agentPosition.x),
                         direction: Int8(state.agentDirection), carried: carried, doors: doors, objects: objectCells)
        var nodes = [start]
        var parents = [-1]
        var actions: [GridAction] = [.done]
        var seen: Set<Node> = [start]
        var head = 0
        while head < nodes.count {
            let node = nodes[head]
            let position = GridPosition(Int(node.cell) % width, Int(node.cell) / width)
            let front = position.moved(Int(node.direction))
            let frontIndex = front.y * width + front.x
            let inside = grid.contains(front.x, front.y)
            let frontObject = inside ? object(at: frontIndex, node) : nil
            var successors: [(GridAction, Node?)] = []
            var left = node, right = node
            left.direction = (node.direction + 3) % 4
            right.direction = (node.direction + 1) % 4
            successors.append((.left, left))
            successors.append((.right, right))
            if inside {
                switch frontObject {
                case .goal?: successors.append((.forward, nil))
                case .lava?: break
                case let object? where !object.canOverlap: break
                default:
                    var moved = node
                    moved.cell = Int32(frontIndex)
                    successors.append((.forward, moved))
                }
                if let m = node.objects.firstIndex(of: Int16(frontIndex)), node.carried < 0, useful[m] {
                    if case .pickUp(let kind, let color) = state.task, movables[m].kind == kind, movables[m].color == color {
                        successors.append((.pickup, nil))
                    } else {
                        var picked = node
                        picked.carried = Int8(m)
                        picked.objects[m] = -1
                        successors.append((.pickup, picked))
                    }
                }
                if canDrop, node.carried >= 0, frontObject == nil {
                    var dropped = node
                    dropped.objects[Int(node.carried)] = Int16(frontIndex)
                    dropped.carried = -1
                    successors.append((.drop, dropped))
                }
                if case .door(let color, let doorState)? = frontObject, doorState != .open {
                    let key = node.carried >= 0 ? movables[Int(node.carried)] : nil
                    if doorState == .closed || key == .key(color) {
                        let door = doorIndex[frontIndex]
                        if case .openDoor(let target) = state.task, target == front {
                            successors.append((.toggle, nil))
                        } else {
                            var opened = node
                            opened.doors &= ~(UInt64(3) << UInt64(2 * door))
                            successors.append((.toggle, opened))
                        }
                    }
                }
                if case .goTo(let kind, let color) = state.task, frontObject?.kind == kind, frontObject?.color == color {
                    successors.append((.done, nil))
                }
            }
            for (action, next) in successors {
                guard let next else {
                    var path = [action]
                    var index = head
                    while parents[index] >= 0 {
                        path.append(actions[index])
                        index = parents[index]
                    }
                    return path.reversed()
                }
                if seen.insert(next).inserted {
                    nodes.append(next)
                    parents.append(head)
                    actions.append(action)
                }
            }
            head += 1
        }
        return nil
    }
}
