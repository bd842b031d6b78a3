import PrismPolicy
import PrismRecipes

/// A token run's evaluation on held-out Arithmetic problems: task and preference accuracy of the
/// starting policy (measured when the run starts) and of the trained one.
struct TokenRunEvaluation {
    /// The recipe's name.
    let recipe: String
    /// The root seed.
    let seed: UInt64
    /// The held-out problems and pairs.
    let heldOut: HeldOutEvaluation
    /// The levels they come from.
    let levels: [String]
    /// The frozen reference of DPO-style rewards (nil: length-averaged log-probs).
    let reference: ReferencePolicy?
    /// The starting policy's task accuracy by level.
    let taskAccuracyByLevelBefore: [String: Double]
    /// Whether the report carries the accuracies by level (`sft` and `otr`).
    let reportsLevels: Bool
    /// The starting policy's preference accuracy.
    let preferenceAccuracyBefore: Double

    /// Scores the starting `policy` under `settings`; `reportsLevels` adds the task accuracy by
    /// level to the report.
    init(recipe: String, seed: UInt64, settings: EvaluationSettings, policy: TokenPolicy, reference: ReferencePolicy?,
         reportsLevels: Bool) throws {
        self.recipe = recipe
        self.seed = seed
        self.reference = reference
        heldOut = HeldOutEvaluation(settings)
        levels = settings.levels
        taskAccuracyByLevelBefore = try heldOut.taskAccuracyByLevel(policy)
        self.reportsLevels = reportsLevels
        preferenceAccuracyBefore = try heldOut.preferenceAccuracy(policy, reference: reference)
    }

    /// The report of `trained` after `step` steps.
    func report(trained: TokenPolicy, step: Int) throws -> RunReport {
        let byLevelAfter = try heldOut.taskAccuracyByLevel(trained)
        return RunReport(
            recipe: recipe, seed: seed, step: step,
            preferenceAccuracy: try heldOut.preferenceAccuracy(trained, reference: reference),
            preferenceAccuracyBefore: preferenceAccuracyBefore,
            taskAccuracyBefore: HeldOutEvaluation.mean(of: taskAccuracyByLevelBefore),
            taskAccuracyAfter: HeldOutEvaluation.mean(of: byLevelAfter), problemCount: heldOut.pairs.count,
            levels: levels,
            preferenceRule: reference == nil
                ? "mean completion log-prob of the correct answer above the wrong one's (ORPO's reward)"
                : "DPO implicit reward margin β·[(log π − log π_ref)(correct) − (log π − log π_ref)(wrong)] > 0, reference = the starting policy",
            taskAccuracyByLevelBefore: reportsLevels ? taskAccuracyByLevelBefore : nil,
            taskAccuracyByLevelAfter: reportsLevels ? byLevelAfter : nil)
    }
}
