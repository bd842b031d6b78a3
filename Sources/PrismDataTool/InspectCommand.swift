import ArgumentParser
import Foundation
import PrismRecipes
import PrismStorage

/// `prism-data inspect DIR`: a dataset's id, counts, spaces, episode statistics and provenance.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Summarise a dataset: id, counts, spaces, episode length and return statistics, provenance.")

    @Argument(help: "The dataset directory (holding data/main_data.hdf5 and data/metadata.json).")
    var directory: String

    func run() throws {
        let reader = try DatasetDirectory.open(directory)
        let metadata = reader.metadata
        print("dataset        \(metadata.datasetID)")
        print("directory      \(directory)")
        print("minari version \(metadata.minariVersion)")
        print("episodes       \(metadata.totalEpisodes)")
        print("steps          \(metadata.totalSteps)")
        print("observations   \(SpaceSummary.short(metadata.observationSpace))")
        print("actions        \(SpaceSummary.short(metadata.actionSpace))")
        var lengths: [Double] = [], returns: [Double] = []
        for index in 0..<reader.episodeCount {
            let episode: Episode
            do { episode = try reader.episode(index) } catch {
                throw UserError("cannot read episode \(index) of \(directory): \(error)")
            }
            lengths.append(Double(episode.totalSteps))
            returns.append(episode.rewards.reduce(0, +))
        }
        print("length         \(Self.statistics(lengths))")
        print("return         \(Self.statistics(returns))")
        print("author         \(metadata.author.isEmpty ? "-" : metadata.author.joined(separator: ", "))")
        print("algorithm      \(metadata.algorithmName ?? "-")")
        print("description    \(metadata.description ?? "-")")
        if let seed = metadata.seed { print("seed           \(seed)") }
        for key in metadata.config.keys.sorted() { print("config         \(key) = \(metadata.config[key] ?? "")") }
    }

    /// `min 3 / mean 4.5 / max 7`, or `-` for no episodes.
    static func statistics(_ values: [Double]) -> String {
        guard let low = values.min(), let high = values.max() else { return "-" }
        let mean = values.reduce(0, +) / Double(values.count)
        return "min \(SpaceSummary.number(low)) / mean \(String(format: "%.4g", mean)) / max \(SpaceSummary.number(high))"
    }
}
