import Gridworld
import PrismEnv
import Testing

/// Minigrid's step mechanics on hand-drawn maps.
@Suite struct GridworldMechanicsTests {
    static func env(_ rows: [String], maxSteps: Int = 100) throws -> GridworldEnvironment {
        var env = try Gridworld.make(mapText: "# max_steps: \(maxSteps)\n" + rows.joined(separator: "\n"))
        _ = env.reset(seed: 0)
        return env
    }

    @Test func turnsWrapAround() throws {
        var env = try Self.env(["WEWEWE", "WE>>WE", "WEWEWE"])
        _ = try env.step(GridAction.left.rawValue)
        #expect(env.state.agentDirection == 3)
        _ = try env.step(GridAction.right.rawValue)
        _ = try env.step(GridAction.right.rawValue)
        #expect(env.state.agentDirection == 1)
    }

    @Test func forwardIntoWallDoesNotMoveButCounts() throws {
        var env = try Self.env(["WEWEWE", "WE>>WE", "WEWEWE"])
        let step = try env.step(GridAction.forward.rawValue)
        #expect(env.state.agentPosition == GridPosition(1, 1))
        #expect(step.reward == 0 && !step.terminated && step.info.stepCount == 1)
    }

    @Test func goalRewardUsesStepCountAfterIncrement() throws {
        var env = try Self.env(["WEWEWEWE", "WE>>  GGWE".prefix(8).description, "WEWEWEWE"], maxSteps: 10)
        _ = try env.step(GridAction.forward.rawValue)
        let step = try env.step(GridAction.forward.rawValue)
        #expect(step.terminated && !step.truncated)
        #expect(abs(step.reward - (1 - 0.9 * 2.0 / 10.0)) < 1e-12)
        #expect(step.info.isSuccess == true)
    }

    @Test func lavaTerminatesWithZeroReward() throws {
        var env = try Self.env(["WEWEWE", "WE>>VRWE".prefix(6).description + "", "WEWEWE"])
        let step = try env.step(GridAction.forward.rawValue)
        #expect(step.terminated && step.reward == 0)
        #expect(env.state.agentPosition == GridPosition(2, 1))
    }

    @Test func truncatesAtMaxSteps() throws {
        var env = try Self.env(["WEWEWE", "WE>>WE", "WEWEWE"], maxSteps: 3)
        #expect(try !env.step(0).truncated)
        #expect(try !env.step(0).truncated)
        let last = try env.step(0)
        #expect(last.truncated && !last.terminated)
        #expect(throws: EnvironmentError.stepAfterEpisodeEnd(environment: env.name)) { try env.step(0) }
    }

    @Test func pickupDropAndFullHands() throws {
        var env = try Self.env(["WEWEWEWEWE", "WE>>KYABWE", "WEWEWEWEWE"])
        _ = try env.step(GridAction.pickup.rawValue)
        #expect(env.state.carrying == .key(.yellow))
        #expect(env.state.grid[2, 1] == nil)
        _ = try env.step(GridAction.forward.rawValue)
        _ = try env.step(GridAction.pickup.rawValue)
        #expect(env.state.carrying == .key(.yellow), "hands are full: the ball stays")
        #expect(env.state.grid[3, 1] == .ball(.blue))
        _ = try env.step(GridAction.drop.rawValue)
        #expect(env.state.carrying == .key(.yellow), "cannot drop onto an occupied cell")
        _ = try env.step(GridAction.left.rawValue)
        _ = try env.step(GridAction.left.rawValue)
        _ = try env.step(GridAction.drop.rawValue)
        #expect(env.state.carrying == nil && env.state.grid[1, 1] == .key(.yellow))
    }

    @Test func lockedDoorNeedsMatchingKey() throws {
        var env = try Self.env(["WEWEWEWEWE", "WEKR>>LYWE", "WEWEWEWEWE"])
        _ = try env.step(GridAction.toggle.rawValue)
        #expect(env.state.grid[3, 1] == .door(.yellow, .locked))
        _ = try env.step(GridAction.left.rawValue)
        _ = try env.step(GridAction.left.rawValue)
        _ = try env.step(GridAction.pickup.rawValue)
        _ = try env.step(GridAction.right.rawValue)
        _ = try env.step(GridAction.right.rawValue)
        _ = try env.step(GridAction.toggle.rawValue)
        #expect(env.state.grid[3, 1] == .door(.yellow, .locked), "a red key does not open a yellow door")
        var env2 = try Self.env(["WEWEWEWEWE", "WEKY>>LYWE", "WEWEWEWEWE"])
        for action in [0, 0, 3, 1, 1, 5] { _ = try env2.step(action) }
        #expect(env2.state.grid[3, 1] == .door(.yellow, .open))
        _ = try env2.step(GridAction.toggle.rawValue)
        #expect(env2.state.grid[3, 1] == .door(.yellow, .closed), "an open door toggles closed, not locked")
        _ = try env2.step(GridAction.forward.rawValue)
        #expect(env2.state.agentPosition == GridPosition(2, 1), "closed doors block movement")
    }

    @Test func boxToggleRevealsContents() throws {
        let grid = Grid(width: 3, height: 3)
        var state = GridworldState(layout: LevelLayout(grid: grid, agentPosition: GridPosition(0, 1), agentDirection: 0,
                                                       mission: "m"), maxSteps: 10, seeThroughWalls: false)
        state.grid[1, 1] = .box(.red, contains: .key(.blue))
        _ = state.apply(.toggle)
        #expect(state.grid[1, 1] == .key(.blue))
        _ = state.apply(.toggle)
        #expect(state.grid[1, 1] == .key(.blue))
    }

    @Test func invalidActionsAndOrderRule() throws {
        var env = try Gridworld.make(mapText: "WEWEWE\nWE>>WE\nWEWEWE")
        #expect(throws: EnvironmentError.stepBeforeReset(environment: env.name)) { try env.step(0) }
        _ = env.reset(seed: 0)
        #expect(throws: EnvironmentError.self) { try env.step(7) }
        #expect(throws: EnvironmentError.self) { try env.step(-1) }
    }

    @Test func taskRules() throws {
        var env = try Self.env(["WEWEWEWE", "WE>>ARWE", "WEWEWEWE"])
        #expect(try env.step(GridAction.done.rawValue).terminated == false, "done does nothing for goal tasks")
        var state = env.state
        state.task = .goTo(.ball, .red)
        var failing = state
        failing.agentDirection = 2
        let fail = failing.apply(.done)
        #expect(fail.terminated && fail.reward == 0)
        let success = state.apply(.done)
        #expect(success.terminated && success.isSuccess && success.reward > 0)
        state = env.state
        state.task = .pickUp(.ball, .red)
        #expect(state.apply(.pickup).isSuccess)
    }
}
