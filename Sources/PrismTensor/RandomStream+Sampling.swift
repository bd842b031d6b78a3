import Foundation

extension RandomStream {
    // MARK: Normal distribution

    /// Returns a normally distributed `Float` with the given mean and standard deviation.
    ///
    /// Uses the Box–Muller transform (Box & Muller, 1958) evaluated in `Double`: with
    /// `u1 = 1 - nextDouble()` in (0, 1] (so `log(u1)` is finite) and `u2 = nextDouble()`,
    /// returns `mean + standardDeviation * sqrt(-2 log u1) * cos(2π u2)`. Each call consumes
    /// exactly two 64-bit outputs; the sine half of the pair is discarded rather than cached, so
    /// the stream's state stays exactly its four xoshiro256** words.
    ///
    /// - Precondition: `standardDeviation >= 0`.
    public mutating func normal(mean: Float = 0, standardDeviation: Float = 1) -> Float {
        precondition(
            standardDeviation >= 0, "normal(mean:standardDeviation:) needs a standard deviation >= 0")
        let u1 = 1.0 - nextDouble()
        let u2 = nextDouble()
        let radius = (-2.0 * log(u1)).squareRoot()
        return Float(Double(mean) + Double(standardDeviation) * radius * cos(2.0 * Double.pi * u2))
    }

    // MARK: Bulk fills

    /// Fills `buffer` with independent values uniformly distributed in `range`; the fast path for
    /// initialising large tensors.
    ///
    /// Element `i` equals what the `i`-th consecutive call of ``uniform(in:)`` would return.
    ///
    /// - Precondition: `range` is non-empty and its width is finite.
    public mutating func fillUniform(_ buffer: UnsafeMutableBufferPointer<Float>, in range: Range<Float>) {
        let lower = range.lowerBound
        let width = range.upperBound - lower
        precondition(width.isFinite && width > 0, "fillUniform(_:in:) needs a non-empty, finite range")
        let top = range.upperBound.nextDown
        var generator = self
        for index in buffer.indices {
            let unit = Float(generator.next() &>> 40) * 0x1p-24
            buffer[index] = Swift.min(lower + width * unit, top)
        }
        self = generator
    }

    /// Fills `buffer` with independent normally distributed values; the fast path for
    /// initialising large tensors.
    ///
    /// Uses Box–Muller in `Double` like ``normal(mean:standardDeviation:)``, but keeps both the
    /// cosine and the sine value of each pair (two outputs per two 64-bit words), so its values
    /// differ from repeated ``normal(mean:standardDeviation:)`` calls. For an odd count the sine
    /// half of the last pair is dropped.
    ///
    /// - Precondition: `standardDeviation >= 0`.
    public mutating func fillNormal(
        _ buffer: UnsafeMutableBufferPointer<Float>, mean: Float = 0, standardDeviation: Float = 1
    ) {
        precondition(
            standardDeviation >= 0, "fillNormal(_:mean:standardDeviation:) needs a standard deviation >= 0")
        let mu = Double(mean)
        let sigma = Double(standardDeviation)
        let count = buffer.count
        var generator = self
        var index = 0
        while index < count {
            let u1 = 1.0 - generator.nextDouble()
            let u2 = generator.nextDouble()
            let radius = sigma * (-2.0 * log(u1)).squareRoot()
            let angle = 2.0 * Double.pi * u2
            buffer[index] = Float(mu + radius * cos(angle))
            if index &+ 1 < count {
                buffer[index &+ 1] = Float(mu + radius * sin(angle))
            }
            index &+= 2
        }
        self = generator
    }

    // MARK: Discrete distributions

    /// Draws an index with probability proportional to `probabilities[index]`.
    ///
    /// Inverse CDF: one ``nextDouble()`` is scaled by the total (so weights need not sum to 1)
    /// and the first index whose running sum, accumulated in `Double`, exceeds it is returned.
    /// Zero-probability indices are never drawn; if rounding leaves the draw past the end, the
    /// last index with positive probability is returned. Consumes exactly one 64-bit output.
    ///
    /// - Precondition: every probability is finite and non-negative, and at least one is positive.
    public mutating func categorical(probabilities: some Collection<Float>) -> Int {
        drawIndex(weights: probabilities.lazy.map { Double($0) })
    }

    /// Draws an index from the softmax of `logits`, without forming the probabilities.
    ///
    /// Numerically stable: subtracts the largest logit, exponentiates in `Double`, then applies
    /// the same inverse CDF as ``categorical(probabilities:)``, so both return the same index for
    /// the same stream state when `probabilities` is proportional to `exp(logits)` (up to
    /// rounding at the category boundaries). A logit of `-infinity` masks its index out.
    /// Consumes exactly one 64-bit output.
    ///
    /// - Precondition: `logits` is non-empty, contains no NaN or `+infinity`, and is not all
    ///   `-infinity`.
    public mutating func categorical(logits: UnsafeBufferPointer<Float>) -> Int {
        var largest = -Float.infinity
        for logit in logits {
            precondition(
                !logit.isNaN && logit != .infinity, "categorical(logits:) needs no NaN or +inf logits")
            largest = Swift.max(largest, logit)
        }
        precondition(largest > -.infinity, "categorical(logits:) needs at least one finite logit")
        let shift = Double(largest)
        return drawIndex(weights: logits.lazy.map { exp(Double($0) - shift) })
    }

    /// Inverse-CDF draw shared by both `categorical` variants; `weights` is traversed twice.
    private mutating func drawIndex(weights: some Collection<Double>) -> Int {
        var total = 0.0
        var lastPositive = -1
        var index = 0
        for weight in weights {
            precondition(weight.isFinite && weight >= 0, "categorical weights must be finite and >= 0")
            if weight > 0 {
                lastPositive = index
            }
            total += weight
            index &+= 1
        }
        precondition(lastPositive >= 0, "categorical needs at least one positive probability")
        let target = nextDouble() * total
        var running = 0.0
        index = 0
        for weight in weights {
            running += weight
            if target < running {
                return index
            }
            index &+= 1
        }
        return lastPositive
    }

    // MARK: Permutations

    /// Shuffles `array` in place, every ordering equally likely.
    ///
    /// Fisher–Yates (Durstenfeld's in-place version) from the end: for `i` from `count - 1` down
    /// to 1, swaps element `i` with element ``nextInt(below:)`` `(i + 1)`.
    public mutating func shuffle<T>(_ array: inout [T]) {
        var index = array.count - 1
        while index > 0 {
            let other = nextInt(below: index + 1)
            array.swapAt(index, other)
            index -= 1
        }
    }

    /// Returns a uniformly random permutation of `0..<n`, built with ``shuffle(_:)``.
    ///
    /// - Precondition: `n >= 0`.
    public mutating func permutation(_ n: Int) -> [Int] {
        precondition(n >= 0, "permutation(_:) needs a non-negative count")
        var result = Array(0..<n)
        shuffle(&result)
        return result
    }
}
