import Gridworld
import PrismEnv
import PrismTensor
import Testing

/// `Gridworld/TwoRoutes-v0`: two routes of exactly equal length through different rooms.
@Suite struct TwoRoutesTests {
    /// Shortest 4-neighbour path length from `start` to `goal` over non-wall cells, with `blocked` walled off.
    static func distance(_ layout: LevelLayout, blocked: Set<GridPosition>) -> Int? {
        let grid = layout.grid
        guard let goal = (0..<grid.height).lazy.flatMap({ y in (0..<grid.width).lazy.map { GridPosition($0, y) } })
            .first(where: { if case .goal? = grid[$0] { true } else { false } }) else { return nil }
        var frontier = [layout.agentPosition], seen: Set<GridPosition> = [layout.agentPosition], steps = 0
        while !frontier.isEmpty {
            if frontier.contains(goal) { return steps }
            var next: [GridPosition] = []
            for p in frontier {
                for direction in 0..<4 {
                    let q = p.moved(direction)
                    guard grid.contains(q.x, q.y), !seen.contains(q), !blocked.contains(q) else { continue }
                    if case .wall? = grid[q] { continue }
                    seen.insert(q)
                    next.append(q)
                }
            }
            frontier = next
            steps += 1
        }
        return nil
    }

    @Test(arguments: [0, 1, 2, 3, 7, 11, 42, 1_000_003] as [UInt64])
    func bothRoutesAreEquallyShortAndPassThroughDifferentRooms(seed: UInt64) throws {
        var stream = RandomStream(seed: seed)
        let layout = TwoRoutesLevel().makeLayout(using: &stream)
        let middle = TwoRoutesLevel.height / 2
        // The two cells joining the middle band's rooms to the east room: block one route at a time.
        let north = (1..<middle).map { GridPosition(9, $0) }, south = ((middle + 1)..<(TwoRoutesLevel.height - 1)).map { GridPosition(9, $0) }
        let viaNorth = try #require(Self.distance(layout, blocked: Set(south)))
        let viaSouth = try #require(Self.distance(layout, blocked: Set(north)))
        #expect(viaNorth == viaSouth)
        #expect(Self.distance(layout, blocked: Set(north + south)) == nil, "a third route exists")
        // Rooms: west 0 holds the agent, east 3 the goal; the north and south rooms are 1 and 2.
        #expect(layout.roomID(at: layout.agentPosition) == 0)
        #expect(layout.roomID(at: GridPosition(7, 1)) == 1 && layout.roomID(at: GridPosition(7, TwoRoutesLevel.height - 2)) == 2)
        #expect(layout.roomID(at: GridPosition(13, middle)) == 3)
    }

    @Test func isRegisteredKeepsTheContractAndTheExpertReachesTheGoal() throws {
        let report = checkEnvironment { try EnvironmentRegistry.make(in: "Gridworld/TwoRoutes-v0") }
        #expect(report.passed, "\(report)")
        var environment = try #require(Gridworld.make("Gridworld/TwoRoutes-v0"))
        var roomSets: Set<Set<Int>> = []
        for seed in 0..<20 as Range<UInt64> {
            _ = environment.reset(seed: seed)
            let plan = try #require(GridworldExpert().plan(from: environment.state))
            var rooms: Set<Int> = [environment.state.roomID]
            var last: Step<GridObservation>?
            for action in plan { last = try environment.step(action.rawValue); rooms.insert(last!.info.roomID ?? -1) }
            #expect(last?.terminated == true && last?.info.isSuccess == true)
            roomSets.insert(rooms)
        }
        #expect(!roomSets.isEmpty && roomSets.isSubset(of: [[0, 1, 3], [0, 2, 3]]), "\(roomSets)")
    }
}

extension EnvironmentRegistry {
    /// `id` from a registry holding the gridworlds.
    static func make(in id: String) throws -> AnyEnvironment {
        let registry = EnvironmentRegistry()
        Gridworld.register(in: registry)
        return try registry.make(id)
    }
}
