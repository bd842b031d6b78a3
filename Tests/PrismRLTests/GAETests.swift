import PrismRL
import PrismTestSupport
import Testing

/// GAE under Prism's rollout convention: the worked example of docs/algorithms.md §1.1 and PPO invariants 3 and 4.
@Suite struct GAETests {
    /// One environment's GAE with nothing ending unless given.
    func estimate(
        rewards: [Float], values: [Float], terminated: [Bool]? = nil, truncated: [Bool]? = nil,
        bootstrap: [Float]? = nil, last: Float, discount: Float, lambda: Float
    ) -> AdvantageEstimate {
        let n = rewards.count
        return generalizedAdvantageEstimate(
            rewards: rewards, values: values, terminated: terminated ?? Array(repeating: false, count: n),
            truncated: truncated ?? Array(repeating: false, count: n),
            bootstrapValues: bootstrap ?? Array(repeating: 0, count: n), lastValues: [last],
            environmentCount: 1, discount: discount, gaeLambda: lambda)
    }

    @Test func workedExampleWithATruncatedStep() {
        let result = estimate(rewards: [1, 0, 2, 1], values: [0.5, 0.4, 0.3, 0.2], truncated: [false, true, false, false],
                              bootstrap: [0, 1.0, 0, 0], last: 0.6, discount: 0.9, lambda: 0.8)
        expectClose(TestData.values(result.advantages), TestData.values([1.22, 0.5, 2.8448, 1.34]))
        expectClose(TestData.values(result.returns), TestData.values([1.72, 0.9, 3.1448, 1.54]))
    }

    @Test func workedExampleWithATerminatedStep() {
        let result = estimate(rewards: [1, 0, 2, 1], values: [0.5, 0.4, 0.3, 0.2], terminated: [false, true, false, false],
                              bootstrap: [0, 1.0, 0, 0], last: 0.6, discount: 0.9, lambda: 0.8)
        expectClose(TestData.values(result.advantages), TestData.values([0.572, -0.4, 2.8448, 1.34]))
    }

    @Test func invariant3TerminalEpisodeOfThreeRewards() {
        let result = estimate(rewards: [1, 1, 1], values: [0, 0, 0], terminated: [false, false, true], last: 123,
                              discount: 0.99, lambda: 0.95)
        expectClose(TestData.values(result.advantages), TestData.values([2.82504025, 1.9405, 1.0]))
        #expect(result.returns == result.advantages)
    }

    @Test func lambdaOneIsMonteCarloMinusValueAndLambdaZeroIsTheTDError() {
        let rewards: [Float] = [0.5, -1, 2, 0.25]
        let values: [Float] = [0.1, 0.3, -0.2, 0.4]
        let last: Float = 0.7
        let gamma: Float = 0.9
        let monteCarlo = estimate(rewards: rewards, values: values, last: last, discount: gamma, lambda: 1)
        var g = last
        var expected = [Float](repeating: 0, count: 4)
        for t in stride(from: 3, through: 0, by: -1) {
            g = rewards[t] + gamma * g
            expected[t] = g - values[t]
        }
        expectClose(TestData.values(monteCarlo.advantages), TestData.values(expected))
        let td = estimate(rewards: rewards, values: values, last: last, discount: gamma, lambda: 0)
        let next = Array(values.dropFirst()) + [last]
        expectClose(TestData.values(td.advantages), TestData.values((0..<4).map { rewards[$0] + gamma * next[$0] - values[$0] }))
    }

    @Test func invariant4AStepThatEndsTheEpisodeIgnoresLaterRewards() {
        let early = estimate(rewards: [0.3, 1, 5, 9], values: [0.2, 0.6, 0.1, 0.4], terminated: [false, true, false, false],
                             last: 2, discount: 0.99, lambda: 0.95)
        let other = estimate(rewards: [0.3, 1, -7, 0], values: [0.2, 0.6, 3, 1], terminated: [false, true, false, false],
                             last: -4, discount: 0.99, lambda: 0.95)
        expectClose(early.advantages[1], 1 - 0.6)
        #expect(early.advantages[0] == other.advantages[0] && early.advantages[1] == other.advantages[1])
    }

    @Test func environmentsAreIndependentInTheTimeMajorLayout() {
        let a = estimate(rewards: [1, 0, 2], values: [0.5, 0.4, 0.3], truncated: [false, true, false],
                         bootstrap: [0, 0.8, 0], last: 0.6, discount: 0.9, lambda: 0.8)
        let b = estimate(rewards: [0, 1, 1], values: [0.1, 0.2, 0.3], terminated: [true, false, false],
                         last: -0.5, discount: 0.9, lambda: 0.8)
        let both = generalizedAdvantageEstimate(
            rewards: [1, 0, 0, 1, 2, 1], values: [0.5, 0.1, 0.4, 0.2, 0.3, 0.3],
            terminated: [false, true, false, false, false, false], truncated: [false, false, true, false, false, false],
            bootstrapValues: [0, 0, 0.8, 0, 0, 0], lastValues: [0.6, -0.5], environmentCount: 2, discount: 0.9, gaeLambda: 0.8)
        #expect(both.advantages == [a.advantages[0], b.advantages[0], a.advantages[1], b.advantages[1],
                                    a.advantages[2], b.advantages[2]])
    }
}
