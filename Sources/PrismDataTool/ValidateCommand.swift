import ArgumentParser
import PrismStorage

/// `prism-data validate DIR`: checks a dataset against Minari's rules.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a dataset against Minari's rules; exit non-zero if any error is found.",
        discussion: """
            Checks sequential episode ids, total_steps sums, T+1 observations, flags set only at \
            the last step and dtypes matching the spaces. A half-written group past the counted \
            episodes is a warning; warnings alone exit 0.
            """)

    @Argument(help: "The dataset directory (holding data/main_data.hdf5 and data/metadata.json).")
    var directory: String

    func run() throws {
        let reader = try DatasetDirectory.open(directory)
        let problems = reader.validate()
        for problem in problems { print(problem) }
        let errors = problems.filter { $0.severity == .error }.count
        let warnings = problems.count - errors
        print("\(directory): \(reader.episodeCount) episodes, \(reader.metadata.totalSteps) steps, "
            + "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        if errors > 0 { throw ExitCode(1) }
    }
}
