import Foundation
import PrismEnv

/// One cell's picture as Minigrid's `Grid.render_tile` draws it; also the key of the per-render
/// tile cache (Minigrid's `tile_cache`).
struct GridTile: Hashable {
    /// The cell's object.
    var object: WorldObject?
    /// The agent's direction when the agent stands here.
    var agentDirection: Int?
    /// Whether the cell is in the agent's view.
    var highlighted: Bool

    /// Minigrid's supersampling factor (`subdivs`).
    static let subdivisions = 3

    /// An RGB color.
    typealias Color = (UInt8, UInt8, UInt8)
    /// A shape over the tile's [0, 1]² coordinates.
    typealias Shape = (Double, Double) -> Bool

    /// The tile, `size × size` pixels.
    func render(size: Int) -> RGBImage {
        let big = size * Self.subdivisions
        var image = RGBImage(width: big, height: big)
        let grey = Self.rgb(.grey)
        image.fill(x: 0, y: 0, size: big, color: grey, where: Self.rect(0, 0.031, 0, 1))
        image.fill(x: 0, y: 0, size: big, color: grey, where: Self.rect(0, 1, 0, 0.031))
        if let object { Self.draw(object, on: &image) }
        if let agentDirection {
            let triangle = Self.triangle((0.12, 0.19), (0.87, 0.50), (0.12, 0.81))
            let shape = Self.rotated(triangle, theta: 0.5 * Double.pi * Double(agentDirection))
            image.fill(x: 0, y: 0, size: big, color: (255, 0, 0), where: shape)
        }
        if highlighted { Self.highlight(&image) }
        return Self.downsample(image, by: Self.subdivisions)
    }

    /// Minigrid's `COLORS` table.
    static func rgb(_ color: GridColor) -> Color {
        switch color {
        case .red: (255, 0, 0)
        case .green: (0, 255, 0)
        case .blue: (0, 0, 255)
        case .purple: (112, 39, 195)
        case .yellow: (255, 255, 0)
        case .grey: (100, 100, 100)
        }
    }

    /// `color · factor`, truncated as numpy's float-to-uint8 assignment does.
    static func scaled(_ color: Color, _ factor: Double) -> Color {
        (UInt8(Double(color.0) * factor), UInt8(Double(color.1) * factor), UInt8(Double(color.2) * factor))
    }

    /// Draws `object` as its Minigrid `WorldObj.render` does.
    static func draw(_ object: WorldObject, on image: inout RGBImage) {
        let size = image.width
        func fill(_ color: Color, _ shape: @escaping Shape) {
            image.fill(x: 0, y: 0, size: size, color: color, where: shape)
        }
        let c = rgb(object.color)
        let black: Color = (0, 0, 0)
        switch object {
        case .wall, .goal:
            fill(c, rect(0, 1, 0, 1))
        case .floor:
            fill(scaled(c, 0.5), rect(0.031, 1, 0.031, 1))
        case .lava:
            fill((255, 128, 0), rect(0, 1, 0, 1))
            for i in 0..<3 {
                let low = 0.3 + 0.2 * Double(i)
                let high = 0.4 + 0.2 * Double(i)
                fill(black, line(0.1, low, 0.3, high, radius: 0.03))
                fill(black, line(0.3, high, 0.5, low, radius: 0.03))
                fill(black, line(0.5, low, 0.7, high, radius: 0.03))
                fill(black, line(0.7, high, 0.9, low, radius: 0.03))
            }
        case .door(_, .open):
            fill(c, rect(0.88, 1, 0, 1))
            fill(black, rect(0.92, 0.96, 0.04, 0.96))
        case .door(_, .locked):
            fill(c, rect(0, 1, 0, 1))
            fill(scaled(c, 0.45), rect(0.06, 0.94, 0.06, 0.94))
            fill(c, rect(0.52, 0.75, 0.50, 0.56))
        case .door(_, .closed):
            fill(c, rect(0, 1, 0, 1))
            fill(black, rect(0.04, 0.96, 0.04, 0.96))
            fill(c, rect(0.08, 0.92, 0.08, 0.92))
            fill(black, rect(0.12, 0.88, 0.12, 0.88))
            fill(c, circle(0.75, 0.5, radius: 0.08))
        case .key:
            fill(c, rect(0.50, 0.63, 0.31, 0.88))
            fill(c, rect(0.38, 0.50, 0.59, 0.66))
            fill(c, rect(0.38, 0.50, 0.81, 0.88))
            fill(c, circle(0.56, 0.28, radius: 0.190))
            fill(black, circle(0.56, 0.28, radius: 0.064))
        case .ball:
            fill(c, circle(0.5, 0.5, radius: 0.31))
        case .box:
            fill(c, rect(0.12, 0.88, 0.12, 0.88))
            fill(black, rect(0.18, 0.82, 0.18, 0.82))
            fill(c, rect(0.16, 0.84, 0.47, 0.53))
        }
    }

