import PrismTensor

/// When a vector environment resets a copy whose episode ended (Gymnasium's `AutoresetMode`).
public enum AutoresetMode: String, Sendable, Codable {
    /// Gymnasium's default: the step after the end resets that copy, ignores its action, and
    /// returns the first observation with reward 0 and both flags false.
    case nextStep
    /// The ending step resets the copy at once: it returns the new episode's first observation,
    /// and the ended episode's last observation and info in `finalObservations`/`finalInfos`.
    /// Prism's PPO collects with this mode.
    case sameStep
}

/// The result of ``VectorEnvironment/step(_:)`` for E copies.
public struct VectorStep<Observation> {
    /// `[E]` observations (after any autoreset).
    public var observations: [Observation]
    /// `[E]` rewards.
    public var rewards: [Double]
    /// `[E]` terminal flags.
    public var terminated: [Bool]
    /// `[E]` truncation flags.
    public var truncated: [Bool]
    /// `[E]` infos.
    public var infos: [StepInfo]
    /// With ``AutoresetMode/sameStep``: the last observation of each episode that ended this step.
    public var finalObservations: [Observation?]
    /// With ``AutoresetMode/sameStep``: the last info of each episode that ended this step.
    public var finalInfos: [StepInfo?]
}

/// E copies of an environment stepped together (Gymnasium's `SyncVectorEnv`).
///
/// `reset(seed: s)` seeds copy i with `s + i`, as Gymnasium does. Observations can be batched into
/// a `[E, F]` tensor with an encoder.
public struct VectorEnvironment<Base: Environment> {
    /// The copies.
    public private(set) var environments: [Base]
    /// How ended episodes are reset.
    public let autoresetMode: AutoresetMode
    private var needsReset: [Bool]

    /// E = `environments.count` copies with the given autoreset mode.
    public init(_ environments: [Base], autoresetMode: AutoresetMode = .nextStep) {
        precondition(!environments.isEmpty, "VectorEnvironment: needs at least one environment")
        self.environments = environments
        self.autoresetMode = autoresetMode
        needsReset = [Bool](repeating: false, count: environments.count)
    }

    /// The number of copies E.
    public var count: Int { environments.count }

    /// Resets every copy; with a seed, copy i gets `seed + i`.
    public mutating func reset(seed: UInt64?) -> [Reset<Base.Observation>] {
        needsReset = [Bool](repeating: false, count: count)
        return environments.indices.map { index in
            environments[index].reset(seed: seed.map { $0 &+ UInt64(index) })
        }
    }

    /// Steps every copy with its action, resetting ended copies per ``autoresetMode``.
    /// - Throws: the first copy's ``EnvironmentError`` (an invalid action or a step before reset).
    public mutating func step(_ actions: [Base.Action]) throws(EnvironmentError) -> VectorStep<Base.Observation> {
        precondition(actions.count == count, "VectorEnvironment.step: \(actions.count) actions for \(count) environments")
        var observations: [Base.Observation] = []
        observations.reserveCapacity(count)
        var result = VectorStep<Base.Observation>(
            observations: [], rewards: [], terminated: [], truncated: [], infos: [],
            finalObservations: [Base.Observation?](repeating: nil, count: count),
            finalInfos: [StepInfo?](repeating: nil, count: count))
        result.rewards.reserveCapacity(count)
        result.terminated.reserveCapacity(count)
        result.truncated.reserveCapacity(count)
        result.infos.reserveCapacity(count)
        for index in 0..<count {
            if needsReset[index] {
                let reset = environments[index].reset(seed: nil)
                needsReset[index] = false
                observations.append(reset.observation)
                result.rewards.append(0)
                result.terminated.append(false)
                result.truncated.append(false)
                result.infos.append(reset.info)
                continue
            }
            let step = try environments[index].step(actions[index])
            result.rewards.append(step.reward)
            result.terminated.append(step.terminated)
            result.truncated.append(step.truncated)
            if step.isDone && autoresetMode == .sameStep {
                result.finalObservations[index] = step.observation
                result.finalInfos[index] = step.info
                let reset = environments[index].reset(seed: nil)
                observations.append(reset.observation)
                result.infos.append(reset.info)
            } else {
                needsReset[index] = step.isDone
                observations.append(step.observation)
                result.infos.append(step.info)
            }
        }
        result.observations = observations
        return result
    }

    /// Encodes each observation straight into its row of a `[E, width]` tensor: `encode` writes
    /// the `width` floats of one observation into the slice it is given.
    public static func batch(_ observations: [Base.Observation], width: Int,
                             encodeInto encode: (Base.Observation, inout ArraySlice<Float>) -> Void) -> Tensor {
        var scalars = [Float](repeating: 0, count: observations.count * width)
        for (row, observation) in observations.enumerated() {
            encode(observation, &scalars[row * width..<(row + 1) * width])
        }
        return Tensor(shape: [observations.count, width], scalars: scalars)
    }

    /// Encodes each observation to F floats and stacks them into a `[E, F]` tensor.
    public static func batch(_ observations: [Base.Observation], encode: (Base.Observation) -> [Float]) -> Tensor {
        let rows = observations.map(encode)
        let width = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == width }, "VectorEnvironment.batch: encodings differ in length")
        return Tensor(shape: [rows.count, width], scalars: rows.flatMap { $0 })
    }
}
