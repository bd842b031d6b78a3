import Foundation
import PrismPolicy
import PrismRL
import PrismTensor
import PrismTestSupport
import Testing

/// Behaviour cloning: the loss against closed-form values and a seeded trainer that fits an expert.
@Suite struct BehaviourCloningTests {
    @Test func lossIsTheMeanCrossEntropyOfTheExpertActions() {
        let logits = TestData.values([0, 0, 0, Float(log(3.0)), 0, 0], [2, 3])
        let output = behaviourCloningLoss(logits: logits, expertActions: [1, 0])
        // Row 0 uniform: −log ⅓; row 1: p(0) = 3/5.
        expectClose(output.loss.item, Float((log(3.0) - log(0.6)) / 2))
        #expect(output.accuracy == 0.5)
        expectGradients(at: [TestData.uniform([4, 3], seed: 2)]) {
            behaviourCloningLoss(logits: $0[0], expertActions: [0, 2, 1, 1]).loss
        }
    }

    @Test func trainerFitsTheCorridorExpert() {
        var stream = RandomStream(seed: 31)
        let model = ActorCritic(ActorCriticConfiguration(observationSize: 6, actionCount: 2, hiddenSizes: [16]), using: &stream)
        // The expert walks right everywhere but cell 5, where it (arbitrarily) goes left.
        let cells = (0..<60).map { $0 % 6 }
        let observations = Tensor(shape: [60, 6], scalars: cells.flatMap { TestCorridor.encode($0) })
        let actions = cells.map { $0 == 5 ? 0 : 1 }
        var trainer = BehaviourCloningTrainer(model: model, learningRate: 1e-2, minibatchSize: 16)
        let firstLoss = trainer.trainEpoch(observations: observations, actions: actions, using: &stream)
        var lastLoss = firstLoss
        for _ in 0..<40 { lastLoss = trainer.trainEpoch(observations: observations, actions: actions, using: &stream) }
        #expect(lastLoss < 0.05 * firstLoss, "loss \(firstLoss) → \(lastLoss)")
        #expect(behaviourCloningLoss(logits: trainer.model.policy(observations).logits, expertActions: actions).accuracy == 1)
        #expect(trainer.model.critic.namedParameters.map(\.tensor.scalars) == model.critic.namedParameters.map(\.tensor.scalars))
    }
}
