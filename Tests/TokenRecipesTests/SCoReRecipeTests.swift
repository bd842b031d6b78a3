import Arithmetic
import Foundation
import PrismJSON
import PrismRecipes
import PrismStorage
import Testing
import TokenRecipes

/// `score` from a tiny SFT run on two-turn lines: it trains both stages, reports the
/// self-correction statistics before and after, and a stopped and resumed run equals an
/// uninterrupted one.
@Suite struct SCoReRecipeTests {
    /// A small SFT run on 300 two-turn conversations (trained once).
    static let base: URL = {
        let directory = TestRuns.temporary("score-base")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let records = ArithmeticDataset(levels: [.add2]).twoTurnRecords(count: 300, errorRate: 0.3, changeCorrect: 0.2, fixWrong: 0.2, seed: 4)
        let lines = records.map { record in
            ConversationExample(messages: [
                ChatMessage(role: "user", content: record.prompt), ChatMessage(role: "assistant", content: record.first),
                ChatMessage(role: "user", content: ArithmeticDataset.selfCorrectionInstruction),
                ChatMessage(role: "assistant", content: record.second),
            ])
        }
        let data = directory.appendingPathComponent("two.jsonl")
        try! ConversationExample.write(lines, to: data)
        let run = directory.appendingPathComponent("sft")
        _ = try! TestRuns.sft(["--data", data.path, "--run-dir", run.path, "--seed", "2", "--set", "model.context_length=80",
                               "--set", "model.width=32", "--set", "model.layers=1", "--set", "train.epochs=3"] + TestRuns.small)
        return run
    }()

    static func arguments(run: URL, seed: Int = 3) -> [String] {
        ["--init", base.path, "--run-dir", run.path, "--seed", String(seed), "--set", "stage1_steps=4", "--set", "stage2_steps=6",
         "--set", "prompts_per_step=4", "--set", "eval.problems=40", "--set", "train.checkpoint_interval=3"]
    }

    static func score(_ arguments: [String]) throws -> SCoReLaunch.Result? {
        var launch = SCoReLaunch(options: try SCoReCommand.parse(arguments).options)
        (launch.progressOutput, launch.log) = (TestRuns.silent, { _ in })
        return try launch.execute()
    }

    @Test func scoreReportsBothTurnsBeforeAndAfter() throws {
        let run = TestRuns.temporary("score-report")
        defer { try? FileManager.default.removeItem(at: run) }
        let report = try #require(try Self.score(Self.arguments(run: run))?.report)
        for statistics in [report.before, report.after] {
            #expect(abs(statistics.delta - (statistics.incorrectToCorrect - statistics.correctToIncorrect)) < 1e-12)
        }
        let json = try #require(try JSONValue.parse(String(contentsOf: run.appendingPathComponent("eval.json"), encoding: .utf8)).objectMembers)
        let keys = ["accuracy_t1", "accuracy_t2", "delta", "delta_i_to_c", "delta_c_to_i", "edit_distance_ratio", "changed_answer_rate"]
        for key in keys {
            #expect(json[key]?.number != nil && json["before"]?.objectMembers?[key]?.number != nil, "\(key)")
        }
        #expect(json["accuracy_t2"]?.number == report.after.accuracySecond)
        let metrics = try String(contentsOf: run.appendingPathComponent(MetricsLogger.metricsFileName), encoding: .utf8)
            .split(separator: "\n").map { try JSONValue.parse(String($0)).objectMembers! }
        #expect(metrics.map { $0["stage"]?.number } == [1, 1, 1, 1, 2, 2, 2, 2, 2, 2])
        for key in ["reward/turn1", "reward/turn2", "kl", "policy_loss", "grad_norm"] { #expect(metrics[0][key]?.number != nil, "\(key)") }
        #expect(FileManager.default.fileExists(atPath: run.appendingPathComponent("policy/model.safetensors").path))
    }

    @Test func stopAndResumeEqualsAnUninterruptedRun() throws {
        let whole = TestRuns.temporary("score-whole"), split = TestRuns.temporary("score-split")
        defer { for url in [whole, split] { try? FileManager.default.removeItem(at: url) } }
        let finished = try #require(try Self.score(Self.arguments(run: whole)))
        #expect(finished.outcome == .finished(step: 10))
        let stopped = try #require(try Self.score(Self.arguments(run: split) + ["--stop-after-steps", "5"]))
        #expect(stopped.outcome == .stopped(step: 5))
        let resumed = try #require(try Self.score(["--resume", split.path]))
        #expect(resumed.outcome == .finished(step: 10))
        for name in ["model.safetensors", "optimizer.safetensors", "state.json"] {
            #expect(try TestRuns.checkpointFile(whole, step: 10, name) == TestRuns.checkpointFile(split, step: 10, name), "\(name)")
        }
        #expect(try Data(contentsOf: whole.appendingPathComponent(MetricsLogger.metricsFileName))
                == Data(contentsOf: split.appendingPathComponent(MetricsLogger.metricsFileName)))
        #expect(resumed.report == finished.report)
    }

    @Test func aBaseWithoutTheChatFormIsRefusedBeforeAnythingIsWritten() throws {
        let run = TestRuns.temporary("score-refused")
        let error = try #require(throws: UserError.self) { try Self.score(["--init", TestRuns.sftRun.path, "--run-dir", run.path]) }
        #expect("\(error)".contains("two-turn chat form"), "\(error)")
        #expect(!FileManager.default.fileExists(atPath: run.path))
    }

    @Test func configErrorsNameTheirKey() throws {
        func error(_ arguments: [String]) -> String {
            do { _ = try SCoReCommand.parse(arguments).options.resolveConfig(SCoReConfig.self); return "" } catch { return "\(error)" }
        }
        #expect(error([]).contains("initialization"))
        #expect(error(["--init", "x", "--set", "samples_per_prompt=1"]).contains("samples_per_prompt"))
        #expect(error(["--init", "x", "--set", "env.levels=[\"Add9\"]"]).contains("env.levels"))
        #expect(error(["--init", "x", "--set", "baseline=ema"]).contains("none, batch_mean, leave_one_out"))
        #expect(error(["--init", "x", "--set", "baseline=none", "--set", "samples_per_prompt=1"]).isEmpty)
    }
}
