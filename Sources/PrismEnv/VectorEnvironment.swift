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

    /// An empty result for `count` copies, with room for every copy's entries (pass it to
    /// ``VectorEnvironment/step(_:into:)`` to reuse its memory step after step).
    @inlinable
    public init(reservingFor count: Int) {
        observations = []
        observations.reserveCapacity(count)
        rewards = []
        rewards.reserveCapacity(count)
        terminated = []
        terminated.reserveCapacity(count)
        truncated = []
        truncated.reserveCapacity(count)
        infos = []
        infos.reserveCapacity(count)
        finalObservations = [Observation?](repeating: nil, count: count)
        finalInfos = [StepInfo?](repeating: nil, count: count)
    }

    /// Empties the result for `count` copies, keeping the arrays' memory when it is not shared.
    @inlinable
    mutating func clear(count: Int) {
        observations.removeAll(keepingCapacity: true)
        rewards.removeAll(keepingCapacity: true)
        terminated.removeAll(keepingCapacity: true)
        truncated.removeAll(keepingCapacity: true)
        infos.removeAll(keepingCapacity: true)
        if finalObservations.count != count || finalInfos.count != count {
            finalObservations = [Observation?](repeating: nil, count: count)
            finalInfos = [StepInfo?](repeating: nil, count: count)
        } else {
            for index in 0..<count where finalObservations[index] != nil || finalInfos[index] != nil {
                finalObservations[index] = nil
                finalInfos[index] = nil
            }
        }
    }
}

/// E copies of an environment stepped together (Gymnasium's `SyncVectorEnv`).
///
/// `reset(seed: s)` seeds copy i with `s + i`, as Gymnasium does. Observations can be batched into
/// a `[E, F]` tensor with an encoder. Stepping and batching are `@inlinable`, so they are
/// specialised for the environment type in the module that uses them.
public struct VectorEnvironment<Base: Environment> {
    /// The copies.
    public var environments: [Base] { copies }
    @usableFromInline var copies: [Base]
    /// How ended episodes are reset.
    public let autoresetMode: AutoresetMode
    @usableFromInline var needsReset: [Bool]

    /// E = `environments.count` copies with the given autoreset mode.
    public init(_ environments: [Base], autoresetMode: AutoresetMode = .nextStep) {
        precondition(!environments.isEmpty, "VectorEnvironment: needs at least one environment")
        copies = environments
        self.autoresetMode = autoresetMode
        needsReset = [Bool](repeating: false, count: environments.count)
    }

    /// The number of copies E.
    public var count: Int { copies.count }

    /// Resets every copy; with a seed, copy i gets `seed + i`.
    @inlinable
    public mutating func reset(seed: UInt64?) -> [Reset<Base.Observation>] {
        needsReset = [Bool](repeating: false, count: count)
        return copies.indices.map { index in
            copies[index].reset(seed: seed.map { $0 &+ UInt64(index) })
        }
    }

    /// Steps every copy with its action, resetting ended copies per ``autoresetMode``.
    /// - Throws: the first copy's ``EnvironmentError`` (an invalid action or a step before reset).
    @inlinable
    public mutating func step(_ actions: [Base.Action]) throws(EnvironmentError) -> VectorStep<Base.Observation> {
        var result = VectorStep<Base.Observation>(reservingFor: count)
        try step(actions, into: &result)
        return result
    }

    /// ``step(_:)`` writing into `result`, whose arrays are reused when no one else holds them.
    /// - Throws: the first copy's ``EnvironmentError`` (an invalid action or a step before reset).
    @inlinable
    public mutating func step(_ actions: [Base.Action], into result: inout VectorStep<Base.Observation>) throws(EnvironmentError) {
        precondition(actions.count == count, "VectorEnvironment.step: \(actions.count) actions for \(count) environments")
        result.clear(count: count)
        for index in 0..<count {
            if needsReset[index] {
                let reset = copies[index].reset(seed: nil)
                needsReset[index] = false
                result.observations.append(reset.observation)
                result.rewards.append(0)
                result.terminated.append(false)
                result.truncated.append(false)
                result.infos.append(reset.info)
                continue
            }
            let step = try copies[index].step(actions[index])
            result.rewards.append(step.reward)
            result.terminated.append(step.terminated)
            result.truncated.append(step.truncated)
            if step.isDone && autoresetMode == .sameStep {
                result.finalObservations[index] = step.observation
                result.finalInfos[index] = step.info
                let reset = copies[index].reset(seed: nil)
                result.observations.append(reset.observation)
                result.infos.append(reset.info)
            } else {
                needsReset[index] = step.isDone
                result.observations.append(step.observation)
                result.infos.append(step.info)
            }
        }
    }

    /// Encodes each observation straight into its row of a `[E, width]` tensor: `encode` writes
    /// all `width` floats of one observation into the buffer it is given (the row's memory).
    @inlinable
    public static func batch(_ observations: [Base.Observation], width: Int,
                             encodeInto encode: (Base.Observation, UnsafeMutableBufferPointer<Float>) -> Void) -> Tensor {
        let storage = TensorStorage(uninitializedCount: observations.count * width)
        for (row, observation) in observations.enumerated() {
            encode(observation, UnsafeMutableBufferPointer(start: storage.pointer + row * width, count: width))
        }
        return Tensor(shape: [observations.count, width], storage: storage)
    }

    /// Encodes each observation to F floats and stacks them into a `[E, F]` tensor.
    @inlinable
    public static func batch(_ observations: [Base.Observation], encode: (Base.Observation) -> [Float]) -> Tensor {
        let rows = observations.map(encode)
        let width = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == width }, "VectorEnvironment.batch: encodings differ in length")
        return Tensor(shape: [rows.count, width], scalars: rows.flatMap { $0 })
    }
}
