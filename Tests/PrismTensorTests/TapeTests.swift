import Foundation
import PrismTensor
import PrismTestSupport
import Testing

/// The autodiff tape: accumulation, merging, no-grad scopes, and release of huge graphs.
@Suite struct TapeTests {
    func parameter(_ values: [Float]) -> Tensor {
        var tensor = TestData.values(values)
        tensor.requiresGradient = true
        return tensor
    }

    @Test func gradientsAccumulateAcrossBackwardPasses() {
        let w = parameter([1, 2, 3])
        (w * w).sum().backward()
        expectClose(w.gradient ?? Tensor.zeros([3]), TestData.values([2, 4, 6]))
        (w * 3).sum().backward()
        expectClose(w.gradient ?? Tensor.zeros([3]), TestData.values([5, 7, 9]))
        w.zeroGradient()
        #expect(w.gradient == nil)
    }

    @Test func reusedIntermediateSumsItsGradients() {
        let w = parameter([0.5, -1.5])
        let y = w.exp()
        (y * y + y).sum().backward()
        let expected = w.scalars.map { 2 * Foundation.exp(2 * $0) + Foundation.exp($0) }
        expectClose(w.gradient ?? Tensor.zeros([2]), TestData.values(expected), relative: 1e-5)
    }

    @Test func separatelyRecordedGraphsMergeCorrectly() {
        // Actor and critic start their own tapes; the loss joins them.
        let actor = parameter([1, 2])
        let critic = parameter([3, 4])
        let policyTerm = (actor * actor).sum()
        let valueTerm = (critic * 2).sum()
        let shared = policyTerm * valueTerm
        shared.backward()
        // d/dactor = 2·actor·valueTerm, d/dcritic = 2·policyTerm
        expectClose(actor.gradient ?? Tensor.zeros([2]), TestData.values([28, 56]))
        expectClose(critic.gradient ?? Tensor.zeros([2]), TestData.values([10, 10]))
    }

    @Test func noGradientScopeRecordsNothing() {
        let w = parameter([1, 2])
        let inside = withoutGradients { (w * w).sum() }
        #expect(!inside.requiresGradient)
        #expect(inside.item == 5)
        #expect((w * w).sum().requiresGradient)
        #expect(!(w.detached * 2).requiresGradient)
    }

    @Test func valueSemanticsCopyOnWrite() {
        let original = TestData.values([1, 2, 3])
        var copy = original
        copy.withUnsafeMutableBufferPointer { $0[0] = 42 }
        #expect(original.scalars == [1, 2, 3])
        #expect(copy.scalars == [42, 2, 3])
    }

    @Test func millionOperationChainReleasesWithoutStackOverflow() {
        let w = parameter([1])
        var x = w
        for _ in 0..<1_000_000 { x = x * 1.000001 }
        #expect(x.requiresGradient)
        x = TestData.values([0])  // drops the only reference to a 1M-node tape
        #expect(!x.requiresGradient)
    }

    @Test func millionOperationChainBackpropagates() {
        let w = parameter([1])
        var x = w
        for _ in 0..<1_000_000 { x = x + 1e-6 }
        x.backward()
        #expect(w.gradient?.item == 1)
    }
}
