import Foundation
import PrismNN
import PrismTensor

/// Per-layer attention keys and values of a batch of sequences being decoded, one position
/// appended per step (incremental decoding).
///
/// Row r holds ``lengths`` [r] cached positions; ``TokenPolicy/decodeStep(_:rows:cache:)`` feeds
/// one token to each listed row at position `lengths[r]`, attends over positions
/// `0...lengths[r]` and advances the row. Rows advance independently, so prompts of different
/// lengths and finished rows need no padding. Buffers are allocated once, `[B, T, D]` per layer
/// for keys and for values.
public final class KeyValueCache {
    /// The number of rows B.
    public let batchSize: Int
    /// The most positions a row can hold (the model's context length).
    public let capacity: Int
    /// The cached positions of each row.
    public private(set) var lengths: [Int]
    let width: Int, headCount: Int
    private let keys: [UnsafeMutablePointer<Float>]
    private let values: [UnsafeMutablePointer<Float>]
    private let scores: UnsafeMutablePointer<Float>

    /// An empty cache for `batchSize` rows of a model shaped by `configuration`.
    public init(configuration: TransformerConfiguration, batchSize: Int) {
        precondition(batchSize > 0, "KeyValueCache: batchSize must be > 0")
        self.batchSize = batchSize
        capacity = configuration.contextLength
        width = configuration.width
        headCount = configuration.headCount
        lengths = [Int](repeating: 0, count: batchSize)
        let size = batchSize * capacity * width
        keys = (0..<configuration.layerCount).map { _ in .allocate(capacity: size) }
        values = (0..<configuration.layerCount).map { _ in .allocate(capacity: size) }
        scores = .allocate(capacity: capacity)
    }

    deinit {
        for buffer in keys + values { buffer.deallocate() }
        scores.deallocate()
    }

    /// Forgets every row's positions (the buffers are kept).
    public func reset() { lengths = [Int](repeating: 0, count: batchSize) }

    /// Writes `key` and `value` `[n, D]` at position `lengths[rows[i]]` of each row.
    func store(layer: Int, rows: [Int], key: Tensor, value: Tensor) {
        let (k, v) = (key.storage.pointer, value.storage.pointer)
        for (i, row) in rows.enumerated() {
            let slot = (row &* capacity &+ lengths[row]) &* width
            (keys[layer] + slot).update(from: k + i &* width, count: width)
            (values[layer] + slot).update(from: v + i &* width, count: width)
        }
    }

    /// Writes `key` and `value` `[B, L, D]` (every row) at positions `0..<L` and sets each row's
    /// length to `lengths[row]` (its real prefix; later positions are overwritten as it decodes).
    func storePrefix(layer: Int, key: Tensor, value: Tensor) {
        let length = key.shape[1]
        for row in 0..<batchSize {
            let slot = row &* capacity &* width
            (keys[layer] + slot).update(from: key.storage.pointer + row &* length &* width, count: length &* width)
            (values[layer] + slot).update(from: value.storage.pointer + row &* length &* width, count: length &* width)
        }
    }

    /// Sets every row's cached length (after ``storePrefix(layer:key:value:)``).
    func setLengths(_ lengths: [Int]) {
        precondition(lengths.count == batchSize && lengths.allSatisfy { $0 <= capacity }, "KeyValueCache: bad lengths")
        self.lengths = lengths
    }

