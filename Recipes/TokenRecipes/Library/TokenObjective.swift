import PrismPolicy
import PrismPreference
import PrismTensor

/// What a token recipe minimises on a minibatch of its examples.
public protocol TokenObjective {
    /// The number of examples (SFT lines or preference pairs) an epoch visits.
    var exampleCount: Int { get }
    /// The metric the progress line shows.
    var progressMetric: String { get }
    /// The loss of the examples at `indices` on the tape, and the metrics to log (TRL names,
    /// `loss` included); `step` is the 0-based optimizer step, for objectives that draw.
    func loss(of policy: TokenPolicy, indices: [Int], step: Int) -> (loss: Tensor, metrics: [String: Double])
}

/// Supervised fine-tuning: the token-mean negative log-likelihood of the completions (EOS
/// included, prompt and padding excluded), TRL's SFT `loss`.
public struct SFTObjective: TokenObjective {
    /// The tokenized examples.
    public let examples: [PromptCompletion]

    /// An objective over `examples`.
    public init(examples: [PromptCompletion]) { self.examples = examples }

    /// The number of examples.
    public var exampleCount: Int { examples.count }
    /// `loss`.
    public var progressMetric: String { "loss" }

    /// `loss`, `mean_token_accuracy` (argmax equals the label on completion tokens) and `num_tokens`.
    public func loss(of policy: TokenPolicy, indices: [Int], step: Int) -> (loss: Tensor, metrics: [String: Double]) {
        let batch = TokenBatch(indices.map { examples[$0] })
        let logits = policy.logits(hiddenStates: policy.hiddenStates(batch.inputIDs, batchSize: batch.batchSize))
        let values = SequenceLogProbabilities(logits: logits, batch: batch)
        let tokens = batch.completionCounts.reduce(0, +)
        let loss = -values.sum.sum() / Float(max(1, tokens))
        return (loss, ["loss": Double(loss.item), "mean_token_accuracy": Self.tokenAccuracy(logits.detached, batch),
                       "num_tokens": Double(tokens)])
    }

    /// The fraction of completion positions whose most likely token is the label.
    static func tokenAccuracy(_ logits: Tensor, _ batch: TokenBatch) -> Double {
        let vocabulary = logits.shape[2], width = batch.length - 1
        let scalars = logits.scalars, targets = batch.targetIDs
        var correct = 0, total = 0
        for row in 0..<batch.batchSize {
            for position in (batch.promptLengths[row] - 1)..<(batch.sequenceLengths[row] - 1) {
                let offset = (row * width + position) * vocabulary
                var best = 0
                for v in 1..<vocabulary where scalars[offset + v] > scalars[offset + best] { best = v }
                correct += best == targets[row * width + position] ? 1 : 0
                total += 1
            }
        }
        return Double(correct) / Double(max(total, 1))
    }
}

/// Chosen and rejected completions of a minibatch of pairs scored in one forward pass: rows
/// 0..<B are the chosen ones, B..<2B the rejected ones.
struct PairScores {
    /// `[B]` summed completion log-probs of the chosen completions, on the tape.
    var chosen: Tensor
    /// `[B]` the same for the rejected completions.
    var rejected: Tensor
    /// Completion tokens of each chosen completion.
    var chosenCounts: [Int]
    /// Completion tokens of each rejected completion.
    var rejectedCounts: [Int]

    /// The scores of `pairs` under `policy`.
    init(policy: TokenPolicy, pairs: [TokenPair]) {
        let values = policy.logProbabilities(TokenBatch(pairs.map(\.chosen) + pairs.map(\.rejected)))
        let count = pairs.count
        chosen = values.sum.slice(alongAxis: 0, 0..<count)
        rejected = values.sum.slice(alongAxis: 0, count..<(2 * count))
        chosenCounts = Array(values.counts[0..<count])
        rejectedCounts = Array(values.counts[count...])
    }
}

