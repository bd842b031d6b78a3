/// Minigrid's object kinds with their `OBJECT_TO_IDX` indices (channel 0 of the encoding).
public enum ObjectKind: UInt8, CaseIterable, Sendable, Hashable, Codable {
    /// A cell outside the agent's sight.
    case unseen = 0
    /// A visible cell with nothing in it.
    case empty = 1
    /// An impassable wall that blocks sight.
    case wall = 2
    /// A floor tile the agent can walk on.
    case floor = 3
    /// A door, open, closed or locked.
    case door = 4
    /// A key that unlocks doors of its color.
    case key = 5
    /// A ball that can be picked up.
    case ball = 6
    /// A box that can be picked up and may hold an object.
    case box = 7
    /// The goal square.
    case goal = 8
    /// Lava: stepping onto it ends the episode with reward 0.
    case lava = 9
    /// The agent (only in the full-grid encoding).
    case agent = 10
}

/// Minigrid's six colors with their `COLOR_TO_IDX` indices (channel 1 of the encoding).
public enum GridColor: UInt8, CaseIterable, Sendable, Hashable, Codable {
    /// Red, index 0.
    case red = 0
    /// Green, index 1.
    case green = 1
    /// Blue, index 2.
    case blue = 2
    /// Purple, index 3.
    case purple = 3
    /// Yellow, index 4.
    case yellow = 4
    /// Grey, index 5.
    case grey = 5

    /// Minigrid's color name (`"red"`, ..., `"grey"`).
    public var name: String {
        switch self {
        case .red: "red"
        case .green: "green"
        case .blue: "blue"
        case .purple: "purple"
        case .yellow: "yellow"
        case .grey: "grey"
        }
    }

    /// Minigrid's `COLOR_NAMES` sorted alphabetically, the order `sorted(...)` gives in Python.
    public static let sortedByName: [GridColor] = [.blue, .green, .grey, .purple, .red, .yellow]
}

/// A door's state with Minigrid's indices (channel 2 of the encoding).
public enum DoorState: UInt8, Sendable, Hashable, Codable {
    /// Open: passable and see-through.
    case open = 0
    /// Closed but unlocked: `toggle` opens it.
    case closed = 1
    /// Locked: `toggle` opens it only while carrying a key of the door's color.
    case locked = 2
}

/// An object occupying a grid cell (Minigrid's `WorldObj` subclasses), as a value.
public indirect enum WorldObject: Sendable, Hashable, Codable {
    /// A wall (Minigrid's default color: grey).
    case wall(GridColor)
    /// A floor tile (default blue).
    case floor(GridColor)
    /// A door with its state.
    case door(GridColor, DoorState)
    /// A key (default blue).
    case key(GridColor)
    /// A ball (default blue).
    case ball(GridColor)
    /// A box, possibly holding another object that `toggle` reveals.
    case box(GridColor, contains: WorldObject?)
    /// The goal square (default green).
    case goal(GridColor)
    /// Lava (always red in Minigrid).
    case lava(GridColor)

    /// A grey wall.
    public static let greyWall = WorldObject.wall(.grey)
    /// A green goal.
    public static let greenGoal = WorldObject.goal(.green)
    /// Red lava.
    public static let redLava = WorldObject.lava(.red)

    /// The object's kind.
    public var kind: ObjectKind {
        switch self {
        case .wall: .wall
        case .floor: .floor
        case .door: .door
        case .key: .key
        case .ball: .ball
        case .box: .box
        case .goal: .goal
        case .lava: .lava
        }
    }

    /// The object's color.
    public var color: GridColor {
        switch self {
        case .wall(let c), .floor(let c), .door(let c, _), .key(let c), .ball(let c), .box(let c, _),
             .goal(let c), .lava(let c):
            c
        }
    }

    /// The door state, or nil for other objects.
    public var doorState: DoorState? {
        if case .door(_, let state) = self { return state }
        return nil
    }

    /// Minigrid's `can_overlap`: the agent may stand here (open doors, floor, goal, lava).
    public var canOverlap: Bool {
        switch self {
        case .floor, .goal, .lava: true
        case .door(_, let state): state == .open
        default: false
        }
    }

    /// Minigrid's `can_pickup`: keys, balls and boxes.
    public var canPickUp: Bool {
        switch self {
        case .key, .ball, .box: true
        default: false
        }
    }

    /// Minigrid's `see_behind`: walls and closed or locked doors block sight.
    public var seeBehind: Bool {
        switch self {
        case .wall: false
        case .door(_, let state): state == .open
        default: true
        }
    }

    /// The (object, color, state) triple of Minigrid's `encode`.
    public var encoding: (UInt8, UInt8, UInt8) {
        (kind.rawValue, color.rawValue, doorState?.rawValue ?? 0)
    }
}
