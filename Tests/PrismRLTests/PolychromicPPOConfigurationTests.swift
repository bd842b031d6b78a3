import Foundation
import PrismPolicy
import PrismRL
import PrismTensor
import Testing

/// The polychromic PPO configuration: the defaults of docs/algorithms.md §2.3, validation naming the field, and the
/// KL penalty it turns on in the trainer.
@Suite struct PolychromicPPOConfigurationTests {
    @Test func defaultsAreTheSpecsAndSurviveCoding() throws {
        let configuration = PolychromicPPOConfiguration()
        #expect(configuration.rolloutStateCount == 2 && configuration.vinesPerState == 8)
        #expect(configuration.setSize == 4 && configuration.setCount == 4 && configuration.window == 5)
        #expect(configuration.klCoefficient == 0.01 && configuration.setAssignment == .marginal)
        try configuration.validate()
        var changed = configuration
        changed.setAssignment = .duplicated
        changed.window = 3
        let data = try JSONEncoder().encode(changed)
        #expect(try JSONDecoder().decode(PolychromicPPOConfiguration.self, from: data) == changed)
        #expect(String(decoding: data, as: UTF8.self).contains("\"duplicated\""))
    }

    @Test func validationNamesTheBadField() {
        let cases: [(String, (inout PolychromicPPOConfiguration) -> Void)] = [
            ("rollout_states", { $0.rolloutStateCount = 0 }),
            ("vines", { $0.vinesPerState = 1 }),
            ("set_size", { $0.setSize = 0 }),
            ("set_size", { $0.setSize = 8 }),
            ("sets", { $0.setCount = 1 }),
            ("window", { $0.window = 0 }),
            ("kl_coefficient", { $0.klCoefficient = -0.1 }),
            ("kl_coefficient", { $0.klCoefficient = .nan }),
            ("vine_horizon", { $0.vineHorizon = 0 }),
        ]
        for (field, mutate) in cases {
            var configuration = PolychromicPPOConfiguration()
            mutate(&configuration)
            #expect(throws: PolychromicPPOConfigurationError.self) { try configuration.validate() }
            do {
                _ = try PolychromicPPO(configuration: configuration)
                Issue.record("\(field): accepted")
            } catch {
                #expect(error.field.rawValue == field)
                #expect(error.description.contains("'\(field)'"))
            }
        }
    }

    @Test func theTrainerConfigurationTurnsTheBehaviourKLPenaltyOn() throws {
        var base = PPOConfiguration()
        base.minibatchCount = 2
        base.learningRate = 1e-2
        let driver = try PolychromicPPO()
        let configuration = driver.trainerConfiguration(base)
        #expect(base.loss.klCoefficient == 0 && configuration.loss.klCoefficient == 0.01)
        var expected = base
        expected.loss.klCoefficient = 0.01
        #expect(configuration == expected)

        let run = try PolychromicFixture().run()
        var stream = RandomStream(seed: 3)
        var penalised = PPOTrainer(model: run.model, configuration: configuration, updateCount: 1)
        let metrics = penalised.update(run.result.batch, using: &stream)
        #expect(metrics.behaviourKL > 0)
        #expect(metrics.scalars(includesBehaviourKL: true)["losses/behaviour_kl"] == Double(metrics.behaviourKL))
        var again = RandomStream(seed: 3)
        var plain = PPOTrainer(model: run.model, configuration: base, updateCount: 1)
        #expect(plain.update(run.result.batch, using: &again).behaviourKL == 0)
    }
}
