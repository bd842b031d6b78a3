/// The unbiased pass@k estimate from n samples of which c succeeded (Chen et al., 2021,
/// "Evaluating Large Language Models Trained on Code", Eq. 1): `1 − C(n − c, k) / C(n, k)`, the
/// probability that at least one of k samples drawn without replacement succeeds.
///
/// Computed as `1 − Π_{i = n−c+1}^{n} (1 − k/i)`, which never forms a binomial coefficient;
/// it is 1 when `n − c < k` (every k-subset holds a success).
/// - Parameters:
///   - n: the number of samples, ≥ 1.
///   - c: the number of successes, in `0...n`.
///   - k: the budget, in `1...n`.
public func passAtK(n: Int, c: Int, k: Int) -> Double {
    precondition(n >= 1, "passAtK: n \(n) must be ≥ 1")
    precondition(c >= 0 && c <= n, "passAtK: c \(c) must be in 0...\(n)")
    precondition(k >= 1 && k <= n, "passAtK: k \(k) must be in 1...\(n)")
    if n - c < k { return 1 }
    guard c > 0 else { return 0 }
    var failureProbability = 1.0
    for i in (n - c + 1)...n {
        failureProbability *= 1 - Double(k) / Double(i)
    }
    return 1 - failureProbability
}
