import ArgumentParser
import PrismEnv
import PrismRecipes

/// `ppo check-env ID`: checks a registered environment before training it: the
/// ``PrismEnv/Environment`` contract (``PrismEnv/checkEnvironment(_:seed:steps:)``, Gymnasium's
/// `check_env`), then what `ppo` needs (Discrete actions, an encodable observation) and whether
/// polychromic PPO and `--resume` can use it.
public struct PPOCheckEnvironmentCommand: ParsableCommand {
    /// The command's name and help.
    public static let configuration = CommandConfiguration(
        commandName: "check-env",
        abstract: "Check that a registered environment keeps the Environment contract and can be trained by ppo.")

    /// The environment id.
    @Argument(help: "The registered environment id.") public var env: String
    /// `--seed`.
    @Option(help: "Seed of the checker's resets and sampled actions.") public var seed: UInt64 = 0

    /// Options as parsed.
    public init() {}

    /// Prints one line per check and exits non-zero when the environment cannot be trained.
    public func run() throws {
        PPOCommand.registerGridworlds()
        let registry = EnvironmentRegistry.shared
        guard registry.spec(env) != nil else {
            throw ValidationError("\(env): no such registered environment; ids: \(registry.ids.joined(separator: ", "))")
        }
        let report = checkEnvironment({ try registry.make(env) }, seed: seed)
        print(report.passed ? "ok    \(env): the Environment contract holds" : "FAIL  \(env)\n  " + report.failures.joined(separator: "\n  "))
        let trainable: RegisteredEnvironment
        do { trainable = try RegisteredEnvironment.make(id: env) } catch {
            print("FAIL  \(env): ppo cannot train it: \(error)")
            throw ExitCode(1)
        }
        print("ok    \(env): ppo reads \(trainable.encodedObservationSize) observation floats and \(trainable.actionCount) actions")
        if trainable.supportsBranching {
            print("ok    \(env): Restorable with a Codable snapshot (polychromic PPO and --resume work)")
        } else {
            print("note  \(env): not Restorable with a Codable snapshot (standard PPO only; runs cannot --resume)")
        }
        if !report.passed { throw ExitCode(1) }
    }
}
