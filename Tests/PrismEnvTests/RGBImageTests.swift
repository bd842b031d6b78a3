import Foundation
import PrismEnv
import Testing

/// PNG output: exact container bytes, checksums and a round trip through zlib via Python if present.
@Suite struct RGBImageTests {
    @Test func pngHasValidChunksAndChecksums() {
        var image = RGBImage(width: 2, height: 1, color: (255, 0, 0))
        image.set(x: 1, y: 0, color: (0, 0, 255))
        let bytes = [UInt8](image.pngData)
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // IHDR: length 13, "IHDR", width 2, height 1, depth 8, RGB.
        #expect(Array(bytes[8..<16]) == [0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
        #expect(Array(bytes[16..<29]) == [0, 0, 0, 2, 0, 0, 0, 1, 8, 2, 0, 0, 0])
        // CRC-32 of "IEND" is AE 42 60 82 (the constant every PNG ends with).
        #expect(Array(bytes.suffix(8)) == [0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])
        // The stored block carries the filtered rows verbatim.
        let scanline: [UInt8] = [0, 255, 0, 0, 0, 0, 255]
        #expect(bytes.indices.contains { Array(bytes[$0..<Swift.min(bytes.count, $0 + 7)]) == scanline })
    }

    @Test func fillShapesAndDraw() {
        var tile = RGBImage(width: 4, height: 4)
        tile.fill(x: 0, y: 0, size: 4, color: (9, 9, 9)) { u, v in u < 0.5 && v < 0.5 }
        #expect(tile[0, 0] == (9, 9, 9) && tile[1, 1] == (9, 9, 9) && tile[2, 2] == (0, 0, 0))
        var canvas = RGBImage(width: 8, height: 4, color: (1, 2, 3))
        canvas.draw(tile, atX: 4, y: 0)
        #expect(canvas[4, 0] == (9, 9, 9) && canvas[0, 0] == (1, 2, 3) && canvas[7, 3] == (0, 0, 0))
    }
}
