/// Per-sample advantages and value targets of a rollout.
public struct AdvantageEstimate: Equatable, Sendable {
    /// `[T·E]` advantages Aₜ.
    public var advantages: [Float]
    /// `[T·E]` value targets Rₜ = Aₜ + Vₜ (λ-returns).
    public var returns: [Float]

    /// An estimate with the given arrays.
    public init(advantages: [Float], returns: [Float]) {
        self.advantages = advantages
        self.returns = returns
    }
}

/// Generalised advantage estimation GAE(γ, λ) (Schulman et al., 2016, "High-Dimensional
/// Continuous Control Using Generalized Advantage Estimation", Eq. 16) under Prism's rollout
/// convention (docs/algorithms.md §1.1), for a vector environment with same-step autoreset.
///
/// Backwards over t = T−1 … 0, per environment:
/// - terminatedₜ: nextValue = 0, carry = 0;
/// - truncatedₜ (and not terminated): nextValue = Bₜ, carry = 0 (bootstrap, but the episode ends);
/// - t = T−1: nextValue = V(observation after the last step), carry = 1;
/// - otherwise: nextValue = Vₜ₊₁, carry = 1;
///
/// then δₜ = rₜ + γ·nextValue − Vₜ, Aₜ = δₜ + γλ·carry·Aₜ₊₁ and Rₜ = Aₜ + Vₜ. Without truncation this
/// equals CleanRL's `ppo.py` GAE.
/// - Parameters:
///   - rewards, values, terminated, truncated, bootstrapValues: `[T·E]`, time-major (sample t·E + e).
///   - lastValues: `[E]` V(observation after step T−1).
///   - environmentCount: E.
///   - discount: γ.
///   - gaeLambda: λ (1 gives Monte-Carlo returns minus V, 0 gives one-step TD errors).
/// - Returns: advantages and returns, `[T·E]` each.
/// - Complexity: O(T·E).
public func generalizedAdvantageEstimate(
    rewards: [Float], values: [Float], terminated: [Bool], truncated: [Bool], bootstrapValues: [Float],
    lastValues: [Float], environmentCount: Int, discount: Float, gaeLambda: Float
) -> AdvantageEstimate {
    let e = environmentCount
    let samples = rewards.count
    precondition(e > 0 && samples % e == 0, "GAE: \(samples) samples do not split into \(e) environments")
    precondition(values.count == samples && terminated.count == samples && truncated.count == samples
                 && bootstrapValues.count == samples, "GAE: every per-sample array needs \(samples) entries")
    precondition(lastValues.count == e, "GAE: lastValues needs \(e) entries, got \(lastValues.count)")
    let stepCount = samples / e
    var advantages = [Float](repeating: 0, count: samples)
    var returns = [Float](repeating: 0, count: samples)
    for env in 0..<e {
        var nextAdvantage: Float = 0
        for t in stride(from: stepCount - 1, through: 0, by: -1) {
            let i = t &* e &+ env
            let nextValue: Float
            let carry: Float
            if terminated[i] {
                (nextValue, carry) = (0, 0)
            } else if truncated[i] {
                (nextValue, carry) = (bootstrapValues[i], 0)
            } else if t == stepCount - 1 {
                (nextValue, carry) = (lastValues[env], 1)
            } else {
                (nextValue, carry) = (values[i &+ e], 1)
            }
            let delta = rewards[i] + discount * nextValue - values[i]
            nextAdvantage = delta + discount * gaeLambda * carry * nextAdvantage
            advantages[i] = nextAdvantage
            returns[i] = nextAdvantage + values[i]
        }
    }
    return AdvantageEstimate(advantages: advantages, returns: returns)
}
