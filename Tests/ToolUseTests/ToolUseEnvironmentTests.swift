import PrismEnv
import Testing
@testable import ToolUse

@Suite struct ToolUseEnvironmentTests {
    /// A fresh arithmetic environment after `reset(seed: 0)`.
    func started(kinds: [TaskKind] = [.arithmetic], maxTurns: Int = 6) -> ToolUseEnvironment {
        var environment = ToolUseEnvironment(kinds: kinds, maxTurns: maxTurns)
        _ = environment.reset(seed: 0)
        return environment
    }

    @Test func resetShowsThePromptAndTheTools() {
        var environment = ToolUseEnvironment()
        let reset = environment.reset(seed: 5)
        #expect(reset.observation.hasPrefix("Task: \(environment.task?.prompt ?? "?")"))
        #expect(reset.observation.contains(#"calculator {"expression": string}"#))
        #expect(reset.observation.hasSuffix("You have 6 turns."))
        #expect(environment.observationSpace.contains(.text(reset.observation)))
        #expect(reset.info.mission == environment.task?.prompt)
    }

    @Test(arguments: [
        ("not json", "error: the action is not valid JSON: 'not json'"),
        ("[1, 2]", #"error: the action must be a JSON object with "name" and "arguments", or "answer""#),
        (#"{"foo": 1}"#, #"error: the object has neither "name" (a tool call) nor "answer""#),
        (#"{"name": "search", "arguments": {}}"#, "error: unknown tool 'search'; tools are calculator, lookup, convert"),
        (#"{"name": "calculator"}"#, #"error: the call of 'calculator' has no "arguments" object"#),
        (#"{"name": "calculator", "arguments": {"expression": 12}}"#, "error: calculator: 'expression' must be a string, got a number"),
        (#"{"name": "calculator", "arguments": {"expr": "1"}}"#, "error: calculator: unexpected argument 'expr' (arguments: expression)"),
        (#"{"name": "convert", "arguments": {"value": "3", "from": "m", "to": "ft"}}"#, "error: convert: 'value' must be a number, got a string"),
        (#"{"name": "convert", "arguments": {"value": 3, "from": "m"}}"#, "error: convert: wrong or missing arguments (arguments: from, to, value)"),
        (#"{"name": "convert", "arguments": {"value": 3, "from": "m", "to": "kg"}}"#, "error: cannot convert m (length) to kg (mass)"),
        (#"{"name": "lookup", "arguments": {"id": true}}"#, "error: lookup: 'id' must be a string, got a boolean"),
        (#"{"name": "calculator", "arguments": {"expression": "1 +"}}"#, "error: unexpected end of expression: a number or '(' is missing"),
        (#"{"answer": null}"#, #"error: "answer" must be a string or a number, got null"#),
    ])
    func malformedActionsGiveErrorObservations(action: String, message: String) throws {
        var environment = started()
        let step = try environment.step(action)
        #expect(step.observation == message + "\nTurns left: 5")
        #expect(step.reward == 0 && !step.terminated && !step.truncated)
        #expect(step.info.extras["tool/error"] == 1)
    }

    @Test func toolResultsAreObservations() throws {
        var environment = started()
        let calculator = try environment.step(#"{"name": "calculator", "arguments": {"expression": "6 * 7"}}"#)
        #expect(calculator.observation == "calculator: 42\nTurns left: 5")
        let lookup = try environment.step(#"{"name": "lookup", "arguments": {"query": "capital Norway"}}"#)
        #expect(lookup.observation == "lookup: F001: the capital of Norway is Oslo\nTurns left: 4")
        let convert = try environment.step(#"{"name": "convert", "arguments": {"value": 100, "from": "C", "to": "F"}}"#)
        #expect(convert.observation == "convert: 212\nTurns left: 3")
        #expect(convert.info.extras["tool/error"] == 0)
    }

    @Test func actionsOutsideTheSpaceThrowInvalidAction() {
        var environment = started()
        #expect(throws: EnvironmentError.self) { try environment.step(String(repeating: "x", count: 2000)) }
        #expect(throws: EnvironmentError.self) { try environment.step(#"{"answer": "Zürich"}"#) }
        #expect(environment.turn == 0)
    }

    @Test func rubricScoresHandMadeEpisodes() throws {
        let expected = [
            ToolCall(name: "lookup", arguments: ["id": .string("F001")]),
            ToolCall(name: "lookup", arguments: ["id": .string("F013")]),
            ToolCall(name: "calculator", arguments: ["expression": .string("709037 / 1000")]),
        ]
        let perfect = RubricScore.score(calls: [
            ToolCall(name: "lookup", arguments: ["query": .string("capital of Norway")]),
            ToolCall(name: "lookup", arguments: ["id": .string("f13")]),
            ToolCall(name: "calculator", arguments: ["expression": .string("709037/1000.0")]),
        ], expected: expected)
        #expect(perfect == RubricScore(rightTool: 1, rightArgumentNames: 1, rightValues: 1))
        let partial = RubricScore.score(calls: [
            ToolCall(name: "lookup", arguments: ["id": .string("F002")]),
            ToolCall(name: "calculator", arguments: ["expr": .string("709037 / 1000")]),
        ], expected: expected)
        #expect(partial == RubricScore(rightTool: 2.0 / 3, rightArgumentNames: 1.0 / 3, rightValues: 0))
        let wrongUnit = RubricScore.score(
            calls: [ToolCall(name: "convert", arguments: ["value": .number(3), "from": .string("metres"), "to": .string("yd")])],
            expected: [ToolCall(name: "convert", arguments: ["value": .number(3), "from": .string("m"), "to": .string("ft")])])
        #expect(wrongUnit == RubricScore(rightTool: 1, rightArgumentNames: 1, rightValues: 0))
        #expect(RubricScore.score(calls: [], expected: expected).extras["rubric/right_tool"] == 0)
    }

    @Test func finalAnswerEndsTheEpisodeWithRewardAndRubric() throws {
        var environment = ToolUseEnvironment(kinds: [.lookup])
        _ = environment.reset(seed: 3)
        let task = try #require(environment.task)
        _ = try environment.step(task.expectedCalls[0].json)
        let step = try environment.step(#"{"answer": "\#(task.answer)"}"#)
        #expect(step.reward == 1 && step.terminated && !step.truncated)
        #expect(step.info.isSuccess == true)
        #expect(step.info.extras["rubric/right_tool"] == 1)
        #expect(step.info.extras["rubric/right_argument_names"] == 1)
        #expect(step.info.extras["rubric/right_values"] == 1)

        _ = environment.reset(seed: nil)
        let wrong = try environment.step(#"{"answer": "no idea"}"#)
        #expect(wrong.reward == 0 && wrong.terminated && wrong.info.isSuccess == false)
        #expect(wrong.info.extras["rubric/right_tool"] == 0)
        #expect(wrong.observation.hasPrefix("Final answer is incorrect; the expected answer was"))
    }

    @Test func maxTurnsTruncates() throws {
        var environment = started(maxTurns: 3)
        for turn in 1...3 {
            let step = try environment.step(#"{"name": "calculator", "arguments": {"expression": "1 + 1"}}"#)
            #expect(step.truncated == (turn == 3) && !step.terminated)
            #expect(step.info.stepCount == turn)
            if turn == 3 {
                #expect(step.observation.contains("Out of turns"))
                #expect(step.info.isSuccess == false && step.reward == 0)
                #expect(step.info.extras["rubric/right_tool"] == 1)
                #expect(step.info.extras["rubric/right_values"] == 0)
            }
        }
        #expect(throws: EnvironmentError.stepAfterEpisodeEnd(environment: "ToolUse/Mixed-v0")) {
            try environment.step(#"{"answer": "1"}"#)
        }
    }

    @Test func orderRuleThrows() throws {
        var environment = ToolUseEnvironment()
        #expect(throws: EnvironmentError.stepBeforeReset(environment: "ToolUse/Mixed-v0")) {
            try environment.step(#"{"answer": "1"}"#)
        }
        _ = environment.reset(seed: 1)
        _ = try environment.step(#"{"answer": "1"}"#)
        #expect(throws: EnvironmentError.stepAfterEpisodeEnd(environment: "ToolUse/Mixed-v0")) {
            try environment.step(#"{"answer": "1"}"#)
        }
    }

    @Test func snapshotRestoreGivesIdenticalContinuations() throws {
        var environment = ToolUseEnvironment()
        _ = environment.reset(seed: 9)
        _ = try environment.step(#"{"name": "lookup", "arguments": {"id": "F003"}}"#)
        let saved = environment.snapshot()
        // StepInfo is compared with ==: its extras dictionary may print its keys in any order.
        func continuation(_ environment: inout ToolUseEnvironment) throws -> ([String], [StepInfo]) {
            var trace: [String] = []
            var infos: [StepInfo] = []
            for action in [#"{"name": "calculator", "arguments": {"expression": "2 * 21"}}"#, #"{"answer": "42"}"#] {
                let step = try environment.step(action)
                trace.append("\(step.observation)|\(step.reward)|\(step.terminated)")
                infos.append(step.info)
            }
            for _ in 0..<3 { trace.append(environment.reset(seed: nil).observation) }
            return (trace, infos)
        }
        let first = try continuation(&environment)
        environment.restore(saved)
        let second = try continuation(&environment)
        #expect(second.0 == first.0)
        #expect(second.1 == first.1)
    }

    @Test func seedRecreatesTheStreamAndNilContinues() {
        var a = ToolUseEnvironment()
        var b = ToolUseEnvironment()
        let first = a.reset(seed: 4).observation
        #expect(b.reset(seed: 4).observation == first)
        let next = a.reset(seed: nil).observation
        #expect(b.reset(seed: nil).observation == next)
        #expect(a.reset(seed: 4).observation == first)
    }
}
