import Foundation
import PrismJSON
import PrismRL
import PrismRecipes

/// A `score` run's evaluation and the files it writes: `eval.json` (the trained policy's
/// statistics at the top level, the starting policy's under `before`), `report.md` and the reward
/// chart.
public struct SCoReReport: Sendable, Equatable {
    /// The root seed and the steps trained.
    public var seed: UInt64, step: Int
    /// Held-out problems, and their levels.
    public var problemCount: Int, levels: [String]
    /// The starting policy's statistics and the trained one's.
    public var before: SelfCorrectionStatistics, after: SelfCorrectionStatistics

    /// The statistics under their `eval.json` keys.
    static func fields(_ statistics: SelfCorrectionStatistics) -> [String: JSONValue] {
        ["accuracy_t1": .number(statistics.accuracyFirst), "accuracy_t2": .number(statistics.accuracySecond),
         "delta": .number(statistics.delta), "delta_i_to_c": .number(statistics.incorrectToCorrect),
         "delta_c_to_i": .number(statistics.correctToIncorrect), "edit_distance_ratio": .number(statistics.editDistanceRatio),
         "changed_answer_rate": .number(statistics.changedAnswerRate)]
    }

    /// `eval.json`.
    public var json: String {
        var members = Self.fields(after)
        members["before"] = .object(Self.fields(before))
        members["problems"] = .integer(problemCount)
        members["levels"] = .array(levels.map(JSONValue.string))
        members["recipe"] = .string("score")
        members["seed"] = .integer(Int(truncatingIfNeeded: seed))
        members["step"] = .integer(step)
        members["decoding"] = .string("greedy, both turns")
        return JSONValue.object(members).canonicalJSON() + "\n"
    }

    /// Writes `eval.json`, `rewards.svg` (from `metrics.jsonl`) and `report.md`.
    public func write(to run: RunDirectory) throws {
        try run.write(json, to: "eval.json")
        let metrics = MetricsHistory(url: run.file(MetricsLogger.metricsFileName))
        try run.write(SVGLineChart(title: "score: training rewards", xLabel: "step", yLabel: "mean reward",
                                   series: ["reward/turn1", "reward/turn2"].map { .init(name: $0, points: metrics.series($0)) }).svg,
                      to: "rewards.svg")
        func f(_ value: Double) -> String { String(format: "%.3f", value) }
        var report = MarkdownReport(title: "score: self-correction on held-out Arithmetic (\(levels.joined(separator: ", ")))")
        report.addKeyValues([("seed", String(seed)), ("steps trained", String(step)), ("held-out problems", String(problemCount))])
        report.addHeading("Evaluation (greedy)")
        let rows: [(String, (SelfCorrectionStatistics) -> Double)] = [
            ("Accuracy@t1", \.accuracyFirst), ("Accuracy@t2", \.accuracySecond), ("Δ(t1, t2)", \.delta),
            ("Δ i→c", \.incorrectToCorrect), ("Δ c→i", \.correctToIncorrect), ("edit distance ratio", \.editDistanceRatio),
            ("changed answer rate", \.changedAnswerRate),
        ]
        report.addTable(headers: ["metric", "before", "after"], rows: rows.map { [$0.0, f($0.1(before)), f($0.1(after))] })
        report.addHeading("Training rewards")
        report.addImage(path: "rewards.svg", alt: "mean first- and second-turn reward against step")
        try run.write(report.text, to: "report.md")
    }
}
