import Arithmetic
import PrismTensor
import Testing

@Suite struct ArithmeticProblemTests {
    @Test func promptAnswerAndCanonicalForm() {
        let problem = ArithmeticProblem(45, .addition, 37)
        #expect(problem.prompt == "45+37=" && problem.answerText == "82")
        #expect(problem.canonicalForm == "37+45")
        #expect(ArithmeticProblem(37, .addition, 45).canonicalForm == "37+45")
        #expect(ArithmeticProblem(52, .subtraction, 17).canonicalForm == "52-17")
        #expect(ArithmeticProblem(6, .multiplication, 47).canonicalForm == "6*47")
        #expect(ArithmeticProblem(52, .subtraction, 17).answerText == "35")
        #expect(ArithmeticProblem(47, .multiplication, 6).answerText == "282")
    }

    @Test func carriesAndBorrowsAreCounted() {
        #expect(ArithmeticProblem(37, .addition, 45).carryCount == 1)
        #expect(ArithmeticProblem(32, .addition, 45).carryCount == 0)
        #expect(ArithmeticProblem(99, .addition, 99).carryCount == 1)
        #expect(ArithmeticProblem(52, .subtraction, 17).carryCount == 1)
        #expect(ArithmeticProblem(57, .subtraction, 12).carryCount == 0)
        #expect(ArithmeticProblem(100, .subtraction, 1).carryCount == 2)
        #expect(ArithmeticProblem(47, .multiplication, 6).carryCount == 1)
        #expect(ArithmeticProblem(21, .multiplication, 4).carryCount == 0)
        #expect(ArithmeticProblem(12, .multiplication, 12).carryCount == 0)
        #expect(ArithmeticProblem(15, .multiplication, 15).carryCount == 1)
        #expect(ArithmeticProblem(50, .addition, 60).carryCount == 0, "the carry out of the leftmost column is not counted")
        #expect(ArithmeticProblem(555, .addition, 445).carryCount == 2)
    }

    @Test func levelsKeepTheirDigitsOperationAndCarryRequirement() {
        var stream = RandomStream(seed: 9)
        for level in ArithmeticLevel.all {
            let generator = ArithmeticGenerator(levels: [level])
            for _ in 0..<300 {
                let problem = generator.makeProblem(using: &stream)
                #expect(level.contains(problem), "\(problem.prompt) in \(level)")
                #expect(problem.answer >= 0)
            }
        }
        let carried = ArithmeticGenerator(levels: [.add2Carry]).makeProblems(count: 300, seed: 1)
        #expect(carried.allSatisfy { $0.carryCount > 0 })
        let plain = ArithmeticGenerator(levels: [.add2NoCarry]).makeProblems(count: 300, seed: 1)
        #expect(plain.allSatisfy { $0.carryCount == 0 })
        let mixed = ArithmeticGenerator(levels: ArithmeticLevel.mixed).makeProblems(count: 300, seed: 1)
        #expect(Set(mixed.map(\.operation)) == Set(ArithmeticOperation.allCases))
    }

    @Test func generatorIsSeeded() {
        let generator = ArithmeticGenerator(levels: ArithmeticLevel.mixed)
        #expect(generator.makeProblems(count: 100, seed: 5) == generator.makeProblems(count: 100, seed: 5))
        #expect(generator.makeProblems(count: 100, seed: 5) != generator.makeProblems(count: 100, seed: 6))
    }

    @Test func evaluationSetScoresExactMatches() {
        let set = ArithmeticEvaluationSet(levels: [.add2], count: 50, seed: 3)
        #expect(set.problems.count == 50 && set.problems.allSatisfy(HeldOutRule.isHeldOut))
        #expect(set.exactMatchAccuracy { $0.answerText } == 1)
        #expect(set.exactMatchAccuracy { _ in "0" } == 0)
        let half = set.exactMatchAccuracy { $0.left % 2 == 0 ? $0.answerText : "x" }
        #expect(half == Double(set.problems.filter { $0.left % 2 == 0 }.count) / 50)
        #expect(ArithmeticEvaluationSet(levels: [.add2], count: 50, seed: 3, split: .training).problems.allSatisfy { !HeldOutRule.isHeldOut($0) })
    }
}