/// DPO and its variants (docs/algorithms.md §3) against reference log-probs precomputed once from the
/// starting policy (TRL's `precompute_ref_log_probs`).
public struct DPOObjective: TokenObjective {
    /// The tokenized pairs.
    public let pairs: [TokenPair]
    /// The reference log-probs of every chosen completion, by pair.
    public let referenceChosen: [ReferenceLogProbabilities]
    /// The reference log-probs of every rejected completion, by pair.
    public let referenceRejected: [ReferenceLogProbabilities]
    /// The per-pair loss.
    public let variant: DPOVariant
    /// β.
    public let beta: Float

    /// An objective over `pairs` whose reference is `reference`.
    public init(pairs: [TokenPair], reference: ReferencePolicy, variant: DPOVariant, beta: Float) {
        self.pairs = pairs
        referenceChosen = reference.precomputeLogProbabilities(for: pairs.map(\.chosen))
        referenceRejected = reference.precomputeLogProbabilities(for: pairs.map(\.rejected))
        self.variant = variant
        self.beta = beta
    }

    /// The number of pairs.
    public var exampleCount: Int { pairs.count }
    /// `rewards/accuracies`.
    public var progressMetric: String { "rewards/accuracies" }

    /// `dpoLoss` on the pairs at `indices`, with TRL's metrics and `loss`.
    public func loss(of policy: TokenPolicy, indices: [Int], step: Int) -> (loss: Tensor, metrics: [String: Double]) {
        let scores = PairScores(policy: policy, pairs: indices.map { pairs[$0] })
        let output = dpoLoss(policyChosen: scores.chosen, policyRejected: scores.rejected,
                             referenceChosen: ReferenceLogProbabilities.sums(indices.map { referenceChosen[$0] }),
                             referenceRejected: ReferenceLogProbabilities.sums(indices.map { referenceRejected[$0] }),
                             chosenLengths: scores.chosenCounts, rejectedLengths: scores.rejectedCounts,
                             variant: variant, beta: beta)
        return (output.loss, output.metrics.scalars().merging(["loss": Double(output.loss.item)]) { $1 })
    }
}

/// ORPO (docs/algorithms.md §4): NLL of the chosen completion plus λ times the odds-ratio loss; no reference.
public struct ORPOObjective: TokenObjective {
    /// The tokenized pairs.
    public let pairs: [TokenPair]
    /// λ.
    public let lambda: Float
    /// The tokens of the NLL term.
    public let nllScope: ORPONLLScope

    /// An objective over `pairs`.
    public init(pairs: [TokenPair], lambda: Float, nllScope: ORPONLLScope) {
        self.pairs = pairs
        self.lambda = lambda
        self.nllScope = nllScope
    }

    /// The number of pairs.
    public var exampleCount: Int { pairs.count }
    /// `loss`.
    public var progressMetric: String { "loss" }

    /// `orpoLoss` on the pairs at `indices`, with TRL's metrics and `loss`.
    public func loss(of policy: TokenPolicy, indices: [Int], step: Int) -> (loss: Tensor, metrics: [String: Double]) {
        let selected = indices.map { pairs[$0] }
        let scores = PairScores(policy: policy, pairs: selected)
        var promptLogProbs: Tensor?, promptLengths: [Int]?
        if nllScope == .promptAndResponse {
            // The prompt tokens after the first, scored as a "completion" of the first token.
            let prompts = selected.map { PromptCompletion(prompt: [$0.chosen.prompt[0]], completion: Array($0.chosen.prompt.dropFirst())) }
            let values = policy.logProbabilities(TokenBatch(prompts))
            promptLogProbs = values.sum
            promptLengths = values.counts
        }
        let output = orpoLoss(policyChosen: scores.chosen, policyRejected: scores.rejected, chosenLengths: scores.chosenCounts,
                              rejectedLengths: scores.rejectedCounts, lambda: lambda, nllScope: nllScope,
                              chosenPromptLogProbs: promptLogProbs, chosenPromptLengths: promptLengths)
        return (output.loss, output.metrics.scalars().merging(["loss": Double(output.loss.item)]) { $1 })
    }
}
