import Gridworld
import PrismEnv
import Testing

/// The egocentric encoding and Minigrid's visibility on hand-built grids.
@Suite struct GridworldEncodingTests {
    static func observation(_ rows: [String], seeThrough: Bool = false) throws -> GridObservation {
        var env = try Gridworld.make(mapText: "# see_through_walls: \(seeThrough)\n" + rows.joined(separator: "\n"))
        return env.reset(seed: 0).observation
    }

    @Test func agentCellAndWallAhead() throws {
        let obs = try Self.observation(["WEWEWE", "WE  WE", "WE^^WE", "WEWEWE"])
        #expect(obs.direction == 3)
        #expect([obs.value(x: 3, y: 6, channel: 0), obs.value(x: 3, y: 6, channel: 1)] == [1, 0], "empty hands: empty cell")
        #expect(obs.value(x: 3, y: 5, channel: 0) == 1, "the empty cell ahead")
        #expect(obs.value(x: 3, y: 4, channel: 0) == 2 && obs.value(x: 3, y: 4, channel: 1) == 5, "a grey wall")
        #expect(obs.value(x: 3, y: 3, channel: 0) == 0, "behind a wall is unseen")
        #expect(obs.value(x: 2, y: 6, channel: 0) == 2, "left neighbour wall")
    }

    @Test func seeThroughWallsShowsOutsideAsWalls() throws {
        let obs = try Self.observation(["WEWEWE", "WE  WE", "WE^^WE", "WEWEWE"], seeThrough: true)
        #expect(obs.value(x: 3, y: 3, channel: 0) == 2, "outside the grid encodes as wall when visible")
    }

    @Test func closedDoorBlocksOpenDoorDoesNot() throws {
        let closed = try Self.observation(["WEWEWEWEWEWE", "WE>>DRKBWEWE", "WEWEWEWEWEWE"])
        // Facing right: view x runs along −y of the world, view y = 6 − distance ahead.
        #expect(closed.value(x: 3, y: 5, channel: 0) == 4 && closed.value(x: 3, y: 5, channel: 2) == 1)
        #expect(closed.value(x: 3, y: 4, channel: 0) == 0)
        let open = try Self.observation(["WEWEWEWEWEWE", "WE>>ORKBWEWE", "WEWEWEWEWEWE"])
        #expect(open.value(x: 3, y: 5, channel: 2) == 0)
        #expect(open.value(x: 3, y: 4, channel: 0) == 5 && open.value(x: 3, y: 4, channel: 1) == 2)
    }

    @Test func carriedObjectShownAtAgentCell() throws {
        var env = try Gridworld.make(mapText: "WEWEWEWE\nWE>>KPWE\nWEWEWEWE")
        _ = env.reset(seed: 0)
        let obs = try env.step(GridAction.pickup.rawValue).observation
        #expect([obs.value(x: 3, y: 6, channel: 0), obs.value(x: 3, y: 6, channel: 1)] == [5, 3])
    }

    @Test func worldPositionMatchesMinigridViewForEveryDirection() {
        let agent = GridPosition(10, 10)
        #expect(EgocentricView.worldPosition(viewX: 3, viewY: 5, agent: agent, direction: 0) == GridPosition(11, 10))
        #expect(EgocentricView.worldPosition(viewX: 4, viewY: 6, agent: agent, direction: 0) == GridPosition(10, 11))
        #expect(EgocentricView.worldPosition(viewX: 3, viewY: 5, agent: agent, direction: 1) == GridPosition(10, 11))
        #expect(EgocentricView.worldPosition(viewX: 4, viewY: 6, agent: agent, direction: 3) == GridPosition(11, 10))
        #expect(EgocentricView.worldPosition(viewX: 0, viewY: 0, agent: agent, direction: 2) == GridPosition(4, 13))
    }

    @Test func encodersHaveTheDocumentedSizes() throws {
        var env = try #require(Gridworld.make("DoorKey-5x5"))
        let obs = env.reset(seed: 1).observation
        let flat = ObservationEncoders.flat(obs)
        #expect(flat.count == 151)
        #expect(flat[147..<151].reduce(0, +) == 1 && flat[147 + obs.direction] == 1)
        #expect(ObservationEncoders.fullGrid(env).count == 5 * 5 * 3)
        let full = env.fullGridEncoding()
        let p = env.state.agentPosition
        #expect(full[(p.x * 5 + p.y) * 3] == 10)
        #expect(env.observationSpace.contains(obs.spaceValue))
        #expect(try GridObservation(spaceValue: obs.spaceValue) == obs)
        let picture = env.render(ansi: false)
        #expect(picture.contains("WE") && picture.contains("GG") && picture.split(separator: "\n").count == 6)
    }
}

/// The space-derived flat encoding that `ppo` uses for any environment equals the gridworld's own.
@Test func flatEncodingOfTheObservationSpaceIsTheGridworldsFlatEncoding() throws {
    var environment = try #require(Gridworld.make("DoorKey-5x5"))
    let encoding = try FlatEncoding(environment.observationSpace)
    var observation = environment.reset(seed: 3).observation
    for action in [1, 2, 2, 0, 2] {
        #expect(encoding.encode(observation.spaceValue) == ObservationEncoders.flat(observation))
        observation = try environment.step(action).observation
    }
    #expect(encoding.count == ObservationEncoders.flatCount)
}
