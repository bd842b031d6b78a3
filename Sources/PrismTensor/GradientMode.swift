/// Whether operations record onto a tape. Off inside ``withoutGradients(_:)``.
public enum GradientMode {
    @TaskLocal static var disabled = false

    /// True when operations on tensors that require gradients are being recorded.
    public static var isEnabled: Bool { !disabled }
}

/// Runs `body` without recording any operation: results carry no gradient history and cost no
/// tape memory (PyTorch's `torch.no_grad()`). Use it for rollouts, evaluation and reference models.
public func withoutGradients<Result>(_ body: () throws -> Result) rethrows -> Result {
    try GradientMode.$disabled.withValue(true) { try body() }
}
