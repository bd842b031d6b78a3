import Foundation
@testable import PPORecipe
import PrismJSON
import PrismRecipes
import Testing

/// `ppo-gridworld compare`: two evaluated runs side by side, refusing bad input and never
/// overwriting.
@Suite struct PPOGridworldComparisonTests {
    /// A fake evaluated run directory with the given numbers.
    static func makeRun(objective: String, seed: Int, passAtK: [Double], diversity: Double, success: Double) throws -> URL {
        let run = RecipeRunner.temporaryRun("compare-\(objective)")
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
        let config = RunConfigFile(recipe: "ppo-gridworld", seed: UInt64(seed),
                                   config: .object(["objective": .string(objective), "initialization": .string("bc")]))
        try config.jsonText.write(to: run.appendingPathComponent("config.json"), atomically: true, encoding: .utf8)
        let summary: JSONValue = .object(["success_rate": .number(success), "mean_return": .number(0.5),
                                            "mean_length": .number(40), "episodes": .integer(50)])
        var members = summary.objectMembers!
        members["sampled"] = summary
        members["pass_at_k"] = .object(Dictionary(uniqueKeysWithValues: passAtK.enumerated().map { (String($0.offset + 1), .number($0.element)) }))
        members["diversity"] = .number(diversity)
        members["env"] = .string("Gridworld/FourRooms-v0")
        members["step"] = .integer(4096)
        try JSONValue.object(members).canonicalJSON().write(to: run.appendingPathComponent("eval.json"), atomically: true, encoding: .utf8)
        return run
    }

    @Test func theReportPutsBothRunsSideBySide() throws {
        let a = try Self.makeRun(objective: "standard", seed: 1, passAtK: [0.25, 0.5, 0.75], diversity: 0.125, success: 0.8)
        let b = try Self.makeRun(objective: "polychromic", seed: 1, passAtK: [0.375, 0.625, 0.875], diversity: 0.25, success: 0.9)
        let out = RecipeRunner.temporaryRun("compare-out")
        defer { for url in [a, b, out] { try? FileManager.default.removeItem(at: url) } }
        var command = try PPOGridworldCommand.parseAsRoot(["compare", a.path, b.path, "--out", out.path])
        try command.run()
        let report = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(report.contains("| 2 | 0.500 | 0.625 |"))
        #expect(report.contains("| 3 | 0.750 | 0.875 |"))
        #expect(report.contains("standard (bc, seed 1)") && report.contains("polychromic (bc, seed 1)"))
        #expect(report.contains("| 0.800 |") && report.contains("| 0.900 |") && report.contains("| 0.125 |") && report.contains("| 0.250 |"))
        let svg = try String(contentsOf: out.appendingPathComponent("pass_at_k.svg"), encoding: .utf8)
        #expect(svg.contains("polychromic (bc, seed 1)") && svg.contains("standard (bc, seed 1)"))
        #expect(throws: (any Error).self) { try RunComparison(runDirectories: [b.path, a.path]).write(to: out) }
        #expect(try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8) == report)
    }

    @Test func runsWithoutAnEvaluationAreRefused() throws {
        let a = try Self.makeRun(objective: "standard", seed: 1, passAtK: [0.5], diversity: 0.1, success: 0.5)
        let empty = RecipeRunner.temporaryRun("compare-empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { for url in [a, empty] { try? FileManager.default.removeItem(at: url) } }
        do {
            _ = try RunComparison(runDirectories: [a.path, empty.path])
            Issue.record("a directory without a run was accepted")
        } catch { #expect("\(error)".contains(empty.path) && "\(error)".contains("config.json")) }
        #expect(throws: (any Error).self) { try PPOGridworldCommand.parseAsRoot(["compare", a.path, "--out", empty.path]) }
    }
}

/// The averaged rows with their bootstrap intervals.
@Suite struct ComparisonIntervalTests {
    @Test func theIntervalIsThePercentilesOfResampledMeansAndRepeatsItself() {
        let same = BootstrapInterval([0.5, 0.5, 0.5])
        #expect(same.mean == 0.5 && same.lower == 0.5 && same.upper == 0.5)
        let spread = BootstrapInterval([0, 1], resamples: 4_000)
        // Means of two draws from {0, 1} are 0, 0.5 or 1 with probabilities ¼, ½, ¼.
        #expect(spread.mean == 0.5 && spread.lower == 0 && spread.upper == 1)
        let values = [0.62, 0.71, 0.55, 0.80, 0.67]
        let interval = BootstrapInterval(values)
        #expect(interval == BootstrapInterval(values))
        #expect(interval.lower < interval.mean && interval.mean < interval.upper)
        #expect(interval.lower >= 0.55 && interval.upper <= 0.80)
        #expect(interval != BootstrapInterval(values, seed: 1))
        #expect(BootstrapInterval([0.1, 0.2]).isDisjoint(from: BootstrapInterval([0.3, 0.4])))
        #expect(!interval.isDisjoint(from: BootstrapInterval([0.6, 0.7])))
    }

    @Test func theReportAveragesEachEnvironmentAndObjective() throws {
        let runs = try [(1, 0.8), (2, 0.6)].map { seed, success in
            try PPOGridworldComparisonTests.makeRun(objective: "standard", seed: seed, passAtK: [0.25, 0.5, 0.75, 1], diversity: 0.125, success: success)
        } + [try PPOGridworldComparisonTests.makeRun(objective: "polychromic", seed: 1, passAtK: [0.5, 0.5, 0.5, 0.5], diversity: 0.25, success: 0.9)]
        defer { for url in runs { try? FileManager.default.removeItem(at: url) } }
        let comparison = try RunComparison(runDirectories: runs.map(\.path))
        #expect(comparison.groups.map(\.objective) == ["standard", "polychromic"])
        #expect(comparison.groups.map(\.entries.count) == [2, 1])
        let report = comparison.report
        #expect(report.contains("| Gridworld/FourRooms-v0 | standard | 2 | 0.700 [0.600, 0.800] | 0.700 [0.600, 0.800] | 0.125 [0.125, 0.125] | 0.250 [0.250, 0.250] | 1.000 [1.000, 1.000] |"), "\(report)")
        #expect(report.contains("| Gridworld/FourRooms-v0 | polychromic | 1 | 0.900 [0.900, 0.900] |"))
    }
}
