import Foundation
import PrismJSON
import PrismRecipes
import Testing
import TokenRecipes

/// `otr` from the shared SFT run: it trains, reports accuracy level by level, repeats itself bit
/// for bit, and a stopped and resumed Monte-Carlo run equals an uninterrupted one.
@Suite struct OTRRecipeTests {
    @Test func otrReportsAccuracyByLevelAndItsMetrics() throws {
        let run = TestRuns.temporary("otr-levels")
        defer { try? FileManager.default.removeItem(at: run) }
        let report = try #require(try TestRuns.otr(TestRuns.otrArguments(run: run))?.report)
        let before = try #require(report.taskAccuracyByLevelBefore), after = try #require(report.taskAccuracyByLevelAfter)
        #expect(Set(before.keys) == ["Add2", "Sub2"] && Set(after.keys) == ["Add2", "Sub2"])
        #expect(report.taskAccuracyAfter == (after["Add2"]! + after["Sub2"]!) / 2)
        #expect(report.taskAccuracyBefore == (before["Add2"]! + before["Sub2"]!) / 2)
        // The SFT run trained on Add2 only and was scored on Add2 alone with the same problems.
        let sft = try #require(try SFTReport.read(TestRuns.sftRun))
        #expect(before["Add2"] == sft.taskAccuracyAfter)
        let json = try JSONValue.parse(String(contentsOf: run.appendingPathComponent("eval.json"), encoding: .utf8)).objectMembers
        #expect(json?["task_accuracy_by_level_after"]?.objectMembers?["Sub2"]?.number == after["Sub2"])
        let metrics = try String(contentsOf: run.appendingPathComponent(MetricsLogger.metricsFileName), encoding: .utf8)
        for key in ["otr/hit_rate", "otr/target_prob", "nll_loss", "otr/zero_hit_fraction", "otr/sampling_entropy",
                    "otr/loss_positive", "otr/loss_beta"] {
            #expect(metrics.contains("\"\(key)\""), "\(key)")
        }
    }

    @Test func preferenceRecipesKeepTheirEvalKeys() throws {
        let run = TestRuns.temporary("orpo-keys")
        defer { try? FileManager.default.removeItem(at: run) }
        let report = try #require(try TestRuns.orpo(["--data", TestRuns.data.appendingPathComponent("pref.jsonl").path,
                                                     "--run-dir", run.path, "--set", "train.max_steps=3"] + TestRuns.small)?.report)
        #expect(report.taskAccuracyByLevelAfter == nil && !report.json.contains("by_level"))
    }

    @Test func stopAndResumeEqualsAnUninterruptedRun() throws {
        let whole = TestRuns.temporary("otr-whole"), split = TestRuns.temporary("otr-split"), other = TestRuns.temporary("otr-other")
        defer { for url in [whole, split, other] { try? FileManager.default.removeItem(at: url) } }
        let finished = try #require(try TestRuns.otr(TestRuns.otrArguments(run: whole)))
        guard case .finished(let step) = finished.outcome else { Issue.record("not finished"); return }
        let stopped = try #require(try TestRuns.otr(TestRuns.otrArguments(run: split) + ["--stop-after-steps", "17"]))
        #expect(stopped.outcome == .stopped(step: 17))
        let resumed = try #require(try TestRuns.otr(["--resume", split.path]))
        #expect(resumed.outcome == .finished(step: step))
        for name in ["model.safetensors", "optimizer.safetensors", "state.json"] {
            #expect(try TestRuns.checkpointFile(whole, step: step, name) == TestRuns.checkpointFile(split, step: step, name), "\(name)")
        }
        let metrics = try Data(contentsOf: whole.appendingPathComponent(MetricsLogger.metricsFileName))
        #expect(metrics == (try Data(contentsOf: split.appendingPathComponent(MetricsLogger.metricsFileName))))
        #expect(resumed.report == finished.report)
        // Another seed draws other tokens.
        _ = try TestRuns.otr(TestRuns.otrArguments(run: other, seed: 6))
        #expect(try Data(contentsOf: other.appendingPathComponent(MetricsLogger.metricsFileName)) != metrics)
    }
}
