/// Shape arithmetic shared by the tensor operations: element counts, strides and broadcasting.
public enum Shape {
    /// Number of elements of a tensor with this shape (1 for a scalar `[]`).
    @inlinable
    public static func count(_ shape: [Int]) -> Int {
        var result = 1
        for dimension in shape { result &*= dimension }
        return result
    }

    /// Row-major strides (in elements) of a contiguous tensor with this shape.
    public static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var running = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = running
            running &*= shape[axis]
        }
        return strides
    }

    /// The NumPy broadcast of two shapes, or nil when they are incompatible.
    public static func broadcast(_ a: [Int], _ b: [Int]) -> [Int]? {
        let rank = Swift.max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for offset in 0..<rank {
            let da = offset < a.count ? a[a.count - 1 - offset] : 1
            let db = offset < b.count ? b[b.count - 1 - offset] : 1
            if da == db || db == 1 {
                result[rank - 1 - offset] = da
            } else if da == 1 {
                result[rank - 1 - offset] = db
            } else {
                return nil
            }
        }
        return result
    }

    /// Normalises a possibly negative axis against `rank`, trapping with a message when out of range.
    public static func axis(_ axis: Int, rank: Int, function: String = #function) -> Int {
        let normalized = axis < 0 ? axis + rank : axis
        precondition(normalized >= 0 && normalized < Swift.max(rank, 1),
                     "\(function): axis \(axis) is out of range for rank \(rank)")
        return normalized
    }

    /// Splits `shape` around `axis` into (product before, length of axis, product after).
    public static func split(_ shape: [Int], at axis: Int) -> (outer: Int, length: Int, inner: Int) {
        (count(Array(shape[..<axis])), shape[axis], count(Array(shape[(axis + 1)...])))
    }
}
