import Foundation
@testable import PPORecipe
import PrismRecipes
import Gridworld
import PrismPolicy
import PrismRL
import PrismTensor
import Testing

/// Seeded runs of the recipe: it learns, it repeats itself, and a resumed run equals an
/// uninterrupted one byte for byte.
@Suite struct PPOTrainingTests {
    static let small = ["--env", "Gridworld/Empty-5x5-v0", "--set", "num_steps=32", "--set", "checkpoint_interval=5"]

    @Test func learnsEmpty5x5InSixteenThousandSteps() throws {
        let run = RecipeRunner.temporaryRun("learn")
        defer { try? FileManager.default.removeItem(at: run) }
        let (setup, outcome) = try RecipeRunner.train(["--seed", "7", "--env", "Gridworld/Empty-5x5-v0", "--total-steps", "16384",
                                                       "--set", "eval.seeds=20", "--run-dir", run.path])
        #expect(outcome == .finished(step: 16384))
        let saved = try SavedPolicy<GridworldEnvironment>(runDirectory: run.path, recipe: "ppo-gridworld")
        let evaluation = try RunEvaluation(policy: saved.model, environment: saved.environment, config: setup.config,
                                           recipe: "ppo-gridworld", seed: setup.seed, step: 16384)
        // The optimum on Empty-5x5 is 5 steps (return 1 − 0.9·5/100 = 0.955).
        #expect(evaluation.result.greedy.successRate >= 0.95, "greedy success \(evaluation.result.greedy.successRate)")
        #expect(evaluation.result.greedy.meanLength < 6)
        // The run's own final evaluation (the training loop's) equals evaluating its saved policy.
        #expect(try String(contentsOf: run.appendingPathComponent("eval.json"), encoding: .utf8) == evaluation.json)
    }

    @Test func sameSeedGivesIdenticalMetricsAndCheckpoints() throws {
        let first = RecipeRunner.temporaryRun("repeat-a"), second = RecipeRunner.temporaryRun("repeat-b")
        defer { for url in [first, second] { try? FileManager.default.removeItem(at: url) } }
        for run in [first, second] {
            try RecipeRunner.train(["--seed", "3", "--total-steps", "4096", "--run-dir", run.path] + Self.small)
        }
        let metrics = try [first, second].map { try Data(contentsOf: $0.appendingPathComponent("metrics.jsonl")) }
        #expect(metrics[0] == metrics[1])
        #expect(String(decoding: metrics[0], as: UTF8.self).split(separator: "\n").count == 16)
        for name in ["model.safetensors", "optimizer.safetensors", "state.json"] {
            #expect(try RecipeRunner.checkpointFile(first, step: 4096, name) == RecipeRunner.checkpointFile(second, step: 4096, name))
        }
        let other = RecipeRunner.temporaryRun("repeat-c")
        defer { try? FileManager.default.removeItem(at: other) }
        try RecipeRunner.train(["--seed", "4", "--total-steps", "4096", "--run-dir", other.path] + Self.small)
        #expect(try Data(contentsOf: other.appendingPathComponent("metrics.jsonl")) != metrics[0])
    }

    @Test func stopAndResumeEqualsAnUninterruptedRun() throws {
        let whole = RecipeRunner.temporaryRun("whole"), split = RecipeRunner.temporaryRun("split")
        defer { for url in [whole, split] { try? FileManager.default.removeItem(at: url) } }
        let arguments = ["--seed", "5", "--total-steps", "6144"] + Self.small
        #expect(try RecipeRunner.train(arguments + ["--run-dir", whole.path]).outcome == .finished(step: 6144))
        // Update 12 (step 3072) is not a multiple of the checkpoint interval: the stop writes its own checkpoint.
        #expect(try RecipeRunner.train(arguments + ["--run-dir", split.path, "--stop-after-steps", "2900"]).outcome == .stopped(step: 3072))
        #expect(try RecipeRunner.train(["--resume", split.path]).outcome == .finished(step: 6144))
        for name in ["model.safetensors", "optimizer.safetensors", "state.json"] {
            #expect(try RecipeRunner.checkpointFile(whole, step: 6144, name) == RecipeRunner.checkpointFile(split, step: 6144, name), "\(name)")
        }
        #expect(try Data(contentsOf: whole.appendingPathComponent("metrics.jsonl")) == Data(contentsOf: split.appendingPathComponent("metrics.jsonl")))
    }

