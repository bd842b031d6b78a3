import PrismTensor

/// The outcome of ``checkEnvironment(_:seed:steps:)``: every rule that failed, with a reason.
public struct EnvironmentCheckReport: Sendable, CustomStringConvertible {
    /// The environment's name.
    public var environment: String
    /// One line per failed rule, `rule: reason`.
    public var failures: [String] = []

    /// Whether every rule held.
    public var passed: Bool { failures.isEmpty }

    /// `ok` or the list of failures.
    public var description: String {
        passed ? "\(environment): ok" : "\(environment): \(failures.count) problem(s)\n  " + failures.joined(separator: "\n  ")
    }
}

/// The rules ``checkEnvironment(_:seed:steps:)`` applies, in order (Gymnasium's `check_env` list).
public enum EnvironmentRule: String, CaseIterable, Sendable {
    case spaces = "spaces are well-formed"
    case resetObservationInSpace = "reset observation lies in the observation space"
    case stepObservationInSpace = "every step observation lies in the observation space"
    case resetSeedDeterminism = "reset(seed:) with the same seed gives the same observation"
    case stepDeterminism = "the same seed and actions give the same steps"
    case nilSeedContinues = "reset(seed: nil) continues the stream deterministically"
    case orderBeforeReset = "step before reset throws stepBeforeReset"
    case orderAfterEnd = "step after the episode ended throws stepAfterEpisodeEnd"
    case invalidActionRejected = "an action outside the action space throws invalidAction"
    case snapshotRestore = "restore(snapshot()) replays the same steps"
}

/// Checks that an environment keeps the ``Environment`` contract (Gymnasium's `check_env`):
/// well-formed spaces, observations in space, seeded reset and step determinism, the nil-seed
/// rule, order enforcement, rejection of invalid actions and, for ``Restorable`` environments, the
/// snapshot/restore round trip. Actions are sampled from the action space with a stream seeded
/// from `seed`.
/// - Parameters:
///   - make: a factory giving a fresh environment each call (the order rule needs one never reset).
///   - steps: the number of random steps each rollout takes at most.
public func checkEnvironment<E: Environment>(
    _ make: () throws -> E, seed: UInt64 = 0, steps: Int = 200
) -> EnvironmentCheckReport {
    var probe: E
    do {
        probe = try make()
    } catch {
        return EnvironmentCheckReport(environment: "?", failures: ["make: \(error)"])
    }
    var checker = EnvironmentChecker(report: EnvironmentCheckReport(environment: probe.name), seed: seed, steps: steps)
    checker.checkSpaces(probe)
    guard checker.report.passed else { return checker.report }  // nothing can be sampled from a broken space
    checker.checkOrder(&probe, make)
    checker.checkRollouts(make)
    checker.checkInvalidAction(make)
    if let restorable = try? make(), (restorable as? AnyEnvironment)?.isRestorable ?? (restorable is any Restorable) {
        checker.checkSnapshot(AnyEnvironment(restorable))
    }
    return checker.report
}

/// The state of one ``checkEnvironment(_:seed:steps:)`` run.
struct EnvironmentChecker {
    var report: EnvironmentCheckReport
    let seed: UInt64
    let steps: Int

    mutating func fail(_ rule: EnvironmentRule, _ reason: String) {
        let line = "\(rule.rawValue): \(reason)"
        if !report.failures.contains(line) { report.failures.append(line) }
    }

    mutating func checkSpaces(_ environment: some Environment) {
        for (role, space) in [("observation", environment.observationSpace), ("action", environment.actionSpace)] {
            if let problem = space.problem { fail(.spaces, "\(role) space: \(problem)") }
        }
    }

