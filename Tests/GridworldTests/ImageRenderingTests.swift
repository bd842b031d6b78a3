import Foundation
import Gridworld
import PrismEnv
import Testing

/// Minigrid-style image rendering of gridworld states and the frame strip layout.
@Suite struct ImageRenderingTests {
    typealias Color = (UInt8, UInt8, UInt8)

    static func state(_ rows: [String]) throws -> GridworldState {
        var env = try Gridworld.make(mapText: rows.joined(separator: "\n"))
        _ = env.reset(seed: 0)
        return env.state
    }

    /// The pixel at the fraction (u, v) of cell (x, y)'s tile.
    static func pixel(
        _ image: RGBImage, cell x: Int, _ y: Int, u: Double = 0.5, v: Double = 0.5, tile: Int = 32
    ) -> Color {
        image[x * tile + Int(u * Double(tile)), y * tile + Int(v * Double(tile))]
    }

    static func same(_ a: Color, _ b: Color) -> Bool { a.0 == b.0 && a.1 == b.1 && a.2 == b.2 }

    static func isRed(_ c: Color) -> Bool { c.0 >= 128 && c.1 < 50 && c.2 < 50 }

    static let corridor = ["WEWEWEWEWEWE", "WE>>    GGWE", "WEWEWEWEWEWE"]

    @Test func imageSizeIsTileSizeTimesGrid() throws {
        let state = try Self.state(Self.corridor)
        let image = state.renderImage()
        #expect(image.width == 32 * 6 && image.height == 32 * 3)
        let small = state.renderImage(tileSize: 8, highlightView: false)
        #expect(small.width == 48 && small.height == 24)
    }

    @Test func wallIsGreyAndGoalIsGreen() throws {
        let image = try Self.state(Self.corridor).renderImage(highlightView: false)
        #expect(Self.same(Self.pixel(image, cell: 0, 0), (100, 100, 100)))
        #expect(Self.same(Self.pixel(image, cell: 4, 1), (0, 255, 0)))
        // Empty cells are black with grey grid lines on their top and left edges.
        #expect(Self.same(Self.pixel(image, cell: 2, 1), (0, 0, 0)))
        #expect(Self.same(image[2 * 32, 32 + 16], (100, 100, 100)))
        #expect(Self.same(image[2 * 32 + 16, 32], (100, 100, 100)))
    }

    @Test(arguments: [(">>", 0), ("vv", 1), ("<<", 2), ("^^", 3)])
    func agentTrianglePointsItsWay(symbol: String, direction: Int) throws {
        let state = try Self.state(["WEWEWE", "WE\(symbol)WE", "WEWEWE"])
        #expect(state.agentDirection == direction)
        let image = state.renderImage(highlightView: false)
        /// Probe (u, v) given for direction 0 (pointing right), turned to `direction`.
        func probe(_ u: Double, _ v: Double) -> Color {
            let (ru, rv): (Double, Double)
            switch direction {
            case 0: (ru, rv) = (u, v)
            case 1: (ru, rv) = (1 - v, u)
            case 2: (ru, rv) = (1 - u, 1 - v)
            default: (ru, rv) = (v, 1 - u)
            }
            return Self.pixel(image, cell: 1, 1, u: ru, v: rv)
        }
        #expect(Self.isRed(probe(0.78, 0.5)), "tip side")
        #expect(Self.isRed(probe(0.2, 0.5)), "base")
        #expect(!Self.isRed(probe(0.85, 0.15)) && !Self.isRed(probe(0.85, 0.85)), "corners beside the tip")
        #expect(!Self.isRed(probe(0.06, 0.06)) && !Self.isRed(probe(0.94, 0.06)), "tile corners")
    }

