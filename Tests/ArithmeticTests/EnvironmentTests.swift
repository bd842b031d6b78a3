import Arithmetic
import PrismEnv
import PrismTensor
import Testing

@Suite struct ArithmeticEnvironmentTests {
    @Test func correctAnswerEarnsOneAndTerminates() throws {
        var environment = ArithmeticEnvironment(name: "Arithmetic/Add2-v0", levels: [.add2])
        let reset = environment.reset(seed: 3)
        let problem = try #require(environment.problem)
        #expect(reset.observation == problem.prompt && reset.observation.hasSuffix("="))
        #expect(environment.observationSpace.contains(.text(reset.observation)))
        let step = try environment.step(problem.answerText)
        #expect(step.reward == 1 && step.terminated && !step.truncated)
        #expect(step.info.isSuccess == true && step.info.stepCount == 1 && step.info.mission == problem.prompt)
        #expect(step.observation == problem.prompt + problem.answerText)
        #expect(environment.observationSpace.contains(.text(step.observation)))
        #expect(throws: EnvironmentError.stepAfterEpisodeEnd(environment: "Arithmetic/Add2-v0")) { try environment.step("1") }
    }

    @Test func anyOtherAnswerEarnsZero() throws {
        var environment = ArithmeticEnvironment(levels: [.add2])
        for (index, answer) in ["", " 82", "082", "82.0", "eighty-two"].enumerated() {
            _ = environment.reset(seed: UInt64(index))
            let problem = try #require(environment.problem)
            let given = answer == " 82" ? " " + problem.answerText : answer == "082" ? "0" + problem.answerText
                : answer == "82.0" ? problem.answerText + ".0" : answer
            let step = try environment.step(given)
            #expect(step.reward == 0 && step.terminated && step.info.isSuccess == false, "\(given)")
        }
    }

    @Test func fixedProblemIsJudgedExactly() throws {
        var environment = ArithmeticEnvironment(levels: [.add2])
        _ = environment.reset(seed: 0)
        var state = environment.snapshot()
        let problem = try #require(state.problem)
        #expect(try state.step(String(problem.answer + 1)).reward == 0)
        environment.restore(environment.snapshot())
        #expect(try environment.step(String(problem.answer)).reward == 1)
    }

    @Test func stepBeforeResetAndOversizedActionsThrow() throws {
        var environment = ArithmeticEnvironment()
        #expect(throws: EnvironmentError.stepBeforeReset(environment: "Arithmetic/Mixed-v0")) { try environment.step("1") }
        _ = environment.reset(seed: 1)
        #expect {
            try environment.step(String(repeating: "1", count: 65))
        } throws: { error in
            guard case .invalidAction = error as? EnvironmentError else { return false }
            return true
        }
        #expect(throws: Never.self) { try environment.step("1") }
    }

    @Test func seededResetsAreDeterministicAndNilContinues() {
        var a = ArithmeticEnvironment(), b = ArithmeticEnvironment()
        let first = [a.reset(seed: 11).observation] + (0..<20).map { _ in a.reset(seed: nil).observation }
        let second = [b.reset(seed: 11).observation] + (0..<20).map { _ in b.reset(seed: nil).observation }
        #expect(first == second)
        #expect(Set(first).count > 10, "nil-seed resets draw new problems")
        var c = ArithmeticEnvironment()
        #expect(c.reset(seed: 12).observation != first[0] || c.reset(seed: nil).observation != first[1])
    }

    @Test func everyRegisteredIdPassesTheChecker() {
        let registry = EnvironmentRegistry()
        Arithmetic.register(in: registry)
        #expect(registry.ids.count == ArithmeticLevel.all.count + 1)
        #expect(registry.ids.contains("Arithmetic/Add2-v0") && registry.ids.contains("Arithmetic/Mixed-v0"))
        for id in registry.ids {
            let report = checkEnvironment({ try registry.make(id) }, seed: 5, steps: 50)
            #expect(report.passed, "\(report)")
            for split in ["training", "held-out"] {
                #expect(checkEnvironment({ try registry.make(id, configuration: ["split": .string(split)]) }, seed: 2, steps: 20).passed)
            }
        }
    }

    @Test func registryRefusesUnknownOptionsAndSplits() {
        let registry = EnvironmentRegistry()
        Arithmetic.register(in: registry)
        #expect(throws: EnvironmentError.self) { try registry.make("Arithmetic/Add2-v0", configuration: ["digits": .int(3)]) }
        #expect {
            try registry.make("Arithmetic/Add2-v0", configuration: ["split": .string("test")])
        } throws: { error in
            "\(error)".contains("'split' must be training or held-out, got 'test'")
        }
    }

    @Test func heldOutEnvironmentShowsOnlyHeldOutProblems() throws {
        var environment = ArithmeticEnvironment(levels: ArithmeticLevel.mixed, split: .heldOut)
        _ = environment.reset(seed: 4)
        for _ in 0..<200 {
            #expect(HeldOutRule.isHeldOut(try #require(environment.problem)))
            _ = environment.reset(seed: nil)
        }
    }
}
