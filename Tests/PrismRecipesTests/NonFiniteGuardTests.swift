import Foundation
import PrismRecipes
import Testing

/// The NaN/Inf guard names the step and metric and the checkpoint that is kept.
@Suite struct NonFiniteGuardTests {
    @Test func finiteValuesPass() throws {
        try NonFiniteGuard.check(step: 3, ["loss": 0.5, "kl": -1e30])
        try NonFiniteGuard.check(step: 3, "loss", Float(2))
    }

    @Test func firstNonFiniteMetricIsNamed() {
        let kept = SavedCheckpoint(step: 100, url: URL(fileURLWithPath: "/runs/a/checkpoints/step-100"))
        do {
            try NonFiniteGuard.check(step: 120, ["z": .infinity, "loss/policy": .nan, "ok": 1], lastCheckpoint: kept)
            Issue.record("a NaN passed")
        } catch {
            #expect(error.metric == "loss/policy")
            #expect(error.step == 120)
            #expect(error.description == "step 120: 'loss/policy' is nan; training stopped, the last good checkpoint is /runs/a/checkpoints/step-100")
        }
        #expect(throws: NonFiniteValueError.self) { try NonFiniteGuard.check(step: 1, "loss", -Float.infinity) }
    }
}
