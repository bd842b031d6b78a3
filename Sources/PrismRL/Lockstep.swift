import PrismEnv
import PrismPolicy
import PrismTensor

/// What an ``ActorCritic`` did for a batch of environment copies in one lockstep step.
public struct PolicyDecision: Sendable {
    /// `[B]` the actions taken.
    public var actions: [Int]
    /// `[B]` their log-probabilities under the policy.
    public var logProbs: [Float]
    /// `[B]` the value estimates of the observations.
    public var values: [Float]
}

extension ActorCritic {
    /// One batched forward pass over `observations` (`[B, F]`) without gradients, and the actions
    /// it picks: drawn from `stream` (one draw per row, in row order) or, when greedy, the most
    /// likely ones (`stream` untouched).
    public func decide(_ observations: Tensor, selection: ActionSelection = .sampled,
                       using stream: inout RandomStream) -> PolicyDecision {
        let (logits, values) = withoutGradients { self(observations) }
        let distribution = Categorical(logits: logits)
        let actions = selection == .greedy ? distribution.mode : distribution.sample(using: &stream)
        let logProbs = withoutGradients { distribution.logProbabilities(of: actions) }.scalars
        return PolicyDecision(actions: actions, logProbs: logProbs, values: values.scalars)
    }
}

/// Copies of an environment run in lockstep under one batched policy, each until its episode
/// ends: the loop vine sampling and evaluation share (a ``RolloutCollector`` steps a vector
/// environment with autoreset instead, through the same ``ActorCritic/decide(_:selection:using:)``).
struct LockstepCopies<Env: Environment> where Env.Action == Int {
    /// The copies, in the state the last step left them.
    var copies: [Env]
    /// The encoded observation each copy shows.
    var observations: [[Float]]
    /// The copies whose episodes are still running, in copy order.
    var running: [Int]
    /// The width F of an encoded observation.
    let width: Int

    /// `copies` showing the encoded `observations`, all running.
    init(copies: [Env], observations: [[Float]]) {
        precondition(copies.count == observations.count && !copies.isEmpty, "LockstepCopies: one observation per copy")
        self.copies = copies
        self.observations = observations
        running = Array(copies.indices)
        width = observations[0].count
    }

    /// The observations of the running copies as a `[R, F]` tensor.
    var runningObservations: Tensor {
        Tensor(shape: [running.count, width], scalars: running.flatMap { observations[$0] })
    }

    /// What one copy did in a lockstep step.
    struct Transition {
        /// The copy.
        var copy: Int
        /// The encoded observation it acted on.
        var observation: [Float]
        /// The action, its log-probability and the value of the observation.
        var action: Int, logProb: Float, value: Float
        /// What the environment returned.
        var step: Step<Env.Observation>
    }

    /// One step of every running copy: a batched decision, then each copy steps in copy order
    /// and `record` says whether it keeps running.
    /// - Throws: ``EnvironmentError`` if a copy rejects an action.
    mutating func step(
        policy: ActorCritic, selection: ActionSelection, encode: (Env.Observation) -> [Float],
        using stream: inout RandomStream, record: (Transition) -> Bool
    ) throws(EnvironmentError) {
        let decision = policy.decide(runningObservations, selection: selection, using: &stream)
        var stillRunning: [Int] = []
        for (slot, copy) in running.enumerated() {
            let step = try copies[copy].step(decision.actions[slot])
            let transition = Transition(copy: copy, observation: observations[copy], action: decision.actions[slot],
                                        logProb: decision.logProbs[slot], value: decision.values[slot], step: step)
            observations[copy] = encode(step.observation)
            if record(transition) { stillRunning.append(copy) }
        }
        running = stillRunning
    }
}
