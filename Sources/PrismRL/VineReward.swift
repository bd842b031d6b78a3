extension Vine {
    /// The paper's success reward of the episode the vine finished (Hamid et al., 2025, grid
    /// tasks, docs/algorithms.md §2.2): `1 − 0.5·t/H` if its last step reports success at episode step t, else 0.
    ///
    /// t is the last step info's `stepCount` (the episode's step count, so a vine started mid-episode
    /// is charged for the steps before its rollout state), or the vine's length when the
    /// environment reports none. The value lies in [0.5, 1] for t ≤ H.
    /// - Parameter horizon: H, the environment's episode step limit (> 0).
    public func successReward(horizon: Int) -> Double {
        precondition(horizon > 0, "Vine.successReward: horizon \(horizon) must be > 0")
        guard let last = infos.last, last.isSuccess == true else { return 0 }
        let t = Double(Swift.min(last.stepCount ?? length, horizon))
        return 1 - 0.5 * t / Double(horizon)
    }
}
