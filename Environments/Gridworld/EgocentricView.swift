/// Minigrid's partial observation: the 7×7 egocentric view (`gen_obs_grid`), its visibility mask
/// (`process_vis`) and the (object, color, state) encoding (`Grid.encode(vis_mask)`).
public enum EgocentricView {
    /// The view's side (`agent_view_size`).
    public static let size = 7
    /// The number of values in an encoded view (7·7·3).
    public static let valueCount = size * size * 3

    /// The world cell seen at view cell `(vx, vy)`: the agent is at `(3, 6)` facing up (−vy).
    @inline(__always)
    public static func worldPosition(viewX vx: Int, viewY vy: Int, agent: GridPosition, direction: Int) -> GridPosition {
        let (dx, dy) = Grid.directionVector(direction)
        let forward = size - 1 - vy
        let right = vx - size / 2
        return GridPosition(agent.x + dx * forward - dy * right, agent.y + dy * forward + dx * right)
    }

    /// The 7×7 view cells, indexed `vx * 7 + vy`: cells outside the grid are grey walls.
    public static func viewCells(of state: GridworldState) -> [WorldObject?] {
        var cells = [WorldObject?](repeating: nil, count: size * size)
        for vx in 0..<size {
            for vy in 0..<size {
                let p = worldPosition(viewX: vx, viewY: vy, agent: state.agentPosition, direction: state.agentDirection)
                cells[vx * size + vy] = state.grid.contains(p.x, p.y) ? state.grid[p] : .greyWall
            }
        }
        return cells
    }

    /// Minigrid's `process_vis`: sight spreads from the agent up the view, row by row, first to
    /// the right then to the left, and stops behind cells that do not `see_behind`.
    /// Indexed `vx * 7 + vy`.
    public static func visibility(of cells: [WorldObject?]) -> [Bool] {
        var mask = [Bool](repeating: false, count: size * size)
        mask.withUnsafeMutableBufferPointer { spreadSight(into: $0) { cells[$0].map { !$0.seeBehind } ?? false } }
        return mask
    }

    /// The sight-spreading rule of ``visibility(of:)`` over any view: `blocks(i * 7 + j)` says
    /// whether view cell `(i, j)` stops sight. `mask` must hold 49 `false` values.
    @inline(__always)
    static func spreadSight(into mask: UnsafeMutableBufferPointer<Bool>, blocks: (Int) -> Bool) {
        mask[(size / 2) * size + size - 1] = true
        for j in stride(from: size - 1, through: 0, by: -1) {
            for i in 0..<(size - 1) where mask[i * size + j] && !blocks(i * size + j) {
                mask[(i + 1) * size + j] = true
                if j > 0 {
                    mask[(i + 1) * size + j - 1] = true
                    mask[i * size + j - 1] = true
                }
            }
            for i in stride(from: size - 1, through: 1, by: -1) where mask[i * size + j] && !blocks(i * size + j) {
                mask[(i - 1) * size + j] = true
                if j > 0 {
                    mask[(i - 1) * size + j - 1] = true
                    mask[i * size + j - 1] = true
                }
            }
        }
    }

    /// The encoded observation image (`obs["image"]` flattened in numpy order, `[x][y][channel]`):
    /// unseen cells are 0, the agent's own cell shows the carried object (or empty). Works on the
    /// grid's packed ``Grid/codes`` with stack buffers: one allocation (the result) per call.
    public static func encode(_ state: GridworldState) -> [UInt8] {
        let grid = state.grid
        let (dx, dy) = Grid.directionVector(state.agentDirection)
        let agent = state.agentPosition
        let wallCode = Grid.wallCode
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: size * size) { view in
            grid.codes.withUnsafeBufferPointer { codes in
                for vx in 0..<size {
                    for vy in 0..<size {
                        let forward = size - 1 - vy
                        let right = vx - size / 2
                        let x = agent.x + dx * forward - dy * right
                        let y = agent.y + dy * forward + dx * right
                        view[vx * size + vy] = grid.contains(x, y) ? codes[y * grid.width + x] : wallCode
                    }
                }
            }
            return withUnsafeTemporaryAllocation(of: Bool.self, capacity: size * size) { mask in
                mask.initialize(repeating: state.seeThroughWalls)
                if !state.seeThroughWalls { spreadSight(into: mask) { view[$0] & (1 << 24) == 0 } }
                view[(size / 2) * size + size - 1] = Grid.code(state.carrying)
                return [UInt8](unsafeUninitializedCapacity: valueCount) { image, count in
                    for index in 0..<(size * size) {
                        let code = mask[index] ? view[index] : 0
                        image[index * 3] = UInt8(truncatingIfNeeded: code)
                        image[index * 3 + 1] = UInt8(truncatingIfNeeded: code >> 8)
                        image[index * 3 + 2] = UInt8(truncatingIfNeeded: code >> 16)
                    }
                    count = valueCount
                }
            }
        }
    }
}
