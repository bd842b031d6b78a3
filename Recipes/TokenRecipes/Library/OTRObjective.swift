import PrismPolicy
import PrismPreference
import PrismTensor

/// One-token rollout (docs/algorithms.md §6): every completion token of an SFT example is a
/// one-step episode rewarded 1 for the target and β otherwise, its draws taken from the same
/// forward pass's logits. Step s draws from the stream's child `step-s`, so a resumed run draws
/// what an uninterrupted one would.
public struct OTRObjective: TokenObjective {
    /// The tokenized examples.
    public let examples: [PromptCompletion]
    /// The loss's settings.
    public let settings: OTRSettings
    /// The parent of every step's draws.
    let draws: RandomStream

    /// An objective over `examples` whose Monte-Carlo draws descend from `draws`.
    public init(examples: [PromptCompletion], settings: OTRSettings, draws: RandomStream) {
        self.examples = examples
        self.settings = settings
        self.draws = draws
    }

    /// The number of examples.
    public var exampleCount: Int { examples.count }
    /// `loss`.
    public var progressMetric: String { "loss" }

    /// `otrLoss` on the examples at `indices`: `loss`, the OTR metrics (`otr/…`, `nll_loss`, the
    /// SFT loss of the same batch), `mean_token_accuracy` and `num_tokens`.
    public func loss(of policy: TokenPolicy, indices: [Int], step: Int) -> (loss: Tensor, metrics: [String: Double]) {
        let batch = TokenBatch(indices.map { examples[$0] })
        let logits = policy.logits(hiddenStates: policy.hiddenStates(batch.inputIDs, batchSize: batch.batchSize))
        var stream = draws.child("step-\(step)")
        let output = otrLoss(logits: logits, targets: batch.targetIDs, mask: batch.completionMask, mode: settings.lossMode,
                             temperature: settings.temperature, beta: settings.beta, reduction: settings.reduction,
                             using: &stream)
        var metrics = output.metrics.scalars()
        metrics["loss"] = Double(output.loss.item)
        metrics["mean_token_accuracy"] = SFTObjective.tokenAccuracy(logits.detached, batch)
        metrics["num_tokens"] = Double(batch.completionCounts.reduce(0, +))
        return (output.loss, metrics)
    }
}