    mutating func checkOrder<E: Environment>(_ fresh: inout E, _ make: () throws -> E) {
        var sampler = RandomStream(seed: seed).child("actions")
        guard let action = try? E.Action(spaceValue: fresh.actionSpace.sample(using: &sampler)) else {
            fail(.spaces, "a sampled action does not convert to the Action type")
            return
        }
        expect(.orderBeforeReset, .stepBeforeReset(environment: fresh.name)) { _ = try fresh.step(action) }
        guard var environment = try? make() else { return }
        _ = environment.reset(seed: seed)
        for _ in 0..<steps {
            guard let action = try? E.Action(spaceValue: environment.actionSpace.sample(using: &sampler)),
                  let step = try? environment.step(action) else { return }
            if step.isDone {
                expect(.orderAfterEnd, .stepAfterEpisodeEnd(environment: environment.name)) { _ = try environment.step(action) }
                return
            }
        }
    }

    mutating func expect(_ rule: EnvironmentRule, _ expected: EnvironmentError, _ body: () throws -> Void) {
        do {
            try body()
            fail(rule, "no error was thrown")
        } catch let error as EnvironmentError {
            if error != expected { fail(rule, "threw \(error) instead") }
        } catch {
            fail(rule, "threw \(error) instead")
        }
    }

    /// First, resets alone: a seeded reset then eight `reset(seed: nil)` on two fresh environments
    /// must agree (the nil-seed rule, untangled from stepping). Then two rollouts with the same seed
    /// and actions over several episodes: the first difference is blamed on the seeded reset, a
    /// nil-seed reset, or a step.
    mutating func checkRollouts<E: Environment>(_ make: () throws -> E) {
        guard var first = try? make(), var second = try? make() else { return }
        let resetsA = [first.reset(seed: seed)] + (0..<8).map { _ in first.reset(seed: nil) }
        let resetsB = [second.reset(seed: seed)] + (0..<8).map { _ in second.reset(seed: nil) }
        let nilSeedHolds = zip(resetsA, resetsB).dropFirst().allSatisfy { $0.observation.spaceValue == $1.observation.spaceValue }
        if !nilSeedHolds { fail(.nilSeedContinues, "after equal seeded resets, reset(seed: nil) sequences differ") }

        let a = rollout(&first)
        let b = rollout(&second)
        let common = Swift.min(a.count, b.count)
        if let index = (0..<common).first(where: { a[$0] != b[$0] }) ?? (a.count == b.count ? nil : common) {
            let afterNilReset = a.prefix(index).contains { $0.isNilSeedReset }
            if index == 0 {
                fail(.resetSeedDeterminism, "two resets with seed \(seed) differ")
            } else if index < a.count && a[index].isNilSeedReset {
                fail(.nilSeedContinues, "after equal histories, reset(seed: nil) gives different observations (record \(index))")
            } else if nilSeedHolds || !afterNilReset {
                fail(.stepDeterminism, "two seeded rollouts with the same actions differ at record \(index)")
            }
        }
        // Re-seeding a used environment must replay its first rollout exactly.
        if a == b && rollout(&first) != a {
            fail(.resetSeedDeterminism, "reset(seed: \(seed)) on a used environment does not replay its first rollout")
        }
    }

    /// A seeded reset, then `steps` random actions, starting each later episode with
    /// `reset(seed: nil)`: every reset and step as a comparable record.
    mutating func rollout<E: Environment>(_ environment: inout E) -> [StepRecord] {
        var sampler = RandomStream(seed: seed).child("actions")
        let reset = environment.reset(seed: seed)
        var trace = [StepRecord(reset: reset, nilSeed: false)]
        if !environment.observationSpace.contains(reset.observation.spaceValue) {
            fail(.resetObservationInSpace, "\(reset.observation.spaceValue) is not in \(environment.observationSpace)")
        }
        for _ in 0..<steps {
            guard let action = try? E.Action(spaceValue: environment.actionSpace.sample(using: &sampler)) else { break }
            guard let step = try? environment.step(action) else {
                fail(.stepDeterminism, "a sampled action was rejected")
                break
            }
            let observation = step.observation.spaceValue
            if !environment.observationSpace.contains(observation) {
                fail(.stepObservationInSpace, "\(observation) is not in the observation space")
            }
            trace.append(StepRecord(step, observation: observation))
            if step.isDone { trace.append(StepRecord(reset: environment.reset(seed: nil), nilSeed: true)) }
        }
        return trace
    }

