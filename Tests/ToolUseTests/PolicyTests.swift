import PrismEnv
import PrismTensor
import Testing
@testable import ToolUse

/// The oracle solves every task; the random baseline rarely does; every id passes `checkEnvironment`.
@Suite struct PolicyTests {
    init() { ToolUse.register(in: .shared) }

    /// The fraction of `episodes` seeded episodes (`reset(seed: 0)`, then nil) a policy solves.
    func successRate(
        _ id: String, episodes: Int, policy makePolicy: (ToolTask, Int) -> (inout String) -> String
    ) throws -> Double {
        var environment = try #require(try EnvironmentRegistry.shared.make(id).base as? ToolUseEnvironment)
        var solved = 0
        for episode in 0..<episodes {
            var observation = environment.reset(seed: episode == 0 ? 0 : nil).observation
            let task = try #require(environment.task)
            let act = makePolicy(task, episode)
            while true {
                let step = try environment.step(act(&observation))
                observation = step.observation
                if step.isDone {
                    if step.info.isSuccess == true { solved += 1 }
                    break
                }
            }
        }
        return Double(solved) / Double(episodes)
    }

    @Test(arguments: ToolUse.ids)
    func oracleSolvesEveryTask(id: String) throws {
        let rate = try successRate(id, episodes: 1000) { task, _ in
            var oracle = OraclePolicy(task: task)
            return { observation in oracle.action(after: observation) }
        }
        #expect(rate == 1, "\(id): oracle solved \(rate)")
        var environment = ToolUseEnvironment(name: id, kinds: ToolUse.variants.first { $0.id == id }?.kinds ?? [])
        for seed in 0..<50 {
            let reset = environment.reset(seed: UInt64(seed))
            var oracle = OraclePolicy(task: try #require(environment.task))
            var observation = reset.observation
            var step = try environment.step(oracle.action(after: observation))
            while !step.isDone {
                observation = step.observation
                step = try environment.step(oracle.action(after: observation))
            }
            let full: [String: Double] = ["rubric/right_tool": 1, "rubric/right_argument_names": 1, "rubric/right_values": 1]
            #expect(step.info.extras.filter { $0.key.hasPrefix("rubric/") } == full)
        }
    }

    @Test(arguments: ToolUse.ids)
    func randomBaselineIsFarLower(id: String) throws {
        var stream = RandomStream(seed: 1).child("random-policy")
        let rate = try successRate(id, episodes: 1000) { _, _ in
            { observation in
                var policy = RandomPolicy(stream: stream)
                defer { stream = policy.stream }
                return policy.action(after: observation)
            }
        }
        print("random baseline \(id): \(rate)")
        #expect(rate < 0.1, "\(id): random solved \(rate)")
    }

    @Test(arguments: ToolUse.ids)
    func checkEnvironmentPasses(id: String) {
        let report = checkEnvironment { try EnvironmentRegistry.shared.make(id) }
        #expect(report.passed, "\(report)")
    }

    @Test func registrationReadsMaxTurns() throws {
        let registry = EnvironmentRegistry()
        ToolUse.register(in: registry)
        #expect(registry.ids == ToolUse.ids.sorted())
        let environment = try registry.make("ToolUse/Lookup-v0", configuration: ["max_turns": .int(2)])
        #expect((environment.base as? ToolUseEnvironment)?.maxTurns == 2)
        #expect(throws: EnvironmentError.self) { try registry.make("ToolUse/Lookup-v0", configuration: ["max_turns": .int(0)]) }
        #expect(throws: EnvironmentError.self) { try registry.make("ToolUse/Lookup-v0", configuration: ["turns": .int(3)]) }
    }
}
