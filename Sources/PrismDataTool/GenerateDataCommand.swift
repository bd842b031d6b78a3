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
        /// `{"messages"}` lines: problem, first answer, the self-correction instruction, second answer.
        case twoTurn = "two-turn"
    }

    /// The defaults of `--kind two-turn`: 30 % wrong first attempts; 20 % of the correct ones
    /// changed to a wrong answer and 20 % of the wrong ones fixed, so the data's Δ(t1, t2) is
    /// 0.3·0.2 − 0.7·0.2 = −0.08, a base model that self-corrects badly (SCoRe's MATH base: −11.2 points).
    static let twoTurnDefaults = (errorRate: 0.3, changeCorrect: 0.2, fixWrong: 0.2)

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
            rejected. With --kind two-turn, each line is a conversation in TRL's messages form: \
            the problem, a first answer (wrong for round(R·N) lines; default R = 0.3), the \
            instruction "\(ArithmeticDataset.selfCorrectionInstruction)" and a second answer that \
            repeats the first except for round(P·correct) correct first answers changed to a wrong one \
            (--change-correct P, default 0.2) and round(Q·wrong) wrong ones fixed (--fix-wrong Q, \
            default 0.2): the data's Δ(t1,t2) = 0.3·0.2 − 0.7·0.2 = −0.08 by default. The same seed \
            gives the same file. Levels: \
            \(ArithmeticLevel.all.map(\.name).joined(separator: ", ")) (default: \
            \(ArithmeticLevel.mixed.map(\.name).joined(separator: ", "))).
            """)

    @Option(help: "sft, preference or two-turn.")
    var kind: Kind

    @Option(help: "The number of lines to write.")
    var count: Int

    @Option(help: "The fraction of SFT examples (or first attempts) with a systematic wrong answer (0...1; default 0, 0.3 for two-turn).")
    var errorRate: Double?

    @Option(help: "two-turn: the fraction of correct first attempts changed to a wrong answer (default 0.2).")
    var changeCorrect: Double?

    @Option(help: "two-turn: the fraction of wrong first attempts fixed at the second (default 0.2).")
    var fixWrong: Double?

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
        for (flag, value) in [("--error-rate", errorRate), ("--change-correct", changeCorrect), ("--fix-wrong", fixWrong)] {
            if let value, !(value.isFinite && (0...1).contains(value)) { throw ValidationError("\(flag) must lie in 0...1, got \(value)") }
        }
        if kind == .preference, let errorRate, errorRate != 0 {
            throw ValidationError("--error-rate applies to --kind sft and two-turn only; every preference pair already rejects a wrong answer")
        }
        if kind != .twoTurn && (changeCorrect != nil || fixWrong != nil) {
            throw ValidationError("--change-correct and --fix-wrong apply to --kind two-turn only")
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
                let records = dataset.sftRecords(count: count, errorRate: errorRate ?? 0, seed: seed, progress: report)
                try SFTExample.write(records.map { SFTExample(prompt: $0.prompt, completion: $0.completion) }, to: url, overwrite: force)
                mistakes = records.map(\.error)
            case .preference:
                let records = dataset.preferenceRecords(count: count, seed: seed, progress: report)
                let examples = records.map { PreferenceExample(prompt: $0.prompt, chosen: $0.chosen, rejected: $0.rejected) }
                try PreferenceExample.write(examples, to: url, overwrite: force)
                mistakes = records.map(\.error)
            case .twoTurn:
                let defaults = Self.twoTurnDefaults
                let records = dataset.twoTurnRecords(count: count, errorRate: errorRate ?? defaults.errorRate,
                                                     changeCorrect: changeCorrect ?? defaults.changeCorrect,
                                                     fixWrong: fixWrong ?? defaults.fixWrong, seed: seed, progress: report)
                try ConversationExample.write(records.map(Self.conversation), to: url, overwrite: force)
                print(twoTurnSummary(records, levels: levels))
                return
            }
        } catch {
            throw UserError("\(error)")
        }
        print(summary(mistakes: mistakes, levels: levels))
    }

    /// The messages of a two-attempt record.
    static func conversation(_ record: ArithmeticTwoTurnRecord) -> ConversationExample {
        ConversationExample(messages: [
            ChatMessage(role: "user", content: record.prompt), ChatMessage(role: "assistant", content: record.first),
            ChatMessage(role: "user", content: ArithmeticDataset.selfCorrectionInstruction),
            ChatMessage(role: "assistant", content: record.second),
        ])
    }

    /// What a two-turn file holds: accuracy of each attempt and the changes between them.
    private func twoTurnSummary(_ records: [ArithmeticTwoTurnRecord], levels: [ArithmeticLevel]) -> String {
        let right1 = records.filter { $0.first == $0.problem.answerText }.count
        let right2 = records.filter { $0.second == $0.problem.answerText }.count
        let fixed = records.filter { $0.first != $0.problem.answerText && $0.second == $0.problem.answerText }.count
        let broken = records.filter { $0.first == $0.problem.answerText && $0.second != $0.problem.answerText }.count
        func f(_ n: Int) -> String { String(format: "%.3f", Double(n) / Double(count)) }
        return """
            wrote \(count) two-turn conversations to \(out) (seed \(seed))
              levels: \(levels.map(\.name).joined(separator: ", ")); held-out problems excluded
              accuracy: first attempt \(f(right1)), second \(f(right2)); wrong→right \(f(fixed)), right→wrong \(f(broken)), Δ \(f(right2 - right1))
            """
    }

    /// What an SFT or preference file holds: counts, the realised error fraction and the mistakes
    /// behind the wrong answers.
    private func summary(mistakes: [SystematicError?], levels: [ArithmeticLevel]) -> String {
        let wrong = mistakes.compactMap { $0 }
        let byKind = SystematicError.allCases.map { kind in "\(kind.rawValue) \(wrong.filter { $0 == kind }.count)" }
            .joined(separator: ", ")
        var lines = ["wrote \(count) \(kind == .sft ? "SFT examples" : "preference pairs") to \(out) (seed \(seed))"]
        lines.append("  levels: \(levels.map(\.name).joined(separator: ", ")); held-out problems excluded "
                     + "(\(Int(HeldOutRule.fraction * 100)) % of all problems by the FNV-1a + fmix64 hash of the canonical problem)")
        if kind == .sft {
            let errorRate = errorRate ?? 0
            let fraction = String(format: "%.4f", Double(wrong.count) / Double(count))
            lines.append("  wrong answers: \(wrong.count) of \(count) (fraction \(fraction), requested \(errorRate)): \(byKind)")
        } else {
            lines.append("  rejected answers by mistake: \(byKind)")
        }
        return lines.joined(separator: "\n")
    }
}
