import Foundation
import PrismRecipes
import Testing

/// The NaN/Inf guard names the step and metric and the checkpoint that is kept.
@Suite struct NonFiniteGuardTests {
    @Test func finiteValuesPass() throws {
        try NonFiniteGuard(step: 3).check(["loss": 0.5, "kl": -1e30])
        try NonFiniteGuard(step: 3).check("loss", Float(2))
    }

    @Test func firstNonFiniteMetricIsNamed() {
        let kept = SavedCheckpoint(step: 100, url: URL(fileURLWithPath: "/runs/a/checkpoints/step-100"))
        do {
            try NonFiniteGuard(step: 120, lastCheckpoint: kept).check(["z": .infinity, "loss/policy": .nan, "ok": 1])
            Issue.record("a NaN passed")
        } catch {
            #expect(error.metric == "loss/policy")
            #expect(error.step == 120)
            #expect(error.description == "step 120: 'loss/policy' is nan; training stopped, the last good checkpoint is /runs/a/checkpoints/step-100")
        }
        #expect(throws: NonFiniteValueError.self) { try NonFiniteGuard(step: 1).check("loss", -Float.infinity) }
    }
}
