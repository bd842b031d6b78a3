import PrismEnv
import PrismPolicy
import PrismTensor

/// One continuation ("vine") sampled from a restored environment state with the behaviour policy
/// (Schulman et al., 2015, TRPO's vine procedure; polychromic PPO, docs/algorithms.md §2.3 step 3).
///
/// The old log-probabilities and values are recorded at sampling time, as PPO's ratio needs.
public struct Vine: Sendable {
    /// The width F of an encoded observation.
    public let observationSize: Int
    /// `[L·F]` the encoded observation before each action.
    public var observations: [Float] = []
    /// `[L]` actions.
    public var actions: [Int] = []
    /// `[L]` log π_β(a|s) at sampling.
    public var logProbs: [Float] = []
    /// `[L]` V(s) at sampling.
    public var values: [Float] = []
    /// `[L]` rewards.
    public var rewards: [Double] = []
    /// `[L]` the info returned by each step (room ids, success, …): what diversity signatures read.
    public var infos: [StepInfo] = []
    /// Whether the vine ended in an MDP terminal state.
    public var isTerminated = false
    /// Whether the vine was cut short, by the environment's time limit or the sampling horizon.
    public var isTruncated = false
    /// V(last observation) when truncated, else 0.
    public var bootstrapValue: Float = 0

    /// An empty vine of observations of width F.
    public init(observationSize: Int) { self.observationSize = observationSize }

    /// The number of actions L.
    public var length: Int { actions.count }
    /// The undiscounted sum of the rewards.
    public var totalReward: Double { rewards.reduce(0, +) }
}

/// Samples `count` vines from `snapshot`: each starts from a copy of `environment` restored to the
/// snapshot, and all run in lockstep under `policy` (actions drawn from `stream`, one per running
/// vine per step, in vine order) until they terminate, truncate or reach `maxSteps` actions.
/// - Parameters:
///   - snapshot: the rollout state sₓ.
///   - observation: the observation the environment showed at the snapshot.
///   - environment: a template copy; it is not changed.
///   - encode: the policy's observation encoder.
/// - Returns: `[count]` vines.
/// - Throws: ``EnvironmentError`` if a copy rejects an action.
/// - Complexity: O(count · maxSteps) environment steps, one batched forward pass per step.
public func sampleVines<Env: Restorable>(
    from snapshot: Env.Snapshot, observation: Env.Observation, environment: Env, count: Int, maxSteps: Int,
    policy: ActorCritic, encode: (Env.Observation) -> [Float], using stream: inout RandomStream
) throws(EnvironmentError) -> [Vine] where Env.Action == Int {
    precondition(count > 0 && maxSteps > 0, "sampleVines: count \(count) and maxSteps \(maxSteps) must be > 0")
    var copies = [Env](repeating: environment, count: count)
    for index in copies.indices { copies[index].restore(snapshot) }
    let start = encode(observation)
    var lockstep = LockstepCopies(copies: copies, observations: [[Float]](repeating: start, count: count))
    var vines = [Vine](repeating: Vine(observationSize: start.count), count: count)
    for _ in 0..<maxSteps where !lockstep.running.isEmpty {
        var truncatedVines: [Int] = []
        try lockstep.step(policy: policy, selection: .sampled, encode: encode, using: &stream) { move in
            let vine = move.copy
            vines[vine].observations.append(contentsOf: move.observation)
            vines[vine].actions.append(move.action)
            vines[vine].logProbs.append(move.logProb)
            vines[vine].values.append(move.value)
            vines[vine].rewards.append(move.step.reward)
            vines[vine].infos.append(move.step.info)
            if move.step.terminated {
                vines[vine].isTerminated = true
            } else if move.step.truncated {
                truncatedVines.append(vine)
            }
            return !move.step.isDone
        }
        setBootstrapValues(&vines, truncatedVines, lockstep.observations, start.count, policy)
    }
    setBootstrapValues(&vines, lockstep.running, lockstep.observations, start.count, policy)
    return vines
}

/// Marks `indices` truncated with bootstrap value V(current observation), in one forward pass.
private func setBootstrapValues(_ vines: inout [Vine], _ indices: [Int], _ current: [[Float]], _ width: Int,
                                _ policy: ActorCritic) {
    guard !indices.isEmpty else { return }
    let batch = Tensor(shape: [indices.count, width], scalars: indices.flatMap { current[$0] })
    let values = withoutGradients { policy.value(batch) }.scalars
    for (slot, vine) in indices.enumerated() {
        vines[vine].isTruncated = true
        vines[vine].bootstrapValue = values[slot]
    }
}

