import Foundation
import PrismRecipes
import Testing

/// Progress text and when it is shown.
@Suite struct ProgressTests {
    /// Captured output and a settable clock.
    final class Harness: @unchecked Sendable {
        let lock = NSLock()
        var written: [String] = []
        var now = Date(timeIntervalSince1970: 0)

        func output(terminal: Bool) -> ProgressDisplay.Output {
            ProgressDisplay.Output(isTerminal: terminal) { text in
                self.lock.lock()
                self.written.append(text)
                self.lock.unlock()
            }
        }
    }

    @Test func lineFormat() {
        #expect(ProgressFormat.line(step: 2048, total: 100_000, stepsPerSecond: 1830.4, metric: ("return", 0.42131))
                == "step 2048/100000 (2.0%)  1830 SPS  return 0.4213  ETA 54s")
        #expect(ProgressFormat.line(step: 5, total: 5, stepsPerSecond: nil, metric: nil) == "step 5/5 (100.0%)")
        #expect(ProgressFormat.line(step: 3, total: 20, stepsPerSecond: 12.4, metric: nil, label: "recording DoorKey, episode",
                                    rateUnit: "episodes/s", status: "21 steps")
                == "recording DoorKey, episode 3/20 (15.0%)  12 episodes/s  21 steps  ETA 1s")
        #expect(ProgressFormat.duration(59.4) == "59s")
        #expect(ProgressFormat.duration(3725) == "1h02m")
        #expect(ProgressFormat.number(.nan) == "nan")
    }

    @Test func pipedOutputPrintsPlainLinesAtTheInterval() {
        let harness = Harness()
        let display = ProgressDisplay(total: 100, metricName: "return", output: harness.output(terminal: false),
                                      pipedInterval: 10, clock: { harness.now })
        for step in 0...100 {
            harness.now = Date(timeIntervalSince1970: Double(step))
            display.update(step: step, metric: 1)
        }
        display.finish()
        #expect(harness.written.count == 11, "steps 1, 11, …, 91 and the final step")
        #expect(harness.written.allSatisfy { $0.hasSuffix("\n") && !$0.contains("\r") })
        #expect(harness.written.first == "step 1/100 (1.0%)  1 SPS  return 1  ETA 1m39s\n")
        #expect(harness.written.last == "step 100/100 (100.0%)  1 SPS  return 1\n")
    }

    @Test func terminalOutputRedrawsOneLine() {
        let harness = Harness()
        let display = ProgressDisplay(total: 10, output: harness.output(terminal: true), clock: { harness.now })
        for step in 0...10 {
            harness.now = Date(timeIntervalSince1970: Double(step) * 0.5)
            display.update(step: step)
        }
        display.finish()
        #expect(harness.written.count == 11)
        #expect(harness.written.dropLast().allSatisfy { $0.hasPrefix("\r") && $0.hasSuffix("\u{1B}[K") })
        #expect(harness.written.last == "\n")
        #expect(harness.written[0] == "\rstep 1/10 (10.0%)  2 SPS  ETA 5s\u{1B}[K")
    }
}
