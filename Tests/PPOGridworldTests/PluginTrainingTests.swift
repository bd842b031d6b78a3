import ArgumentParser
import Foundation
@testable import PPORecipe
import PrismEnv
import PrismJSON
import PrismRecipes
import Testing

/// `ppo` on environments registered from outside Prism (``Beacon`` and its variants): it learns,
/// resumes bit for bit, runs polychromic PPO through encoded snapshots, and says clearly what an
/// environment lacks.
@Suite struct PluginTrainingTests {
    static let small = ["--env", Beacon.id, "--set", "num_envs=4", "--set", "num_steps=64", "--set", "checkpoint_interval=4",
                        "--set", "eval.seeds=20", "--set", "eval.samples=4"]

    init() { BeaconPlugins.register() }

    @Test func learnsTheBeaconAndReportsNoRoomsWhenTheEnvironmentHasNone() throws {
        let run = RecipeRunner.temporaryRun("beacon")
        defer { try? FileManager.default.removeItem(at: run) }
        let (_, outcome) = try RecipeRunner.train(Self.small + ["--seed", "2", "--total-steps", "8192", "--run-dir", run.path],
                                                  RegisteredEnvironment.self)
        #expect(outcome == .finished(step: 8192))
        let eval = try JSONValue.parse(String(contentsOf: run.appendingPathComponent("eval.json"), encoding: .utf8))
        // The beacon is 3 steps away: the trained greedy policy walks straight to it.
        #expect(eval["success_rate"]?.number == 1, "\(eval)")
        #expect(eval["mean_length"]?.number == 3)
        #expect(eval["diversity"] == nil && eval["diversity_signature"] == nil)
        let report = try String(contentsOf: run.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(report.hasPrefix("# ppo: Test/Beacon-v0") && !report.contains("diversity"))
        let config = try JSONValue.parse(String(contentsOf: run.appendingPathComponent("config.json"), encoding: .utf8))
        #expect(config["recipe"]?.string == "ppo")
    }

    @Test func aResumedPluginRunEqualsAnUninterruptedOne() throws {
        let whole = RecipeRunner.temporaryRun("beacon-whole"), split = RecipeRunner.temporaryRun("beacon-split")
        defer { for url in [whole, split] { try? FileManager.default.removeItem(at: url) } }
        let arguments = Self.small + ["--seed", "4", "--total-steps", "2048"]
        try RecipeRunner.train(arguments + ["--run-dir", whole.path], RegisteredEnvironment.self)
        #expect(try RecipeRunner.train(arguments + ["--run-dir", split.path, "--stop-after-steps", "1000"],
                                       RegisteredEnvironment.self).outcome == .stopped(step: 1024))
        #expect(try RecipeRunner.train(["--resume", split.path], RegisteredEnvironment.self).outcome == .finished(step: 2048))
        for name in ["model.safetensors", "optimizer.safetensors", "state.json"] {
            #expect(try RecipeRunner.checkpointFile(whole, step: 2048, name) == RecipeRunner.checkpointFile(split, step: 2048, name), "\(name)")
        }
    }

    @Test func polychromicPPOBranchesAPluginThroughItsCodableSnapshot() throws {
        let run = RecipeRunner.temporaryRun("beacon-poly")
        defer { try? FileManager.default.removeItem(at: run) }
        let (_, outcome) = try RecipeRunner.train(Self.small + ["--seed", "1", "--total-steps", "512", "--objective", "polychromic",
                                                                "--run-dir", run.path], RegisteredEnvironment.self)
        #expect(outcome == .finished(step: 512))
        let metrics = try String(contentsOf: run.appendingPathComponent("metrics.jsonl"), encoding: .utf8)
        #expect(metrics.contains("polychromic/"))
    }

    @Test func whatAnEnvironmentLacksIsNamedBeforeAnythingIsWritten() throws {
        func failure(_ arguments: [String]) -> String {
            let run = RecipeRunner.temporaryRun("beacon-bad")
            defer { try? FileManager.default.removeItem(at: run) }
            do {
                try RecipeRunner.train(arguments + ["--run-dir", run.path], RegisteredEnvironment.self)
                return "accepted"
            } catch {
                #expect(!FileManager.default.fileExists(atPath: run.path), "a rejected run wrote \(run.path)")
                return "\(error)"
            }
        }
        let polychromic = failure(["--env", OneWayBeacon.id, "--objective", "polychromic"])
        #expect(polychromic.contains("Restorable") && polychromic.contains(OneWayBeacon.id), "\(polychromic)")
        let cloning = failure(["--env", Beacon.id, "--init", "bc"])
        #expect(cloning.contains("--demos") && cloning.contains("no built-in expert"), "\(cloning)")
        let actions = failure(["--env", TwoKnobs.id])
        #expect(actions.contains("key 'env'") && actions.contains("MultiDiscrete"), "\(actions)")
        let unknown = failure(["--env", "Test/Nope-v0"])
        #expect(unknown.contains("env=Test/Nope-v0") && unknown.contains("key 'env'") && unknown.contains(Beacon.id), "\(unknown)")
    }

    @Test func aPluginWithoutSnapshotsTrainsButCannotResume() throws {
        let run = RecipeRunner.temporaryRun("beacon-oneway")
        defer { try? FileManager.default.removeItem(at: run) }
        let arguments = ["--env", OneWayBeacon.id, "--set", "num_envs=2", "--set", "num_steps=64", "--seed", "3", "--total-steps", "512",
                         "--set", "checkpoint_interval=1", "--set", "eval.seeds=2", "--set", "eval.samples=2"]
        #expect(try RecipeRunner.train(arguments + ["--run-dir", run.path, "--stop-after-steps", "128"],
                                       RegisteredEnvironment.self).outcome == .stopped(step: 128))
        do {
            try RecipeRunner.train(["--resume", run.path], RegisteredEnvironment.self)
            Issue.record("resumed an environment without snapshots")
        } catch {
            #expect("\(error)".contains("cannot resume"), "\(error)")
        }
    }

    @Test func checkEnvPassesARestorablePluginAndFailsAnUntrainableOne() throws {
        var check = try PPOCommand.parseAsRoot(["check-env", Beacon.id])
        try check.run()
        // TwoKnobs keeps the Environment contract (and has no snapshots to check) but its actions are not Discrete.
        #expect(checkEnvironment({ try EnvironmentRegistry.shared.make(TwoKnobs.id) }).passed)
        check = try PPOCommand.parseAsRoot(["check-env", TwoKnobs.id])
        #expect(throws: ExitCode.self) { try check.run() }
    }
}
