import EnvironmentCatalog
import Foundation
import Gridworld
import PrismEnv
import PrismRecipes

/// Every environment Prism ships, registered once for the command-line tool.
enum Catalog {
    /// Every shipped environment id.
    static var registry: EnvironmentRegistry { EnvironmentCatalog.registry }

    /// A gridworld environment from an id (or level name) or a text-map file.
    /// - Throws: a `ValidationError` naming the id or the file, line and column of bad input.
    static func gridworld(id: String?, map: String?, seed: UInt64) throws -> GridworldEnvironment {
        switch (id, map) {
        case (let id?, nil):
            guard let environment = Gridworld.make(id, seed: seed) else {
                throw UserError("'\(id)' is not a gridworld id; gridworld ids: \(Gridworld.ids.joined(separator: ", "))")
            }
            return environment
        case (nil, let path?):
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw UserError("cannot read map file \(path): \(error.localizedDescription)")
            }
            do {
                return try Gridworld.make(mapText: text, name: "Gridworld/TextMap(\(path))")
            } catch {
                throw UserError("\(path): \(error)")
            }
        default:
            throw UserError("give exactly one of an environment id or --map FILE")
        }
    }
}

