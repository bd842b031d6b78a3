import PrismEnv

/// A gridworld observation, Minigrid's `{"image", "direction", "mission"}` dict.
public struct GridObservation: Sendable, Hashable, SpaceRepresentable {
    /// The 7×7×3 egocentric encoding, flattened `[x][y][channel]` (`obs["image"].flatten()`).
    public var image: [UInt8]
    /// The agent's direction (0 right, 1 down, 2 left, 3 up).
    public var direction: Int
    /// The mission text.
    public var mission: String

    /// An observation.
    public init(image: [UInt8], direction: Int, mission: String) {
        self.image = image
        self.direction = direction
        self.mission = mission
    }

    /// The encoding at view cell `(x, y)`, channel `channel`.
    public func value(x: Int, y: Int, channel: Int) -> UInt8 {
        image[(x * EgocentricView.size + y) * 3 + channel]
    }

    /// The characters a mission may use.
    public static let missionCharset = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.;:'!?-_()"

    /// Minigrid's observation space: Dict{direction: Discrete(4), image: Box(0, 255, [7, 7, 3], uint8),
    /// mission: Text}.
    public static let space: Space = .dict([
        "direction": .discrete(count: 4),
        "image": .box(low: 0, high: 255, shape: [7, 7, 3], elementType: .uint8),
        "mission": .text(minLength: 0, maxLength: 512, charset: missionCharset),
    ])

    /// `.dict(["image": .box, "direction": .discrete, "mission": .text])`.
    public var spaceValue: SpaceValue {
        .dict(["image": .box(image.map { Float($0) }), "direction": .discrete(direction), "mission": .text(mission)])
    }

    /// Reads the dict form back.
    public init(spaceValue: SpaceValue) throws(EnvironmentError) {
        guard case .dict(let entries) = spaceValue, case .box(let values)? = entries["image"],
              case .discrete(let direction)? = entries["direction"], case .text(let mission)? = entries["mission"],
              values.count == EgocentricView.valueCount
        else { throw .invalidAction("expected a gridworld observation dict, got \(spaceValue)") }
        image = values.map { UInt8(clamping: Int($0)) }
        self.direction = direction
        self.mission = mission
    }
}
