import Gridworld
import PrismEnv
import PrismTensor
import Testing

/// Text maps, room ids, seeding, snapshots and the conformance checker over every id.
@Suite struct GridworldLevelTests {
    @Test func textMapRoundTrip() throws {
        let text = """
            # mission: find it
            # max_steps: 33
            # see_through_walls: true
            WEWEWEWEWEWE
            WE  KYLYAGWE
            WEvvBROEVRWE
            WEFPDE  GGWE
            WEWEWEWEWEWE

            """
        let map = try TextMap.parse(text)
        #expect(map.maxSteps == 33 && map.seeThroughWalls && map.layout.mission == "find it")
        #expect(map.layout.agentPosition == GridPosition(1, 2) && map.layout.agentDirection == 1)
        #expect(map.layout.grid[3, 1] == .door(.yellow, .locked))
        #expect(map.layout.grid[2, 2] == .box(.red, contains: nil))
        #expect(map.layout.grid[3, 2] == .door(.grey, .open) && map.layout.grid[4, 2] == .lava(.red))
        #expect(try TextMap.parse(map.text) == map)
        #expect(map.text == text)
    }

    @Test(arguments: [
        ("WEWE\nWE>>\nWEW", "line 3, column 4: row has 3 characters"),
        ("WEWE\nWE>X\n", "line 2, column 3: unknown object '>'"),
        ("WEWE\nWEKQ\n>>WE", "line 2, column 4: unknown color 'Q'"),
        ("# colour: red\n>>", "line 1, column 1: unknown header 'colour'"),
        ("# max_steps: many\n>>", "line 1, column 1: max_steps must be a positive integer"),
        ("WEWE\nWEWE", "line 1, column 1: no agent"),
        (">>vv", "line 1, column 3: a second agent"),
        ("WEW\n>>", "line 1, column 3: a row needs two characters per cell"),
    ])
    func textMapErrorsNameLineAndColumn(text: String, expected: String) {
        do {
            _ = try TextMap.parse(text)
            Issue.record("parsed bad map \(text)")
        } catch {
            #expect(error.description.hasPrefix(expected), "\(error)")
        }
    }

    @Test func roomIDsOfMapsAndLevels() throws {
        let map = try TextMap.parse("WEWEWEWEWE\nWE>>WE  WE\nWE  DR  WE\nWEWEWEWEWE")
        #expect(map.layout.roomID(at: GridPosition(1, 1)) == 0)
        #expect(map.layout.roomID(at: GridPosition(3, 1)) == 1)
        #expect(map.layout.roomID(at: GridPosition(2, 2)) == 0)
        #expect(map.layout.roomID(at: GridPosition(0, 0)) == -1)
        var fourRooms = try #require(Gridworld.make("FourRooms"))
        _ = fourRooms.reset(seed: 3)
        #expect(fourRooms.roomID(at: GridPosition(2, 2)) == 0 && fourRooms.roomID(at: GridPosition(15, 15)) == 3)
        var doorKey = try #require(Gridworld.make("DoorKey-8x8"))
        let reset = doorKey.reset(seed: 2)
        #expect(reset.info.roomID == 0)
        let ids = Set(doorKey.state.roomIDs.filter { $0 >= 0 })
        #expect(ids == [0, 1])
        var empty = try #require(Gridworld.make("Empty-6x6"))
        #expect(empty.reset(seed: 0).info.roomID == 0)
        var multi = try #require(Gridworld.make("MultiRoom-N4-S5"))
        _ = multi.reset(seed: 1)
        #expect(Set(multi.state.roomIDs.filter { $0 >= 0 }) == [0, 1, 2, 3])
    }

    @Test(arguments: Gridworld.ids)
    func seedingRules(id: String) throws {
        var a = try #require(Gridworld.make(id)), b = try #require(Gridworld.make(id))
        #expect(a.reset(seed: 11).observation == b.reset(seed: 11).observation)
        #expect(a.state == b.state)
        _ = a.reset(seed: nil)
        _ = b.reset(seed: nil)
        #expect(a.state == b.state, "nil continues the stream deterministically")
        var layouts: Set<LevelLayout> = []
        var c = try #require(Gridworld.make(id))
        for seed in 0..<20 as Range<UInt64> {
            _ = c.reset(seed: seed)
            layouts.insert(LevelLayout(grid: c.state.grid, agentPosition: c.state.agentPosition,
                                       agentDirection: c.state.agentDirection, mission: c.state.mission))
        }
        if !id.hasPrefix("Gridworld/Empty-") || id.contains("Random") { #expect(layouts.count > 1, "seeds vary the level") }
    }

    @Test func snapshotRestoreReplaysTheSameSteps() throws {
        var env = try #require(Gridworld.make("DoorKey-8x8"))
        _ = env.reset(seed: 5)
        _ = try env.step(GridAction.pickup.rawValue)
        let saved = env.snapshot()
        var stream = RandomStream(seed: 9)
        let actions = (0..<30).map { _ in stream.nextInt(below: 7) }
        var first: [Step<GridObservation>] = []
        for action in actions where env.isRunning { first.append(try env.step(action)) }
        let firstNext = env.reset(seed: nil).observation
        env.restore(saved)
        for (index, action) in actions.prefix(first.count).enumerated() {
            let step = try env.step(action)
            #expect(step.observation == first[index].observation && step.reward == first[index].reward)
        }
        #expect(env.reset(seed: nil).observation == firstNext, "the stream is part of the snapshot")
    }

    @Test(arguments: Gridworld.ids)
    func conformanceChecker(id: String) throws {
        let report = checkEnvironment { try #require(Gridworld.make(id)) }
        #expect(report.passed, "\(report)")
    }

    @Test func registryMakesEveryID() throws {
        let registry = EnvironmentRegistry()
        Gridworld.register(in: registry)
        #expect(registry.ids == Gridworld.ids.sorted())
        var env = try registry.make("Gridworld/DoorKey-5x5-v0", configuration: ["seed": .int(3)])
        let report = checkEnvironment { try registry.make("Gridworld/Unlock-v0") }
        #expect(report.passed, "\(report)")
        #expect(env.observationSpace.contains(env.reset(seed: 1).observation))
        #expect(throws: EnvironmentError.self) { try registry.make("Gridworld/DoorKey-5x5-v0", configuration: ["size": .int(3)]) }
    }
}
