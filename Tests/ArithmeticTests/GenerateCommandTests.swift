import Arithmetic
import Foundation
import PrismStorage
import Testing

/// `prism-data generate arithmetic`, run as the built executable next to the test bundle.
@Suite struct ArithmeticGenerateCommandTests {
    /// The `prism-data` executable built with the tests.
    static var tool: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("prism-data")
    }

    /// Runs the tool; returns its exit status, standard output and standard error.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile(), err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("prism-arithmetic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func sftFileHasTheRequestedErrorRateAndIsDeterministic() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.tool.path), "prism-data is built next to the tests")
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = directory.appendingPathComponent("a.jsonl"), second = directory.appendingPathComponent("b.jsonl")
        for url in [first, second] {
            let result = try Self.run(["generate", "arithmetic", "--kind", "sft", "--count", "400", "--error-rate", "0.25",
                                       "--seed", "3", "--out", url.path])
            #expect(result.status == 0, "\(result.error)")
            #expect(result.output.contains("wrote 400 SFT examples") && result.output.contains("wrong answers: 100 of 400"))
        }
        #expect(try Data(contentsOf: first) == Data(contentsOf: second), "the same seed gives the same file")
        let examples = try SFTExample.read(from: first)
        #expect(examples.count == 400)
        let expected = ArithmeticDataset().sftRecords(count: 400, errorRate: 0.25, seed: 3)
        #expect(examples.map(\.prompt) == expected.map(\.prompt) && examples.map(\.completion) == expected.map(\.completion))
        let problems = expected.map(\.problem)
        let wrong = zip(examples, problems).filter { $0.completion != $1.answerText }
        #expect(wrong.count == 100)
        #expect(problems.allSatisfy { !HeldOutRule.isHeldOut($0) })
        let other = directory.appendingPathComponent("c.jsonl")
        _ = try Self.run(["generate", "arithmetic", "--kind", "sft", "--count", "400", "--error-rate", "0.25", "--seed", "4", "--out", other.path])
        #expect(try Data(contentsOf: other) != Data(contentsOf: first))
    }

    @Test func preferenceFilePairsTheCorrectAnswerWithAMistake() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("pairs.jsonl")
        let result = try Self.run(["generate", "arithmetic", "--kind", "preference", "--count", "300", "--seed", "1",
                                   "--level", "Add2Carry", "--out", url.path])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("dropped-carry 300"))
        let pairs = try PreferenceExample.read(from: url)
        #expect(pairs.count == 300)
        for pair in pairs {
            let operands = pair.prompt.dropLast().split(separator: "+").compactMap { Int($0) }
            #expect(operands.count == 2 && pair.chosen == String(operands[0] + operands[1]))
            let problem = ArithmeticProblem(operands[0], .addition, operands[1])
            #expect(pair.rejected == String(ColumnArithmetic.droppedCarryResult(problem)))
            #expect(!HeldOutRule.isHeldOut(problem))
        }
    }

    @Test func twoTurnFileHasTheRequestedChangesInMessagesForm() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("two.jsonl")
        let result = try Self.run(["generate", "arithmetic", "--kind", "two-turn", "--count", "1000", "--seed", "2",
                                   "--level", "Add2", "--out", url.path])
        #expect(result.status == 0, "\(result.error)")
        // Defaults: 300 wrong first attempts, 60 of them fixed, 140 of the 700 right ones broken.
        #expect(result.output.contains("first attempt 0.700, second 0.620; wrong→right 0.060, right→wrong 0.140, Δ -0.080"),
                "\(result.output)")
        let lines = try JSONLFile.objects(at: url)
        #expect(lines.count == 1000)
        // Each line gives two SFT examples, one per assistant message, the second with the first answer as context.
        let examples = try SFTExample.examples(jsonl: lines[0])
        let records = ArithmeticDataset(levels: [.add2]).twoTurnRecords(count: 1000, errorRate: 0.3, changeCorrect: 0.2, fixWrong: 0.2, seed: 2)
        let instruction = ArithmeticDataset.selfCorrectionInstruction
        #expect(examples == [
            SFTExample(prompt: "<|user|>\n\(records[0].prompt)\n", completion: "<|assistant|>\n\(records[0].first)\n"),
            SFTExample(prompt: "<|user|>\n\(records[0].prompt)\n<|assistant|>\n\(records[0].first)\n<|user|>\n\(instruction)\n",
                       completion: "<|assistant|>\n\(records[0].second)\n"),
        ])
        let firsts = ArithmeticDataset(levels: [.add2]).sftRecords(count: 1000, errorRate: 0.3, seed: 2)
        #expect(records.map(\.first) == firsts.map(\.completion), "first attempts are the sft records of the seed")
        #expect(records.filter { $0.first == $0.problem.answerText && $0.second != $0.first }.count == 140)
        #expect(records.filter { $0.first != $0.problem.answerText && $0.second == $0.problem.answerText }.count == 60)
        let misuse = try Self.run(["generate", "arithmetic", "--kind", "sft", "--count", "5", "--fix-wrong", "0.5",
                                   "--out", directory.appendingPathComponent("x.jsonl").path])
        #expect(misuse.status != 0 && misuse.error.contains("--fix-wrong apply to --kind two-turn only"))
    }

    @Test func existingFileIsRefusedUnlessForced() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("taken.jsonl")
        try Data("keep me\n".utf8).write(to: url)
        let refused = try Self.run(["generate", "arithmetic", "--kind", "sft", "--count", "5", "--out", url.path])
        #expect(refused.status != 0)
        #expect(refused.error.contains("\(url.path) already exists; refusing to overwrite it (pass --force"))
        #expect(try String(contentsOf: url, encoding: .utf8) == "keep me\n")
        let forced = try Self.run(["generate", "arithmetic", "--kind", "sft", "--count", "5", "--out", url.path, "--force"])
        #expect(forced.status == 0, "\(forced.error)")
        #expect(try SFTExample.read(from: url).count == 5)
    }

    @Test func badOptionsFailWithoutWriting() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("never.jsonl")
        for (arguments, message) in [
            (["--kind", "sft", "--count", "5", "--error-rate", "1.5"], "--error-rate must lie in 0...1"),
            (["--kind", "preference", "--count", "5", "--error-rate", "0.2"], "--error-rate applies to --kind sft and two-turn only"),
            (["--kind", "sft", "--count", "0"], "--count must be at least 1"),
            (["--kind", "sft", "--count", "5", "--level", "Add9"], "--level 'Add9' is not a level"),
        ] {
            let result = try Self.run(["generate", "arithmetic"] + arguments + ["--out", url.path])
            #expect(result.status != 0 && result.error.contains(message), "\(arguments): \(result.error)")
        }
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }
}
