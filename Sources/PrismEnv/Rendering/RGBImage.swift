import Foundation

/// An 8-bit RGB raster for drawing environment frames, with PNG output.
public struct RGBImage: Equatable, Sendable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Row-major RGB bytes, `3 · width · height` of them.
    public private(set) var pixels: [UInt8]

    /// A `width × height` image filled with `color`.
    public init(width: Int, height: Int, color: (UInt8, UInt8, UInt8) = (0, 0, 0)) {
        precondition(width > 0 && height > 0, "RGBImage: size \(width)×\(height) must be positive")
        self.width = width
        self.height = height
        pixels = [UInt8](repeating: 0, count: 3 * width * height)
        fill(x: 0, y: 0, width: width, height: height, color: color)
    }

    /// The color at (x, y).
    public subscript(x: Int, y: Int) -> (UInt8, UInt8, UInt8) {
        let offset = 3 * (y * width + x)
        return (pixels[offset], pixels[offset + 1], pixels[offset + 2])
    }

    /// Sets the pixel at (x, y) when it lies inside the image.
    public mutating func set(x: Int, y: Int, color: (UInt8, UInt8, UInt8)) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let offset = 3 * (y * width + x)
        (pixels[offset], pixels[offset + 1], pixels[offset + 2]) = color
    }

    /// Fills the rectangle (clipped to the image).
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, color: (UInt8, UInt8, UInt8)) {
        for row in Swift.max(0, y)..<Swift.min(height, y + h) {
            for column in Swift.max(0, x)..<Swift.min(width, x + w) { set(x: column, y: row, color: color) }
        }
    }

    /// Sets every pixel whose centre, in coordinates relative to the square `(x, y, size)` scaled
    /// to [0, 1], satisfies `inside` (Minigrid's `fill_coords` with a shape function).
    public mutating func fill(
        x: Int, y: Int, size: Int, color: (UInt8, UInt8, UInt8), where inside: (Double, Double) -> Bool
    ) {
        for row in 0..<size {
            for column in 0..<size {
                let u = (Double(column) + 0.5) / Double(size)
                let v = (Double(row) + 0.5) / Double(size)
                if inside(u, v) { set(x: x + column, y: y + row, color: color) }
            }
        }
    }

    /// Copies `other` with its top-left corner at (x, y).
    public mutating func draw(_ other: RGBImage, atX x: Int, y: Int) {
        for row in 0..<other.height {
            for column in 0..<other.width { set(x: x + column, y: y + row, color: other[column, row]) }
        }
    }

    /// The image as a PNG file: 8-bit RGB, no interlace, zlib stream of stored (uncompressed)
    /// deflate blocks — valid for every PNG reader and simple enough to be obviously right.
    public var pngData: Data {
        var raw = [UInt8]()
        raw.reserveCapacity(height * (3 * width + 1))
        for row in 0..<height {
            raw.append(0)  // filter type None
            raw += pixels[(3 * width * row)..<(3 * width * (row + 1))]
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header = PNG.bigEndian(UInt32(width)) + PNG.bigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0]  // bit depth 8, color type RGB, deflate, adaptive filter, no interlace
        png += PNG.chunk("IHDR", header)
        png += PNG.chunk("IDAT", PNG.zlibStored(raw))
        png += PNG.chunk("IEND", [])
        return Data(png)
    }

    /// Writes the PNG atomically (temporary file, then rename).
    public func writePNG(to url: URL) throws {
        try pngData.write(to: url, options: .atomic)
    }
}

/// The pieces of the PNG container (ISO/IEC 15948) and the zlib stream (RFC 1950/1951).
enum PNG {
    static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in bytes { c = crcTable[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var (a, b): (UInt32, UInt32) = (1, 0)
        for byte in bytes {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        return b << 16 | a
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
    }

    /// A zlib stream holding `bytes` in stored deflate blocks of at most 65,535 bytes.
    static func zlibStored(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var start = 0
        repeat {
            let end = Swift.min(bytes.count, start + 65_535)
            let length = UInt16(end - start)
            out.append(end == bytes.count ? 1 : 0)
            out += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
            out += bytes[start..<end]
            start = end
        } while start < bytes.count
        return out + bigEndian(adler32(bytes))
    }
}
