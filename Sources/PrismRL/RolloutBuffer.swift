import PrismTensor

/// The on-policy experience of one PPO iteration: T steps of E environments, stored flat in
/// time-major order (sample `t·E + e` is step t of environment e), as CleanRL's `[num_steps,
/// num_envs]` arrays.
///
/// It follows Prism's rollout convention (docs/algorithms.md §1.1): each sample holds oₜ, aₜ, log π(aₜ|oₜ), V(oₜ),
/// rₜ, terminatedₜ, truncatedₜ and, when truncated, the bootstrap value Bₜ = V(final observation).
/// ``lastValues`` holds V of the observation after the last step, one per environment.
public struct RolloutBuffer: Sendable {
    /// The number of steps T per environment.
    public let stepCount: Int
    /// The number of environments E.
    public let environmentCount: Int
    /// The width F of an encoded observation.
    public let observationSize: Int

    /// The `[E, F]` encoded observations of each step.
    private var observationSteps: [Tensor]
    /// `[T·E]` actions taken.
    public var actions: [Int]
    /// `[T·E]` log-probabilities of the actions under the behaviour policy.
    public var logProbs: [Float]
    /// `[T·E]` value estimates V(oₜ) at collection time.
    public var values: [Float]
    /// `[T·E]` rewards.
    public var rewards: [Float]
    /// `[T·E]` MDP-terminal flags (no bootstrap).
    public var terminated: [Bool]
    /// `[T·E]` time-limit flags (bootstrap from ``bootstrapValues``).
    public var truncated: [Bool]
    /// `[T·E]` V(final observation) where truncated, else 0.
    public var bootstrapValues: [Float]
    /// `[E]` V(observation after the last step).
    public var lastValues: [Float]

    /// An empty (zero-filled) buffer of T steps × E environments × F features.
    public init(stepCount: Int, environmentCount: Int, observationSize: Int) {
        precondition(stepCount > 0 && environmentCount > 0 && observationSize > 0,
                     "RolloutBuffer: steps, environments and observation size must be > 0")
        self.stepCount = stepCount
        self.environmentCount = environmentCount
        self.observationSize = observationSize
        let samples = stepCount * environmentCount
        observationSteps = [Tensor](repeating: Tensor.zeros([environmentCount, observationSize]), count: stepCount)
        actions = [Int](repeating: 0, count: samples)
        logProbs = [Float](repeating: 0, count: samples)
        values = [Float](repeating: 0, count: samples)
        rewards = [Float](repeating: 0, count: samples)
        terminated = [Bool](repeating: false, count: samples)
        truncated = [Bool](repeating: false, count: samples)
        bootstrapValues = [Float](repeating: 0, count: samples)
        lastValues = [Float](repeating: 0, count: environmentCount)
    }

    /// The number of samples T·E.
    public var sampleCount: Int { stepCount * environmentCount }

    /// The flat index of step `step` of environment `environment`.
    public func index(step: Int, environment: Int) -> Int { step * environmentCount + environment }

    /// Stores what the policy saw and did at step `step` for every environment.
    /// - Parameters:
    ///   - observations: `[E, F]` encoded observations oₜ.
    ///   - actions, logProbs, values: `[E]` each.
    public mutating func recordDecision(step: Int, observations: Tensor, actions: [Int], logProbs: [Float],
                                        values: [Float]) {
        let e = environmentCount
        precondition(step >= 0 && step < stepCount, "RolloutBuffer: step \(step) outside 0..<\(stepCount)")
        precondition(observations.shape == [e, observationSize],
                     "RolloutBuffer: observations \(observations.shape), expected \([e, observationSize])")
        precondition(actions.count == e && logProbs.count == e && values.count == e,
                     "RolloutBuffer: actions, logProbs and values need \(e) entries each")
        let base = step * e
        observationSteps[step] = observations
        for env in 0..<e {
            self.actions[base + env] = actions[env]
            self.logProbs[base + env] = logProbs[env]
            self.values[base + env] = values[env]
        }
    }

    /// Stores what the environments returned for step `step`.
    /// - Parameters:
    ///   - rewards, terminated, truncated: `[E]` each.
    ///   - bootstrapValues: `[E]` V(final observation) where truncated (other entries are ignored).
    public mutating func recordOutcome(step: Int, rewards: [Float], terminated: [Bool], truncated: [Bool],
                                       bootstrapValues: [Float]) {
        let e = environmentCount
        precondition(step >= 0 && step < stepCount, "RolloutBuffer: step \(step) outside 0..<\(stepCount)")
        precondition(rewards.count == e && terminated.count == e && truncated.count == e
                     && bootstrapValues.count == e, "RolloutBuffer: outcomes need \(e) entries each")
        let base = step * e
        for env in 0..<e {
            self.rewards[base + env] = rewards[env]
            self.terminated[base + env] = terminated[env]
            self.truncated[base + env] = truncated[env]
            self.bootstrapValues[base + env] = truncated[env] && !terminated[env] ? bootstrapValues[env] : 0
        }
    }

    /// `[T·E, F]` encoded observations, row `t·E + e` for step t of environment e.
    public var observations: Tensor { Tensor.concatenate(observationSteps, alongAxis: 0) }

    /// Advantages and returns by ``generalizedAdvantageEstimate(rewards:values:terminated:truncated:bootstrapValues:lastValues:environmentCount:discount:gaeLambda:)``.
    public func advantageEstimate(discount: Float, gaeLambda: Float) -> AdvantageEstimate {
        generalizedAdvantageEstimate(
            rewards: rewards, values: values, terminated: terminated, truncated: truncated,
            bootstrapValues: bootstrapValues, lastValues: lastValues, environmentCount: environmentCount,
            discount: discount, gaeLambda: gaeLambda)
    }
}
