import Foundation
import PrismEnv
import PrismJSON

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
    public var jsonText: String { CountedJSONTemplate(self).text(episodes: totalEpisodes, steps: totalSteps) }

    /// The JSON members before the counts (`total_episodes`, `total_steps`) and after them.
    fileprivate var jsonMembers: (beforeCounts: [String], afterCounts: [String]) {
        func quoted(_ text: String?) -> String { text.map(JSONText.quoted) ?? "null" }
        let before = [
            "\"dataset_id\": \(quoted(datasetID))",
            "\"minari_version\": \(quoted(minariVersion))",
            "\"data_format\": \(quoted(dataFormat))",
        ]
        let configEntries = config.keys.sorted().map { "\(JSONText.quoted($0)): \(quoted(config[$0]))" }
        let after = [
            "\"observation_space\": \(quoted(observationSpace.minariJSON))",
            "\"action_space\": \(quoted(actionSpace.minariJSON))",
            "\"env_spec\": \(quoted(envSpec))",
            "\"jpeg_encoding\": false",
            "\"author\": [\(author.map(JSONText.quoted).joined(separator: ", "))]",
            "\"algorithm_name\": \(quoted(algorithmName))",
            "\"code_permalink\": \(quoted(codePermalink))",
            "\"description\": \(quoted(description))",
            "\"prism_config\": {\(configEntries.joined(separator: ", "))}",
            "\"prism_seed\": \(seed.map { String($0) } ?? "null")",
            "\"prism_git_revision\": \(quoted(gitRevision))",
        ]
        return (before, after)
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
        metadata.seed = json["prism_seed"]?.int.flatMap { $0 >= 0 ? UInt64($0) : nil }
            ?? json["prism_seed"]?.number.flatMap { $0 >= 0 ? UInt64(exactly: $0) : nil }
        metadata.gitRevision = json["prism_git_revision"]?.string
        return metadata
    }
}

/// `metadata.json` rendered once except for the two counts, which are all a writer changes
/// between rewrites (the spaces' JSON alone is kilobytes of text for a Box observation).
struct CountedJSONTemplate {
    private let head: String
    private let tail: String

    init(_ metadata: DatasetMetadata) {
        let members = metadata.jsonMembers
        head = "{\n  " + members.beforeCounts.map { $0 + ",\n  " }.joined()
        tail = ",\n  " + members.afterCounts.joined(separator: ",\n  ") + "\n}\n"
    }

    /// The full JSON text with these counts.
    func text(episodes: Int, steps: Int) -> String {
        head + "\"total_episodes\": \(episodes),\n  \"total_steps\": \(steps)" + tail
    }
}
