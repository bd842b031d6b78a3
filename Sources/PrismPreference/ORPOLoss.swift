import PrismTensor

/// Which tokens of the chosen sequence ORPO's supervised term L_SFT is averaged over (docs/algorithms.md §4.1).
public enum ORPONLLScope: String, Codable, CaseIterable, Sendable {
    /// The chosen completion only: the paper's L_SFT on the chosen response.
    case responseOnly
    /// The prompt and the chosen completion, as the official code and TRL's ORPO trainer compute it.
    case promptAndResponse
}

/// The statistics TRL's ORPO trainer logs (docs/algorithms.md §4.2).
public struct ORPOMetrics: Equatable, Sendable {
    /// `rewards/*` with reward λ·avg log π_θ(y|x) (not a log-ratio), and `logps/*` the averaged
    /// completion log-probs.
    public var rewards: PreferenceRewardMetrics
    /// `nll_loss`: the supervised term L_SFT.
    public var nll: Float
    /// `log_odds_ratio`: the mean of log σ(log odds(y_w) − log odds(y_l)), that is −L_OR.
    public var logOddsRatio: Float
    /// `log_odds_chosen`: the mean log-odds difference log odds(y_w) − log odds(y_l).
    public var logOddsChosen: Float

    /// The statistics under TRL's metric keys.
    public func scalars() -> [String: Double] {
        rewards.scalars().merging([
            "nll_loss": Double(nll), "log_odds_ratio": Double(logOddsRatio), "log_odds_chosen": Double(logOddsChosen),
        ]) { $1 }
    }
}

/// The ORPO loss (Hong, Lee and Thorne, 2024, "ORPO: Monolithic Preference Optimization without
/// Reference Model", Eq. 6 and 7): L = L_SFT + λ · mean(−log σ(log odds(y_w) − log odds(y_l))).
///
/// The odds use the geometric-mean token probability P = exp(avg log π_θ(y|x)) of each completion:
/// log odds = avg − log(1 − e^avg), with `log1mexp` so that P → 1 neither cancels nor divides by
/// zero. An average of exactly 0 (every token rounded to probability 1) is taken as the largest
/// negative normal float, which keeps the loss and its gradient finite. L_SFT is the token-mean
/// negative log-likelihood over the whole batch, −Σ_i S_i / Σ_i n_i, as the model loss of TRL and
/// the official code reduces it, over the tokens `nllScope` names. No reference model.
///
/// - Parameters:
///   - policyChosen, policyRejected: `[B]` summed completion log-probs of π_θ, on the tape.
///   - chosenLengths, rejectedLengths: the `B` completion token counts behind those sums.
///   - lambda: λ, the weight of the odds-ratio term (TRL's `beta`, default 0.1).
///   - nllScope: the tokens of L_SFT.
///   - chosenPromptLogProbs: `[B]` summed log-probs of the predicted prompt tokens of the chosen
///     sequences, on the tape; required for `.promptAndResponse`, ignored otherwise.
///   - chosenPromptLengths: the `B` counts behind `chosenPromptLogProbs`.
/// - Returns: the scalar loss on the tape and TRL's ORPO metrics.
public func orpoLoss(
    policyChosen: Tensor, policyRejected: Tensor, chosenLengths: [Int], rejectedLengths: [Int],
    lambda: Float = 0.1, nllScope: ORPONLLScope = .responseOnly,
    chosenPromptLogProbs: Tensor? = nil, chosenPromptLengths: [Int]? = nil
) -> PreferenceLossOutput<ORPOMetrics> {
    precondition(lambda >= 0 && lambda.isFinite, "orpoLoss: lambda must be non-negative and finite, got \(lambda)")
    checkBatch("orpoLoss", [("policyChosen", policyChosen), ("policyRejected", policyRejected)],
               [("chosenLengths", chosenLengths), ("rejectedLengths", rejectedLengths)])
    let nll = supervisedLoss(policyChosen: policyChosen, chosenLengths: chosenLengths, scope: nllScope,
                             promptLogProbs: chosenPromptLogProbs, promptLengths: chosenPromptLengths)
    let chosen = lengthAveraged(policyChosen, lengths: chosenLengths)
    let rejected = lengthAveraged(policyRejected, lengths: rejectedLengths)
    let logOddsDifference = logOdds(chosen) - logOdds(rejected)
    let logOddsRatio = logOddsDifference.logSigmoid().mean()
    let loss = nll - logOddsRatio.scaled(by: lambda)
    let rewards = PreferenceRewardMetrics(
        chosenRewards: chosen.detached.scaled(by: lambda), rejectedRewards: rejected.detached.scaled(by: lambda),
        chosenLogProbs: chosen.detached, rejectedLogProbs: rejected.detached)
    let metrics = ORPOMetrics(rewards: rewards, nll: nll.item, logOddsRatio: logOddsRatio.item,
                              logOddsChosen: PreferenceRewardMetrics.mean(logOddsDifference.scalars))
    return PreferenceLossOutput(loss: loss, metrics: metrics)
}

/// log(P / (1 − P)) from log P = `averageLogProbs` (`[B]`, each ≤ 0), stable as P → 1.
func logOdds(_ averageLogProbs: Tensor) -> Tensor {
    let below = averageLogProbs.clamped(to: -Float.infinity...(-Float.leastNormalMagnitude))
    return below - below.log1mexp()
}

/// ORPO's L_SFT: −Σ_i S_i / Σ_i n_i over the chosen completions, plus their prompts when `scope`
/// says so.
func supervisedLoss(
    policyChosen: Tensor, chosenLengths: [Int], scope: ORPONLLScope, promptLogProbs: Tensor?, promptLengths: [Int]?
) -> Tensor {
    switch scope {
    case .responseOnly:
        return -policyChosen.sum() / Float(Swift.max(1, chosenLengths.reduce(0, +)))
    case .promptAndResponse:
        guard let promptLogProbs, let promptLengths else {
            preconditionFailure("orpoLoss: .promptAndResponse needs chosenPromptLogProbs and chosenPromptLengths")
        }
        checkBatch("orpoLoss", [("policyChosen", policyChosen), ("chosenPromptLogProbs", promptLogProbs)],
                   [("chosenPromptLengths", promptLengths)])
        let tokens = chosenLengths.reduce(0, +) + promptLengths.reduce(0, +)
        return -(policyChosen.sum() + promptLogProbs.sum()) / Float(Swift.max(1, tokens))
    }
}
