import Foundation
import PrismJSON
import PrismRecipes

/// The final evaluations of several `ppo-gridworld` runs side by side (e.g. polychromic against
/// standard PPO from the same behaviour-cloned start): `report.md` with success, return, length,
/// diversity and pass@k for k = 1 … K of every run, and `pass_at_k.svg` with their curves.
public struct RunComparison {
    /// What one run's `config.json` and `eval.json` say.
    public struct Entry: Sendable {
        /// The run directory as given.
        public var directory: String
        /// The run's objective, `standard` or `polychromic`.
        public var objective: String
        /// How the run's policy was initialised, `scratch` or `bc`.
        public var initialization: String
        /// The run's root seed.
        public var seed: UInt64
        /// The environment id.
        public var env: String
        /// The step of the evaluated checkpoint.
        public var step: Int
        /// Greedy success rate, mean return and mean length.
        public var greedy: (successRate: Double, meanReturn: Double, meanLength: Double)
        /// The same for the sampling policy.
        public var sampled: (successRate: Double, meanReturn: Double, meanLength: Double)
        /// pass@k of the sampling policy, by k.
        public var passAtK: [Int: Double]
        /// Trajectory diversity of the sampling policy.
        public var diversity: Double

        /// The run's label in tables and charts: objective, initialisation and seed.
        public var label: String { "\(objective) (\(initialization), seed \(seed))" }
    }

    /// The runs, in the order given.
    public let entries: [Entry]

    /// Reads the evaluated runs in `directories`.
    /// - Throws: ``UserError`` naming the directory or file that is missing or malformed.
    public init(runDirectories directories: [String]) throws {
        guard directories.count >= 2 else { throw UserError("compare needs at least two run directories, got \(directories.count)") }
        entries = try directories.map(Self.entry(directory:))
    }

    /// The comparison's `report.md`.
    public var report: String {
        func f(_ value: Double) -> String { String(format: "%.3f", value) }
        let envs = Array(Set(entries.map(\.env))).sorted()
        var report = MarkdownReport(title: "ppo-gridworld comparison: \(envs.joined(separator: ", "))")
        report.addTable(headers: ["run", "directory", "steps trained", "greedy success", "greedy return", "greedy length",
                                  "sampled success", "sampled return", "diversity"],
                        rows: entries.map { e in
                            [e.label, e.directory, String(e.step), f(e.greedy.successRate), f(e.greedy.meanReturn),
                             f(e.greedy.meanLength), f(e.sampled.successRate), f(e.sampled.meanReturn), f(e.diversity)]
                        })
        report.addParagraph("Diversity: distinct sets of rooms visited by the sampled episodes of a held-out seed, over their number, averaged over the seeds.")
        report.addHeading("Averages per environment and objective (95 % bootstrap intervals over seeds)")
        let intervalKs = [1, 4, 16].filter(sharedKs.contains)
        report.addTable(headers: ["environment", "objective", "runs", "greedy success", "sampled success", "diversity"]
                            + intervalKs.map { "pass@\($0)" },
                        rows: groups.map { group in
                            [group.env, group.objective, String(group.entries.count)]
                                + group.intervals(ks: intervalKs).map(\.text)
                        })
        report.addParagraph("Each interval is the 2.5th to 97.5th percentile of 10,000 means of seeds drawn with replacement (resampling seed fixed), so the same runs give the same report.")
        report.addHeading("pass@k (sampled policy, unbiased estimator)")
        let ks = sharedKs
        report.addTable(headers: ["k"] + entries.map(\.label),
                        rows: ks.map { k in [String(k)] + entries.map { f($0.passAtK[k]!) } })
        report.addImage(path: "pass_at_k.svg", alt: "pass@k of every run")
        return report.text
    }

    /// `pass_at_k.svg`: one pass@k curve per run.
    public var passAtKChart: String {
        let ks = sharedKs
        let envs = Array(Set(entries.map(\.env))).sorted().joined(separator: ", ")
        return SVGLineChart(title: "\(envs): pass@k (sampled policy)", xLabel: "k", yLabel: "pass@k",
                            series: entries.map { e in .init(name: e.label, points: ks.map { (Double($0), e.passAtK[$0]!) }) }).svg
    }

    /// Runs of one environment and objective.
    public struct Group {
        /// The environment id.
        public var env: String
        /// `standard` or `polychromic`.
        public var objective: String
        /// The group's runs.
        public var entries: [Entry]

