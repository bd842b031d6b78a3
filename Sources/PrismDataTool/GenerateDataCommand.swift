import Arithmetic
import ArgumentParser
import Foundation
import PrismRecipes
import PrismStorage

/// `prism-data generate`: writes training datasets generated from a task.
struct GenerateDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a JSONL training dataset from a task.",
        subcommands: [GenerateArithmeticCommand.self])
}

/// `prism-data generate arithmetic`: SFT or preference JSONL from the Arithmetic task.
struct GenerateArithmeticCommand: ParsableCommand {
    /// What the lines hold.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        /// `{"prompt", "completion"}` lines, a fraction of them with a systematic wrong answer.
        case sft
        /// `{"prompt", "chosen", "rejected"}` lines: the correct answer chosen, a wrong one rejected.
        case preference
    }

    static let configuration = CommandConfiguration(
        commandName: "arithmetic",
        abstract: "Write SFT examples or preference pairs of arithmetic problems as JSONL (TRL's field names).",
        discussion: """
            Problems come only from the training side of the fixed held-out split (10 % of all \
            problems, chosen by an FNV-1a hash of the canonical problem), so evaluation on \
            held-out problems never sees them. With --kind sft, exactly round(R·N) examples, \
            chosen at random, carry a systematic wrong answer: the dropped-carry answer when \
            the problem has a carry (37+45= → 72), otherwise an off-by-one digit or two swapped \
            digits. With --kind preference, the correct answer is chosen and such a wrong answer \
            rejected. The same seed gives the same file. Levels: \
            \(ArithmeticLevel.all.map(\.name).joined(separator: ", ")) (default: \
            \(ArithmeticLevel.mixed.map(\.name).joined(separator: ", "))).
            """)

    @Option(help: "sft or preference.")
    var kind: Kind

    @Option(help: "The number of lines to write.")
    var count: Int

    @Option(help: "The fraction of SFT examples with a systematic wrong answer (0...1; --kind sft only).")
    var errorRate: Double = 0

    @Option(help: "The seed of the problems and mistakes.")
    var seed: UInt64 = 0

    @Option(help: "The JSONL file to write; an existing file is refused unless --force.")
    var out: String

    @Option(parsing: .upToNextOption, help: "Levels to draw problems from, uniformly (repeatable).")
    var level: [String] = []

    @Flag(help: "Replace an existing --out file.")
    var force = false

    func validate() throws {
        guard count >= 1 else { throw ValidationError("--count must be at least 1, got \(count)") }
        guard errorRate.isFinite, (0...1).contains(errorRate) else {
            throw ValidationError("--error-rate must lie in 0...1, got \(errorRate)")
        }
        if kind == .preference && errorRate != 0 {
            throw ValidationError("--error-rate applies to --kind sft only; every preference pair already rejects a wrong answer")
        }
        for name in level where ArithmeticLevel.named(name) == nil {
            throw ValidationError("--level '\(name)' is not a level; levels: \(ArithmeticLevel.all.map(\.name).joined(separator: ", "))")
        }
    }

    func run() throws {
        let levels = level.isEmpty ? ArithmeticLevel.mixed : level.compactMap(ArithmeticLevel.named)
        let url = URL(fileURLWithPath: out)
        if !force && FileManager.default.fileExists(atPath: url.path) {
            throw UserError("\(out) already exists; refusing to overwrite it (pass --force to replace it)")
        }
        let dataset = ArithmeticDataset(levels: levels)
        let progress = count >= 10_000 ? ProgressDisplay(total: count, label: "generating \(kind.rawValue) lines", rateUnit: "lines/s") : nil
        defer { progress?.finish() }
        progress?.update(step: 0)
        let step = max(1, count / 100)
        let report: (Int) -> Void = { done in
            if done % step == 0 || done == count { progress?.update(step: done) }
        }
        let mistakes: [SystematicError?]
        do {
            switch kind {
            case .sft:
                let records = dataset.sftRecords(count: count, errorRate: errorRate, seed: seed, progress: report)
                try SFTExample.write(records.map { SFTExample(prompt: $0.prompt, completion: $0.completion) }, to: url, overwrite: force)
                mistakes = records.map(\.error)
            case .preference:
                let records = dataset.preferenceRecords(count: count, seed: seed, progress: report)
                let examples = records.map { PreferenceExample(prompt: $0.prompt, chosen: $0.chosen, rejected: $0.rejected) }
                try PreferenceExample.write(examples, to: url, overwrite: force)
                mistakes = records.map(\.error)
            }
        } catch {
            throw UserError("\(error)")
        }
        print(summary(mistakes: mistakes, levels: levels))
    }

    /// What was written: counts, the realised error fraction and the mistakes behind the wrong answers.
    private func summary(mistakes: [SystematicError?], levels: [ArithmeticLevel]) -> String {
        let wrong = mistakes.compactMap { $0 }
        let byKind = SystematicError.allCases.map { kind in "\(kind.rawValue) \(wrong.filter { $0 == kind }.count)" }
            .joined(separator: ", ")
        var lines = ["wrote \(count) \(kind == .sft ? "SFT examples" : "preference pairs") to \(out) (seed \(seed))"]
        lines.append("  levels: \(levels.map(\.name).joined(separator: ", ")); held-out problems excluded "
                     + "(\(Int(HeldOutRule.fraction * 100)) % of all problems by the FNV-1a + fmix64 hash of the canonical problem)")
        switch kind {
        case .sft:
            let fraction = String(format: "%.4f", Double(wrong.count) / Double(count))
            lines.append("  wrong answers: \(wrong.count) of \(count) (fraction \(fraction), requested \(errorRate)): \(byKind)")
        case .preference:
            lines.append("  rejected answers by mistake: \(byKind)")
        }
        return lines.joined(separator: "\n")
    }
}
