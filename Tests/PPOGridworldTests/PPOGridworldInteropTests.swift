import Foundation
@testable import PPORecipe
import Testing

/// Writes a short `ppo-gridworld` run for the Python interop check (`make interop`):
/// `$PRISM_INTEROP_DIR/ppo-gridworld/run/` (metrics.jsonl and the TensorBoard event file), which
/// `Tests/Interop/check_tensorboard_recipe.py` reads with TensorBoard's `EventAccumulator`.
/// Without the variable the run goes to a temporary directory and is only self-checked here.
@Suite struct PPOGridworldInteropTests {
    static var directory: URL {
        if let path = ProcessInfo.processInfo.environment["PRISM_INTEROP_DIR"] {
            return URL(fileURLWithPath: path).appendingPathComponent("ppo-gridworld")
        }
        return FileManager.default.temporaryDirectory.appendingPathComponent("prism-interop-ppo-gridworld-\(getpid())")
    }

    @Test func recipeRunForTensorBoard() throws {
        let root = Self.directory
        try? FileManager.default.removeItem(at: root)
        let run = root.appendingPathComponent("run")
        try RecipeRunner.train(["--seed", "7", "--env", "Gridworld/Empty-5x5-v0", "--total-steps", "4096",
                                "--set", "num_steps=32", "--run-dir", run.path])
        let events = try FileManager.default.contentsOfDirectory(atPath: run.path).filter { $0.hasPrefix("events.out.tfevents.") }
        #expect(events.count == 1)
        let metrics = try String(contentsOf: run.appendingPathComponent("metrics.jsonl"), encoding: .utf8)
        #expect(metrics.contains("\"charts/episodic_return\""))
        if ProcessInfo.processInfo.environment["PRISM_INTEROP_DIR"] == nil { try? FileManager.default.removeItem(at: root) }
    }
}
