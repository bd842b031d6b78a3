import ArgumentParser

/// `prism-data`: record, inspect, validate and export Minari-layout rollout datasets, and generate
/// JSONL training data from tasks.
struct PrismDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prism-data",
        abstract: "Record, inspect, validate and export rollout datasets (Minari's HDF5 layout); generate JSONL training data.",
        discussion: "A dataset directory DIR holds DIR/data/main_data.hdf5 and DIR/data/metadata.json.",
        subcommands: [InspectCommand.self, ValidateCommand.self, RecordCommand.self, ExportCSVCommand.self, GenerateDataCommand.self])
}

PrismDataCommand.main()
