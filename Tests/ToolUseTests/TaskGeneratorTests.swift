import PrismTensor
import Testing
@testable import ToolUse

@Suite struct TaskGeneratorTests {
    @Test func sameSeedGivesSameTasksAndDifferentSeedsDiffer() {
        let generator = TaskGenerator()
        #expect(generator.makeTasks(count: 50, seed: 7) == generator.makeTasks(count: 50, seed: 7))
        #expect(generator.makeTasks(count: 50, seed: 7) != generator.makeTasks(count: 50, seed: 8))
    }

    @Test func mixedDrawsEveryKindAndSingleKindsHoldTheirKind() {
        let mixed = TaskGenerator().makeTasks(count: 400, seed: 1)
        #expect(Set(mixed.map(\.kind)) == Set(TaskKind.allCases))
        for kind in TaskKind.allCases {
            let tasks = TaskGenerator(kinds: [kind]).makeTasks(count: 200, seed: 3)
            #expect(tasks.allSatisfy { $0.kind == kind })
            #expect(Set(tasks.map(\.prompt)).count > 20, "\(kind) prompts vary")
        }
    }

    @Test func expectedCallsUseTheRightTools() {
        for task in TaskGenerator().makeTasks(count: 400, seed: 2) {
            let names = task.expectedCalls.map(\.name)
            switch task.kind {
            case .arithmetic: #expect(names == ["calculator"])
            case .conversion: #expect(names == ["convert"])
            case .lookup: #expect(names == ["lookup"])
            case .multiStep: #expect(names == ["lookup", "lookup", "calculator"] || names == ["lookup", "convert"])
            }
            #expect(task.expectedCalls.allSatisfy { !Toolbox.run($0).isError }, "\(task.prompt)")
        }
    }

    @Test func multiStepTaskNeedsLookupThenCalculator() {
        var stream = RandomStream(seed: 0)
        let task = TaskGenerator().capitalPopulation(using: &stream)
        #expect(task.prompt.hasPrefix("What is the population of the capital of"))
        #expect(task.expectedCalls.count == 3)
        guard case .string(let expression)? = task.expectedCalls.last?.arguments["expression"] else {
            Issue.record("no expression")
            return
        }
        #expect(Calculator.run(expression) == task.answer)
    }

    @Test func answersAreJudgedByTheirComparison() {
        let numeric = ToolTask(kind: .arithmetic, prompt: "", answer: "709.037", expectedCalls: [],
                               comparison: defaultNumericComparison)
        #expect(numeric.isCorrect("709.037"))
        #expect(numeric.isCorrect("The result is 709.0370000001."))
        #expect(!numeric.isCorrect("709.04"))
        #expect(!numeric.isCorrect("Oslo"))
        let text = ToolTask(kind: .lookup, prompt: "", answer: "Oslo", expectedCalls: [], comparison: .text)
        #expect(text.isCorrect(" oslo. "))
        #expect(text.isCorrect("The Oslo"))
        #expect(!text.isCorrect("Bergen"))
    }
}
