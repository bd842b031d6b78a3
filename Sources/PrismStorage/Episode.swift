import PrismEnv

/// One finished episode, in Minari's layout: `observations` has one more element than `actions`
/// (the reset observation first), and only the last termination or truncation flag may be set.
public struct Episode: Equatable, Sendable {
    /// The episode id (its position in the dataset); set by the writer, read back by the reader.
    public var id: Int
    /// The reset seed, when known.
    public var seed: UInt64?
    /// `T + 1` observations.
    public var observations: [SpaceValue]
    /// `T` actions.
    public var actions: [SpaceValue]
    /// `T` rewards.
    public var rewards: [Double]
    /// `T` termination flags.
    public var terminations: [Bool]
    /// `T` truncation flags.
    public var truncations: [Bool]
    /// Named step-info columns of `T + 1` rows (reset info first), stored under `infos/`; nested
    /// info dicts are ``InfoColumn/group(_:)`` entries.
    public var infos: [String: InfoColumn]

    /// An episode; `id` is assigned by ``RolloutWriter/append(_:)``.
    public init(id: Int = 0, seed: UInt64? = nil, observations: [SpaceValue], actions: [SpaceValue], rewards: [Double],
                terminations: [Bool], truncations: [Bool], infos: [String: InfoColumn] = [:]) {
        self.id = id
        self.seed = seed
        self.observations = observations
        self.actions = actions
        self.rewards = rewards
        self.terminations = terminations
        self.truncations = truncations
        self.infos = infos
    }

    /// The number of steps `T`.
    public var totalSteps: Int { actions.count }

    /// The problems that make this episode unfit for Minari's layout (empty when it is fine).
    public var consistencyProblems: [String] {
        var problems: [String] = []
        let steps = actions.count
        if observations.count != steps + 1 { problems.append("\(observations.count) observations for \(steps) actions (need T+1)") }
        if rewards.count != steps { problems.append("\(rewards.count) rewards for \(steps) actions") }
        if terminations.count != steps { problems.append("\(terminations.count) terminations for \(steps) actions") }
        if truncations.count != steps { problems.append("\(truncations.count) truncations for \(steps) actions") }
        if terminations.dropLast().contains(true) || truncations.dropLast().contains(true) {
            problems.append("a termination or truncation flag is set before the last step")
        }
        problems += InfoColumn.group(infos).problems(path: "infos", rows: steps + 1)
        return problems
    }
}
