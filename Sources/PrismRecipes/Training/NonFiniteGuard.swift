/// Stops training on the first NaN or infinite loss or metric, with a message naming the step
/// and the metric; the recipe then exits non-zero without writing a checkpoint, so the last
/// good checkpoint stays the latest. ``TrainingLoop`` hands one to every iteration.
public struct NonFiniteGuard: Sendable {
    /// The step the iteration completes, named in the message.
    public var step: Int
    /// The checkpoint that remains the latest, named in the message.
    public var lastCheckpoint: SavedCheckpoint?

    /// A guard for the iteration that completes `step`.
    public init(step: Int, lastCheckpoint: SavedCheckpoint? = nil) {
        self.step = step
        self.lastCheckpoint = lastCheckpoint
    }

    /// Throws when any value is NaN or infinite (the alphabetically first such metric is named).
    public func check(_ values: [String: Double]) throws(NonFiniteValueError) {
        for name in values.keys.sorted() where !values[name]!.isFinite {
            throw NonFiniteValueError(step: step, metric: name, value: values[name]!, lastCheckpoint: lastCheckpoint)
        }
    }

    /// Throws when `value` (a loss or a gradient norm) is NaN or infinite.
    public func check(_ name: String, _ value: Float) throws(NonFiniteValueError) {
        try check([name: Double(value)])
    }
}

/// A NaN or infinite value met during training.
public struct NonFiniteValueError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The step at which it appeared.
    public var step: Int
    /// The metric or loss name.
    public var metric: String
    /// The value (NaN, +inf or -inf).
    public var value: Double
    /// The checkpoint that remains the latest.
    public var lastCheckpoint: SavedCheckpoint?

    /// `step 120: 'loss/policy' is nan; training stopped, the last good checkpoint is …/step-100`.
    public var description: String {
        let kept = lastCheckpoint.map { "the last good checkpoint is \($0.url.path)" } ?? "no checkpoint was written yet"
        return "step \(step): '\(metric)' is \(value); training stopped, \(kept)"
    }

    /// Equal when step, metric, the value's class (NaN or which infinity) and checkpoint agree.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.step == rhs.step && lhs.metric == rhs.metric && lhs.lastCheckpoint == rhs.lastCheckpoint
            && (lhs.value == rhs.value || (lhs.value.isNaN && rhs.value.isNaN))
    }
}
