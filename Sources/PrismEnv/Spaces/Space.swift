import Foundation
import PrismTensor

/// The set of valid observations or actions of an environment (Gymnasium's `spaces`), with
/// membership, seeded sampling and Minari's JSON form.
public indirect enum Space: Hashable, Sendable {
    /// Integers `start ..< start + count` (Gymnasium `Discrete(n, start)`).
    case discrete(count: Int, start: Int = 0)
    /// Row-major arrays of `shape` with element-wise bounds `low`/`high` (full arrays, as Minari
    /// stores them) and an element type.
    case box(low: [Float], high: [Float], shape: [Int], elementType: BoxElementType)
    /// Integer vectors with `start[i] ≤ x[i] < start[i] + counts[i]`.
    case multiDiscrete(counts: [Int], start: [Int])
    /// Strings of `minLength ... maxLength` characters drawn from `charset`.
    case text(minLength: Int, maxLength: Int, charset: String)
    /// Named subspaces; JSON and sampling visit keys in sorted order, as Gymnasium's `Dict` does.
    case dict([String: Space])

    /// A box with the same bounds everywhere.
    public static func box(low: Float, high: Float, shape: [Int], elementType: BoxElementType = .float32) -> Space {
        let count = Shape.count(shape)
        return .box(low: [Float](repeating: low, count: count), high: [Float](repeating: high, count: count),
                    shape: shape, elementType: elementType)
    }

    /// Whether `value` is an element of this space (right form, size, bounds and integrality).
    public func contains(_ value: SpaceValue) -> Bool {
        switch (self, value) {
        case let (.discrete(count, start), .discrete(x)):
            return x >= start && x < start + count
        case let (.box(low, high, shape, elementType), .box(values)):
            guard values.count == Shape.count(shape) else { return false }
            for (index, x) in values.enumerated() {
                guard x >= low[index] && x <= high[index] else { return false }
                if elementType != .float32 && x != x.rounded() { return false }
            }
            return true
        case let (.multiDiscrete(counts, start), .multiDiscrete(xs)):
            guard xs.count == counts.count else { return false }
            return xs.indices.allSatisfy { xs[$0] >= start[$0] && xs[$0] < start[$0] + counts[$0] }
        case let (.text(minLength, maxLength, charset), .text(string)):
            let allowed = Set(charset)
            return string.count >= minLength && string.count <= maxLength && string.allSatisfy(allowed.contains)
        case let (.dict(spaces), .dict(values)):
            guard Set(spaces.keys) == Set(values.keys) else { return false }
            return spaces.allSatisfy { key, space in values[key].map(space.contains) ?? false }
        default:
            return false
        }
    }

    /// A random element drawn from `stream` (Gymnasium's `sample`): uniform for discrete, bounded
    /// and integer spaces; N(0, 1) on unbounded box coordinates, shifted exponential on half-bounded ones.
    public func sample(using stream: inout RandomStream) -> SpaceValue {
        switch self {
        case let .discrete(count, start):
            return .discrete(start + stream.nextInt(below: count))
        case let .box(low, high, _, elementType):
            return .box(low.indices.map { sampleCoordinate(low[$0], high[$0], elementType, &stream) })
        case let .multiDiscrete(counts, start):
            return .multiDiscrete(counts.indices.map { start[$0] + stream.nextInt(below: counts[$0]) })
        case let .text(minLength, maxLength, charset):
            let characters = Array(charset)
            let length = minLength + stream.nextInt(below: maxLength - minLength + 1)
            return .text(String((0..<length).map { _ in characters[stream.nextInt(below: characters.count)] }))
        case let .dict(spaces):
            var values: [String: SpaceValue] = [:]
            for key in spaces.keys.sorted() { values[key] = spaces[key]?.sample(using: &stream) }
            return .dict(values)
        }
    }

    private func sampleCoordinate(
        _ low: Float, _ high: Float, _ elementType: BoxElementType, _ stream: inout RandomStream
    ) -> Float {
        switch (low.isFinite, high.isFinite) {
        case (true, true) where elementType != .float32:
            return low.rounded(.up) + Float(stream.nextInt(below: Int(high.rounded(.down) - low.rounded(.up)) + 1))
        case (true, true):
            return high > low ? stream.uniform(in: low..<high) : low
        case (true, false):
            return low - Float(Foundation.log(1 - stream.nextDouble()))
        case (false, true):
            return high + Float(Foundation.log(1 - stream.nextDouble()))
        case (false, false):
            return stream.normal()
        }
    }
}

/// The stored element type of a box (Minari and HDF5 keep it; Minigrid images are `uint8`).
public enum BoxElementType: String, Hashable, Sendable, Codable {
    case float32, uint8

    /// numpy's dtype name.
    public var numpyName: String { rawValue }
}