    @Test func highlightBrightensCellsInView() throws {
        let wall = String(repeating: "WE", count: 11)
        let state = try Self.state([wall, "WE    >>          GGWE", wall])
        let lit = state.renderImage()
        let plain = state.renderImage(highlightView: false)
        // Behind the agent: out of view, unchanged.
        #expect(Self.same(Self.pixel(lit, cell: 1, 1), (0, 0, 0)))
        #expect(Self.same(Self.pixel(lit, cell: 0, 1), (100, 100, 100)))
        // In front, within six cells: blended 30 % toward white.
        #expect(Self.same(Self.pixel(plain, cell: 5, 1), (0, 0, 0)))
        #expect(Self.same(Self.pixel(lit, cell: 5, 1), (76, 76, 76)))
        #expect(Self.same(Self.pixel(lit, cell: 9, 0), (146, 146, 146)))
        // Seven cells ahead: past the 7×7 view.
        #expect(Self.same(Self.pixel(lit, cell: 10, 1), (100, 100, 100)))
        // The agent's own tile is highlighted too: its black background turns grey.
        #expect(Self.same(Self.pixel(lit, cell: 3, 1, u: 0.9, v: 0.1), (76, 76, 76)))
        #expect(Self.same(Self.pixel(lit, cell: 3, 1), (255, 76, 76)), "highlighted red")
    }

    @Test func highlightFollowsTheVisibilityMask() throws {
        let state = try Self.state(["WEWEWEWEWEWE", "WE>>WE    WE", "WEWEWEWEWEWE"])
        let image = state.renderImage()
        #expect(Self.same(Self.pixel(image, cell: 2, 1), (146, 146, 146)), "the wall ahead is seen")
        #expect(Self.same(Self.pixel(image, cell: 3, 1), (0, 0, 0)), "the cell behind it is hidden")
    }

    @Test func objectsAreDrawnAsInMinigrid() throws {
        let state = try Self.state([
            "WEWEWEWEWEWEWEWEWEWEWE",
            "WE>>FBABBBLYDROGVRKPWE",
            "WEWEWEWEWEWEWEWEWEWEWE",
        ])
        let image = state.renderImage(highlightView: false)
        func at(_ x: Int, _ u: Double, _ v: Double) -> Color { Self.pixel(image, cell: x, 1, u: u, v: v) }
        #expect(Self.same(at(2, 0.5, 0.5), (0, 0, 127)), "floor at half intensity")
        #expect(Self.same(at(3, 0.5, 0.5), (0, 0, 255)), "ball")
        #expect(Self.same(at(3, 0.06, 0.5), (0, 0, 0)), "ball edge")
        #expect(Self.same(at(4, 0.5, 0.5), (0, 0, 255)), "box lid line")
        #expect(Self.same(at(4, 0.3, 0.3), (0, 0, 0)), "box inside")
        #expect(Self.same(at(4, 0.14, 0.3), (0, 0, 255)), "box outline")
        #expect(Self.same(at(5, 0.3, 0.3), (114, 114, 0)), "locked door: dark inset")
        #expect(Self.same(at(5, 0.6, 0.51), (255, 255, 0)), "locked door: key slot")
        #expect(Self.same(at(6, 0.5, 0.5), (0, 0, 0)), "closed door: dark inside")
        #expect(Self.same(at(6, 0.75, 0.5), (255, 0, 0)), "closed door: handle")
        #expect(Self.same(at(6, 0.1, 0.5), (255, 0, 0)), "closed door: frame")
        #expect(Self.same(at(7, 0.5, 0.5), (0, 0, 0)), "open door: empty middle")
        #expect(Self.same(at(7, 0.98, 0.5), (0, 255, 0)), "open door: edge")
        #expect(Self.same(at(8, 0.5, 0.15), (255, 128, 0)), "lava")
        #expect(Self.same(at(8, 0.5, 0.5), (0, 0, 0)), "lava wave")
        #expect(Self.same(at(9, 0.56, 0.6), (112, 39, 195)), "key shaft")
        #expect(Self.same(at(9, 0.56, 0.28), (0, 0, 0)), "key ring hole")
        #expect(Self.same(at(9, 0.42, 0.28), (112, 39, 195)), "key ring")
    }

