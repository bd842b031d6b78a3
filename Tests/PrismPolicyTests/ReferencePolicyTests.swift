import PrismNN
import PrismPolicy
import PrismTensor
import PrismTestSupport
import Testing

/// `ReferencePolicy`: a frozen snapshot and precomputed log-probabilities.
@Suite struct ReferencePolicyTests {
    @Test func snapshotIsUnchangedByAnOptimizerStepOnThePolicy() throws {
        var policy = PolicyFixtures.policy()
        let reference = ReferencePolicy(snapshotOf: policy)
        let batch = TokenBatch(try PolicyFixtures.examples())
        let before = reference.policy.namedParameters.map { $0.tensor.scalars }
        let referenceBefore = reference.logProbabilities(batch).sum.scalars
        #expect(reference.policy.namedParameters.allSatisfy { !$0.tensor.requiresGradient })

        var optimizer = AdamW(learningRate: 1e-2)
        let loss = -policy.logProbabilities(batch).sum.sum()
        policy.zeroGradients()
        loss.backward()
        optimizer.step(&policy)

        #expect(policy.namedParameters.map { $0.tensor.scalars } != before)
        #expect(reference.policy.namedParameters.map { $0.tensor.scalars } == before)
        #expect(reference.logProbabilities(batch).sum.scalars == referenceBefore)
        #expect(policy.logProbabilities(batch).sum.scalars != referenceBefore)
    }

    @Test func precomputedValuesMatchTheBatchedForward() throws {
        let reference = ReferencePolicy(snapshotOf: PolicyFixtures.policy())
        let examples = try PolicyFixtures.examples()
        let precomputed = reference.precomputeLogProbabilities(for: examples, batchSize: 2)
        let batch = TokenBatch(examples)
        let direct = reference.logProbabilities(batch)
        #expect(precomputed.map(\.count) == [4, 2, 3])
        expectClose(ReferenceLogProbabilities.sums(precomputed), direct.sum, absolute: 1e-5)
        expectClose(Tensor(precomputed.map(\.mean)), direct.mean, absolute: 1e-5)
        expectClose(ReferenceLogProbabilities.perToken(precomputed, like: batch), direct.perToken, absolute: 1e-5)
        for item in precomputed { #expect(Swift.abs(item.perToken.reduce(0, +) - item.sum) < 1e-5) }
    }

    @Test func klToTheSnapshotIsZeroBeforeTraining() throws {
        let policy = PolicyFixtures.policy()
        let batch = TokenBatch(try PolicyFixtures.examples())
        let mine = policy.logProbabilities(batch)
        let theirs = ReferencePolicy(snapshotOf: policy).logProbabilities(batch)
        for estimator in KLEstimator.allCases {
            let kl = estimator.perToken(policy: mine.perToken, reference: theirs.perToken, mask: mine.mask)
            #expect(kl.scalars.allSatisfy { $0 == 0 })
        }
    }
}