        /// Greedy success, sampled success, diversity and pass@k for each of `ks`: the mean over
        /// the runs with its bootstrap interval.
        public func intervals(ks: [Int]) -> [BootstrapInterval] {
            [entries.map(\.greedy.successRate), entries.map(\.sampled.successRate), entries.map(\.diversity)]
                .map { BootstrapInterval($0) } + ks.map { k in BootstrapInterval(entries.map { $0.passAtK[k]! }) }
        }
    }

    /// The runs grouped by environment and objective, in order of first appearance.
    public var groups: [Group] {
        var groups: [Group] = []
        for entry in entries {
            if let index = groups.firstIndex(where: { $0.env == entry.env && $0.objective == entry.objective }) {
                groups[index].entries.append(entry)
            } else {
                groups.append(Group(env: entry.env, objective: entry.objective, entries: [entry]))
            }
        }
        return groups
    }

    /// The k every run reports.
    var sharedKs: [Int] {
        entries.map { Set($0.passAtK.keys) }.reduce(Set(entries[0].passAtK.keys)) { $0.intersection($1) }.sorted()
    }

    /// Writes `report.md` and `pass_at_k.svg` into `directory` (created when missing).
    /// - Throws: ``UserError`` when either file already exists (nothing is overwritten) or
    ///   cannot be written.
    public func write(to directory: URL) throws {
        let files = [("report.md", report), ("pass_at_k.svg", passAtKChart)]
        for (name, _) in files where FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path) {
            throw UserError("\(directory.appendingPathComponent(name).path) already exists; choose another --out directory")
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for (name, text) in files {
                try AtomicFile.write(text, to: directory.appendingPathComponent(name))
            }
        } catch {
            throw UserError("\(directory.path): cannot write the comparison: \(error)")
        }
    }

    /// One run's entry from its `config.json` and `eval.json`.
    static func entry(directory: String) throws -> Entry {
        let url = URL(fileURLWithPath: directory)
        func object(_ name: String, hint: String) throws -> [String: JSONValue] {
            let file = url.appendingPathComponent(name)
            guard let text = try? String(contentsOf: file, encoding: .utf8) else {
                throw UserError("\(file.path) is missing or unreadable (\(hint))")
            }
            guard let members = (try? JSONValue.parse(text))?.objectMembers else {
                throw UserError("\(file.path) is not a JSON object")
            }
            return members
        }
        let record = try object(RunConfigFile.fileName, hint: "not a ppo-gridworld run directory")
        let evaluation = try object("eval.json", hint: "evaluate the run first: --eval-only --checkpoint \(directory)")
        let evalPath = url.appendingPathComponent("eval.json").path
        func number(_ members: [String: JSONValue]?, _ key: String, in file: String) throws -> Double {
            guard let value = members?[key]?.number else { throw UserError("\(file): '\(key)' is missing or not a number") }
            return value
        }
        func summary(_ members: [String: JSONValue]?, prefix: String) throws -> (Double, Double, Double) {
            (try number(members, "success_rate", in: evalPath + prefix), try number(members, "mean_return", in: evalPath + prefix),
             try number(members, "mean_length", in: evalPath + prefix))
        }
        let config = record["config"]?.objectMembers
        guard case .string("ppo-gridworld")? = record["recipe"] else {
            throw UserError("\(url.appendingPathComponent(RunConfigFile.fileName).path): not a ppo-gridworld run")
        }
        var passAtK: [Int: Double] = [:]
        for (key, value) in evaluation["pass_at_k"]?.objectMembers ?? [:] {
            guard let k = Int(key), let v = value.number else { throw UserError("\(evalPath): pass_at_k['\(key)'] is malformed") }
            passAtK[k] = v
        }
        guard !passAtK.isEmpty else { throw UserError("\(evalPath): 'pass_at_k' is missing or empty") }
        func string(_ value: JSONValue?) -> String? { if case .string(let text)? = value { text } else { nil } }
        return Entry(
            directory: directory, objective: string(config?["objective"]) ?? "?",
            initialization: string(config?["initialization"]) ?? "?",
            seed: UInt64(try number(record, "seed", in: url.appendingPathComponent(RunConfigFile.fileName).path)),
            env: string(evaluation["env"]) ?? "?", step: Int(try number(evaluation, "step", in: evalPath)),
            greedy: try summary(evaluation, prefix: ""), sampled: try summary(evaluation["sampled"]?.objectMembers, prefix: " (sampled)"),
            passAtK: passAtK, diversity: try number(evaluation, "diversity", in: evalPath))
    }
}
