import Foundation
import PrismJSON
import PrismRecipes
import Testing
import TokenRecipes

/// Seeded SFT → DPO on tiny Add2 data: DPO improves on its SFT start, repeats itself bit for
/// bit, and a stopped and resumed run equals an uninterrupted one.
@Suite struct TokenPipelineTests {
    @Test func dpoImprovesHeldOutAnswersOfItsSFTStart() throws {
        let run = TestRuns.temporary("dpo-improves")
        defer { try? FileManager.default.removeItem(at: run) }
        let sft = try #require(try SFTReport.read(TestRuns.sftRun))
        let report = try #require(try TestRuns.dpo(TestRuns.dpoArguments(run: run))?.report)
        #expect(report.taskAccuracyBefore == sft.taskAccuracyAfter)
        #expect(report.taskAccuracyAfter > report.taskAccuracyBefore, "\(report)")
        #expect(report.preferenceAccuracyBefore == 0 && report.preferenceAccuracy > 0.7, "\(report)")
        for name in ["eval.json", "report.md", "loss.svg", "rewards.svg", "policy/model.safetensors"] {
            #expect(FileManager.default.fileExists(atPath: run.appendingPathComponent(name).path), "\(name)")
        }
    }

    @Test func sameSeedGivesIdenticalRuns() throws {
        let first = TestRuns.temporary("same-a"), second = TestRuns.temporary("same-b"), other = TestRuns.temporary("same-c")
        defer { for url in [first, second, other] { try? FileManager.default.removeItem(at: url) } }
        let results = try [first, second].map { try #require(try TestRuns.dpo(TestRuns.dpoArguments(run: $0))) }
        guard case .finished(let step) = results[0].outcome else { Issue.record("not finished"); return }
        for name in ["model.safetensors", "optimizer.safetensors", "state.json"] {
            #expect(try TestRuns.checkpointFile(first, step: step, name) == TestRuns.checkpointFile(second, step: step, name), "\(name)")
        }
        let metrics = try [first, second].map { try Data(contentsOf: $0.appendingPathComponent(MetricsLogger.metricsFileName)) }
        #expect(metrics[0] == metrics[1])
        #expect(results[0].report == results[1].report)
        _ = try TestRuns.dpo(TestRuns.dpoArguments(run: other, seed: 6))
        #expect(try Data(contentsOf: other.appendingPathComponent(MetricsLogger.metricsFileName)) != metrics[0])
    }

    @Test func stopAndResumeEqualsAnUninterruptedRun() throws {
        let whole = TestRuns.temporary("whole"), split = TestRuns.temporary("split")
        defer { for url in [whole, split] { try? FileManager.default.removeItem(at: url) } }
        let finished = try #require(try TestRuns.dpo(TestRuns.dpoArguments(run: whole)))
        guard case .finished(let step) = finished.outcome else { Issue.record("not finished"); return }
        // Step 17 is not a multiple of the checkpoint interval: the stop writes its own checkpoint.
        let stopped = try #require(try TestRuns.dpo(TestRuns.dpoArguments(run: split) + ["--stop-after-steps", "17"]))
        #expect(stopped.outcome == .stopped(step: 17))
        let resumed = try #require(try TestRuns.dpo(["--resume", split.path]))
        #expect(resumed.outcome == .finished(step: step))
        for name in ["model.safetensors", "optimizer.safetensors", "state.json"] {
            #expect(try TestRuns.checkpointFile(whole, step: step, name) == TestRuns.checkpointFile(split, step: step, name), "\(name)")
        }
        #expect(try Data(contentsOf: whole.appendingPathComponent(MetricsLogger.metricsFileName))
                == Data(contentsOf: split.appendingPathComponent(MetricsLogger.metricsFileName)))
        #expect(resumed.report == finished.report)
    }

    @Test func generateSamplesFromASavedRun() throws {
        let greedy = try GenerateCommand.parse(["--checkpoint", TestRuns.sftRun.path, "--prompt", "12+34=", "--prompt", "50+21=",
                                                "--temperature", "0"]).completions()
        #expect(greedy.count == 2 && greedy.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }, "\(greedy)")
        let sampled = try GenerateCommand.parse(["--checkpoint", TestRuns.sftRun.appendingPathComponent("policy").path,
                                                 "--prompt", "12+34=", "--count", "4", "--top-k", "3", "--seed", "9"])
        #expect(try sampled.completions() == sampled.completions())
        #expect(try sampled.completions().count == 4)
    }
}

/// The `eval.json` of a finished run, read back.
enum SFTReport {
    static func read(_ run: URL) throws -> (taskAccuracyAfter: Double, preferenceAccuracy: Double)? {
        let members = try JSONValue.parse(String(contentsOf: run.appendingPathComponent("eval.json"), encoding: .utf8)).objectMembers
        guard let task = members?["task_accuracy_after"]?.number, let preference = members?["preference_accuracy"]?.number else { return nil }
        return (task, preference)
    }
}
