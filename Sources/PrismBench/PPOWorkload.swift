import PrismNN
import PrismTensor

/// `ppo-minibatch` and `ppo-update`: CleanRL's PPO update on separate actor and critic MLPs
/// 147→64→64 (tanh) with heads 7 and 1, exactly as `torch_bench.py` (a): clipped surrogate, value
/// loss, entropy bonus, backward, global-norm clip 0.5, Adam(lr 2.5e-4, eps 1e-5).
struct PPOWorkload {
    struct Agent: Layer {
        var actor: MLP
        var critic: MLP
        mutating func visitParameters(prefix: String, _ visit: (String, inout Tensor) throws -> Void) rethrows {
            try actor.visitParameters(prefix: prefix + "actor.", visit)
            try critic.visitParameters(prefix: prefix + "critic.", visit)
        }
    }

    static let (observationSize, hidden, actionCount, sampleCount, minibatch) = (147, 64, 7, 2048, 256)

    var agent: Agent
    var optimizer = Adam(learningRate: 2.5e-4, epsilon: 1e-5)
    let observations: Tensor
    let actions: [Int]
    let oldLogProbs, advantages, returns: Tensor
    var stream: RandomStream

    init(seed: UInt64) {
        var stream = RandomStream(seed: seed)
        let sizes = [Self.observationSize, Self.hidden, Self.hidden]
        agent = Agent(actor: MLP(sizes: sizes + [Self.actionCount], activation: .tanh, using: &stream),
                      critic: MLP(sizes: sizes + [1], activation: .tanh, using: &stream))
        observations = Tensor.normal([Self.sampleCount, Self.observationSize], using: &stream)
        actions = (0..<Self.sampleCount).map { _ in stream.nextInt(below: Self.actionCount) }
        oldLogProbs = Tensor.uniform([Self.sampleCount], in: 0..<1, using: &stream).scaled(by: -2)
        advantages = Tensor.normal([Self.sampleCount], using: &stream)
        returns = Tensor.normal([Self.sampleCount], using: &stream)
        self.stream = stream
    }

    /// One minibatch step on the samples at `indices`.
    mutating func step(_ indices: [Int]) {
        let rows = [indices.count]
        let o = Tensor.embedding(observations, indices: indices, indexShape: rows)
        let logits = agent.actor(o)
        let values = agent.critic(o).reshaped(to: rows)
        let logProbsAll = logits.logSoftmax()
        let logProbs = logProbsAll.gathering(lastAxis: indices.map { actions[$0] })
        let entropy = -(logProbsAll.exp() * logProbsAll).sum(alongAxis: -1).mean()
        let ratio = (logProbs - oldLogProbs.takingAlongAxis(indices, indexShape: rows, axis: 0)).exp()
        var a = advantages.takingAlongAxis(indices, indexShape: rows, axis: 0)
        a = (a - a.mean()) / (a.standardDeviation() + 1e-8)
        let policyLoss = Tensor.maximum(-a * ratio, -a * ratio.clamped(to: 0.8...1.2)).mean()
        let valueLoss = 0.5 * (values - returns.takingAlongAxis(indices, indexShape: rows, axis: 0)).squared().mean()
        let loss = policyLoss + 0.5 * valueLoss - 0.01 * entropy
        agent.zeroGradients()
        loss.backward()
        _ = clipGradientNorm(&agent, maxNorm: 0.5)
        optimizer.step(&agent)
    }

    /// 4 epochs × 8 minibatches of 256 over a fresh permutation of the 2048 samples each epoch.
    mutating func update() {
        for _ in 0..<4 {
            let permutation = stream.permutation(Self.sampleCount)
            for k in 0..<(Self.sampleCount / Self.minibatch) {
                step(Array(permutation[(k * Self.minibatch)..<((k + 1) * Self.minibatch)]))
            }
        }
    }
}