    @Test func resumingWithADifferentConfigIsRefused() throws {
        let run = RecipeRunner.temporaryRun("refuse")
        defer { try? FileManager.default.removeItem(at: run) }
        try RecipeRunner.train(["--seed", "5", "--total-steps", "4096", "--run-dir", run.path, "--stop-after-steps", "1024"] + Self.small)
        #expect(throws: ConfigError.self) { try RecipeRunner.train(["--resume", run.path, "--set", "ent_coef=0.1"]) }
    }

    @Test func evalJSONHasTheDocumentedFields() throws {
        let run = RecipeRunner.temporaryRun("eval")
        defer { try? FileManager.default.removeItem(at: run) }
        try RecipeRunner.train(["--seed", "2", "--total-steps", "2048", "--set", "eval.seeds=3",
                                "--set", "eval.samples=16", "--run-dir", run.path] + Self.small)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: run.appendingPathComponent("eval.json"))) as? [String: Any])
        for key in ["success_rate", "mean_return", "mean_length", "diversity"] { #expect(object[key] is Double, "\(key)") }
        #expect(object["episodes"] as? Int == 3)
        let sampled = try #require(object["sampled"] as? [String: Any])
        #expect(sampled["episodes"] as? Int == 48)
        for key in ["success_rate", "mean_return", "mean_length"] { #expect(sampled[key] is Double, "sampled.\(key)") }
        let passAtK = try #require(object["pass_at_k"] as? [String: Double])
        #expect(Set(passAtK.keys) == Set((1...16).map(String.init)))
        #expect(passAtK["1"]! <= passAtK["16"]!)
        let report = try String(contentsOf: run.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(report.contains("return.svg") && report.contains("pass@k"))
        #expect(FileManager.default.fileExists(atPath: run.appendingPathComponent("return.svg").path))
    }

    @Test func savedRolloutsHoldTheTrainingEpisodes() throws {
        let run = RecipeRunner.temporaryRun("rollouts")
        defer { try? FileManager.default.removeItem(at: run) }
        try RecipeRunner.train(["--seed", "1", "--total-steps", "2048", "--save-rollouts", "--run-dir", run.path] + Self.small)
        let metrics = try String(contentsOf: run.appendingPathComponent("metrics.jsonl"), encoding: .utf8)
        let episodes = metrics.split(separator: "\n").compactMap { line -> Double? in
            ((try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any])?["charts/episodes"] as? Double
        }.reduce(0, +)
        let metadata = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: run.appendingPathComponent("rollouts/data/metadata.json"))) as? [String: Any])
        #expect(episodes > 0)
        #expect(metadata["total_episodes"] as? Int == Int(episodes))
    }
}

/// A NaN loss stops the run with a message naming the step and keeps the last good checkpoint.
@Suite struct PPOGridworldNonFiniteTests {
    /// Standard PPO whose third batch has NaN advantages.
    struct PoisonedObjective: TrainingObjective {
        var calls = 0
        func snapshotRequests(stepCount: Int, environmentCount: Int) -> [(step: Int, environment: Int)] { [] }
        mutating func makeBatch<Env: PPOEnvironment>(
            rollout: Rollout, states: [RolloutState<Env>], estimate: AdvantageEstimate,
            policy: ActorCritic, environment: Env, using stream: inout RandomStream
        ) throws -> (batch: PPOBatch, metrics: [String: Double]) {
            calls += 1
            var batch = PPOBatch(buffer: rollout.buffer, estimate: estimate)
            if calls == 3 { batch.advantages[0] = .nan }
            return (batch, [:])
        }
    }

    @Test func aNaNLossKeepsTheLastGoodCheckpoint() throws {
        let run = RecipeRunner.temporaryRun("nan")
        defer { try? FileManager.default.removeItem(at: run) }
        let (setup, options) = try RecipeRunner.setup(PPOTrainingTests.small + [
            "--seed", "1", "--total-steps", "4096", "--set", "checkpoint_interval=1", "--run-dir", run.path])
        let training = PPOTraining<GridworldEnvironment>(setup: setup, stopAfterSteps: options.stopAfterSteps, objective: PoisonedObjective(),
                                            progressOutput: .init(isTerminal: false) { _ in }, log: { _ in })
        do {
            _ = try training.run()
            Issue.record("the NaN went unnoticed")
        } catch let error as NonFiniteValueError {
            #expect(error.step == 768)
            #expect(error.metric.hasPrefix("losses/"))
            #expect(error.lastCheckpoint?.step == 512)
        }
        #expect(setup.run.checkpoints().latest()?.step == 512)
        let lines = try String(contentsOf: run.appendingPathComponent("metrics.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
    }
}
