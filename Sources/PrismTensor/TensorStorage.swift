import CPrismHeap

/// The heap buffer behind a ``Tensor``: `count` contiguous Float32 values, row-major.
///
/// Storage is shared between tensor values until one of them mutates (copy-on-write); the buffer is
/// allocated uninitialised and freed when the last tensor referring to it goes away.
public final class TensorStorage: @unchecked Sendable {
    /// First element of the buffer.
    public let pointer: UnsafeMutablePointer<Float>
    /// Number of Float32 elements.
    public let count: Int

    /// Allocates `count` uninitialised elements (at least one, so the pointer is always valid).
    public init(uninitializedCount count: Int) {
        _ = TensorStorage.heapIsTuned
        self.count = count
        pointer = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(count, 1))
    }

    /// Allocates `count` elements set to `value`.
    public convenience init(repeating value: Float, count: Int) {
        self.init(uninitializedCount: count)
        pointer.initialize(repeating: value, count: count)
    }

    /// A new storage holding a copy of this one's elements.
    public func copy() -> TensorStorage {
        let result = TensorStorage(uninitializedCount: count)
        result.pointer.update(from: pointer, count: count)
        return result
    }

    deinit { pointer.deallocate() }

    /// Keeps tensor-sized blocks (up to 32 MiB) on the malloc heap and stops glibc from trimming
    /// freed memory back to the kernel. Training allocates and frees the same few megabyte-sized
    /// activations every step; left to the defaults, each becomes a fresh `mmap` whose pages fault
    /// in again (a quarter of the LM step's time, measured with `perf`).
    static let heapIsTuned: Bool = {
        prism_tune_heap(32 << 20, 1 << 30)
        return true
    }()
}
