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
        func blocks(_ i: Int, _ j: Int) -> Bool { cells[i * size + j].map { !$0.seeBehind } ?? false }
        mask[(size / 2) * size + size - 1] = true
        for j in stride(from: size - 1, through: 0, by: -1) {
            for i in 0..<(size - 1) where mask[i * size + j] && !blocks(i, j) {
                mask[(i + 1) * size + j] = true
                if j > 0 {
                    mask[(i + 1) * size + j - 1] = true
                    mask[i * size + j - 1] = true
                }
            }
            for i in stride(from: size - 1, through: 1, by: -1) where mask[i * size + j] && !blocks(i, j) {
                mask[(i - 1) * size + j] = true
                if j > 0 {
                    mask[(i - 1) * size + j - 1] = true
                    mask[i * size + j - 1] = true
                }
            }
        }
        return mask
    }

    /// The encoded observation image (`obs["image"]` flattened in numpy order, `[x][y][channel]`):
    /// unseen cells are 0, the agent's own cell shows the carried object (or empty).
    public static func encode(_ state: GridworldState) -> [UInt8] {
        var cells = viewCells(of: state)
        let mask = state.seeThroughWalls ? [Bool](repeating: true, count: size * size) : visibility(of: cells)
        cells[(size / 2) * size + size - 1] = state.carrying
        var image = [UInt8](repeating: 0, count: valueCount)
        for index in 0..<(size * size) where mask[index] {
            let (o, c, s) = cells[index]?.encoding ?? (ObjectKind.empty.rawValue, 0, 0)
            image[index * 3] = o
            image[index * 3 + 1] = c
            image[index * 3 + 2] = s
        }
        return image
    }
}
