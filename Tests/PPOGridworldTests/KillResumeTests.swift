import Foundation
import Gridworld
@testable import PPORecipe
import PrismRecipes
import Testing

/// Resume equivalence after SIGKILL: a child process (this test binary, running only
/// ``childTrainsUntilKilled()``) trains and stops right after its second checkpoint; the parent
/// kills it with SIGKILL there, resumes the run in this process and compares it with an
/// uninterrupted run: the final checkpoint files and `metrics.jsonl` are byte-identical.
@Suite struct PPOGridworldKillResumeTests {
    static let childVariable = "PPO_GRIDWORLD_KILL_CHILD"
    static let marker = "PPO-CHECKPOINT "
    static let arguments = PPOTrainingTests.small + ["--seed", "6", "--total-steps", "6144", "--set", "checkpoint_interval=4"]

    @Test(.enabled(if: ProcessInfo.processInfo.environment[childVariable] != nil))
    func childTrainsUntilKilled() throws {
        guard let path = ProcessInfo.processInfo.environment[Self.childVariable] else { return }
        let (setup, options) = try RecipeRunner.setup(Self.arguments + ["--run-dir", path])
        var training = PPOTraining<GridworldEnvironment>(setup: setup, stopAfterSteps: options.stopAfterSteps,
                                            progressOutput: .init(isTerminal: false) { _ in }, log: { _ in })
        training.onCheckpoint = { checkpoint in
            FileHandle.standardOutput.write(Data("\(Self.marker)\(checkpoint.step)\n".utf8))
            if checkpoint.step >= 2048 { while true { sleep(1) } }
        }
        _ = try training.run()
    }

    @Test func aRunKilledAfterACheckpointResumesToTheSameBytes() throws {
        let whole = RecipeRunner.temporaryRun("kill-whole"), killed = RecipeRunner.temporaryRun("kill-child")
        defer { for url in [whole, killed] { try? FileManager.default.removeItem(at: url) } }
        try RecipeRunner.train(Self.arguments + ["--run-dir", whole.path])

        let child = Process()
        child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        child.arguments = ["--testing-library", "swift-testing", "--filter", "childTrainsUntilKilled"]
        child.environment = ProcessInfo.processInfo.environment.merging([Self.childVariable: killed.path]) { $1 }
        let output = Pipe()
        child.standardOutput = output
        child.standardError = FileHandle.nullDevice
        try child.run()
        var text = ""
        while !text.contains("\(Self.marker)2048\n") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        try? output.fileHandleForReading.close()
        #expect(child.terminationReason == .uncaughtSignal)
        #expect(text.contains("\(Self.marker)1024\n") && text.contains("\(Self.marker)2048\n"), "child said: \(text)")
        #expect(CheckpointStore(runDirectory: killed).latest()?.step == 2048)

        #expect(try RecipeRunner.train(["--resume", killed.path]).outcome == .finished(step: 6144))
        for name in ["model.safetensors", "optimizer.safetensors", "state.json"] {
            #expect(try RecipeRunner.checkpointFile(whole, step: 6144, name) == RecipeRunner.checkpointFile(killed, step: 6144, name), "\(name)")
        }
        #expect(try Data(contentsOf: whole.appendingPathComponent("metrics.jsonl")) == Data(contentsOf: killed.appendingPathComponent("metrics.jsonl")))
    }
}
