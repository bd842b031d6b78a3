import Foundation
@testable import PPOGridworldRecipe
import PrismRecipes
import Testing

/// The recipe's config: defaults, `--set`, the shorthand flags and validation.
@Suite struct PPOGridworldConfigTests {
    @Test func defaultsAreTheDocumentedOnes() {
        let config = PPOGridworldConfig()
        #expect(config.env == "Gridworld/DoorKey-5x5-v0")
        #expect(config.objective == .standard && config.initialization == .scratch)
        #expect(config.numEnvs == 8 && config.numSteps == 128 && config.totalSteps == 150_000)
        #expect(config.updateCount == 146)
        let ppo = config.ppo
        #expect(ppo.learningRate == 6.25e-4 && ppo.minibatchCount == 8 && ppo.updateEpochs == 4)
        #expect(ppo.loss.entropyCoefficient == 0.005 && ppo.loss.clipCoefficient == 0.2 && ppo.adamEpsilon == 1e-5)
        #expect(ppo.loss.klCoefficient == 0 && ppo.targetKL == nil && ppo.annealsLearningRate)
        #expect(config.network.observationSize == 151 && config.network.actionCount == 7)
    }

    @Test func setOverridesNestedAndTopLevelKeys() throws {
        let resolved = try ConfigResolver.resolve(
            PPOGridworldConfig.self, file: nil,
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
        let resolved = try command.options.resolveConfig(PPOGridworldConfig.self).config.config
        #expect(resolved.env == "Gridworld/Empty-5x5-v0" && resolved.totalSteps == 2048)
        #expect(resolved.initialization == .bc && resolved.demos == "some \"odd\" dir" && resolved.saveRollouts)
    }

    @Test func invalidValuesNameTheKey() {
        func message(_ overrides: [String]) -> String {
            do {
                _ = try ConfigResolver.resolve(PPOGridworldConfig.self, file: nil, overrides: overrides)
                return "accepted"
            } catch { return "\(error)" }
        }
        #expect(message(["env=Gridworld/Nope-v0"]).contains("'env'"))
        #expect(message(["num_minibatches=0"]).contains("num_minibatches"))
        #expect(message(["eval.first_seed=500010"]).contains("eval.first_seed"))
        #expect(message(["demos=x"]).contains("demos"))
        #expect(message(["objective=fancy"]).contains("objective"))
        #expect(message(["total_steps=100"]).contains("total_steps"))
    }

    @Test func evalOnlyNeedsACheckpoint() {
        #expect(throws: (any Error).self) { try PPOGridworldCommand.parse(["--eval-only"]) }
        #expect(throws: (any Error).self) { try PPOGridworldCommand.parse(["--checkpoint", "runs/x"]) }
    }
}
