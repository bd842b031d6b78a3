import PrismNN
import PrismPreference
import PrismTensor

/// `otr-step`: `lm-train-step`'s GPT, batch and AdamW step with the one-token-rollout loss in
/// place of the cross-entropy, every position a completion token; τ = 4, β = 0 (the `otr`
/// recipe's defaults). Monte-Carlo draws K tokens per position from a stream that each step advances.
struct OTRWorkload {
    static let (temperature, beta) = (Float(4), Float(0))

    var language: LanguageModelWorkload
    let mode: OTRMode
    var draws = RandomStream(seed: 1).child("otr-draws")
    let mask = Tensor.ones([LanguageModelWorkload.batch, LanguageModelWorkload.length])

    init(seed: UInt64, mode: OTRMode) {
        language = LanguageModelWorkload(seed: seed)
        self.mode = mode
    }

    mutating func step() {
        let logits = language.model(language.inputs, batchSize: LanguageModelWorkload.batch)
        let loss = otrLoss(logits: logits, targets: language.targets, mask: mask, mode: mode, temperature: Self.temperature,
                           beta: Self.beta, using: &draws).loss
        language.model.zeroGradients()
        loss.backward()
        language.optimizer.step(&language.model)
    }

    /// The two rows, exact and Monte-Carlo with K = 256, each with its ratio to `lm-train-step`
    /// timed in the same sitting (the mean of its median before and after the OTR rows).
    static func run(runs: Int, target: Double, threads: Int) -> [String] {
        func languageMedian() -> Double {
            var language = LanguageModelWorkload(seed: 0)
            return Timing.measure(runs: runs, target: target) { language.step() }.median
        }
        let before = languageMedian()
        let rows: [(OTRMode, [(String, Double)], Timing)] = [OTRMode.exact, .monteCarlo(samples: 256)].map { mode in
            var workload = OTRWorkload(seed: 0, mode: mode)
            let timing = Timing.measure(runs: runs, target: target) { workload.step() }
            if case .monteCarlo(let samples) = mode { return (mode, [("samples", Double(samples))], timing) }
            return (mode, [], timing)
        }
        let reference = (before + languageMedian()) / 2
        return rows.map { mode, samples, timing in
            timing.row("otr-step", labels: [("mode", mode == .exact ? "exact" : "monte_carlo")], threads: threads,
                       extra: samples + [("tokens_per_s", 32 * 64 / (timing.median / 1000)), ("lm_train_step_ms", reference),
                                         ("ratio_to_lm_train_step", timing.median / reference)])
        }
    }
}
