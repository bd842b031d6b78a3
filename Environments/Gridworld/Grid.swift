/// A cell coordinate: `x` grows to the right, `y` grows downwards (row 0 is the top).
public struct GridPosition: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Column.
    public var x: Int
    /// Row.
    public var y: Int

    /// A position.
    public init(_ x: Int, _ y: Int) {
        self.x = x
        self.y = y
    }

    /// The neighbouring position one step in `direction`.
    public func moved(_ direction: Int) -> GridPosition {
        let (dx, dy) = Grid.directionVector(direction)
        return GridPosition(x + dx, y + dy)
    }

    /// `(x, y)`.
    public var description: String { "(\(x), \(y))" }
}

/// A rectangular grid of optional objects (Minigrid's `Grid`); `nil` is an empty cell.
public struct Grid: Hashable, Sendable, Codable {
    /// Number of columns.
    public let width: Int
    /// Number of rows.
    public let height: Int
    /// Cells in row-major order (`y * width + x`).
    public private(set) var cells: [WorldObject?]
    /// Each cell's encoding packed as `object | color << 8 | state << 16 | seesBehind << 24`, kept
    /// in step with ``cells`` so observations are encoded without touching the (boxed) objects.
    public private(set) var codes: [UInt32]

    /// An empty grid.
    public init(width: Int, height: Int) {
        precondition(width > 0 && height > 0, "a grid needs a positive size")
        self.width = width
        self.height = height
        cells = [WorldObject?](repeating: nil, count: width * height)
        codes = [UInt32](repeating: Grid.code(nil), count: width * height)
    }

    /// The packed encoding of a cell's content (see ``codes``).
    @inline(__always)
    public static func code(_ object: WorldObject?) -> UInt32 {
        guard let object else { return UInt32(ObjectKind.empty.rawValue) | 1 << 24 }
        let (o, c, s) = object.encoding
        return UInt32(o) | UInt32(c) << 8 | UInt32(s) << 16 | (object.seeBehind ? 1 << 24 : 0)
    }

    /// The packed encoding a grey wall has (cells outside the grid look like one).
    public static let wallCode = code(.greyWall)

    /// Minigrid's `DIR_TO_VEC`: 0 right (+x), 1 down (+y), 2 left, 3 up.
    public static func directionVector(_ direction: Int) -> (Int, Int) {
        switch direction & 3 {
        case 0: (1, 0)
        case 1: (0, 1)
        case 2: (-1, 0)
        default: (0, -1)
        }
    }

    /// Whether `(x, y)` lies inside the grid.
    @inline(__always)
    public func contains(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// The object at `(x, y)`; reading outside the grid gives nil.
    public subscript(x: Int, y: Int) -> WorldObject? {
        get { contains(x, y) ? cells[y * width + x] : nil }
        set {
            precondition(contains(x, y), "cell (\(x), \(y)) is outside the \(width)×\(height) grid")
            cells[y * width + x] = newValue
            codes[y * width + x] = Grid.code(newValue)
        }
    }

    /// The object at `position`.
    public subscript(position: GridPosition) -> WorldObject? {
        get { self[position.x, position.y] }
        set { self[position.x, position.y] = newValue }
    }

    /// A horizontal line of `object` from `(x, y)`, `length` cells long (to the right edge when nil).
    public mutating func horizontalWall(x: Int, y: Int, length: Int? = nil, object: WorldObject = .greyWall) {
        for i in 0..<(length ?? width - x) { self[x + i, y] = object }
    }

    /// A vertical line of `object` from `(x, y)`, `length` cells long (to the bottom edge when nil).
    public mutating func verticalWall(x: Int, y: Int, length: Int? = nil, object: WorldObject = .greyWall) {
        for j in 0..<(length ?? height - y) { self[x, y + j] = object }
    }

    /// The outline of the rectangle with top-left `(x, y)` and size `w`×`h` in walls (`wall_rect`).
    public mutating func wallRectangle(x: Int, y: Int, width w: Int, height h: Int) {
        horizontalWall(x: x, y: y, length: w)
        horizontalWall(x: x, y: y + h - 1, length: w)
        verticalWall(x: x, y: y, length: h)
        verticalWall(x: x + w - 1, y: y, length: h)
    }

    /// A `size × size` room walled all round with a green goal in the bottom-right inner corner:
    /// the start of Minigrid's Empty, LavaGap and crossing levels.
    public static func walledSquareWithGoal(size: Int) -> Grid {
        var grid = Grid(width: size, height: size)
        grid.wallRectangle(x: 0, y: 0, width: size, height: size)
        grid[size - 2, size - 2] = .greenGoal
        return grid
    }

    /// Minigrid's full-grid encoding (`Grid.encode()`), indexed `[x][y][channel]` and flattened.
    public func encoded() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: width * height * 3)
        for x in 0..<width {
            for y in 0..<height {
                let base = (x * height + y) * 3
                let (o, c, s) = self[x, y]?.encoding ?? (ObjectKind.empty.rawValue, 0, 0)
                out[base] = o
                out[base + 1] = c
                out[base + 2] = s
            }
        }
        return out
    }
}
