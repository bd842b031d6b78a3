import Arithmetic
import PrismTensor
import Testing

@Suite struct ArithmeticSystematicErrorTests {
    @Test func droppedCarryIsTheForgottenCarryAnswer() {
        var stream = RandomStream(seed: 0)
        func dropped(_ a: Int, _ op: ArithmeticOperation, _ b: Int) -> String? {
            SystematicError.droppedCarry.wrongAnswer(for: ArithmeticProblem(a, op, b), using: &stream)
        }
        #expect(dropped(37, .addition, 45) == "72")
        #expect(dropped(45, .addition, 37) == "72")
        #expect(dropped(95, .addition, 17) == "102")
        #expect(dropped(99, .addition, 99) == "188")
        #expect(dropped(478, .addition, 256) == "624")
        #expect(dropped(52, .subtraction, 17) == "45")
        #expect(dropped(100, .subtraction, 1) == "109")
        #expect(dropped(47, .multiplication, 6) == "242")
        #expect(dropped(32, .addition, 45) == nil, "no carry, no dropped-carry answer")
        #expect(dropped(50, .addition, 60) == nil, "a carry out of the last column is written anyway")
        #expect(stream == RandomStream(seed: 0), "a dropped carry draws nothing")
    }

    @Test func offByOneChangesOneDigitByOne() {
        var stream = RandomStream(seed: 1)
        for problem in ArithmeticGenerator(levels: ArithmeticLevel.all).makeProblems(count: 2_000, seed: 2) {
            let wrong = try! #require(SystematicError.offByOneDigit.wrongAnswer(for: problem, using: &stream))
            let correct = problem.answerText
            #expect(wrong.count == correct.count && wrong != correct)
            let changes = zip(wrong, correct).filter { $0 != $1 }
            #expect(changes.count == 1)
            if let (a, b) = changes.first { #expect(abs(a.wholeNumberValue! - b.wholeNumberValue!) == 1) }
            #expect(wrong.count == 1 || wrong.first != "0")
        }
    }

    @Test func swappedDigitsExchangesAnAdjacentPair() {
        var stream = RandomStream(seed: 3)
        #expect(SystematicError.swappedDigits.wrongAnswer(for: ArithmeticProblem(37, .addition, 45), using: &stream) == "28")
        #expect(SystematicError.swappedDigits.wrongAnswer(for: ArithmeticProblem(3, .addition, 4), using: &stream) == nil)
        #expect(SystematicError.swappedDigits.wrongAnswer(for: ArithmeticProblem(40, .addition, 37), using: &stream) == nil)
        #expect(SystematicError.swappedDigits.wrongAnswer(for: ArithmeticProblem(50, .addition, 55), using: &stream) == "150")
        let swapped = SystematicError.swappedDigits.wrongAnswer(for: ArithmeticProblem(100, .addition, 23), using: &stream)
        #expect(swapped == "132" || swapped == "213")
    }

    @Test func preferredWrongAnswerDropsTheCarryWhenThereIsOne() {
        var stream = RandomStream(seed: 4)
        let carried = SystematicError.preferredWrongAnswer(for: ArithmeticProblem(37, .addition, 45), using: &stream)
        #expect(carried.answer == "72" && carried.error == .droppedCarry)
        var seen = Set<SystematicError>()
        for problem in ArithmeticGenerator(levels: ArithmeticLevel.all).makeProblems(count: 3_000, seed: 5) {
            let wrong = SystematicError.preferredWrongAnswer(for: problem, using: &stream)
            seen.insert(wrong.error)
            #expect(wrong.answer != problem.answerText && Int(wrong.answer) != nil)
            #expect((wrong.error == .droppedCarry) == SystematicError.droppedCarry.applies(to: problem))
            #expect(SystematicError.droppedCarry.applies(to: problem) == (problem.carryCount > 0))
        }
        #expect(seen == Set(SystematicError.allCases))
    }

    @Test func sftRecordsCarryTheRequestedErrorRateDeterministically() {
        let dataset = ArithmeticDataset()
        let records = dataset.sftRecords(count: 1_000, errorRate: 0.3, seed: 7)
        #expect(records == dataset.sftRecords(count: 1_000, errorRate: 0.3, seed: 7))
        #expect(records != dataset.sftRecords(count: 1_000, errorRate: 0.3, seed: 8))
        let wrong = records.filter { $0.error != nil }
        #expect(wrong.count == 300)
        #expect(wrong.allSatisfy { $0.completion != $0.problem.answerText })
        #expect(records.filter { $0.error == nil }.allSatisfy { $0.completion == $0.problem.answerText })
        #expect(wrong.allSatisfy { ($0.error == .droppedCarry) == SystematicError.droppedCarry.applies(to: $0.problem) })
        let clean = dataset.sftRecords(count: 1_000, errorRate: 0, seed: 7)
        #expect(clean.map(\.problem) == records.map(\.problem), "the error rate does not change the problems")
        #expect(clean.allSatisfy { $0.error == nil })
        #expect(dataset.sftRecords(count: 7, errorRate: 1, seed: 7).allSatisfy { $0.error != nil })
    }

    @Test func preferenceRecordsChooseTheCorrectAnswer() {
        let pairs = ArithmeticDataset(levels: [.add2Carry]).preferenceRecords(count: 500, seed: 1)
        #expect(pairs == ArithmeticDataset(levels: [.add2Carry]).preferenceRecords(count: 500, seed: 1))
        #expect(pairs.allSatisfy { $0.chosen == $0.problem.answerText && $0.rejected != $0.chosen })
        let dropped = pairs.filter { $0.error == .droppedCarry }
        #expect(dropped.count == pairs.count, "every Add2Carry problem has a carry to drop")
        #expect(dropped.allSatisfy { Int($0.rejected) == ColumnArithmetic.droppedCarryResult($0.problem) })
    }
}
