import Arithmetic
import PrismTensor
import Testing

@Suite struct ArithmeticHeldOutTests {
    @Test func fnv1aMatchesThePublishedVectors() {
        #expect(HeldOutRule.fnv1a64("") == 0xcbf2_9ce4_8422_2325)
        #expect(HeldOutRule.fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(HeldOutRule.fnv1a64("foobar") == 0x8594_4171_f739_67e8)
        #expect(HeldOutRule.threshold == 1_844_674_407_370_955_162)
        #expect(HeldOutRule.finalize(0) == 0)
        #expect(HeldOutRule.hash("37+45") == HeldOutRule.finalize(HeldOutRule.fnv1a64("37+45")))
    }

    @Test func everyLevelHasTrainingAndHeldOutProblems() {
        for level in ArithmeticLevel.all {
            #expect(!ArithmeticGenerator.allProblems(of: level, split: .training).isEmpty, "\(level.name)")
            #expect(!ArithmeticGenerator.allProblems(of: level, split: .heldOut).isEmpty, "\(level.name)")
        }
    }

    /// Over every problem of the larger levels, the held-out share is 10 % ± 1 point.
    @Test(arguments: [ArithmeticLevel.add2, .add3, .sub2, .mul2x1, .add2Carry, .sub2Borrow])
    func heldOutFractionIsNearTenPercent(level: ArithmeticLevel) {
        let training = ArithmeticGenerator.allProblems(of: level, split: .training).count
        let heldOut = ArithmeticGenerator.allProblems(of: level, split: .heldOut).count
        let fraction = Double(heldOut) / Double(training + heldOut)
        #expect(abs(fraction - HeldOutRule.fraction) < 0.01, "\(level.name): \(heldOut) of \(training + heldOut)")
    }

    @Test func commutedTwinsShareTheirSide() {
        for left in 10...99 {
            for right in 10...99 {
                #expect(HeldOutRule.isHeldOut(ArithmeticProblem(left, .addition, right))
                        == HeldOutRule.isHeldOut(ArithmeticProblem(right, .addition, left)))
            }
        }
    }

    @Test func trainingGeneratorsNeverEmitHeldOutProblems() {
        let held = Set(ArithmeticLevel.mixed.flatMap { ArithmeticGenerator.allProblems(of: $0, split: .heldOut) }.map(\.canonicalForm))
        #expect(held.count > 500)
        let drawn = ArithmeticGenerator(levels: ArithmeticLevel.mixed).makeProblems(count: 20_000, seed: 1)
        #expect(Set(drawn.map(\.canonicalForm)).isDisjoint(with: held))
        let records = ArithmeticDataset().sftRecords(count: 5_000, errorRate: 0.5, seed: 2)
        #expect(Set(records.map(\.problem.canonicalForm)).isDisjoint(with: held))
        let pairs = ArithmeticDataset().preferenceRecords(count: 5_000, seed: 3)
        #expect(Set(pairs.map(\.problem.canonicalForm)).isDisjoint(with: held))
        let evaluation = ArithmeticEvaluationSet(levels: ArithmeticLevel.mixed, count: 2_000, seed: 4)
        #expect(Set(evaluation.problems.map(\.canonicalForm)).isSubset(of: held))
    }

    @Test func trainingDrawsCoverTheTrainingPopulation() {
        let population = Set(ArithmeticGenerator.allProblems(of: .add2NoCarry, split: .training).map(\.canonicalForm))
        let drawn = Set(ArithmeticGenerator(levels: [.add2NoCarry]).makeProblems(count: 20_000, seed: 8).map(\.canonicalForm))
        #expect(drawn == population)
    }
}