    @Test func stripLaysFramesOutRowByRow() {
        let colors: [Color] = [(10, 0, 0), (20, 0, 0), (30, 0, 0), (40, 0, 0), (50, 0, 0)]
        let frames = colors.map { RGBImage(width: 10, height: 8, color: $0) }
        let sheet = RGBImage.strip(frames, columns: 3, padding: 4, background: (1, 2, 3))
        #expect(sheet.width == 3 * 10 + 4 * 4 && sheet.height == 2 * 8 + 3 * 4)
        for (index, color) in colors.enumerated() {
            let x = 4 + (index % 3) * 14
            let y = 4 + (index / 3) * 12
            #expect(Self.same(sheet[x, y], color) && Self.same(sheet[x + 9, y + 7], color))
            #expect(Self.same(sheet[x - 1, y], (1, 2, 3)) && Self.same(sheet[x + 10, y + 8], (1, 2, 3)))
        }
        #expect(Self.same(sheet[4 + 2 * 14 + 5, 16 + 4], (1, 2, 3)), "the unused sixth slot")
        #expect(Self.same(sheet[0, 0], (1, 2, 3)))
    }

    @Test func stripUsesTheLargestFrameAndClampsColumns() {
        let frames = [RGBImage(width: 5, height: 5, color: (9, 9, 9)), RGBImage(width: 7, height: 3)]
        let sheet = RGBImage.strip(frames, columns: 10, padding: 2)
        #expect(sheet.width == 2 * 7 + 3 * 2 && sheet.height == 5 + 2 * 2)
        #expect(Self.same(sheet[2, 2], (9, 9, 9)) && Self.same(sheet[2 + 7 + 2, 2], (0, 0, 0)))
        #expect(Self.same(sheet[2 + 7 + 2, 2 + 4], (255, 255, 255)), "below the shorter frame")
        let empty = RGBImage.strip([], columns: 3)
        #expect(empty.width == 8 && empty.height == 8)
    }

    @Test func doorKeyRendersAndWritesPNG() throws {
        let made = Gridworld.make("DoorKey-5x5", seed: 1)
        var env = try #require(made)
        _ = env.reset(seed: 1)
        let image = env.renderImage()
        #expect(image.width == 160 && image.height == 160)
        #expect(image == env.state.renderImage())
        let plain = env.renderImage(highlightView: false)
        let grid = env.state.grid
        var seen: Set<ObjectKind> = []
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                guard let object = grid[x, y] else { continue }
                seen.insert(object.kind)
                if object.kind == .goal { #expect(Self.same(Self.pixel(plain, cell: x, y), (0, 255, 0))) }
                if object.kind == .wall { #expect(Self.same(Self.pixel(plain, cell: x, y), (100, 100, 100))) }
            }
        }
        #expect(seen.isSuperset(of: [.wall, .goal, .door, .key]))
        let agent = env.state.agentPosition
        #expect(Self.isRed(Self.pixel(plain, cell: agent.x, agent.y)))

        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("prism-render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("doorkey.png")
        try image.writePNG(to: url)
        let bytes = [UInt8](try Data(contentsOf: url))
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])

        // PRISM_RENDER_DIR=/some/dir keeps a frame and an episode strip for looking at by eye.
        if let out = ProcessInfo.processInfo.environment["PRISM_RENDER_DIR"] {
            let outDirectory = URL(fileURLWithPath: out)
            try image.writePNG(to: outDirectory.appendingPathComponent("doorkey.png"))
            var frames = [env.renderImage(tileSize: 16)]
            for action in [GridAction.left, .forward, .right, .forward, .left, .forward, .pickup] {
                guard env.isRunning else { break }
                _ = try env.step(action.rawValue)
                frames.append(env.renderImage(tileSize: 16))
            }
            let sheet = RGBImage.strip(frames, columns: 4)
            try sheet.writePNG(to: outDirectory.appendingPathComponent("strip.png"))
        }
    }
}