    mutating func checkInvalidAction<E: Environment>(_ make: () throws -> E) {
        guard var environment = try? make(), let invalid = environment.actionSpace.outsideElement else { return }
        _ = environment.reset(seed: seed)
        do {
            _ = try environment.step(try E.Action(spaceValue: invalid))
            fail(.invalidActionRejected, "\(invalid) was accepted")
        } catch {
            if case .invalidAction = error { return }
            fail(.invalidActionRejected, "threw \(error) instead")
        }
    }

    mutating func checkSnapshot(_ original: AnyEnvironment) {
        var environment = original
        var sampler = RandomStream(seed: seed).child("actions")
        _ = environment.reset(seed: seed)
        for _ in 0..<3 {
            let step = try? environment.step(environment.actionSpace.sample(using: &sampler))
            if step?.isDone ?? true { _ = environment.reset(seed: nil) }
        }
        let saved = environment.snapshot()
        let actions = (0..<20).map { _ in environment.actionSpace.sample(using: &sampler) }
        func replay(_ environment: inout AnyEnvironment) -> [StepRecord] {
            var trace: [StepRecord] = []
            for action in actions {
                let step: Step<SpaceValue>
                do {
                    step = try environment.step(action)
                } catch {
                    trace.append(StepRecord(error: error))
                    break
                }
                trace.append(StepRecord(step, observation: step.observation))
                if step.isDone { trace.append(StepRecord(reset: environment.reset(seed: nil))) }
            }
            return trace
        }
        let first = replay(&environment)
        environment.restore(saved)
        if replay(&environment) != first { fail(.snapshotRestore, "the steps after restore differ from the first run") }
    }
}

/// One step, reset or error of a checked rollout, compared field by field.
struct StepRecord: Equatable {
    var observation: SpaceValue?
    var reward: Double = 0
    var terminated = false
    var truncated = false
    var info = StepInfo()
    var error: EnvironmentError?
    var isNilSeedReset = false

    init<O>(_ step: Step<O>, observation: SpaceValue) {
        (self.observation, reward, terminated, truncated, info) = (observation, step.reward, step.terminated, step.truncated, step.info)
    }

    init<O: SpaceRepresentable>(reset: Reset<O>, nilSeed: Bool = true) {
        (observation, info, isNilSeedReset) = (reset.observation.spaceValue, reset.info, nilSeed)
    }

    init(error: EnvironmentError) { self.error = error }
}

extension Space {
    /// A reason the space is malformed, or nil.
    var problem: String? {
        switch self {
        case let .discrete(count, _): return count > 0 ? nil : "Discrete with \(count) elements"
        case let .box(low, high, shape, _):
            if low.count != Shape.count(shape) || high.count != low.count { return "Box bounds do not match shape \(shape)" }
            return zip(low, high).allSatisfy { $0 <= $1 } ? nil : "Box has low > high"
        case let .multiDiscrete(counts, start):
            return counts.count == start.count && counts.allSatisfy({ $0 > 0 }) ? nil : "MultiDiscrete counts \(counts)"
        case let .text(minLength, maxLength, charset):
            return minLength >= 0 && maxLength >= minLength && !charset.isEmpty ? nil : "Text lengths \(minLength)...\(maxLength)"
        case let .dict(spaces):
            return spaces.keys.sorted().lazy.compactMap { key in spaces[key]?.problem.map { "\(key): \($0)" } }.first
        }
    }

    /// An element of the right form that lies outside the space, if one exists.
    var outsideElement: SpaceValue? {
        switch self {
        case let .discrete(count, start): return .discrete(start + count)
        case let .multiDiscrete(counts, start): return .multiDiscrete(zip(counts, start).map { $0 + $1 })
        default: return nil
        }
    }
}
