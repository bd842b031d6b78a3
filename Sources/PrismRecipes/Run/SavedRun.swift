import Foundation
import PrismNN

/// A run directory opened for its trained weights: the recipe, seed and config its
/// `config.json` records, and its latest checkpoint. Every command that loads a run's policy
/// (`--eval-only`, `--init`, `generate`, `prism-env render`) goes through it.
public struct SavedRun: Sendable {
    /// The run directory.
    public var run: RunDirectory
    /// Its `config.json`.
    public var configFile: RunConfigFile
    /// The latest checkpoint.
    public var checkpoint: SavedCheckpoint

    /// Opens the run in `directory`.
    /// - Parameter recipe: the recipe that must have made it (nil: any).
    /// - Throws: ``UserError``, ``RunDirectoryError`` or ``CheckpointError`` naming the file at fault.
    public init(directory: String, recipe: String? = nil) throws {
        let url = URL(fileURLWithPath: directory)
        let file = url.appendingPathComponent(RunConfigFile.fileName)
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            throw UserError("\(directory): not a run directory (\(RunConfigFile.fileName) is missing or unreadable)")
        }
        configFile = try RunConfigFile(jsonText: text, path: file.path)
        if let recipe, configFile.recipe != recipe {
            throw UserError("\(file.path): the run was made by '\(configFile.recipe)', not \(recipe)")
        }
        run = try RunDirectory.reopen(url)
        guard let latest = run.checkpoints().latest() else {
            throw CheckpointError.noCheckpoint(directory: url.appendingPathComponent("checkpoints").path)
        }
        checkpoint = latest
    }

    /// The run's config, resolved from its `config.json`.
    /// - Throws: ``ConfigError`` naming the key at fault.
    public func config<Config: RecipeConfig>(_ type: Config.Type) throws -> Config {
        try ConfigResolver.resolve(type, file: run.file(RunConfigFile.fileName), overrides: []).config
    }

    /// Loads the latest checkpoint's weights into `model` (unchanged when it throws).
    /// - Throws: ``CheckpointError`` or a safetensors error naming the file.
    public func loadWeights(into model: inout some Layer) throws {
        try run.checkpoints().loadModel(&model, from: checkpoint)
    }
}
