import PrismTensor

/// The per-pair objective of `dpoLoss`, TRL's `loss_type` (docs/algorithms.md §3.2).
///
/// With ρ = log π_θ(y|x) − log π_ref(y|x) on summed completion log-probs, every reference-based
/// variant scores a pair by h = ρ_w − ρ_l; IPO uses the same difference on per-token averaged
/// log-probs (h̄), and SimPO the reference-free difference of averaged policy log-probs.
public enum DPOVariant: Codable, Hashable, Sendable {
    /// DPO (Rafailov et al., 2023, "Direct Preference Optimization: Your Language Model is
    /// Secretly a Reward Model", Eq. 7): −log σ(β h).
    case sigmoid
    /// Conservative DPO, cDPO (Mitchell, 2023, "A note on DPO with noisy preferences & relationship
    /// to IPO", Eq. 3), TRL's legacy `sigmoid` with `label_smoothing` ε:
    /// −(1 − ε) log σ(β h) − ε log σ(−β h); each label is assumed flipped with probability ε ∈ [0, 1].
    case conservative(labelSmoothing: Float)
    /// Robust DPO (Chowdhury et al., 2024, "Provably Robust DPO: Aligning Language Models with
    /// Noisy Feedback"), the unbiased loss under label-flip rate ε ∈ [0, 0.5):
    /// [−(1 − ε) log σ(β h) + ε log σ(−β h)] / (1 − 2ε).
    case robust(labelSmoothing: Float)
    /// The hinge loss of SLiC (Zhao et al., 2023, "SLiC-HF: Sequence Likelihood Calibration with
    /// Human Feedback", calibration loss with margin 1/β): max(0, 1 − β h).
    case hinge
    /// IPO (Azar et al., 2023, "A General Theoretical Paradigm to Understand Learning from Human
    /// Preferences", Eq. 17): (h̄ − 1/(2β))², with h̄ on per-token averaged log-probs as TRL
    /// computes it; β is the τ of the paper.
    case ipo
    /// SimPO (Meng et al., 2024, "SimPO: Simple Preference Optimization with a Reference-Free
    /// Reward", Eq. 6): −log σ(β·(avg log π_θ(y_w) − avg log π_θ(y_l)) − γ), reference-free and
    /// length-averaged, with target margin γ (default 0.5, TRL's `simpo_gamma`; the paper tunes
    /// β ≈ 2–2.5 with it).
    case simPO(gamma: Float = 0.5)

    /// Whether the loss compares the policy with a reference model (all but SimPO).
    public var usesReference: Bool {
        if case .simPO = self { return false }
        return true
    }

    /// Whether the scores use per-token averaged log-probs, so the completion lengths matter.
    public var averagesOverLength: Bool {
        switch self {
        case .ipo, .simPO: true
        case .sigmoid, .conservative, .robust, .hinge: false
        }
    }

    /// The loss of every pair given its score (`[B]`): h, h̄ or the SimPO difference.
    func pairLosses(scores h: Tensor, beta: Float) -> Tensor {
        let logits = h.scaled(by: beta)
        switch self {
        case .sigmoid:
            return -logits.logSigmoid()
        case .conservative(let epsilon):
            return -(logits.logSigmoid().scaled(by: 1 - epsilon) + (-logits).logSigmoid().scaled(by: epsilon))
        case .robust(let epsilon):
            let unbiased = (-logits).logSigmoid().scaled(by: epsilon) - logits.logSigmoid().scaled(by: 1 - epsilon)
            return unbiased.scaled(by: 1 / (1 - 2 * epsilon))
        case .hinge:
            return (1 - logits).relu()
        case .ipo:
            return (h - 1 / (2 * beta)).squared()
        case .simPO(let gamma):
            return -(logits - gamma).logSigmoid()
        }
    }

    /// Traps with a clear message when a coefficient is outside its domain.
    func checkCoefficients(beta: Float) {
        precondition(beta > 0 && beta.isFinite, "dpoLoss: beta must be positive and finite, got \(beta)")
        switch self {
        case .conservative(let epsilon):
            precondition((0...1).contains(epsilon), "dpoLoss: cDPO label smoothing must lie in [0, 1], got \(epsilon)")
        case .robust(let epsilon):
            precondition((0..<0.5).contains(epsilon),
                         "dpoLoss: robust label smoothing must lie in [0, 0.5), got \(epsilon)")
        case .simPO(let gamma):
            precondition(gamma.isFinite, "dpoLoss: SimPO gamma must be finite, got \(gamma)")
        case .sigmoid, .hinge, .ipo:
            break
        }
    }
}
