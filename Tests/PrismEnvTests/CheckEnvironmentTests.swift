import PrismEnv
import Testing

/// `checkEnvironment` passes a correct environment and catches each broken rule (one test per rule).
@Suite struct CheckEnvironmentTests {
    @Test func correctEnvironmentPasses() {
        let report = checkEnvironment { Corridor() }
        #expect(report.passed, "\(report)")
    }

    @Test(arguments: [
        (Corridor.Defect.emptyActionSpace, EnvironmentRule.spaces),
        (.resetOutsideSpace, .resetObservationInSpace),
        (.stepOutsideSpace, .stepObservationInSpace),
        (.resetIgnoresSeed, .resetSeedDeterminism),
        (.unseededSteps, .stepDeterminism),
        (.unseededContinuation, .nilSeedContinues),
        (.noOrderBeforeReset, .orderBeforeReset),
        (.noOrderAfterEnd, .orderAfterEnd),
        (.acceptsInvalidActions, .invalidActionRejected),
        (.restoreForgetsStream, .snapshotRestore),
    ])
    func brokenRuleIsReported(defect: Corridor.Defect, rule: EnvironmentRule) {
        let report = checkEnvironment { Corridor(defect: defect) }
        #expect(report.failures.contains { $0.hasPrefix(rule.rawValue) }, "\(defect): \(report)")
    }
}
