import EnvironmentCatalog
import Gridworld
import PrismEnv
import PrismRecipes
import PrismStorage
import PrismTensor
import ToolUse

/// The policies `record` can play, and how one episode of each is played into an ``Episode``.
enum RecordPolicy: String, CaseIterable {
    /// The scripted expert (gridworld BFS planner; the oracle for ToolUse ids).
    case expert
    /// Uniform samples of the action space from a seeded stream.
    case random
}

/// Plays single episodes of one environment id with one policy.
struct EpisodePlayer {
    /// The environment id.
    let id: String
    /// The policy.
    let policy: RecordPolicy
    /// The observation and action spaces of `id`.
    let observationSpace: Space, actionSpace: Space
    /// A human-readable name of the policy, stored as the dataset's algorithm name.
    let algorithmName: String

    /// Steps after which a random episode is cut (environments without a time limit).
    static let stepCap = 100_000

    /// A player for `id`, or a message when the id is unknown or the policy unsupported for it.
    init(id: String, policy: RecordPolicy) throws {
        guard EnvironmentCatalog.registry.spec(id) != nil else {
            throw UserError("--env '\(id)' is not a registered id; ids: \(EnvironmentCatalog.registry.ids.joined(separator: ", "))")
        }
        let probe: AnyEnvironment
        do { probe = try EnvironmentCatalog.registry.make(id) } catch { throw UserError("--env '\(id)': \(error)") }
        self.id = id
        self.policy = policy
        observationSpace = probe.observationSpace
        actionSpace = probe.actionSpace
        switch policy {
        case .random: algorithmName = "random (uniform samples of the action space)"
        case .expert where Gridworld.ids.contains(id): algorithmName = "expert (GridworldExpert shortest-plan BFS)"
        case .expert where ToolUse.ids.contains(id): algorithmName = "expert (ToolUse OraclePolicy)"
        case .expert:
            throw UserError("--policy expert is available for gridworld and ToolUse ids, not '\(id)'; use --policy random")
        }
    }

    /// Plays one episode from a reset with `seed`.
    func play(seed: UInt64) throws -> Episode {
        switch policy {
        case .random: return try playRandom(seed: seed)
        case .expert where ToolUse.ids.contains(id): return try playOracle(seed: seed)
        case .expert: return try playGridworldExpert(seed: seed)
        }
    }

    private func playGridworldExpert(seed: UInt64) throws -> Episode {
        guard var environment = Gridworld.make(id, seed: seed) else { throw UserError("'\(id)' is not a gridworld id") }
        let reset = environment.reset(seed: seed)
        var recorder = Recorder(seed: seed, first: reset.observation.spaceValue, info: reset.info)
        guard let plan = GridworldExpert().plan(from: environment.state) else {
            throw UserError("\(id) seed \(seed): the expert found no plan")
        }
        for action in plan {
            let step = try environment.step(action.rawValue)
            recorder.add(.discrete(action.rawValue), step.observation.spaceValue, step)
            if step.isDone { break }
        }
        return recorder.episode
    }

    private func playOracle(seed: UInt64) throws -> Episode {
        guard let variant = ToolUse.variants.first(where: { $0.id == id }) else { throw UserError("'\(id)' is not a ToolUse id") }
        var environment = ToolUseEnvironment(name: variant.id, kinds: variant.kinds)
        let reset = environment.reset(seed: seed)
        guard let task = environment.task else { throw UserError("\(id) seed \(seed): no task after reset") }
        var oracle = OraclePolicy(task: task)
        var recorder = Recorder(seed: seed, first: .text(reset.observation), info: reset.info)
        var observation = reset.observation
        while recorder.steps < Self.stepCap {
            let action = oracle.action(after: observation)
            let step = try environment.step(action)
            recorder.add(.text(action), .text(step.observation), step)
            observation = step.observation
            if step.isDone { break }
        }
        return recorder.episode
    }

    private func playRandom(seed: UInt64) throws -> Episode {
        var environment = try EnvironmentCatalog.registry.make(id)
        var stream = RandomStream(seed: seed ^ 0x9E37_79B9_7F4A_7C15)
        let reset = environment.reset(seed: seed)
        var recorder = Recorder(seed: seed, first: reset.observation, info: reset.info)
        while recorder.steps < Self.stepCap {
            let action = actionSpace.sample(using: &stream)
            let step = try environment.step(action)
            recorder.add(action, step.observation, step)
            if step.isDone { break }
        }
        return recorder.episode
    }
}

/// Accumulates one episode's arrays in Minari's layout (T+1 observations and step infos).
private struct Recorder {
    private var arrays: Episode
    private var infos = StepInfoTable()

    init(seed: UInt64, first: SpaceValue, info: StepInfo) {
        arrays = Episode(seed: seed, observations: [first], actions: [], rewards: [], terminations: [], truncations: [])
        infos.append(info)
    }

    /// The episode so far, infos included.
    var episode: Episode {
        var episode = arrays
        episode.infos = infos.columns
        return episode
    }

    var steps: Int { arrays.actions.count }

    mutating func add<Observation>(_ action: SpaceValue, _ observation: SpaceValue, _ step: Step<Observation>) {
        arrays.actions.append(action)
        arrays.observations.append(observation)
        arrays.rewards.append(step.reward)
        arrays.terminations.append(step.terminated)
        arrays.truncations.append(step.truncated)
        infos.append(step.info)
    }
}
