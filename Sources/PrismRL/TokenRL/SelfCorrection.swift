/// SCoRe's two training stages (Kumar et al. 2024, "Training Language Models to Self-Correct via
/// Reinforcement Learning", arXiv 2409.12917; docs/algorithms.md §7.2–7.3): the reward and the
/// KL coefficient of each of the two turns.
public enum SelfCorrectionStage: String, Codable, CaseIterable, Sendable {
    /// Eq. 3: only the second attempt is rewarded; the first is held to the reference by a strong
    /// KL β2 (plus β1 on both turns).
    case initialization
    /// Eq. 4: both attempts are rewarded, the second with the shaping bonus α·(r̂(y2) − r̂(y1)).
    case shapedReward

    /// The per-turn rewards for first and second attempt rewards r1, r2 ∈ {0, 1}; each turn's
    /// reward is its own (γ = 0 between turns).
    public func turnRewards(first r1: Float, second r2: Float, alpha: Float) -> (first: Float, second: Float) {
        switch self {
        case .initialization: (0, r2)
        case .shapedReward: (r1, Self.shapedSecondReward(first: r1, second: r2, alpha: alpha))
        }
    }

    /// The KL coefficients of the two turns: (β1 + β2, β1) in Stage I, (β1, β1) in Stage II.
    public func klCoefficients(beta1: Float, beta2: Float) -> (first: Float, second: Float) {
        switch self {
        case .initialization: (beta1 + beta2, beta1)
        case .shapedReward: (beta1, beta1)
        }
    }

    /// r̂(y2) + α·(r̂(y2) − r̂(y1)): at α = 10, (0,1) → 11, (1,0) → −10, (1,1) → 1, (0,0) → 0.
    public static func shapedSecondReward(first r1: Float, second r2: Float, alpha: Float) -> Float {
        r2 + alpha * (r2 - r1)
    }
}

/// Self-correction statistics of a set of problems answered twice (docs/algorithms.md §7.6).
public struct SelfCorrectionStatistics: Equatable, Sendable {
    /// Accuracy of the first and of the second attempt.
    public var accuracyFirst: Double, accuracySecond: Double
    /// Fraction wrong at the first attempt and right at the second (Δ^{i→c}), and the reverse (Δ^{c→i}).
    public var incorrectToCorrect: Double, correctToIncorrect: Double
    /// Mean over problems of edit distance(y1, y2) / (|y1| + |y2|) over the answers' characters.
    public var editDistanceRatio: Double
    /// Fraction of problems whose second answer differs from the first.
    public var changedAnswerRate: Double

    /// Δ(t1, t2) = Acc@t2 − Acc@t1, which equals Δ^{i→c} − Δ^{c→i}.
    public var delta: Double { accuracySecond - accuracyFirst }

    /// The statistics of `first` and `second` answers against the `correct` ones.
    public init(first: [String], second: [String], correct: [String]) {
        precondition(first.count == second.count && first.count == correct.count, "SelfCorrectionStatistics: counts differ")
        let n = Double(max(first.count, 1))
        var (right1, right2, fixed, broken, changed) = (0, 0, 0, 0, 0)
        var ratio = 0.0
        for i in first.indices {
            let (a, b) = (first[i] == correct[i], second[i] == correct[i])
            right1 += a ? 1 : 0
            right2 += b ? 1 : 0
            fixed += !a && b ? 1 : 0
            broken += a && !b ? 1 : 0
            changed += first[i] != second[i] ? 1 : 0
            let total = first[i].count + second[i].count
            ratio += total == 0 ? 0 : Double(Self.editDistance(Array(first[i]), Array(second[i]))) / Double(total)
        }
        accuracyFirst = Double(right1) / n
        accuracySecond = Double(right2) / n
        incorrectToCorrect = Double(fixed) / n
        correctToIncorrect = Double(broken) / n
        editDistanceRatio = ratio / n
        changedAnswerRate = Double(changed) / n
    }

    /// Levenshtein distance (insertions, deletions and substitutions cost 1).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