extension PPOBatch {
    /// Training samples from vines under window-W assignment: for every vine with an advantage,
    /// its first min(W, L) actions with that advantage; value targets are the vine's discounted
    /// returns-to-go, bootstrapped from ``Vine/bootstrapValue`` when truncated.
    /// - Parameters:
    ///   - vines: `[N]`, all of one observation width.
    ///   - advantages: `[N]` per-vine advantages (nil: the vine contributes nothing).
    ///   - window: W ≥ 1.
    ///   - discount: γ of the value targets.
    public init(vines: [Vine], advantages: [Double?], window: Int, discount: Float) {
        precondition(!vines.isEmpty, "PPOBatch(vines:): no vines")
        let width = vines[0].observationSize
        let windows = windowedAdvantages(vineAdvantages: advantages, vineLengths: vines.map(\.length), window: window)
        var observations: [Float] = [], actions: [Int] = [], logProbs: [Float] = [], values: [Float] = []
        var allAdvantages: [Float] = [], allReturns: [Float] = []
        for (vine, windowAdvantages) in zip(vines, windows) where !windowAdvantages.isEmpty {
            precondition(vine.observationSize == width, "PPOBatch(vines:): observation widths differ")
            let returns = vine.advantageEstimate(discount: discount, gaeLambda: 1).returns
            let k = windowAdvantages.count
            observations.append(contentsOf: vine.observations[0..<(k * width)])
            actions.append(contentsOf: vine.actions[0..<k])
            logProbs.append(contentsOf: vine.logProbs[0..<k])
            values.append(contentsOf: vine.values[0..<k])
            allAdvantages.append(contentsOf: windowAdvantages)
            allReturns.append(contentsOf: returns[0..<k])
        }
        self.init(observations: Tensor(shape: [actions.count, width], scalars: observations), actions: actions,
                  logProbs: logProbs, values: values, advantages: allAdvantages, returns: allReturns,
                  setAdvantageMask: [Bool](repeating: true, count: actions.count))
    }

    /// The actions of each vine after its first `window`, once per vine, with GAE(γ, λ)
    /// advantages and λ-returns computed over the whole vine from the values recorded while
    /// sampling (bootstrapped from ``Vine/bootstrapValue`` when truncated): on-policy samples of
    /// π_β like the rollout's, marked as GAE samples. Empty when no vine is longer than `window`.
    public init(vineTails vines: [Vine], after window: Int, discount: Float, gaeLambda: Float) {
        precondition(!vines.isEmpty, "PPOBatch(vineTails:): no vines")
        let width = vines[0].observationSize
        var observations: [Float] = [], actions: [Int] = [], logProbs: [Float] = [], values: [Float] = []
        var advantages: [Float] = [], returns: [Float] = []
        for vine in vines where vine.length > window {
            precondition(vine.observationSize == width, "PPOBatch(vineTails:): observation widths differ")
            let estimate = vine.advantageEstimate(discount: discount, gaeLambda: gaeLambda)
            observations.append(contentsOf: vine.observations[(window * width)...])
            actions.append(contentsOf: vine.actions[window...])
            logProbs.append(contentsOf: vine.logProbs[window...])
            values.append(contentsOf: vine.values[window...])
            advantages.append(contentsOf: estimate.advantages[window...])
            returns.append(contentsOf: estimate.returns[window...])
        }
        self.init(observations: Tensor(shape: [actions.count, width], scalars: observations), actions: actions,
                  logProbs: logProbs, values: values, advantages: advantages, returns: returns)
    }
}

extension Vine {
    /// GAE(γ, λ) over the vine as one episode: it ends terminated, or truncated with
    /// ``bootstrapValue`` as the value after its last step.
    public func advantageEstimate(discount: Float, gaeLambda: Float) -> AdvantageEstimate {
        var terminated = [Bool](repeating: false, count: length)
        var truncated = [Bool](repeating: false, count: length)
        terminated[length - 1] = isTerminated
        truncated[length - 1] = isTruncated
        var bootstrap = [Float](repeating: 0, count: length)
        bootstrap[length - 1] = bootstrapValue
        return generalizedAdvantageEstimate(
            rewards: rewards.map { Float($0) }, values: values, terminated: terminated, truncated: truncated,
            bootstrapValues: bootstrap, lastValues: [bootstrapValue], environmentCount: 1,
            discount: discount, gaeLambda: gaeLambda)
    }
}

extension PolychromicSets {
    /// Scores M random sets of n out of `vines` (docs/algorithms.md §2.3 step 4) with a diversity signature read
    /// from each vine's step infos, so no concrete environment is needed: on a gridworld,
    /// `{ Set($0.compactMap(\.roomID)) }` (the set of rooms visited).
    /// - Parameters:
    ///   - reward: a vine's return in [0, 1]; by default its ``Vine/totalReward``.
    ///   - signature: equal for two vines that count as the same trajectory.
    public init<Signature: Hashable>(
        vines: [Vine], setSize: Int, setCount: Int, reward: (Vine) -> Double = { $0.totalReward },
        signature: ([StepInfo]) -> Signature, using stream: inout RandomStream
    ) {
        self.init(rewards: vines.map(reward), signatures: vines.map { signature($0.infos) }, setSize: setSize,
                  setCount: setCount, using: &stream)
    }
}