    /// softmax(q Kᵀ / √Dh) V per head of each row over its positions `0...lengths[row]`, as
    /// `[n, D]` (heads concatenated like ``Tensor/causalAttention(query:key:value:headCount:)``).
    func attend(layer: Int, rows: [Int], query: Tensor) -> Tensor {
        let headWidth = width / headCount
        let scale = 1 / Float(Double(headWidth).squareRoot())
        let result = Tensor(uninitializedShape: [rows.count, width])
        let (q, out, k, v, s) = (query.storage.pointer, result.storage.pointer, keys[layer], values[layer], scores)
        for (i, row) in rows.enumerated() {
            let visible = lengths[row] &+ 1
            let base = row &* capacity &* width
            for head in 0..<headCount {
                let column = head &* headWidth
                let qh = q + (i &* width &+ column)
                var peak = -Float.infinity
                for j in 0..<visible {
                    let score = Self.dot(qh, k + (base &+ j &* width &+ column), headWidth) * scale
                    s[j] = score
                    peak = Swift.max(peak, score)
                }
                var total: Float = 0
                for j in 0..<visible {
                    let e = Foundation.exp(s[j] - peak)
                    s[j] = e
                    total += e
                }
                Self.weightedSum(s, count: visible, scale: 1 / total, rows: v + (base &+ column), stride: width,
                                 width: headWidth, into: out + (i &* width &+ column))
            }
        }
        return result
    }

    /// Counts the position just stored for each of `rows`.
    func advance(rows: [Int]) {
        for row in rows { lengths[row] += 1 }
    }

    /// `output = scale · Σ_j weights[j] · rows[j·stride ..< j·stride + width]`, eight lanes at a time
    /// with the accumulators kept in registers across j.
    @inline(__always)
    static func weightedSum(_ weights: UnsafePointer<Float>, count: Int, scale: Float, rows: UnsafePointer<Float>,
                            stride: Int, width: Int, into output: UnsafeMutablePointer<Float>) {
        var lane = 0
        while lane &+ 8 <= width {
            var accumulator = SIMD8<Float>()
            for j in 0..<count {
                let row = UnsafeRawPointer(rows + (j &* stride &+ lane)).loadUnaligned(as: SIMD8<Float>.self)
                accumulator.addProduct(SIMD8(repeating: weights[j]), row)
            }
            UnsafeMutableRawPointer(output + lane).storeBytes(of: accumulator * scale, as: SIMD8<Float>.self)
            lane &+= 8
        }
        while lane < width {
            var total: Float = 0
            for j in 0..<count { total = total.addingProduct(weights[j], rows[j &* stride &+ lane]) }
            output[lane] = total * scale
            lane &+= 1
        }
    }

    /// Σ a·b with eight-lane accumulators.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        var accumulator = SIMD8<Float>()
        var index = 0
        while index &+ 8 <= count {
            let x = UnsafeRawPointer(a + index).loadUnaligned(as: SIMD8<Float>.self)
            let y = UnsafeRawPointer(b + index).loadUnaligned(as: SIMD8<Float>.self)
            accumulator.addProduct(x, y)
            index &+= 8
        }
        var total = accumulator.sum()
        while index < count {
            total = total.addingProduct(a[index], b[index])
            index &+= 1
        }
        return total
    }
}

extension TokenPolicy {
    /// Feeds `tokens[i]` to row `rows[i]` of `cache` at its next position and returns the logits
    /// `[n, V]` predicting each row's following token. Records no gradients.
    /// - Precondition: rows are distinct and each has room (`lengths[row] < capacity`).
    public func decodeStep(_ tokens: [Int], rows: [Int], cache: KeyValueCache) -> Tensor {
        precondition(tokens.count == rows.count && !rows.isEmpty, "decodeStep: \(tokens.count) tokens for \(rows.count) rows")
        let positions = rows.map { cache.lengths[$0] }
        precondition(positions.allSatisfy { $0 < cache.capacity }, "decodeStep: a row's cache is full (\(cache.capacity) positions)")
        return withoutGradients {
            let model = languageModel
            var x = model.tokenEmbedding(tokens, shape: [rows.count])
                + Tensor.embedding(model.positionEmbedding, indices: positions, indexShape: [rows.count])
            for (layer, block) in model.blocks.enumerated() {
                let h = block.norm1(x)
                let attention = block.attention
                cache.store(layer: layer, rows: rows, key: attention.key(h), value: attention.value(h))
                x = x + attention.output(cache.attend(layer: layer, rows: rows, query: attention.query(h)))
                x = x + block.down(block.up(block.norm2(x)).gelu())
            }
            cache.advance(rows: rows)
            return logits(hiddenStates: model.finalNorm(x))
        }
    }
}
