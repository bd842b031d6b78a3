import Foundation
import Gridworld
@testable import PPORecipe
import PrismPolicy
import PrismRecipes
import PrismRL
import PrismTensor
import Testing

/// `polychromic.preset`, the vine-counting budget and the critic warm-up: explicit keys beat the
/// preset, `total_steps` counts vine steps and anneals over them, a preset run resumes byte for
/// byte, and the warm-up fits only the critic, identically under both objectives.
@Suite struct PPOGridworldPolychromicPresetTests {
    static let small = PPOGridworldPolychromicTrainingTests.small
    static let paper = small + ["--objective", "polychromic", "--set", "polychromic.preset=paper"]

    @Test func thePaperPresetFillsInOnlyTheKeysLeftUnset() throws {
        let resolved = try ConfigResolver.resolve(PPORecipeConfig.self, file: nil, overrides: [
            "objective=polychromic", "polychromic.preset=paper", "polychromic.normalization=joint",
        ])
        let polychromic = resolved.config.polychromic
        #expect(polychromic.statePlacement == .copy && polychromic.episodeStarts && polychromic.setAssignment == .duplicated)
        #expect(polychromic.behaviourRefresh == .epoch && polychromic.budgetIncludesVines && polychromic.vineTail == .drop)
        #expect(polychromic.normalization == .joint, "the explicit key wins")
        #expect(resolved.values[path: ["polychromic", "state_placement"]] == .string("copy"), "config.json records the preset's values")
        #expect(resolved.config.updateEpochs == 4 && resolved.config.gamma == 0.99, "shared settings are not part of the preset")
        let trainer = resolved.config.trainerConfiguration
        #expect(trainer.refreshesBehaviourEachEpoch && trainer.loss.advantageNormalization == .joint)
        let plain = try ConfigResolver.resolve(PPORecipeConfig.self, file: nil, overrides: ["objective=polychromic"]).config.polychromic
        #expect(plain == PPORecipeConfig.Polychromic(), "without the preset every key keeps its default")
        #expect(throws: ConfigError.self) {
            try ConfigResolver.resolve(PPORecipeConfig.self, file: nil, overrides: ["polychromic.preset=paper"])
        }
    }

    @Test func theBudgetCountsVineStepsAndAnnealsOverThem() throws {
        let run = RecipeRunner.temporaryRun("preset-budget")
        defer { try? FileManager.default.removeItem(at: run) }
        let result = try RecipeRunner.train(["--seed", "3", "--total-steps", "1536", "--run-dir", run.path] + Self.paper)
        guard case .finished(let step) = result.outcome else { Issue.record("not finished: \(result.outcome)"); return }
        let updates = try PPOGridworldPolychromicTrainingTests.metricLines(run).filter { $0["charts/updates"] != nil }
        var before = 0
        for line in updates {
            let learningRate = try #require(line["charts/learning_rate"] as? Double)
            #expect(Float(learningRate) == result.setup.config.learningRate(afterSteps: before))
            before += 4 * 64 + Int(try #require(line["polychromic/vine_steps"] as? Double))
            #expect(line["step"] as? Int == before)
            let share = try #require(line["polychromic/set_advantage_share"] as? Double)
            #expect(share > 0 && share < 1)
        }
        #expect(before == step && step >= 1536 && step - 1536 < 4 * 64 + 4 * 8 * 3 * 64)
        #expect(updates.count < 6, "vine steps take budget from the updates")
    }

    @Test func aPresetRunStopsAndResumesByteForByte() throws {
        let whole = RecipeRunner.temporaryRun("preset-whole"), split = RecipeRunner.temporaryRun("preset-split")
        defer { for url in [whole, split] { try? FileManager.default.removeItem(at: url) } }
        let arguments = ["--seed", "5", "--total-steps", "6000"] + Self.paper
        guard case .finished(let end) = try RecipeRunner.train(arguments + ["--run-dir", whole.path]).outcome else {
            Issue.record("the whole run did not finish"); return
        }
        guard case .stopped = try RecipeRunner.train(arguments + ["--run-dir", split.path, "--stop-after-steps", "2500"]).outcome else {
            Issue.record("the split run did not stop"); return
        }
        #expect(try RecipeRunner.train(["--resume", split.path]).outcome == .finished(step: end))
        for name in ["model.safetensors", "optimizer.safetensors", "state.json"] {
            #expect(try RecipeRunner.checkpointFile(whole, step: end, name) == RecipeRunner.checkpointFile(split, step: end, name), "\(name)")
        }
        #expect(try Data(contentsOf: whole.appendingPathComponent("metrics.jsonl")) == Data(contentsOf: split.appendingPathComponent("metrics.jsonl")))
    }

    @Test func theCriticWarmupFitsOnlyTheCritic() throws {
        var config = PPORecipeConfig()
        config.env = "Gridworld/MultiRoom-N2-S4-v0"
        config.numEnvs = 4
        config.numSteps = 64
        config.criticWarmup.steps = 512
        let environment = try GridworldEnvironment.make(id: config.env)
        var stream = RandomStream(seed: 8)
        let start = ActorCritic(config.network(for: environment), using: &stream)
        var model = start
        var warming = RandomStream(seed: 9)
        let result = try CriticWarmup(config: config, environment: environment).train(&model, seed: 1, using: &warming)
        #expect(result.steps == 512 && result.valueLoss.isFinite)
        #expect(model.actor.namedParameters.map(\.tensor.scalars) == start.actor.namedParameters.map(\.tensor.scalars))
        #expect(model.critic.namedParameters.map(\.tensor.scalars) != start.critic.namedParameters.map(\.tensor.scalars))
        #expect(throws: ConfigError.self) {
            try ConfigResolver.resolve(PPORecipeConfig.self, file: nil, overrides: ["critic_warmup.steps=512"])
        }
    }

    @Test func bothObjectivesStartFromTheSameWarmedUpCritic() throws {
        let standard = RecipeRunner.temporaryRun("warm-std"), polychromic = RecipeRunner.temporaryRun("warm-poly")
        defer { for url in [standard, polychromic] { try? FileManager.default.removeItem(at: url) } }
        let warm = ["--seed", "4", "--total-steps", "256", "--set", "critic_warmup.steps=256"]
        try RecipeRunner.train(warm + ["--run-dir", standard.path] + Self.small)
        try RecipeRunner.train(warm + ["--run-dir", polychromic.path] + Self.paper)
        let first = try [standard, polychromic].map { try PPOGridworldPolychromicTrainingTests.metricLines($0).first { $0["critic_warmup/value_loss"] != nil } }
        let losses = first.map { $0?["critic_warmup/value_loss"] as? Double }
        #expect(losses[0] != nil && losses[0] == losses[1])
        #expect(first[0]?["step"] as? Int == 0)
    }
}
