import Arithmetic
import Foundation
import PrismRecipes
import PrismStorage
import TokenRecipes

/// Tiny seeded datasets and runs of the token recipes, in fresh temporary directories.
enum TestRuns {
    /// A new path in the temporary directory (not created).
    static func temporary(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("token-recipes-tests-\(getpid())-\(name)-\(UUID().uuidString.prefix(8))")
    }

    /// A directory holding the tiny Add2 datasets: `sft.jsonl` (30 % systematic errors) and `pref.jsonl`.
    static let data: URL = {
        let directory = temporary("data")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let dataset = ArithmeticDataset(levels: [.add2])
        let sft = dataset.sftRecords(count: 1200, errorRate: 0.3, seed: 11).map { SFTExample(prompt: $0.prompt, completion: $0.completion) }
        try! SFTExample.write(sft, to: directory.appendingPathComponent("sft.jsonl"))
        let pairs = dataset.preferenceRecords(count: 400, seed: 12).map {
            PreferenceExample(prompt: $0.prompt, chosen: $0.chosen, rejected: $0.rejected)
        }
        try! PreferenceExample.write(pairs, to: directory.appendingPathComponent("pref.jsonl"))
        return directory
    }()

    /// Settings that keep every run to a few seconds.
    static let small = ["--set", "eval.problems=100", "--set", "train.checkpoint_interval=10"]

    /// The SFT run every DPO test starts from (trained once).
    static let sftRun: URL = {
        let run = temporary("sft")
        _ = try! sft(["--data", data.appendingPathComponent("sft.jsonl").path, "--run-dir", run.path, "--seed", "3",
                      "--set", "train.epochs=20"] + small)
        return run
    }()

    /// The `dpo` arguments from ``sftRun`` on the tiny pairs.
    static func dpoArguments(run: URL, seed: Int = 5) -> [String] {
        ["--init", sftRun.path, "--data", data.appendingPathComponent("pref.jsonl").path, "--run-dir", run.path,
         "--seed", String(seed)] + small
    }

    static let silent = ProgressDisplay.Output(isTerminal: false) { _ in }

    /// Runs `sft` with `arguments`, silently.
    static func sft(_ arguments: [String]) throws -> TokenRecipeLaunch<SFTConfig>.Result? {
        var launch = try SFTCommand.parse(arguments).launch
        (launch.progressOutput, launch.log) = (silent, { _ in })
        return try launch.execute()
    }

    /// The `otr` arguments from ``sftRun`` on the tiny SFT lines, Monte-Carlo with 16 draws, Add2 and Sub2 evaluated.
    static func otrArguments(run: URL, seed: Int = 5) -> [String] {
        ["--init", sftRun.path, "--data", data.appendingPathComponent("sft.jsonl").path, "--run-dir", run.path,
         "--seed", String(seed), "--set", "train.epochs=1", "--set", "otr.mode=monte_carlo", "--set", "otr.samples=16",
         "--set", "otr.temperature=2", "--set", "otr.beta=-0.05", "--set", "eval.levels=[\"Add2\",\"Sub2\"]"] + small
    }

    /// Runs `otr` with `arguments`, silently.
    static func otr(_ arguments: [String]) throws -> TokenRecipeLaunch<OTRConfig>.Result? {
        var launch = try OTRCommand.parse(arguments).launch
        (launch.progressOutput, launch.log) = (silent, { _ in })
        return try launch.execute()
    }

    /// Runs `dpo` with `arguments`, silently.
    static func dpo(_ arguments: [String]) throws -> TokenRecipeLaunch<DPOConfig>.Result? {
        var launch = try DPOCommand.parse(arguments).launch
        (launch.progressOutput, launch.log) = (silent, { _ in })
        return try launch.execute()
    }

    /// Runs `orpo` with `arguments`, silently.
    static func orpo(_ arguments: [String]) throws -> TokenRecipeLaunch<ORPOConfig>.Result? {
        var launch = try ORPOCommand.parse(arguments).launch
        (launch.progressOutput, launch.log) = (silent, { _ in })
        return try launch.execute()
    }

    /// The bytes of `name` in the checkpoint at `step` of `run`.
    static func checkpointFile(_ run: URL, step: Int, _ name: String) throws -> Data {
        try Data(contentsOf: run.appendingPathComponent("checkpoints/step-\(step)/\(name)"))
    }
}
