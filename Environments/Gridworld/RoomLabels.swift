/// Room ids for cells: the definition polychromic diversity counts rooms by.
public enum RoomLabels {
    /// Connected components (4-neighbour) of cells that are neither walls nor doors, numbered
    /// 0, 1, ... in row-major order of their first cell; a door takes the smallest id of its
    /// neighbouring rooms; walls are -1. Used by text maps, DoorKey, Unlock and KeyCorridor.
    public static func components(of grid: Grid) -> [Int] {
        var labels = [Int](repeating: -1, count: grid.width * grid.height)
        func isRoomCell(_ x: Int, _ y: Int) -> Bool {
            switch grid[x, y] {
            case .wall?, .door?: false
            default: true
            }
        }
        var next = 0
        for y in 0..<grid.height {
            for x in 0..<grid.width where labels[y * grid.width + x] < 0 && isRoomCell(x, y) {
                var stack = [GridPosition(x, y)]
                labels[y * grid.width + x] = next
                while let p = stack.popLast() {
                    for direction in 0..<4 {
                        let q = p.moved(direction)
                        guard grid.contains(q.x, q.y), labels[q.y * grid.width + q.x] < 0, isRoomCell(q.x, q.y) else { continue }
                        labels[q.y * grid.width + q.x] = next
                        stack.append(q)
                    }
                }
                next += 1
            }
        }
        labelDoors(grid, &labels)
        return labels
    }

    /// Gives every door cell the smallest room id among its four neighbours.
    public static func labelDoors(_ grid: Grid, _ labels: inout [Int]) {
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                guard case .door? = grid[x, y] else { continue }
                let neighbours = (0..<4).map { GridPosition(x, y).moved($0) }
                    .filter { grid.contains($0.x, $0.y) }
                    .map { labels[$0.y * grid.width + $0.x] }
                    .filter { $0 >= 0 }
                labels[y * grid.width + x] = neighbours.min() ?? -1
            }
        }
    }
}
