import ArgumentParser
import Foundation
import PrismJSON

/// The options every recipe executable takes; include them with `@OptionGroup var common: RecipeOptions`.
public struct RecipeOptions: ParsableArguments, Sendable {
    /// The root seed every random stream derives from.
    @Option(help: "Root seed of every random stream (default: the seed of --config when it is a run's config.json, else 1).")
    public var seed: UInt64?

    /// A JSON or YAML config file.
    @Option(help: ArgumentHelp("Config file (.json, .yaml or .yml); fields it leaves out keep their defaults.", valueName: "file"))
    public var config: String?

    /// `key=value` overrides, applied after the file, left to right.
    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override a config field: dotted keys for nested fields, values as JSON scalars or text (repeatable).",
        valueName: "key=value"))
    public var overrides: [String] = []

    /// Where the run writes its outputs.
    @Option(help: ArgumentHelp("Run directory (default: runs/<recipe>-<timestamp>).", valueName: "dir"))
    public var runDir: String?

    /// A run directory to continue from its latest checkpoint.
    @Option(help: ArgumentHelp("Continue the run in this directory from its latest checkpoint.", valueName: "dir"))
    public var resume: String?

    /// Print the resolved config and exit without computing.
    @Flag(help: "Print the resolved config as JSON and exit.")
    public var dryRun = false

    /// Stop (after checkpointing) once this many steps are done, e.g. to test resuming.
    @Option(help: ArgumentHelp("Stop after this many steps (a checkpoint is written first).", valueName: "n"))
    public var stopAfterSteps: Int?

    /// Options as parsed from the command line.
    public init() {}

    /// Rejects contradictory or out-of-range options.
    public func validate() throws {
        if let stopAfterSteps, stopAfterSteps < 0 {
            throw ValidationError("--stop-after-steps must be at least 0, got \(stopAfterSteps)")
        }
        if let resume, let runDir, URL(fileURLWithPath: resume).standardizedFileURL != URL(fileURLWithPath: runDir).standardizedFileURL {
            throw ValidationError("--resume \(resume) and --run-dir \(runDir) name different directories; a resumed run continues in its own directory")
        }
    }

    /// The run directory to use: `--resume`, else `--run-dir`, else `runs/<recipe>-<timestamp>`
    /// (UTC, `yyyyMMdd-HHmmss`).
    public func runDirectory(recipe: String, now: Date = Date()) -> URL {
        if let path = resume ?? runDir { return URL(fileURLWithPath: path) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return URL(fileURLWithPath: "runs").appendingPathComponent("\(recipe)-\(formatter.string(from: now))")
    }

    /// These options with the shorthand flags that were given appended as `--set` overrides
    /// (`--env X` is `--set env=X`), after the user's own, so a shorthand wins.
    public func adding(shorthands: [(key: String, value: JSONValue?)]) -> RecipeOptions {
        var options = self
        options.overrides += shorthands.compactMap { key, value in value.map { "\(key)=\(Self.overrideText($0))" } }
        return options
    }

    /// The right-hand side of a `--set` for `value`: a string as typed when it reads back as
    /// itself (`env=Gridworld/DoorKey-5x5-v0`), else JSON (`demos="a \"b\""`, `total_steps=2048`).
    static func overrideText(_ value: JSONValue) -> String {
        if case .string(let text) = value, JSONValue.parseOverride(text) == value { return text }
        return value.canonicalJSON(indent: nil)
    }

    /// The seed used when neither `--seed` nor the config file gives one.
    public static let defaultSeed: UInt64 = 1
}
