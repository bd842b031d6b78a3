import PrismTensor

/// Inverted dropout (Srivastava et al., 2014): in training each element is zeroed with
/// probability `probability` and the survivors scaled by 1/(1 − p); in evaluation it is the
/// identity. The mask is drawn from the caller's stream, so runs stay seed-locked.
public struct Dropout: Sendable {
    /// The probability of zeroing an element.
    public var probability: Float

    /// A dropout with drop probability `probability` in [0, 1).
    public init(probability: Float) {
        precondition(probability >= 0 && probability < 1, "Dropout: probability \(probability) not in [0, 1)")
        self.probability = probability
    }

    /// Applies dropout when `mode` is training and p > 0; consumes `x.count` draws then.
    public func callAsFunction(_ x: Tensor, mode: Mode, using stream: inout RandomStream) -> Tensor {
        guard mode == .training, probability > 0 else { return x }
        let keep = 1 - probability
        return x * Tensor.bernoulli(x.shape, keep: keep, using: &stream).scaled(by: 1 / keep)
    }
}

/// Whether a network is being trained (dropout active) or evaluated.
public enum Mode: String, Codable, Sendable {
    case training, evaluation
}
