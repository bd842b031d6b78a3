import Foundation
@testable import PPORecipe
import PrismRecipes
import Testing

/// Seeded polychromic runs on MultiRoom-N2-S4 from a small behaviour-cloned start: they log the
/// `polychromic/…` metrics in range, repeat themselves bit for bit, differ from standard PPO, and
/// a stopped and resumed run equals an uninterrupted one byte for byte.
@Suite struct PPOGridworldPolychromicTrainingTests {
    static let small = [
        "--env", "Gridworld/MultiRoom-N2-S4-v0", "--init", "bc", "--set", "bc.episodes=30", "--set", "bc.epochs=3",
        "--set", "num_envs=4", "--set", "num_steps=64", "--set", "checkpoint_interval=3", "--set", "eval.seeds=5",
    ]
    static let polychromic = small + ["--objective", "polychromic"]

    /// The metrics.jsonl lines of `run` as objects.
    static func metricLines(_ run: URL) throws -> [[String: Any]] {
        try String(contentsOf: run.appendingPathComponent("metrics.jsonl"), encoding: .utf8).split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test func aSeededRunLogsPolychromicMetricsInRangeAndRepeatsItself() throws {
        let first = RecipeRunner.temporaryRun("poly-a"), second = RecipeRunner.temporaryRun("poly-b")
        defer { for url in [first, second] { try? FileManager.default.removeItem(at: url) } }
        for run in [first, second] {
            #expect(try RecipeRunner.train(["--seed", "3", "--total-steps", "1536", "--run-dir", run.path] + Self.polychromic).outcome
                    == .finished(step: 1536))
        }
        let updates = try Self.metricLines(first).filter { $0["charts/updates"] != nil }
        #expect(updates.count == 6)
        for line in updates {
            func value(_ key: String) -> Double { (line[key] as? Double) ?? .nan }
            #expect(value("polychromic/vines") == 16 && value("polychromic/env_restores") == 16)
            #expect(value("polychromic/set_score_mean") >= 0 && value("polychromic/set_score_mean") <= 1)
            #expect(value("polychromic/diversity_mean") >= 0.25 && value("polychromic/diversity_mean") <= 1)
            #expect(value("polychromic/fraction_diverse_sets") >= 0 && value("polychromic/fraction_diverse_sets") <= 1)
            #expect(value("polychromic/vine_reward_mean") >= 0 && value("polychromic/vine_reward_mean") <= 1)
            #expect(value("polychromic/vine_samples") >= 4 && value("polychromic/vine_samples") <= 2 * 8 * 5)
            #expect(value("polychromic/replaced_samples") >= 2 && value("polychromic/replaced_samples") <= 2 * 5)
            #expect(value("polychromic/vine_steps") >= value("polychromic/vines"))
            #expect(abs(value("polychromic/advantage_mean")) <= value("polychromic/set_score_std") + 1e-12)
            #expect(value("losses/behaviour_kl") >= 0, "the KL penalty to the behaviour policy is on and logged")
        }
        #expect(updates.contains { ($0["polychromic/vine_reward_mean"] as? Double ?? 0) > 0 }, "the cloned policy reaches the goal")
        #expect(try Data(contentsOf: first.appendingPathComponent("metrics.jsonl")) == Data(contentsOf: second.appendingPathComponent("metrics.jsonl")))
        for name in ["model.safetensors", "optimizer.safetensors", "state.json"] {
            #expect(try RecipeRunner.checkpointFile(first, step: 1536, name) == RecipeRunner.checkpointFile(second, step: 1536, name), "\(name)")
        }
    }

    @Test func itTrainsDifferentlyFromStandardPPOFromTheSameStart() throws {
        let standard = RecipeRunner.temporaryRun("poly-std"), polychromic = RecipeRunner.temporaryRun("poly-poly")
        defer { for url in [standard, polychromic] { try? FileManager.default.removeItem(at: url) } }
        try RecipeRunner.train(["--seed", "4", "--total-steps", "512", "--run-dir", standard.path] + Self.small)
        try RecipeRunner.train(["--seed", "4", "--total-steps", "512", "--run-dir", polychromic.path] + Self.polychromic)
        let cloning = try [standard, polychromic].map { try Self.metricLines($0).first { $0["bc/loss"] != nil }?["bc/loss"] as? Double }
        #expect(cloning[0] != nil && cloning[0] == cloning[1], "both start from the same cloned policy")
        #expect(try Self.metricLines(standard).allSatisfy { $0["polychromic/vines"] == nil && $0["losses/behaviour_kl"] == nil })
        #expect(try RecipeRunner.checkpointFile(standard, step: 512, "model.safetensors")
                != RecipeRunner.checkpointFile(polychromic, step: 512, "model.safetensors"))
    }

    @Test func stopAndResumeEqualsAnUninterruptedRun() throws {
        let whole = RecipeRunner.temporaryRun("poly-whole"), split = RecipeRunner.temporaryRun("poly-split")
        defer { for url in [whole, split] { try? FileManager.default.removeItem(at: url) } }
        let arguments = ["--seed", "5", "--total-steps", "2048"] + Self.polychromic
        #expect(try RecipeRunner.train(arguments + ["--run-dir", whole.path]).outcome == .finished(step: 2048))
        // Update 4 (step 1024) is not a multiple of the checkpoint interval: the stop writes its own checkpoint.
        #expect(try RecipeRunner.train(arguments + ["--run-dir", split.path, "--stop-after-steps", "1000"]).outcome == .stopped(step: 1024))
        #expect(try RecipeRunner.train(["--resume", split.path]).outcome == .finished(step: 2048))
        for name in ["model.safetensors", "optimizer.safetensors", "state.json"] {
            #expect(try RecipeRunner.checkpointFile(whole, step: 2048, name) == RecipeRunner.checkpointFile(split, step: 2048, name), "\(name)")
        }
        #expect(try Data(contentsOf: whole.appendingPathComponent("metrics.jsonl")) == Data(contentsOf: split.appendingPathComponent("metrics.jsonl")))
    }
}
