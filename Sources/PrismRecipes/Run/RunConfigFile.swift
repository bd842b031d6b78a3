import Foundation
import PrismJSON

/// A run's `config.json`: the resolved config with what is needed to repeat the run.
///
/// ```json
/// {"blas_core": "Haswell", "blas_threads": 1, "config": {...}, "git_revision": "…", "prism_version": "0.1.0",
///  "recipe": "ppo-gridworld", "seed": 1}
/// ```
/// Keys are sorted and the layout is fixed, so equal configs give equal bytes. The file is
/// accepted by `--config`, which repeats the run's settings.
public struct RunConfigFile: Equatable, Sendable {
    /// The file name inside a run directory.
    public static let fileName = "config.json"

    /// The recipe's name (`ppo-gridworld`).
    public var recipe: String
    /// The root seed.
    public var seed: UInt64
    /// Every config field.
    public var config: JSONValue
    /// ``RunProvenance/packageVersion`` of the code that started the run.
    public var packageVersion: String
    /// The git commit, when known (omitted otherwise).
    public var gitRevision: String?
    /// The OpenBLAS kernel the run used (``BLAS/coreName``), when recorded.
    public var blasCore: String?
    /// The OpenBLAS thread count the run started with, when recorded.
    public var blasThreads: Int?

    /// A record of a run's settings.
    public init(recipe: String, seed: UInt64, config: JSONValue, packageVersion: String = RunProvenance.packageVersion,
                gitRevision: String? = nil, blasCore: String? = nil, blasThreads: Int? = nil) {
        self.recipe = recipe
        self.seed = seed
        self.config = config
        self.packageVersion = packageVersion
        self.gitRevision = gitRevision
        self.blasCore = blasCore
        self.blasThreads = blasThreads
    }

    /// The file's text.
    public var jsonText: String {
        var members: [String: JSONValue] = [
            "recipe": .string(recipe), "seed": .integer(Int(truncatingIfNeeded: seed)),
            "config": config, "prism_version": .string(packageVersion),
        ]
        if let gitRevision { members["git_revision"] = .string(gitRevision) }
        if let blasCore { members["blas_core"] = .string(blasCore) }
        if let blasThreads { members["blas_threads"] = .integer(blasThreads) }
        return JSONValue.object(members).canonicalJSON() + "\n"
    }

    /// Parses the file's text.
    /// - Throws: ``RunDirectoryError/unreadable(path:line:reason:)`` naming `path` and the key.
    public init(jsonText: String, path: String) throws(RunDirectoryError) {
        guard case .object(let members)? = try? JSONValue.parse(jsonText) else {
            throw .unreadable(path: path, line: nil, reason: "not a JSON object")
        }
        guard case .string(let recipe)? = members["recipe"] else { throw .unreadable(path: path, line: nil, reason: "'recipe' is missing or not a string") }
        guard case .integer(let seed)? = members["seed"] else { throw .unreadable(path: path, line: nil, reason: "'seed' is missing or not an integer") }
        guard case .object? = members["config"] else { throw .unreadable(path: path, line: nil, reason: "'config' is missing or not an object") }
        guard case .string(let version)? = members["prism_version"] else {
            throw .unreadable(path: path, line: nil, reason: "'prism_version' is missing or not a string")
        }
        var revision: String?
        if case .string(let text)? = members["git_revision"] { revision = text }
        self.init(recipe: recipe, seed: UInt64(bitPattern: Int64(seed)), config: members["config"]!,
                  packageVersion: version, gitRevision: revision, blasCore: members["blas_core"]?.string,
                  blasThreads: members["blas_threads"]?.int)
    }
}
