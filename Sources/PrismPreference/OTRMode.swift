/// How one-token rollout (OTR) estimates each position's expected reward (docs/algorithms.md §6.1):
/// by drawing tokens from the tempered policy π' = softmax(z/τ), or in closed form over the whole
/// vocabulary.
public enum OTRMode: Equatable, Sendable {
    /// K draws per position from π', treated as constants (the paper's estimator, K = 256 in its
    /// reviews): L_t = −(1/K) Σ_k R(a_k, y*_t) · log π(a_k).
    case monteCarlo(samples: Int)
    /// The zero-variance expectation of the same loss:
    /// L_t = −[π'(y*)·log π(y*) + β·Σ_{a≠y*} π'(a)·log π(a)], π' detached.
    case exact
}

/// How OTR's per-position losses L_t become one number.
public enum OTRReduction: String, Codable, CaseIterable, Sendable {
    /// Σ_t m_t L_t / Σ_t m_t over the whole batch, as `sft` averages its NLL: with every draw a
    /// hit, the loss equals the SFT loss exactly.
    case token
    /// The paper's per-sequence length normalisation: the mean over rows of (1/T_b) Σ_t m_t L_t.
    case sequence
}
