import Foundation
import PrismJSON
import PrismPolicy
import PrismRecipes
import PrismRL
import PrismTensor

/// The final evaluation of a PPO recipe's run on its held-out seeds, and the files it writes:
/// `eval.json`, `report.md`, `return.svg` (the learning curve) and `pass_at_k.svg`.
public struct RunEvaluation {
    /// The run's settings.
    public let config: PPORecipeConfig
    /// The recipe's command name.
    public let recipe: String
    /// Whether the environment reported `room_id`: only then are rooms and diversity reported.
    public let reportsRooms: Bool
    /// What the policy did.
    public let result: PolicyEvaluation
    /// The step of the evaluated checkpoint.
    public let step: Int

    /// Evaluates `policy` (trained for `step` steps) on `config`'s held-out seeds: one greedy
    /// episode per seed and `eval.samples` sampled ones, drawn from the root seed's `evaluation`
    /// stream; diversity counts distinct sets of rooms visited, when the environment reports rooms.
    public init<Env: PPOEnvironment>(policy: ActorCritic, environment: Env, config: PPORecipeConfig, recipe: String,
                                     seed: UInt64, step: Int) throws {
        var stream = RandomStream(seed: seed).child("evaluation")
        var sawRoom = false
        result = try evaluatePolicy(policy, environment: environment, encode: environment.encoder,
                                    seeds: Array(config.heldOutSeeds), samplesPerSeed: config.eval.samples,
                                    signature: { infos in
                                        let rooms = Set(infos.compactMap(\.roomID))
                                        if !rooms.isEmpty { sawRoom = true }
                                        return rooms
                                    }, using: &stream)
        reportsRooms = sawRoom
        self.config = config
        self.recipe = recipe
        self.step = step
    }

    /// `eval.json`: top-level greedy `success_rate`, `mean_return`, `mean_length`; `sampled` with
    /// the same fields; `pass_at_k` {k: value}; `diversity`; `episodes`; and what was evaluated.
    public var json: String {
        func summary(_ s: EpisodeSummary) -> [String: JSONValue] {
            ["success_rate": .number(s.successRate), "mean_return": .number(s.meanReturn),
             "mean_length": .number(s.meanLength), "episodes": .integer(s.episodeCount)]
        }
        var members = summary(result.greedy)
        members["sampled"] = .object(summary(result.sampled))
        members["pass_at_k"] = .object(Dictionary(uniqueKeysWithValues: result.passAtK.map { (String($0.key), .number($0.value)) }))
        if reportsRooms {
            members["diversity"] = .number(result.diversity)
            members["diversity_signature"] = .string("set of room ids visited")
        }
        members["env"] = .string(config.env)
        members["step"] = .integer(step)
        members["seeds"] = .object(["first": .integer(Int(config.eval.firstSeed)), "count": .integer(config.eval.seeds)])
        members["samples_per_seed"] = .integer(config.eval.samples)
        return JSONValue.object(members).canonicalJSON() + "\n"
    }

    /// Writes `eval.json`, the charts and `report.md` into `run` (the learning curve from its
    /// `metrics.jsonl`).
    public func write(to run: RunDirectory, seed: UInt64) throws {
        try run.write(json, to: "eval.json")
        let curve = MetricsHistory(url: run.file(MetricsLogger.metricsFileName)).series("charts/episodic_return")
        try run.write(SVGLineChart(title: "\(config.env): episodic return", xLabel: "environment steps",
                                   yLabel: "charts/episodic_return",
                                   series: [.init(name: "\(config.objective.rawValue) PPO, seed \(seed)", points: curve)]).svg,
                      to: "return.svg")
        let ks = result.passAtK.keys.sorted()
        try run.write(SVGLineChart(title: "\(config.env): pass@k (sampled policy)", xLabel: "k", yLabel: "pass@k",
                                   series: [.init(name: "\(config.objective.rawValue) PPO", points: ks.map { (Double($0), result.passAtK[$0]!) })]).svg,
                      to: "pass_at_k.svg")
        try run.write(report(seed: seed, curvePoints: curve.count), to: "report.md")
    }

    /// The report's text.
    func report(seed: UInt64, curvePoints: Int) -> String {
        func f(_ value: Double) -> String { String(format: "%.3f", value) }
        var report = MarkdownReport(title: "\(recipe): \(config.env)")
        report.addKeyValues([
            ("objective", config.objective.rawValue), ("initialization", config.initialization.rawValue),
            ("seed", String(seed)), ("steps trained", String(step)),
            ("held-out seeds", "\(config.eval.firstSeed) … \(config.eval.firstSeed + UInt64(config.eval.seeds) - 1)"),
            ("samples per seed", String(config.eval.samples)),
        ])
        report.addHeading("Evaluation")
        report.addTable(headers: ["policy", "success rate", "mean return", "mean length", "episodes"], rows: [
            ["greedy", f(result.greedy.successRate), f(result.greedy.meanReturn), f(result.greedy.meanLength), String(result.greedy.episodeCount)],
            ["sampled", f(result.sampled.successRate), f(result.sampled.meanReturn), f(result.sampled.meanLength), String(result.sampled.episodeCount)],
        ])
        if reportsRooms {
            report.addParagraph("Trajectory diversity (distinct sets of rooms visited / samples, per seed, averaged): \(f(result.diversity))")
        }
        report.addHeading("pass@k")
        let ks = result.passAtK.keys.sorted()
        report.addTable(headers: ["k"] + ks.map(String.init), rows: [["pass@k"] + ks.map { f(result.passAtK[$0]!) }])
        report.addImage(path: "pass_at_k.svg", alt: "pass@k of the sampled policy")
        report.addHeading("Learning curve")
        report.addParagraph(curvePoints > 0 ? "charts/episodic_return per update (\(curvePoints) points)." : "No episodes were logged.")
        report.addImage(path: "return.svg", alt: "episodic return against environment steps")
        return report.text
    }
}

/// Loads the policy of a saved PPO recipe run: its `config.json` and latest checkpoint.
public struct SavedPolicy<Env: PPOEnvironment> {
    /// The run's settings.
    public var config: PPORecipeConfig
    /// The run's root seed.
    public var seed: UInt64
    /// The network with the checkpoint's weights.
    public var model: ActorCritic
    /// The checkpoint it came from.
    public var checkpoint: SavedCheckpoint
    /// The run directory.
    public var run: RunDirectory
    /// A fresh environment of the run's `env`.
    public var environment: Env
    /// The recipe that wrote the run.
    public var recipe: String

    /// Reads the run of `recipe` in `directory`.
    /// - Throws: ``UserError``, ``RunDirectoryError``, ``ConfigError`` or ``CheckpointError`` naming the file at fault.
    public init(runDirectory directory: String, recipe: String) throws {
        let saved = try SavedRun(directory: directory, recipe: recipe)
        self.recipe = recipe
        run = saved.run
        checkpoint = saved.checkpoint
        config = try saved.config(PPORecipeConfig.self)
        seed = saved.configFile.seed
        var initialisation = RandomStream(seed: seed).child("init")
        environment = try Env.make(id: config.env)
        var model = ActorCritic(config.network(for: environment), using: &initialisation)
        try saved.loadWeights(into: &model)
        self.model = model
    }
}
