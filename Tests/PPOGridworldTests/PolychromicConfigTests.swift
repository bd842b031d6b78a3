import Foundation
@testable import PPORecipe
import PrismRecipes
import PrismRL
import Testing

/// The `polychromic.*` config keys: defaults, `--set`, the trainer's KL penalty and validation.
@Suite struct PPOGridworldPolychromicConfigTests {
    func message(_ overrides: [String]) -> String {
        do {
            _ = try ConfigResolver.resolve(PPORecipeConfig.self, file: nil, overrides: overrides)
            return "accepted"
        } catch { return "\(error)" }
    }

    @Test func defaultsAreThePapersAndOnlyPolychromicTurnsTheKLPenaltyOn() {
        var config = PPORecipeConfig()
        let driver = config.polychromic.configuration
        #expect(driver == PolychromicPPOConfiguration())
        #expect(driver.rolloutStateCount == 2 && driver.vinesPerState == 8 && driver.setSize == 4 && driver.setCount == 4)
        #expect(driver.window == 5 && driver.klCoefficient == 0.01 && driver.setAssignment == .marginal)
        #expect(config.polychromic.reward == .success)
        #expect(config.trainerConfiguration.loss.klCoefficient == 0)
        config.objective = .polychromic
        #expect(config.trainerConfiguration.loss.klCoefficient == 0.01)
        #expect(config.trainerConfiguration.learningRate == config.ppo.learningRate)
    }

    @Test func setReachesEveryPolychromicKey() throws {
        let resolved = try ConfigResolver.resolve(PPORecipeConfig.self, file: nil, overrides: [
            "objective=polychromic", "polychromic.rollout_states=3", "polychromic.vines=10", "polychromic.set_size=3",
            "polychromic.sets=5", "polychromic.window=7", "polychromic.kl_coefficient=0.02", "polychromic.vine_horizon=40",
            "polychromic.set_assignment=duplicated", "polychromic.reward=return",
        ])
        let driver = resolved.config.polychromic.configuration
        #expect(driver.rolloutStateCount == 3 && driver.vinesPerState == 10 && driver.setSize == 3 && driver.setCount == 5)
        #expect(driver.window == 7 && driver.klCoefficient == 0.02 && driver.vineHorizon == 40 && driver.setAssignment == .duplicated)
        #expect(resolved.config.polychromic.reward == .return)
        #expect(resolved.config.trainerConfiguration.loss.klCoefficient == 0.02)
        let objective = try #require(try resolved.config.objective.makeObjective(config: resolved.config) as? PolychromicTrainingObjective)
        #expect(objective.driver.configuration == driver && objective.reward == .return)
        #expect(objective.snapshotRequests(stepCount: 30, environmentCount: 2).map(\.step) == [5, 15, 25])
    }

    @Test func theDryRunTreeListsThePolychromicKeys() throws {
        let resolved = try ConfigResolver.resolve(PPORecipeConfig.self, file: nil, overrides: ["objective=polychromic"])
        for key in ["rollout_states", "vines", "set_size", "sets", "window", "kl_coefficient", "vine_horizon", "set_assignment", "reward"] {
            #expect(resolved.values[path: ["polychromic", key]] != nil, "polychromic.\(key)")
        }
        #expect(resolved.jsonText.contains("\"kl_coefficient\": 0.01"))
    }

    @Test func invalidPolychromicValuesNameTheKey() {
        let polychromic = "objective=polychromic"
        let cases: [(String, String)] = [
            ("polychromic.rollout_states=0", "polychromic.rollout_states"),
            ("polychromic.vines=1", "polychromic.vines"),
            ("polychromic.set_size=8", "polychromic.set_size"),
            ("polychromic.sets=1", "polychromic.sets"),
            ("polychromic.window=0", "polychromic.window"),
            ("polychromic.kl_coefficient=-0.1", "polychromic.kl_coefficient"),
            ("polychromic.vine_horizon=0", "polychromic.vine_horizon"),
            ("polychromic.reward=fancy", "polychromic.reward"),
            ("polychromic.set_assignment=mixed", "polychromic.set_assignment"),
            ("polychromic.vines=2.5", "polychromic.vines"),
            ("polychromic.colours=3", "polychromic.colours"),
        ]
        for (override, key) in cases {
            let text = message([polychromic, override])
            #expect(text.hasPrefix("config error in --set \(override): key '\(key)': "), "\(override): \(text)")
        }
        #expect(message([polychromic, "num_steps=16", "polychromic.rollout_states=17"]).contains("num_steps = 16"))
        #expect(message([polychromic, "polychromic.vines=16", "polychromic.set_size=8"]) == "accepted")
    }

    @Test func eachObjectiveRefusesTheOthersKeys() {
        #expect(message(["polychromic.vines=16"]).contains("only applies when objective is polychromic"))
        #expect(message(["objective=polychromic", "kl_coef=0.01"]).contains("'kl_coef'"))
        #expect(message(["kl_coef=0.01"]) == "accepted")
    }
}
