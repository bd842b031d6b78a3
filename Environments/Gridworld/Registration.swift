import PrismEnv

/// The gridworld catalogue: registration of every `Gridworld/<Name>-v0` id and text-map loading.
public enum Gridworld {
    /// Every level by its name (the id without `Gridworld/` and `-v0`).
    public static let levels: [(name: String, level: any GridLevel)] = [
        ("Empty-5x5", EmptyLevel(size: 5)),
        ("Empty-6x6", EmptyLevel(size: 6)),
        ("Empty-8x8", EmptyLevel(size: 8)),
        ("Empty-16x16", EmptyLevel(size: 16)),
        ("Empty-Random-5x5", EmptyLevel(size: 5, randomStart: true)),
        ("Empty-Random-6x6", EmptyLevel(size: 6, randomStart: true)),
        ("DoorKey-5x5", DoorKeyLevel(size: 5)),
        ("DoorKey-6x6", DoorKeyLevel(size: 6)),
        ("DoorKey-8x8", DoorKeyLevel(size: 8)),
        ("DoorKey-16x16", DoorKeyLevel(size: 16)),
        ("FourRooms", FourRoomsLevel()),
        ("TwoRoutes", TwoRoutesLevel()),
        ("MultiRoom-N2-S4", MultiRoomLevel(rooms: 2, maxRoomSize: 4)),
        ("MultiRoom-N4-S5", MultiRoomLevel(rooms: 4, maxRoomSize: 5)),
        ("LavaGapS5", LavaGapLevel(size: 5)),
        ("LavaGapS6", LavaGapLevel(size: 6)),
        ("LavaGapS7", LavaGapLevel(size: 7)),
        ("SimpleCrossingS9N1", CrossingLevel(size: 9, crossings: 1, lava: false)),
        ("LavaCrossingS9N1", CrossingLevel(size: 9, crossings: 1, lava: true)),
        ("KeyCorridorS3R1", KeyCorridorLevel(roomSize: 3, rows: 1)),
        ("Unlock", UnlockLevel()),
        ("GoToRedBall", GoToLevel()),
    ]

    /// Every registered id, in catalogue order.
    public static var ids: [String] { levels.map { id($0.name) } }

    /// `Gridworld/<name>-v0`.
    public static func id(_ name: String) -> String { "Gridworld/\(name)-v0" }

    /// A fresh environment for a level name or id (`DoorKey-5x5` or `Gridworld/DoorKey-5x5-v0`).
    public static func make(_ nameOrID: String, seed: UInt64 = 0) -> GridworldEnvironment? {
        guard let entry = levels.first(where: { $0.name == nameOrID || id($0.name) == nameOrID }) else { return nil }
        return GridworldEnvironment(name: id(entry.name), level: entry.level, seed: seed)
    }

    /// An environment playing a text map (the map format the README describes).
    /// - Throws: ``TextMap/ParseError`` naming the line and column of bad input.
    public static func make(mapText: String, name: String = "Gridworld/TextMap") throws(TextMap.ParseError) -> GridworldEnvironment {
        GridworldEnvironment(name: name, level: TextMapLevel(map: try TextMap.parse(mapText)))
    }

    /// Registers every level under `Gridworld/<Name>-v0` (configuration: optional `seed`).
    public static func register(in registry: EnvironmentRegistry = .shared) {
        for (name, level) in levels {
            let id = id(name)
            registry.register(EnvironmentSpec(id: id, summary: "Minigrid \(name) (\(level.maxSteps) steps)") { configuration throws(EnvironmentError) in
                try configuration.requireKeys(in: ["seed"], for: id)
                let seed = try configuration.int("seed", default: 0)
                return AnyEnvironment(GridworldEnvironment(name: id, level: level, seed: UInt64(truncatingIfNeeded: seed)))
            })
        }
    }
}
