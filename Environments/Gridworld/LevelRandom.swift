import PrismTensor

/// Minigrid's `_rand_*` helpers, drawn from a ``RandomStream`` instead of a hidden `np_random`.
extension RandomStream {
    /// A uniform integer in `low ..< high` (`_rand_int`).
    mutating func int(_ low: Int, _ high: Int) -> Int {
        precondition(high > low, "empty range \(low)..<\(high)")
        return low + nextInt(below: high - low)
    }

    /// A uniform element (`_rand_elem`).
    mutating func element<T>(_ items: [T]) -> T {
        items[nextInt(below: items.count)]
    }

    /// A fair coin (`_rand_bool`).
    mutating func bool() -> Bool { nextInt(below: 2) == 0 }

    /// A uniform color (`_rand_color`).
    mutating func color() -> GridColor { element(GridColor.allCases) }
}

extension Grid {
    /// Minigrid's `place_obj`: rejection-samples an empty cell in the rectangle (clipped to the
    /// grid) that is not `avoid` and passes `accept`, and puts `object` there (nothing when nil).
    /// Returns nil when `maxTries` draws all failed.
    @discardableResult
    mutating func place(
        _ object: WorldObject?, top: GridPosition = GridPosition(0, 0), size: (Int, Int)? = nil,
        avoid: GridPosition? = nil, maxTries: Int = 100_000, using stream: inout RandomStream,
        accept: (GridPosition) -> Bool = { _ in true }
    ) -> GridPosition? {
        let left = max(top.x, 0)
        let upper = max(top.y, 0)
        let (w, h) = size ?? (width, height)
        for _ in 0..<maxTries {
            let position = GridPosition(stream.int(left, min(left + w, width)), stream.int(upper, min(upper + h, height)))
            if self[position] != nil || position == avoid || !accept(position) { continue }
            if let object { self[position] = object }
            return position
        }
        return nil
    }
}
