import PrismTensor

/// A fixed level drawn as a ``TextMap``; every reset starts from the same layout.
public struct TextMapLevel: GridLevel {
    /// The map.
    public var map: TextMap

    /// A level from a parsed map.
    public init(map: TextMap) { self.map = map }

    /// The map's `max_steps`.
    public var maxSteps: Int { map.maxSteps }
    /// The map's `see_through_walls`.
    public var seeThroughWalls: Bool { map.seeThroughWalls }

    /// The map's layout (the stream is not used).
    public func makeLayout(using stream: inout RandomStream) -> LevelLayout { map.layout }
}
