import Gridworld
import PPORecipe
import PrismEnv
import PrismPolicy
import PrismRL
import PrismTensor

/// `ppo-train`: one end-to-end PPO iteration of the `ppo-gridworld` recipe's defaults on
/// DoorKey-5x5 — collect 8 environments × 128 steps with the policy, GAE, then 4 epochs × 8
/// minibatches of updates — reported as environment steps per second.
struct PPOTrainWorkload {
    var collector: RolloutCollector<GridworldEnvironment>
    var trainer: PPOTrainer
    var sampling: RandomStream
    var shuffling: RandomStream
    let config = PPORecipeConfig()

    init(seed: UInt64) {
        let root = RandomStream(seed: seed)
        var initialisation = root.child("init")
        let template = Gridworld.make(config.env)!
        let model = ActorCritic(config.network(for: template), using: &initialisation)
        trainer = PPOTrainer(model: model, configuration: config.ppo, updateCount: 1 << 30)
        collector = RolloutCollector(
            environments: VectorEnvironment([GridworldEnvironment](repeating: template, count: config.numEnvs), autoresetMode: .sameStep),
            seed: seed, encode: ObservationEncoders.flat)
        sampling = root.child("sampling")
        shuffling = root.child("shuffling")
    }

    /// The environment steps of one iteration.
    var stepsPerIteration: Int { config.numEnvs * config.numSteps }

    /// Collects one rollout and updates on it.
    mutating func iteration() {
        guard let rollout = try? collector.collect(steps: config.numSteps, policy: trainer.model, using: &sampling) else {
            preconditionFailure("ppo-train: the gridworld rejected a sampled action")
        }
        let estimate = rollout.buffer.advantageEstimate(discount: config.gamma, gaeLambda: config.gaeLambda)
        _ = trainer.update(PPOBatch(buffer: rollout.buffer, estimate: estimate), using: &shuffling)
    }
}
