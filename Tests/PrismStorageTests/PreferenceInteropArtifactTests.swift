import Foundation
import PrismStorage
import Testing

/// Writes a preference file for `Tests/Interop/check_preferences.py`, which reads it with h5py:
/// `preferences.h5` plus `preferences.pairs.json` in `$PRISM_INTEROP_DIR` (or a temporary
/// directory, where only the Swift round trip is checked).
@Suite struct PreferenceInteropArtifactTests {
    @Test func preferenceFileForPython() throws {
        let directory = ProcessInfo.processInfo.environment["PRISM_INTEROP_DIR"].map(URL.init(fileURLWithPath:))
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("prism-preferences-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent("preferences.h5")
        try? FileManager.default.removeItem(at: url)
        let pairs = [
            PreferencePair(prompt: "37+45=", chosen: "82", rejected: "72", source: "arithmetic/dropped-carry",
                           chosenScore: 1, rejectedScore: 0, seed: 7),
            PreferencePair(prompt: "Capital of Norway?\n", chosen: "Oslo — \"the capital\"", rejected: "Bergen",
                           source: "tooluse/lookup", chosenScore: 0.75, rejectedScore: -0.25, seed: 8),
        ]
        let file = try PreferenceFile(url: url, mode: .append)
        try file.append(contentsOf: pairs)
        try file.close()
        #expect(try PreferenceFile(url: url, mode: .read).pairs() == pairs)
        let expected = pairs.map {
            ["prompt": $0.prompt, "chosen": $0.chosen, "rejected": $0.rejected, "source": $0.source,
             "chosen_score": $0.chosenScore, "rejected_score": $0.rejectedScore, "seed": $0.seed] as [String: Any]
        }
        let data = try JSONSerialization.data(withJSONObject: ["pairs": expected], options: [.sortedKeys])
        try data.write(to: directory.appendingPathComponent("preferences.pairs.json"))
    }
}
