import Foundation
import PrismJSON
import PrismRecipes

/// A token run's final evaluation and the files it writes: `eval.json`, `report.md`, `loss.svg`
/// and (for preference recipes) `rewards.svg`.
public struct RunReport: Sendable, Equatable {
    /// The recipe's name.
    public var recipe: String
    /// The root seed.
    public var seed: UInt64
    /// Steps trained.
    public var step: Int
    /// The held-out preference accuracy after training.
    public var preferenceAccuracy: Double
    /// The same before training.
    public var preferenceAccuracyBefore: Double
    /// The greedy exact-match accuracy before training.
    public var taskAccuracyBefore: Double
    /// The same after training.
    public var taskAccuracyAfter: Double
    /// Held-out problems (and pairs).
    public var problemCount: Int
    /// The levels they come from.
    public var levels: [String]
    /// How preference accuracy scores a pair.
    public var preferenceRule: String
    /// The task accuracy of each level before training (`sft` and `otr`; nil for the
    /// preference recipes).
    public var taskAccuracyByLevelBefore: [String: Double]? = nil
    /// The same after training.
    public var taskAccuracyByLevelAfter: [String: Double]? = nil

    /// `eval.json`.
    public var json: String {
        var members: [String: JSONValue] = [
            "preference_accuracy": .number(preferenceAccuracy), "preference_accuracy_before": .number(preferenceAccuracyBefore),
            "task_accuracy_before": .number(taskAccuracyBefore), "task_accuracy_after": .number(taskAccuracyAfter),
            "preference_pairs": .integer(problemCount), "task_problems": .integer(problemCount),
            "levels": .array(levels.map(JSONValue.string)), "preference_rule": .string(preferenceRule),
            "recipe": .string(recipe), "seed": .integer(Int(truncatingIfNeeded: seed)), "step": .integer(step),
        ]
        if let taskAccuracyByLevelBefore, let taskAccuracyByLevelAfter {
            members["task_accuracy_by_level_before"] = .object(taskAccuracyByLevelBefore.mapValues(JSONValue.number))
            members["task_accuracy_by_level_after"] = .object(taskAccuracyByLevelAfter.mapValues(JSONValue.number))
        }
        return JSONValue.object(members).canonicalJSON() + "\n"
    }

    /// Writes `eval.json`, the charts (from the run's `metrics.jsonl`) and `report.md`.
    public func write(to run: RunDirectory) throws {
        try run.write(json, to: "eval.json")
        let metrics = MetricsHistory(url: run.file(MetricsLogger.metricsFileName))
        try run.write(SVGLineChart(title: "\(recipe): training loss", xLabel: "step", yLabel: "loss",
                                   series: [.init(name: "loss, seed \(seed)", points: metrics.series("loss"))]).svg, to: "loss.svg")
        let rewardNames = ["rewards/chosen", "rewards/rejected", "rewards/margins"]
        let hasRewards = !metrics.series(rewardNames[0]).isEmpty
        if hasRewards {
            try run.write(SVGLineChart(title: "\(recipe): implicit rewards", xLabel: "step", yLabel: "reward",
                                       series: rewardNames.map { .init(name: $0, points: metrics.series($0)) }).svg, to: "rewards.svg")
        }
        var report = MarkdownReport(title: "\(recipe): held-out Arithmetic (\(levels.joined(separator: ", ")))")
        func f(_ value: Double) -> String { String(format: "%.3f", value) }
        report.addKeyValues([("seed", String(seed)), ("steps trained", String(step)), ("held-out problems", String(problemCount))])
        report.addHeading("Evaluation")
        var rows = [["task accuracy (greedy exact match)", f(taskAccuracyBefore), f(taskAccuracyAfter)]]
        if let before = taskAccuracyByLevelBefore, let after = taskAccuracyByLevelAfter, levels.count > 1 {
            rows += levels.map { ["task accuracy, \($0)", f(before[$0] ?? .nan), f(after[$0] ?? .nan)] }
        }
        rows.append(["preference accuracy", f(preferenceAccuracyBefore), f(preferenceAccuracy)])
        report.addTable(headers: ["metric", "before", "after"], rows: rows)
        report.addParagraph("Preference accuracy: \(preferenceRule).")
        report.addHeading("Training curves")
        report.addImage(path: "loss.svg", alt: "training loss against step")
        if hasRewards { report.addImage(path: "rewards.svg", alt: "implicit rewards against step") }
        try run.write(report.text, to: "report.md")
    }
}
