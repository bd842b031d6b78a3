import Foundation
import PrismPolicy
import PrismTensor
import PrismTestSupport
import Testing

/// k1 and k3 per-token KL estimators.
@Suite struct KLEstimatorTests {
    let mask = Tensor(shape: [1, 3], scalars: [1, 1, 0])

    @Test func exactValues() {
        let policy = Tensor(shape: [1, 3], scalars: [Float(log(0.5)), Float(log(0.25)), 7])
        let reference = Tensor(shape: [1, 3], scalars: [Float(log(0.25)), Float(log(0.5)), -7])
        // log r = log π_ref − log π = −log 2, +log 2.
        let l = Float(log(2.0))
        expectClose(KLEstimator.k1.perToken(policy: policy, reference: reference, mask: mask),
                    Tensor(shape: [1, 3], scalars: [l, -l, 0]))
        expectClose(KLEstimator.k3.perToken(policy: policy, reference: reference, mask: mask),
                    Tensor(shape: [1, 3], scalars: [0.5 - 1 + l, 2 - 1 - l, 0]))
    }

    @Test func bothAreZeroWhenPolicyEqualsReference() {
        let values = Tensor(shape: [1, 3], scalars: [-0.3, -2, -5])
        for estimator in KLEstimator.allCases {
            #expect(estimator.perToken(policy: values, reference: values, mask: mask).scalars == [0, 0, 0])
        }
    }

    @Test func k3IsNonNegativeEverywhere() {
        let policy = TestData.uniform([4, 50], in: -6..<0, seed: 3)
        let reference = TestData.uniform([4, 50], in: -6..<0, seed: 4)
        let k3 = KLEstimator.k3.perToken(policy: policy, reference: reference, mask: Tensor.ones([4, 50]))
        #expect(k3.scalars.allSatisfy { $0 >= 0 })
        let k1 = KLEstimator.k1.perToken(policy: policy, reference: reference, mask: Tensor.ones([4, 50]))
        #expect(k1.scalars.contains { $0 < 0 })
    }
}
