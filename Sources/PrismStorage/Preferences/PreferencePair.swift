/// One preference record: a prompt, the preferred and the rejected completion, and where the
/// pair came from. Stored one row per pair in a ``PreferenceFile``.
public struct PreferencePair: Equatable, Sendable {
    /// The prompt both completions answer.
    public var prompt: String
    /// The preferred completion.
    public var chosen: String
    /// The rejected completion.
    public var rejected: String
    /// Provenance: what produced the pair (e.g. `mcts`, `rubric`, `human`, a dataset id).
    public var source: String
    /// The chosen completion's score (NaN when unscored).
    public var chosenScore: Double
    /// The rejected completion's score (NaN when unscored).
    public var rejectedScore: Double
    /// The seed that produced the pair (-1 when unknown).
    public var seed: Int64

    /// A pair; scores default to NaN (unscored) and the seed to -1 (unknown).
    public init(prompt: String, chosen: String, rejected: String, source: String = "",
                chosenScore: Double = .nan, rejectedScore: Double = .nan, seed: Int64 = -1) {
        self.prompt = prompt
        self.chosen = chosen
        self.rejected = rejected
        self.source = source
        self.chosenScore = chosenScore
        self.rejectedScore = rejectedScore
        self.seed = seed
    }

    /// Equality that treats two NaN scores as equal (bitwise round trips compare equal).
    public static func == (lhs: PreferencePair, rhs: PreferencePair) -> Bool {
        func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || a == b }
        return lhs.prompt == rhs.prompt && lhs.chosen == rhs.chosen && lhs.rejected == rhs.rejected
            && lhs.source == rhs.source && same(lhs.chosenScore, rhs.chosenScore)
            && same(lhs.rejectedScore, rhs.rejectedScore) && lhs.seed == rhs.seed
    }
}
