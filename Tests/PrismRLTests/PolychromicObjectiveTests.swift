import PrismRL
import PrismTensor
import PrismTestSupport
import Testing

/// The polychromic objective and advantages: invariants 1–4 of docs/algorithms.md §2.
@Suite struct PolychromicObjectiveTests {
    @Test func invariant1ZeroRewardOrNoSuccessScoresZero() {
        #expect(polychromicScore(rewards: [0, 0, 0, 0], signatures: [1, 2, 3, 4]) == 0)
        #expect(polychromicScore(rewards: [0, 0], signatures: ["a", "a"]) == 0)
        for seed in 1...20 {
            var stream = RandomStream(seed: UInt64(seed))
            let rewards = (0..<4).map { _ in stream.nextDouble() }
            let signatures = (0..<4).map { _ in stream.nextInt(below: 3) }
            let score = polychromicScore(rewards: rewards, signatures: signatures)
            #expect(score >= 0 && score <= 1)
        }
    }

    @Test func invariant2IdenticalSuccessesScoreOneOverNAndDistinctOnesOne() {
        #expect(polychromicScore(rewards: [1, 1, 1, 1], signatures: [Set([0, 1]), Set([1, 0]), Set([0, 1]), Set([0, 1])]) == 0.25)
        #expect(polychromicScore(rewards: [1, 1, 1, 1], signatures: [[0], [0, 1], [0, 2], [0, 1, 2]]) == 1)
        // mean reward 0.5 × 3 distinct of 4.
        #expect(polychromicScore(rewards: [1, 0.5, 0, 0.5], signatures: ["a", "a", "b", "c"]) == 0.375)
    }

    @Test func setsAreSeededWithoutRepeatsInsideASet() {
        var stream = RandomStream(seed: 3)
        let sets = makeVineSets(vineCount: 8, setSize: 4, setCount: 4, using: &stream)
        #expect(sets.count == 4)
        for set in sets {
            #expect(set.count == 4 && Set(set).count == 4 && set.allSatisfy { (0..<8).contains($0) })
        }
        var again = RandomStream(seed: 3)
        #expect(makeVineSets(vineCount: 8, setSize: 4, setCount: 4, using: &again) == sets)
        var other = RandomStream(seed: 4)
        #expect(makeVineSets(vineCount: 8, setSize: 4, setCount: 4, using: &other) != sets)
    }

    @Test func invariant3SetAdvantagesSumToZeroAndVanishForEqualScores() {
        let advantages = setAdvantages(scores: [0.25, 1, 0.5, 0.75])
        #expect(advantages == [-0.375, 0.375, -0.125, 0.125])
        #expect(Swift.abs(advantages.reduce(0, +)) < 1e-12)
        #expect(setAdvantages(scores: [0.4, 0.4, 0.4]) == [0, 0, 0])
    }

    @Test func aVineInSeveralSetsGetsTheirMeanAdvantage() {
        let marginal = marginalSetAdvantages(sets: [[0, 1], [1, 2], [2, 3]], setAdvantages: [0.3, -0.1, -0.2], vineCount: 5)
        #expect(marginal[0] == 0.3)
        #expect(Swift.abs(marginal[1]! - 0.1) < 1e-12)
        #expect(Swift.abs(marginal[2]! + 0.15) < 1e-12)
        #expect(marginal[3] == -0.2)
        #expect(marginal[4] == nil)
    }

    @Test func invariant4WindowAssignmentSharesOneAdvantagePerVine() {
        let windows = windowedAdvantages(vineAdvantages: [0.5, nil, -0.25], vineLengths: [7, 3, 2], window: 5)
        #expect(windows == [[0.5, 0.5, 0.5, 0.5, 0.5], [], [-0.25, -0.25]])
    }

    @Test func setsOfOneRolloutStateCombineTheSteps() {
        // Eight vines: the first four succeed through rooms {0, 1}, the rest fail.
        let rewards: [Double] = [1, 1, 1, 1, 0, 0, 0, 0]
        let signatures = [[0, 1], [0, 1], [0, 2], [0, 1], [0], [0], [0], [0]].map(Set.init)
        var stream = RandomStream(seed: 9)
        let sets = PolychromicSets(rewards: rewards, signatures: signatures, setSize: 4, setCount: 4, using: &stream)
        for (set, score) in zip(sets.sets, sets.scores) {
            #expect(score == polychromicScore(rewards: set.map { rewards[$0] }, signatures: set.map { signatures[$0] }))
        }
        #expect(Swift.abs(sets.advantages.reduce(0, +)) < 1e-12)
        let inSomeSet = Set(sets.sets.flatMap { $0 })
        for vine in 0..<8 { #expect((sets.vineAdvantages[vine] != nil) == inSomeSet.contains(vine)) }
    }
}
