import ArgumentParser
import Foundation
import Gridworld
import PrismEnv
import PrismRecipes

/// Where `replay` and `render` get their gridworld: an id or level name, or a text-map file.
struct GridworldSource: ParsableArguments {
    @Argument(help: "A gridworld id (Gridworld/DoorKey-5x5-v0) or level name; omit with --map.")
    var id: String?

    @Option(help: "A text-map file (the gridworld map format) to play instead of an id.")
    var map: String?

    @Option(help: "Seed of the reset (ids only) and of any random policy.")
    var seed: UInt64 = 0

    /// The environment, already reset: ids with `seed`, maps as drawn.
    /// - Throws: a message naming the id, or the map file's line and column.
    func makeResetEnvironment() throws -> (GridworldEnvironment, Reset<GridObservation>) {
        var environment = try makeEnvironment()
        let reset = environment.reset(seed: map == nil ? seed : nil)
        return (environment, reset)
    }

    /// The gridworld of the id (or level name) or the text-map file, not yet reset.
    /// - Throws: a ``UserError`` naming the id or the file, line and column of bad input.
    func makeEnvironment() throws -> GridworldEnvironment {
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
