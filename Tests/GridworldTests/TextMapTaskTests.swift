import Gridworld
import PrismEnv
import Testing

/// Text maps carry their level's success rule: a `# success:` header, or the mission.
@Suite struct TextMapTaskTests {
    /// The agent faces a yellow ball (east) with a red door below it.
    static let rows = ["WEWEWEWEWE", "WE>>AY  WE", "WEWEDRWEWE", "WE      WE", "WEWEWEWEWE"]

    static func play(_ headers: [String], _ actions: [GridAction]) throws -> Step<GridObservation> {
        var environment = try Gridworld.make(mapText: (headers + rows).joined(separator: "\n"))
        _ = environment.reset(seed: 0)
        var last: Step<GridObservation>?
        for action in actions { last = try environment.step(action.rawValue) }
        return try #require(last)
    }

    @Test func theMissionPickUpTheYellowBallEndsTheEpisodeOnThePickup() throws {
        let step = try Self.play(["# mission: pick up the yellow ball", "# max_steps: 50"], [.pickup])
        #expect(step.terminated && step.info.isSuccess == true)
        let minigridReward: Double = 1 - 0.9 * (1.0 / 50.0)
        #expect(step.reward == minigridReward)
        let header = try Self.play(["# mission: fetch", "# success: pickup yellow ball", "# max_steps: 50"], [.pickup])
        #expect(header.terminated && header.reward == step.reward)
    }

    @Test func withoutARuleTheMapIsReachTheGoalAndAPickupGoesOn() throws {
        let step = try Self.play([], [.pickup])
        #expect(!step.terminated && step.reward == 0)
    }

    @Test func openingTheNamedDoorSucceeds() throws {
        // Face down towards the red door one cell right of the start: move onto the ball's cell is
        // blocked, so open the door from (2, 1) after turning right and stepping.
        let rows = ["WEWEWEWEWE", "WE>>    WE", "WEWEDRWEWE", "WE      WE", "WEWEWEWEWE"]
        var environment = try Gridworld.make(mapText: (["# mission: open the red door"] + rows).joined(separator: "\n"))
        _ = environment.reset(seed: 0)
        _ = try environment.step(GridAction.forward.rawValue)
        _ = try environment.step(GridAction.right.rawValue)
        let step = try environment.step(GridAction.toggle.rawValue)
        #expect(step.terminated && step.info.isSuccess == true)
    }

    @Test func aRuleThatDoesNotFitTheMapNamesItsLine() {
        func failure(_ headers: [String]) -> String {
            do { _ = try TextMap.parse((headers + Self.rows).joined(separator: "\n")); return "accepted" } catch { return error.description }
        }
        #expect(failure(["# mission: m", "# success: dance"]).hasPrefix("line 2, column 1: success must read"))
        #expect(failure(["# success: pickup yellow goal"]).contains("a key, ball or box"))
        #expect(failure(["# success: open blue door"]).contains("names 0 doors"))
        #expect(failure(["# success: open door at 1 1"]).contains("no door at that cell"))
    }

    @Test func theRuleSurvivesTheMapsTextRoundTrip() throws {
        let map = try TextMap.parse((["# mission: go get it", "# success: pickup yellow ball"] + Self.rows).joined(separator: "\n"))
        #expect(map.layout.task == .pickUp(.ball, .yellow))
        #expect(map.text.contains("# success: pickup yellow ball"))
        #expect(try TextMap.parse(map.text) == map)
        let door = try TextMap.parse((["# mission: open the red door"] + Self.rows).joined(separator: "\n"))
        #expect(door.layout.task == .openDoor(GridPosition(2, 2)))
        #expect(try TextMap.parse(door.text) == door)
    }
}
