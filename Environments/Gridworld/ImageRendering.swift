import PrismEnv

extension GridworldState {
    /// A Minigrid-style picture of the whole grid (Minigrid's `render` / `get_full_render`),
    /// `tileSize·width` × `tileSize·height` pixels.
    ///
    /// Every cell is drawn as Minigrid's `Grid.render_tile` does: the tile is drawn at three times
    /// the size and averaged down (anti-aliasing), with grey grid lines on its top and left edges,
    /// then the cell's object (walls and goals filled, floor at half intensity, lava orange with
    /// black waves, doors, keys, balls and boxes as Minigrid draws them) and, on the agent's cell,
    /// a red triangle pointing in the agent's direction (0 right, 1 down, 2 left, 3 up). The
    /// carried object is not drawn, as in Minigrid.
    ///
    /// With `highlightView`, the cells the agent sees are blended 30 % toward white. These are
    /// exactly Minigrid's highlighted cells: the 7×7 egocentric view masked by the same
    /// visibility computation as the observation (``EgocentricView/visibility(of:)``, or the
    /// whole square when ``seeThroughWalls`` is set), clipped to the grid.
    public func renderImage(tileSize: Int = 32, highlightView: Bool = true) -> RGBImage {
        precondition(tileSize > 0, "renderImage: tileSize \(tileSize) must be positive")
        let highlighted = highlightView
            ? visibleCells()
            : [Bool](repeating: false, count: grid.width * grid.height)
        var image = RGBImage(width: tileSize * grid.width, height: tileSize * grid.height)
        var cache: [GridTile: RGBImage] = [:]
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                let isAgent = agentPosition == GridPosition(x, y)
                let key = GridTile(
                    object: grid[x, y], agentDirection: isAgent ? agentDirection & 3 : nil,
                    highlighted: highlighted[y * grid.width + x])
                let tile: RGBImage
                if let cached = cache[key] {
                    tile = cached
                } else {
                    tile = key.render(size: tileSize)
                    cache[key] = tile
                }
                image.draw(tile, atX: x * tileSize, y: y * tileSize)
            }
        }
        return image
    }

    /// The grid cells inside the agent's visible view, row-major (`y · width + x`): Minigrid's
    /// `highlight_mask` from `gen_obs_grid`'s visibility mask.
    func visibleCells() -> [Bool] {
        let size = EgocentricView.size
        let cells = EgocentricView.viewCells(of: self)
        let mask = seeThroughWalls
            ? [Bool](repeating: true, count: size * size)
            : EgocentricView.visibility(of: cells)
        var visible = [Bool](repeating: false, count: grid.width * grid.height)
        for vx in 0..<size {
            for vy in 0..<size where mask[vx * size + vy] {
                let p = EgocentricView.worldPosition(
                    viewX: vx, viewY: vy, agent: agentPosition, direction: agentDirection)
                if grid.contains(p.x, p.y) { visible[p.y * grid.width + p.x] = true }
            }
        }
        return visible
    }
}

extension GridworldEnvironment {
    /// A Minigrid-style picture of the current world; see
    /// ``GridworldState/renderImage(tileSize:highlightView:)``.
    public func renderImage(tileSize: Int = 32, highlightView: Bool = true) -> RGBImage {
        state.renderImage(tileSize: tileSize, highlightView: highlightView)
    }
}

extension RGBImage {
    /// Lays `frames` out row by row in a grid of `columns` columns (fewer when there are fewer
    /// frames), for episode strips and contact sheets.
    ///
    /// Every slot is as large as the largest frame; frames sit at the top-left of their slot.
    /// `padding` pixels of `background` separate the slots and surround the whole sheet, so the
    /// result is `c·w + (c+1)·padding` wide and `r·h + (r+1)·padding` high for `c` columns,
    /// `r = ⌈count / c⌉` rows and slot size `w × h`. An empty list gives a background-only image
    /// of `2·padding` square (at least 1×1).
    public static func strip(
        _ frames: [RGBImage], columns: Int, padding: Int = 4,
        background: (UInt8, UInt8, UInt8) = (255, 255, 255)
    ) -> RGBImage {
        precondition(columns > 0, "RGBImage.strip: columns \(columns) must be positive")
        precondition(padding >= 0, "RGBImage.strip: padding \(padding) must not be negative")
        guard !frames.isEmpty else {
            let side = Swift.max(1, 2 * padding)
            return RGBImage(width: side, height: side, color: background)
        }
        let columnCount = Swift.min(columns, frames.count)
        let rowCount = (frames.count + columnCount - 1) / columnCount
        let slotWidth = frames.map(\.width).max() ?? 1
        let slotHeight = frames.map(\.height).max() ?? 1
        var sheet = RGBImage(
            width: columnCount * slotWidth + (columnCount + 1) * padding,
            height: rowCount * slotHeight + (rowCount + 1) * padding,
            color: background)
        for (index, frame) in frames.enumerated() {
            let column = index % columnCount
            let row = index / columnCount
            let x = padding + column * (slotWidth + padding)
            sheet.draw(frame, atX: x, y: padding + row * (slotHeight + padding))
        }
        return sheet
    }
}
