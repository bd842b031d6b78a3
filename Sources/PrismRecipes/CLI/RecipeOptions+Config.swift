import Foundation
import PrismJSON

extension RecipeOptions {
    /// Resolves the recipe's config and seed from `--config`, `--set` and `--seed`.
    ///
    /// With `--resume`, the run's stored `config.json` is the starting point and the result must
    /// equal it (a resumed run cannot change its settings); `--set` may repeat stored values.
    /// - Throws: ``ConfigError`` or ``RunDirectoryError``, before anything is computed or written.
    public func resolveConfig<Config: RecipeConfig>(_ type: Config.Type) throws -> (config: ResolvedConfig<Config>, seed: UInt64) {
        let file = config.map { URL(fileURLWithPath: $0) }
        guard let resume else {
            let resolved = try ConfigResolver.resolve(type, file: file, overrides: overrides)
            return (resolved, seed ?? resolved.seedFromFile ?? Self.defaultSeed)
        }
        let url = URL(fileURLWithPath: resume).appendingPathComponent(RunConfigFile.fileName)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw RunDirectoryError.notARun(path: resume, reason: "\(RunConfigFile.fileName) is missing or unreadable")
        }
        let stored = try RunConfigFile(jsonText: text, path: url.path)
        let resolved = try ConfigResolver.resolve(type, file: file, overrides: overrides, base: stored.config)
        if resolved.values != stored.config {
            let changed = Self.differingKeys(stored.config, resolved.values, prefix: []).joined(separator: ", ")
            throw ConfigError(.resumeMismatch, reason: "the run in \(resume) was started with different values for \(changed); "
                              + "a resumed run keeps its config (start a new run to change it)")
        }
        if let seed, seed != stored.seed {
            throw ConfigError(.resumeMismatch, reason: "--seed \(seed) differs from the run's seed \(stored.seed)")
        }
        return (resolved, stored.seed)
    }

    /// Prints the resolved config and seed when `--dry-run` is set; returns whether it did, so a
    /// recipe can `return` before computing.
    public func printIfDryRun<Config: RecipeConfig>(_ resolved: ResolvedConfig<Config>, seed: UInt64, recipe: String) -> Bool {
        guard dryRun else { return false }
        print(RunConfigFile(recipe: recipe, seed: seed, config: resolved.values).jsonText, terminator: "")
        return true
    }

    /// The dotted keys whose values differ between two trees.
    static func differingKeys(_ a: JSONValue, _ b: JSONValue, prefix: [String]) -> [String] {
        guard case .object(let left) = a, case .object(let right) = b else {
            return a == b ? [] : [prefix.joined(separator: ".")]
        }
        return Set(left.keys).union(right.keys).sorted().flatMap { key in
            differingKeys(left[key] ?? .null, right[key] ?? .null, prefix: prefix + [key])
        }
    }
}
