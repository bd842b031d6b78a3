import PrismTensor

/// A preference loss with the statistics a trainer logs next to it.
public struct PreferenceLossOutput<Metrics: Sendable> {
    /// The scalar objective to minimise (the mean over pairs), on the tape.
    public var loss: Tensor
    /// The detached statistics of the batch.
    public var metrics: Metrics
}
