import Foundation
import PrismEnv
import PrismStorage

/// `hdf5-write`, `hdf5-write-bulk`, `hdf5-read`: Minari HDF5 rollout storage. One timed repetition
/// is 1,000 episodes × 100 steps (Box float32 [147] observations, 101 per episode; Discrete
/// actions; float64 rewards; bool flags), written into a fresh temporary directory that is removed
/// afterwards. `hdf5-write` is the crash-safe mode (flush and metadata rewrite per episode),
/// `hdf5-write-bulk` flushes only at close, `hdf5-read` reads every episode back.
enum StorageWorkload {
    static let episodeCount = 1_000
    static let stepsPerEpisode = 100
    static let observationWidth = 147

    enum Mode { case write, writeBulk, read }

    static var metadata: DatasetMetadata {
        DatasetMetadata(
            datasetID: "prism/bench/storage-v0",
            observationSpace: .box(low: [Float](repeating: 0, count: observationWidth),
                                   high: [Float](repeating: 10, count: observationWidth),
                                   shape: [observationWidth], elementType: .float32),
            actionSpace: .discrete(count: 7))
    }

    /// Deterministic episodes (built once, outside the timed region).
    static func makeEpisodes() -> [Episode] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        return (0..<episodeCount).map { _ in
            let observations: [SpaceValue] = (0...stepsPerEpisode).map { _ in
                .box((0..<observationWidth).map { _ in Float(next() % 11) })
            }
            let actions: [SpaceValue] = (0..<stepsPerEpisode).map { _ in .discrete(Int(next() % 7)) }
            let rewards = (0..<stepsPerEpisode).map { _ in Double(next() % 1000) / 1000 }
            var terminations = [Bool](repeating: false, count: stepsPerEpisode)
            terminations[stepsPerEpisode - 1] = true
            return Episode(seed: next(), observations: observations, actions: actions, rewards: rewards,
                           terminations: terminations, truncations: [Bool](repeating: false, count: stepsPerEpisode))
        }
    }

    static func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("prism-bench-hdf5-\(UUID().uuidString)")
    }

    /// Writes every episode into `root`'s dataset directory (which the caller removes, untimed).
    static func write(_ episodes: [Episode], flushing: Bool, into root: URL) {
        do {
            let writer = try RolloutWriter(directory: root.appendingPathComponent("dataset"), metadata: metadata,
                                           flushesEachEpisode: flushing)
            for episode in episodes { try writer.append(episode) }
            try writer.close()
        } catch {
            fatalError("hdf5 bench write failed: \(error)")
        }
    }

    static func run(_ mode: Mode, runs: Int) -> String {
        let episodes = makeEpisodes()
        var samples: [Double] = []
        let name: String
        switch mode {
        case .write, .writeBulk:
            let flushing = mode == .write
            name = flushing ? "hdf5-write" : "hdf5-write-bulk"
            for run in 0...runs {
                let root = temporaryDirectory()
                let milliseconds = Timing.seconds { write(episodes, flushing: flushing, into: root) } * 1000
                try? FileManager.default.removeItem(at: root)
                if run > 0 { samples.append(milliseconds) }  // run 0 is the warm-up
            }
        case .read:
            name = "hdf5-read"
            let root = temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: root) }
            let directory = root.appendingPathComponent("dataset")
            do {
                let writer = try RolloutWriter(directory: directory, metadata: metadata, flushesEachEpisode: false)
                for episode in episodes { try writer.append(episode) }
                try writer.close()
            } catch {
                fatalError("hdf5 bench setup failed: \(error)")
            }
            func readAll() {
                do {
                    let reader = try RolloutReader(directory: directory)
                    var steps = 0
                    for index in 0..<reader.episodeCount { steps += try reader.episode(index).totalSteps }
                    precondition(steps == episodeCount * stepsPerEpisode, "read back \(steps) steps")
                } catch {
                    fatalError("hdf5 bench read failed: \(error)")
                }
            }
            readAll()  // warm-up
            for _ in 0..<runs { samples.append(Timing.seconds(readAll) * 1000) }
        }
        return Timing(milliseconds: samples.sorted()).row(
            name, threads: 1,
            extra: [("episodes", Double(episodeCount)), ("steps", Double(episodeCount * stepsPerEpisode))])
    }
}
