import ArgumentParser
import Gridworld
import PrismEnv

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
        var environment = try Catalog.gridworld(id: id, map: map, seed: seed)
        let reset = environment.reset(seed: map == nil ? seed : nil)
        return (environment, reset)
    }
}
