/// Observation encodings for learning agents.
public enum ObservationEncoders {
    /// The size of ``flat(_:)``: 147 image values plus a 4-way direction one-hot.
    public static let flatCount = EgocentricView.valueCount + 4

    /// The 147 image values as floats (unscaled, Minigrid's order) followed by the direction one-hot.
    public static func flat(_ observation: GridObservation) -> [Float] {
        var out = [Float](repeating: 0, count: flatCount)
        flat(observation, into: &out[...])
        return out
    }

    /// Writes ``flat(_:)`` into the first 151 slots of `buffer`.
    public static func flat(_ observation: GridObservation, into buffer: inout ArraySlice<Float>) {
        buffer.withUnsafeMutableBufferPointer { flat(observation, into: $0) }
    }

    /// Writes ``flat(_:)`` into the first 151 slots of `out` (a row of a batch tensor).
    public static func flat(_ observation: GridObservation, into out: UnsafeMutableBufferPointer<Float>) {
        precondition(out.count >= flatCount, "ObservationEncoders.flat: buffer holds \(out.count) < \(flatCount) values")
        observation.image.withUnsafeBufferPointer { image in
            for index in 0..<EgocentricView.valueCount { out[index] = Float(image[index]) }
        }
        for d in 0..<4 { out[EgocentricView.valueCount + d] = d == observation.direction ? 1 : 0 }
    }

    /// The full-grid view (Minigrid's `FullyObsWrapper`) as floats, `[x][y][channel]`,
    /// width·height·3 values with the agent as `(10, 0, direction)`.
    public static func fullGrid(_ environment: GridworldEnvironment) -> [Float] {
        environment.fullGridEncoding().map { Float($0) }
    }
}