    /// Minigrid's `point_in_rect` (bounds inclusive).
    static func rect(_ xMin: Double, _ xMax: Double, _ yMin: Double, _ yMax: Double) -> Shape {
        { x, y in x >= xMin && x <= xMax && y >= yMin && y <= yMax }
    }

    /// Minigrid's `point_in_circle`.
    static func circle(_ cx: Double, _ cy: Double, radius r: Double) -> Shape {
        { x, y in (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r }
    }

    /// Minigrid's `point_in_line`: within `radius` of the segment (x0, y0)–(x1, y1).
    static func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, radius r: Double) -> Shape {
        let length = ((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0)).squareRoot()
        let (dx, dy) = ((x1 - x0) / length, (y1 - y0) / length)
        let (xMin, xMax) = (Swift.min(x0, x1) - r, Swift.max(x0, x1) + r)
        let (yMin, yMax) = (Swift.min(y0, y1) - r, Swift.max(y0, y1) + r)
        return { x, y in
            guard x >= xMin, x <= xMax, y >= yMin, y <= yMax else { return false }
            let along = Swift.min(Swift.max((x - x0) * dx + (y - y0) * dy, 0), length)
            let (px, py) = (x0 + along * dx, y0 + along * dy)
            return ((x - px) * (x - px) + (y - py) * (y - py)).squareRoot() <= r
        }
    }

    /// Minigrid's `point_in_triangle` (barycentric test).
    static func triangle(_ a: (Double, Double), _ b: (Double, Double), _ c: (Double, Double)) -> Shape {
        { x, y in
            let v0 = (c.0 - a.0, c.1 - a.1)
            let v1 = (b.0 - a.0, b.1 - a.1)
            let v2 = (x - a.0, y - a.1)
            let dot00 = v0.0 * v0.0 + v0.1 * v0.1
            let dot01 = v0.0 * v1.0 + v0.1 * v1.1
            let dot02 = v0.0 * v2.0 + v0.1 * v2.1
            let dot11 = v1.0 * v1.0 + v1.1 * v1.1
            let dot12 = v1.0 * v2.0 + v1.1 * v2.1
            let inverse = 1 / (dot00 * dot11 - dot01 * dot01)
            let u = (dot11 * dot02 - dot01 * dot12) * inverse
            let v = (dot00 * dot12 - dot01 * dot02) * inverse
            return u >= 0 && v >= 0 && u + v < 1
        }
    }

    /// Minigrid's `rotate_fn`: `shape` turned by `theta` (clockwise on screen) about the centre.
    static func rotated(_ shape: @escaping Shape, theta: Double) -> Shape {
        let (cosine, sine) = (cos(-theta), sin(-theta))
        return { x, y in
            let (rx, ry) = (x - 0.5, y - 0.5)
            return shape(0.5 + rx * cosine - ry * sine, 0.5 + ry * cosine + rx * sine)
        }
    }

    /// Minigrid's `highlight_img`: every pixel blended 30 % toward white.
    static func highlight(_ image: inout RGBImage) {
        func blend(_ value: UInt8) -> UInt8 { UInt8(Double(value) + 0.3 * (255 - Double(value))) }
        for y in 0..<image.height {
            for x in 0..<image.width {
                let (r, g, b) = image[x, y]
                image.set(x: x, y: y, color: (blend(r), blend(g), blend(b)))
            }
        }
    }

    /// Minigrid's `downsample`: the mean of each `factor × factor` block, truncated.
    static func downsample(_ image: RGBImage, by factor: Int) -> RGBImage {
        let width = image.width / factor
        let height = image.height / factor
        var out = RGBImage(width: width, height: height)
        let count = factor * factor
        for y in 0..<height {
            for x in 0..<width {
                var (r, g, b) = (0, 0, 0)
                for dy in 0..<factor {
                    for dx in 0..<factor {
                        let pixel = image[x * factor + dx, y * factor + dy]
                        r += Int(pixel.0)
                        g += Int(pixel.1)
                        b += Int(pixel.2)
                    }
                }
                out.set(x: x, y: y, color: (UInt8(r / count), UInt8(g / count), UInt8(b / count)))
            }
        }
        return out
    }
}
