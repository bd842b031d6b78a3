import ArgumentParser
import Foundation
import PrismRecipes

/// `ppo-gridworld compare RUN_DIR… --out DIR`: the final evaluations of evaluated runs side by
/// side (``RunComparison``).
public struct PPOGridworldCompareCommand: ParsableCommand {
    /// The subcommand's name and help.
    public static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare the evaluations of ppo-gridworld runs: report.md with pass@k, diversity, success and return side by side, and pass_at_k.svg.")

    /// The run directories, each with `config.json` and `eval.json`.
    @Argument(help: ArgumentHelp("Two or more evaluated run directories.", valueName: "run-dir")) public var runs: [String] = []
    /// `--out`.
    @Option(help: ArgumentHelp("Where report.md and pass_at_k.svg go (existing files are never overwritten).", valueName: "dir"))
    public var out: String

    /// Options as parsed.
    public init() {}

    /// Rejects fewer than two runs.
    public func validate() throws {
        if runs.count < 2 { throw ValidationError("give at least two run directories to compare, got \(runs.count)") }
    }

    /// Writes the comparison and prints where it is.
    public func run() throws {
        try CommandErrors.report("ppo-gridworld compare") {
            let comparison = try RunComparison(runDirectories: runs)
            let directory = URL(fileURLWithPath: out)
            try comparison.write(to: directory)
            print("wrote \(directory.appendingPathComponent("report.md").path) and \(directory.appendingPathComponent("pass_at_k.svg").path)")
        }
    }
}
