import ArgumentParser
import EnvironmentCatalog
import PrismEnv

/// `prism-env list`: every registered id with its spaces.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the registered environment ids and their spaces.")

    @Flag(help: "Print the observation and action spaces in Minari's JSON form.")
    var json = false

    func run() throws {
        let registry = EnvironmentCatalog.registry
        for id in registry.ids {
            guard let spec = registry.spec(id), let environment = try? spec.make([:]) else { continue }
            if json {
                print("\(id)\tobservation: \(environment.observationSpace.minariJSON)\taction: \(environment.actionSpace.minariJSON)")
            } else {
                print("\(id)  action \(environment.actionSpace.summary)  observation \(environment.observationSpace.summary)"
                      + (spec.summary.isEmpty ? "" : "  — \(spec.summary)"))
            }
        }
    }
}

/// `prism-env check ID…`: runs `checkEnvironment` and exits non-zero on any failure.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check that environments keep the Environment contract (Gymnasium's check_env).")

    @Argument(help: "Environment ids (default: every registered id).")
    var ids: [String] = []

    @Option(help: "Seed of the checker's resets and sampled actions.")
    var seed: UInt64 = 0

    func run() throws {
        let registry = EnvironmentCatalog.registry
        var failed = 0
        for id in ids.isEmpty ? registry.ids : ids {
            let report = checkEnvironment({ try registry.make(id) }, seed: seed)
            print(report.passed ? "ok    \(id)" : "FAIL  \(id)\n  " + report.failures.joined(separator: "\n  "))
            if !report.passed { failed += 1 }
        }
        if failed > 0 { throw ExitCode(1) }
    }
}

extension Space {
    /// A short human-readable form (`Discrete(7)`, `Box(uint8, [7, 7, 3])`, `Dict(direction, image, mission)`).
    var summary: String {
        switch self {
        case let .discrete(count, start): start == 0 ? "Discrete(\(count))" : "Discrete(\(count), start: \(start))"
        case let .box(_, _, shape, elementType): "Box(\(elementType.rawValue), \(shape))"
        case let .multiDiscrete(counts, _): "MultiDiscrete(\(counts))"
        case let .text(_, maxLength, _): "Text(≤\(maxLength))"
        case let .dict(spaces): "Dict(" + spaces.keys.sorted().map { "\($0): \(spaces[$0]?.summary ?? "")" }.joined(separator: ", ") + ")"
        }
    }
}
