import Foundation
import PrismEnv
import PrismPolicy
import PrismRL
import PrismRecipes
import PrismStorage
import PrismTensor

/// `--init bc`: behaviour cloning of the actor (docs/algorithms.md §2.3, pre-training) on expert episodes,
/// read from a dataset `prism-data record --policy expert` wrote (`demos`), or recorded here with
/// the environment's expert (``PPOEnvironment/expertPlan()``) from seeds `bc.first_seed + i` when
/// no dataset is given.
public struct BehaviourCloningStart<Env: PPOEnvironment> {
    /// The recipe's settings.
    public let config: PPORecipeConfig
    /// A fresh environment of `config.env`.
    public let environment: Env
    /// Where per-epoch lines go.
    public let log: (String) -> Void

    /// What cloning achieved.
    public struct Result: Equatable, Sendable {
        /// The last epoch's mean cross-entropy.
        public var loss: Float
        /// The greedy policy's agreement with the expert over all demonstrations after training.
        public var accuracy: Float
        /// The number of (observation, action) pairs.
        public var sampleCount: Int
    }

    /// A behaviour-cloning start for `config`.
    public init(config: PPORecipeConfig, environment: Env, log: @escaping (String) -> Void) {
        self.config = config
        self.environment = environment
        self.log = log
    }

    /// Trains `model`'s actor for `bc.epochs` epochs (shuffling with `stream`).
    /// - Throws: ``UserError`` naming the dataset when it cannot be read or holds another environment.
    public func train(_ model: inout ActorCritic, using stream: inout RandomStream) throws -> Result {
        let (observations, actions) = try demonstrations()
        let count = actions.count
        guard count > 0 else { throw UserError("behaviour cloning: the demonstrations hold no steps") }
        let inputs = Tensor(shape: [count, environment.encodedObservationSize], scalars: observations)
        var trainer = BehaviourCloningTrainer(model: model, learningRate: config.bc.learningRate,
                                              minibatchSize: config.bc.minibatchSize)
        var loss: Float = .nan
        for epoch in 1...config.bc.epochs {
            loss = trainer.trainEpoch(observations: inputs, actions: actions, using: &stream)
            if epoch == 1 || epoch == config.bc.epochs || epoch % 5 == 0 {
                log("bc epoch \(epoch)/\(config.bc.epochs): loss \(String(format: "%.4f", loss)) on \(count) samples")
            }
        }
        model = trainer.model
        let accuracy = withoutGradients { behaviourCloningLoss(logits: model.policy(inputs).logits, expertActions: actions) }.accuracy
        log("bc: accuracy \(String(format: "%.3f", accuracy)) (greedy actor vs expert)")
        return Result(loss: loss, accuracy: accuracy, sampleCount: count)
    }

    /// The flat encoded observations and expert actions.
    func demonstrations() throws -> (observations: [Float], actions: [Int]) {
        guard let path = config.demos else { return try recordExpert() }
        let reader = try openDemonstrations()
        var observations: [Float] = [], actions: [Int] = []
        for index in 0..<reader.episodeCount {
            do {
                let episode = try reader.episode(index)
                for t in 0..<episode.totalSteps {
                    guard case .discrete(let stored) = episode.actions[t], let action = environment.policyAction(stored) else {
                        throw UserError("--demos \(path): episode \(index) step \(t) has the action \(episode.actions[t]), outside \(environment.name)'s action space")
                    }
                    observations += environment.encode(try Env.Observation(spaceValue: episode.observations[t]))
                    actions.append(action)
                }
            } catch let failure as UserError {
                throw failure
            } catch {
                throw UserError("--demos \(path): episode \(index): \(error)")
            }
        }
        log("bc: \(actions.count) expert steps from \(reader.episodeCount) episodes in \(path)")
        return (observations, actions)
    }

    /// The reader of the `demos` dataset, checked to hold episodes of ``PPORecipeConfig/env``.
    /// - Throws: ``UserError`` naming the directory.
    func openDemonstrations() throws -> RolloutReader {
        let path = config.demos ?? ""
        let reader: RolloutReader
        do { reader = try RolloutReader(directory: URL(fileURLWithPath: path)) } catch {
            throw UserError("--demos \(path): \(error)")
        }
        if let recorded = reader.metadata.config["env_id"], recorded != config.env {
            throw UserError("--demos \(path): the dataset holds episodes of \(recorded), not \(config.env)")
        }
        guard reader.observationSpace == environment.observationSpace else {
            throw UserError("--demos \(path): the dataset's observation space is not \(environment.name)'s")
        }
        return reader
    }

    /// `bc.episodes` expert episodes played with the environment's expert.
    func recordExpert() throws -> (observations: [Float], actions: [Int]) {
        var observations: [Float] = [], actions: [Int] = []
        for index in 0..<config.bc.episodes {
            let seed = config.bc.firstSeed &+ UInt64(index)
            var environment = self.environment
            var observation = environment.reset(seed: seed).observation
            guard let plan = environment.expertPlan() else {
                throw UserError("behaviour cloning: the expert found no plan for \(config.env) seed \(seed)")
            }
            for action in plan {
                observations += environment.encode(observation)
                actions.append(action)
                let step = try environment.step(action)
                observation = step.observation
                if step.isDone { break }
            }
        }
        log("bc: \(actions.count) expert steps from \(config.bc.episodes) episodes recorded with the expert")
        return (observations, actions)
    }
}
