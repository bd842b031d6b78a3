import Foundation
import Testing

/// The recipes' outputs for a fixed seed, byte for byte: a standard and a polychromic DoorKey PPO run, an SFT run
/// and a DPO and a Monte-Carlo OTR run from it, each run as a child process of the built executables with the OpenBLAS
/// kernel fixed, compared with the files in `Goldens/`.
///
/// A change that alters these bytes on purpose (another summation order, a new metric) rewrites
/// the goldens in the same commit with `PRISM_UPDATE_GOLDENS=1 make test` and says in the commit
/// message which outputs changed and by how much.
@Suite(.serialized) struct GoldenRunTests {
    @Test func ppoGridworldRunMatchesItsGolden() throws {
        let work = try GoldenWorkspace("ppo")
        defer { work.remove() }
        try work.run("ppo-gridworld", ["--seed", "3", "--total-steps", "8192", "--set", "checkpoint_interval=4",
                                       "--set", "eval.seeds=8", "--set", "eval.samples=4", "--run-dir", "ppo-gridworld"])
        try work.compare(run: "ppo-gridworld", checkpoint: 8192, files: ["report.md"])
    }

    @Test func polychromicPPORunMatchesItsGolden() throws {
        let work = try GoldenWorkspace("polychromic")
        defer { work.remove() }
        try work.run("ppo-gridworld", ["--seed", "5", "--objective", "polychromic", "--total-steps", "4096",
                                       "--set", "eval.seeds=4", "--set", "eval.samples=4", "--run-dir", "ppo-polychromic"])
        try work.compare(run: "ppo-polychromic", checkpoint: 4096, files: ["report.md"])
    }

    @Test func sftThenDPOAndOTRRunsMatchTheirGoldens() throws {
        let work = try GoldenWorkspace("token")
        defer { work.remove() }
        try work.run("prism-data", ["generate", "arithmetic", "--kind", "sft", "--count", "300", "--error-rate", "0.3",
                                    "--seed", "1", "--level", "Add2", "--out", "sft.jsonl"])
        try work.run("prism-data", ["generate", "arithmetic", "--kind", "preference", "--count", "200", "--seed", "2",
                                    "--level", "Add2", "--out", "pref.jsonl"])
        try work.run("sft", ["--data", "sft.jsonl", "--seed", "3", "--set", "model.width=32", "--set", "model.heads=2",
                             "--set", "model.layers=1", "--set", "train.epochs=4", "--set", "eval.problems=50",
                             "--set", "train.checkpoint_interval=20", "--run-dir", "sft"])
        try work.compare(run: "sft", checkpoint: 40, files: ["report.md", "policy/policy.json", "policy/tokenizer.json"],
                         digests: ["policy/model.safetensors"])
        try work.run("dpo", ["--init", "sft", "--data", "pref.jsonl", "--seed", "4", "--set", "train.epochs=1",
                             "--set", "eval.problems=50", "--set", "train.checkpoint_interval=4", "--run-dir", "dpo"])
        try work.compare(run: "dpo", checkpoint: 13, files: ["report.md"], digests: ["policy/model.safetensors"])
        try work.run("otr", ["--init", "sft", "--data", "sft.jsonl", "--seed", "5", "--set", "train.epochs=1",
                             "--set", "otr.mode=monte_carlo", "--set", "otr.samples=32", "--set", "otr.temperature=2",
                             "--set", "otr.beta=-0.05", "--set", "eval.problems=50", "--set", "train.checkpoint_interval=5",
                             "--run-dir", "otr"])
        try work.compare(run: "otr", checkpoint: 10, files: ["report.md"], digests: ["policy/model.safetensors"])
    }
}
