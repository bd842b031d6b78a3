import Foundation
import PrismEnv

/// The global metadata of a Minari dataset (`data/metadata.json`), with Prism's own extras.
public struct DatasetMetadata: Equatable, Sendable {
    /// Minari's dataset id, e.g. `prism/gridworld/doorkey-expert-v0`.
    public var datasetID: String
    /// The Minari version the layout follows.
    public var minariVersion = "0.5.4"
    /// Always `hdf5` for this storage.
    public var dataFormat = "hdf5"
    /// Episodes counted as finished; readers go by this count.
    public var totalEpisodes = 0
    /// The sum of the counted episodes' steps.
    public var totalSteps = 0
    /// The observation space.
    public var observationSpace: Space
    /// The action space.
    public var actionSpace: Space
    /// Gymnasium's `EnvSpec.to_json()` text, or nil (written as JSON `null`).
    public var envSpec: String?
    /// Authors (Minari reads a list of strings).
    public var author: [String] = []
    /// The algorithm or policy that produced the data.
    public var algorithmName: String?
    /// A link to the code that produced the data.
    public var codePermalink: String?
    /// Free text.
    public var description: String?
    /// Prism extra: the run configuration as key/value text.
    public var config: [String: String] = [:]
    /// Prism extra: the seed of the run.
    public var seed: UInt64?
    /// Prism extra: the git revision of the code.
    public var gitRevision: String?

    /// Metadata for an empty dataset.
    public init(datasetID: String, observationSpace: Space, actionSpace: Space) {
        self.datasetID = datasetID
        self.observationSpace = observationSpace
        self.actionSpace = actionSpace
    }

    /// The `metadata.json` text. Spaces are double-encoded JSON strings, as Minari expects.
    public var jsonText: String {
        func quoted(_ text: String?) -> String { text.map(JSONText.quoted) ?? "null" }
        var lines = [
            "\"dataset_id\": \(quoted(datasetID))",
            "\"minari_version\": \(quoted(minariVersion))",
            "\"data_format\": \(quoted(dataFormat))",
            "\"total_episodes\": \(totalEpisodes)",
            "\"total_steps\": \(totalSteps)",
            "\"observation_space\": \(quoted(observationSpace.minariJSON))",
            "\"action_space\": \(quoted(actionSpace.minariJSON))",
            "\"env_spec\": \(quoted(envSpec))",
            "\"jpeg_encoding\": false",
            "\"author\": [\(author.map(JSONText.quoted).joined(separator: ", "))]",
            "\"algorithm_name\": \(quoted(algorithmName))",
            "\"code_permalink\": \(quoted(codePermalink))",
            "\"description\": \(quoted(description))",
        ]
        let configEntries = config.keys.sorted().map { "\(JSONText.quoted($0)): \(quoted(config[$0]))" }
        lines.append("\"prism_config\": {\(configEntries.joined(separator: ", "))}")
        lines.append("\"prism_seed\": \(seed.map { String($0) } ?? "null")")
        lines.append("\"prism_git_revision\": \(quoted(gitRevision))")
        return "{\n  " + lines.joined(separator: ",\n  ") + "\n}\n"
    }

    /// Reads `metadata.json` text (from Prism or Python Minari).
    /// - Throws: ``StorageError/metadata(file:reason:)`` naming `file` and the key at fault.
    public static func parse(_ text: String, file: String) throws(StorageError) -> DatasetMetadata {
        let json: JSONValue
        do { json = try JSONValue.parse(text) } catch { throw .metadata(file: file, reason: "not JSON: \(error)") }
        func string(_ key: String) throws(StorageError) -> String {
            guard let value = json[key]?.string else { throw .metadata(file: file, reason: "'\(key)' is missing or not a string") }
            return value
        }
        func count(_ key: String) throws(StorageError) -> Int {
            guard let value = json[key]?.int, value >= 0 else {
                throw .metadata(file: file, reason: "'\(key)' is missing or not a non-negative integer")
            }
            return value
        }
        let observationSpace = try Space.parseMinari(try string("observation_space"), file: file)
        let actionSpace = try Space.parseMinari(try string("action_space"), file: file)
        var metadata = DatasetMetadata(datasetID: try string("dataset_id"), observationSpace: observationSpace, actionSpace: actionSpace)
        metadata.minariVersion = try string("minari_version")
        metadata.dataFormat = try string("data_format")
        metadata.totalEpisodes = try count("total_episodes")
        metadata.totalSteps = try count("total_steps")
        metadata.envSpec = json["env_spec"]?.string
        switch json["author"] {
        case .string(let name)?: metadata.author = [name]
        case .array(let names)?: metadata.author = names.compactMap(\.string)
        default: break
        }
        metadata.algorithmName = json["algorithm_name"]?.string
        metadata.codePermalink = json["code_permalink"]?.string
        metadata.description = json["description"]?.string
        if case .object(let entries)? = json["prism_config"] { metadata.config = entries.compactMapValues(\.string) }
        metadata.seed = json["prism_seed"]?.number.flatMap { $0 >= 0 ? UInt64(exactly: $0) : nil }
        metadata.gitRevision = json["prism_git_revision"]?.string
        return metadata
    }

    /// Writes the JSON to `url` atomically: a temporary file in the same directory, then rename.
    func writeAtomically(to url: URL) throws(StorageError) {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".metadata.json.\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            // Plain open/write/close (no fsync): the rename makes the update atomic against a
            // killed writer, which is the crash model (the HDF5 flush does not fsync either).
            var text = jsonText
            let written: Bool = text.withUTF8 { bytes in
                let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
                guard descriptor >= 0 else { return false }
                var offset = 0
                while offset < bytes.count {
                    let count = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                    if count < 0 && errno == EINTR { continue }
                    guard count > 0 else { Foundation.close(descriptor); return false }
                    offset += count
                }
                return Foundation.close(descriptor) == 0
            }
            guard written else {
                throw StorageError.metadata(file: url.path, reason: "could not write \(temporary.lastPathComponent) (errno \(errno))")
            }
            guard rename(temporary.path, url.path) == 0 else {
                throw StorageError.metadata(file: url.path, reason: "rename from \(temporary.lastPathComponent) failed (errno \(errno))")
            }
        } catch let error as StorageError {
            throw error
        } catch {
            throw .metadata(file: url.path, reason: "could not write: \(error.localizedDescription)")
        }
    }
}
