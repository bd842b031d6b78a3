import Foundation
import Gridworld
@testable import PPORecipe
import PrismRecipes
import Testing

/// The recipe's config: defaults, `--set`, the shorthand flags and validation.
@Suite struct PPORecipeConfigTests {
    @Test func defaultsAreTheDocumentedOnes() throws {
        let config = PPORecipeConfig()
        #expect(config.env == "Gridworld/DoorKey-5x5-v0")
        #expect(config.objective == .standard && config.initialization == .scratch)
        #expect(config.numEnvs == 8 && config.numSteps == 128 && config.totalSteps == 150_000)
        #expect(config.updateCount == 146)
        let ppo = config.ppo
        #expect(ppo.learningRate == 6.25e-4 && ppo.minibatchCount == 8 && ppo.updateEpochs == 4)
        #expect(ppo.loss.entropyCoefficient == 0.005 && ppo.loss.clipCoefficient == 0.2 && ppo.adamEpsilon == 1e-5)
        #expect(ppo.loss.klCoefficient == 0 && ppo.targetKL == nil && ppo.annealsLearningRate)
        let network = config.network(for: try GridworldEnvironment.make(id: config.env))
        #expect(network.observationSize == 151 && network.actionCount == 7)
    }

    @Test func anEnvironmentThatIsNotAGridworldIsNamedWithWhereItCameFrom() throws {
        let run = RecipeRunner.temporaryRun("bad-env")
        do {
            _ = try RecipeRunner.setup(["--set", "env=Gridworld/Nope-v0", "--run-dir", run.path])
            Issue.record("accepted an unknown gridworld")
        } catch {
            #expect("\(error)".hasPrefix("config error in --set env=Gridworld/Nope-v0: key 'env': "), "\(error)")
            #expect("\(error)".contains("not a gridworld id; ids: Gridworld/Empty-5x5-v0"))
        }
        #expect(!FileManager.default.fileExists(atPath: run.path))
    }

    @Test func setOverridesNestedAndTopLevelKeys() throws {
        let resolved = try ConfigResolver.resolve(
            PPORecipeConfig.self, file: nil,
            overrides: ["num_steps=64", "ent_coef=0.02", "bc.epochs=3", "eval.samples=20", "target_kl=0.015", "kl_coef=0.01"])
        #expect(resolved.config.numSteps == 64 && resolved.config.entCoef == 0.02)
        #expect(resolved.config.bc.epochs == 3 && resolved.config.eval.samples == 20)
        #expect(resolved.config.targetKl == 0.015 && resolved.config.ppo.targetKL == 0.015)
        #expect(resolved.config.ppo.loss.klCoefficient == 0.01 && resolved.config.trainerConfiguration.loss.klCoefficient == 0.01)
    }

    @Test func shorthandFlagsBecomeOverrides() throws {
        let command = try PPOGridworldCommand.parse([
            "--env", "Gridworld/Empty-5x5-v0", "--total-steps", "2048", "--init", "bc", "--demos", "some \"odd\" dir",
            "--objective", "standard", "--save-rollouts",
        ])
        let resolved = try command.options.recipeOptions.resolveConfig(PPORecipeConfig.self).config.config
        #expect(resolved.env == "Gridworld/Empty-5x5-v0" && resolved.totalSteps == 2048)
        #expect(resolved.initialization == .bc && resolved.demos == "some \"odd\" dir" && resolved.saveRollouts)
    }

    @Test func invalidValuesNameTheKey() {
        func message(_ overrides: [String]) -> String {
            do {
                _ = try ConfigResolver.resolve(PPORecipeConfig.self, file: nil, overrides: overrides)
                return "accepted"
            } catch { return "\(error)" }
        }
        #expect(message(["num_minibatches=0"]).hasPrefix("config error in --set num_minibatches=0: key 'num_minibatches': "))
        #expect(message(["eval.first_seed=500010"]).contains("key 'eval.first_seed'"))
        #expect(message(["demos=x"]).contains("key 'demos'"))
        #expect(message(["objective=fancy"]).contains("key 'objective'"))
        #expect(message(["total_steps=100"]).contains("key 'total_steps'"))
    }

    /// Every PPO hyper-parameter the update validates is named by its config key, with the
    /// `--set` argument or the file line it came from.
    @Test(arguments: [
        ("clip_coef", "0"), ("learning_rate", "0"), ("gamma", "1.5"), ("gae_lambda", "-0.1"), ("update_epochs", "0"),
        ("max_grad_norm", "0"), ("target_kl", "0"), ("kl_coef", "-1"),
    ])
    func ppoHyperParametersAreNamedByTheirKeyAndOrigin(key: String, value: String) throws {
        let fromSet = #expect(throws: ConfigError.self) {
            try ConfigResolver.resolve(PPORecipeConfig.self, file: nil, overrides: ["\(key)=\(value)"])
        }
        #expect(fromSet?.description.hasPrefix("config error in --set \(key)=\(value): key '\(key)': ") == true, "\(fromSet.map { "\($0)" } ?? "")")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ppo-config-\(getpid())-\(key).yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        try "env: Gridworld/DoorKey-5x5-v0\n\(key): \(value)\n".write(to: file, atomically: true, encoding: .utf8)
        let fromFile = #expect(throws: ConfigError.self) {
            try ConfigResolver.resolve(PPORecipeConfig.self, file: file, overrides: [])
        }
        #expect(fromFile?.description.hasPrefix("config error in \(file.path) line 2: key '\(key)': ") == true, "\(fromFile.map { "\($0)" } ?? "")")
    }

    @Test func evalOnlyNeedsACheckpoint() {
        #expect(throws: (any Error).self) { try PPOGridworldCommand.parse(["--eval-only"]) }
        #expect(throws: (any Error).self) { try PPOGridworldCommand.parse(["--checkpoint", "runs/x"]) }
    }
}
