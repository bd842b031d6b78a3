import ArgumentParser
import Foundation
import PrismRecipes
import PrismStorage

/// `prism-data export-csv DIR`: one CSV row per transition.
struct ExportCSVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-csv",
        abstract: "Write one CSV row per transition (to standard output unless --out is given).",
        discussion: """
            Columns: episode, step, reward, terminated, truncated, action (JSON-like text), \
            observation (the observation the action was taken in: Box values joined by spaces, \
            Text quoted, Dict as key=value pairs separated by '; ').
            """)

    @Argument(help: "The dataset directory (holding data/main_data.hdf5 and data/metadata.json).")
    var directory: String

    @Option(help: "Write the CSV to this file instead of standard output.")
    var out: String?

    func run() throws {
        let reader = try DatasetDirectory.open(directory)
        var sink = try CSVSink(path: out)
        sink.write("episode,step,reward,terminated,truncated,action,observation")
        for index in 0..<reader.episodeCount {
            let episode: Episode
            do { episode = try reader.episode(index) } catch {
                throw UserError("cannot read episode \(index) of \(directory): \(error)")
            }
            for step in 0..<episode.totalSteps {
                let fields = [
                    String(episode.id), String(step), "\(episode.rewards[step])",
                    String(episode.terminations[step]), String(episode.truncations[step]),
                    SpaceSummary.json(episode.actions[step]), SpaceSummary.observation(episode.observations[step]),
                ]
                sink.write(fields.map(CSVField.escaped).joined(separator: ","))
            }
        }
        try sink.finish()
    }
}

/// Buffered line output to standard output or a file.
struct CSVSink {
    private let handle: FileHandle
    private let path: String?
    private var buffer = Data()

    init(path: String?) throws {
        self.path = path
        guard let path else { handle = FileHandle.standardOutput; return }
        guard FileManager.default.createFile(atPath: path, contents: nil), let opened = FileHandle(forWritingAtPath: path) else {
            throw UserError("cannot create \(path)")
        }
        handle = opened
    }

    mutating func write(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { drain() }
    }

    private mutating func drain() {
        guard !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: buffer) } catch {
            guard let path else { Foundation.exit(0) }  // a closed pipe (`| head`): stop quietly
            printError("Error: cannot write \(path): \(error.localizedDescription)")
            Foundation.exit(1)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func finish() throws {
        drain()
        if path != nil { try handle.close() }
    }
}
