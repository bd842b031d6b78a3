import Foundation
import PrismStorage
import Testing
import TokenRecipes

/// Malformed datasets stop a recipe before it writes anything, naming file, line and field.
@Suite struct TokenRecipeDataErrorTests {
    func failure(_ lines: [String], recipe: ([String]) throws -> Void) throws -> (message: String, runExists: Bool) {
        let directory = TestRuns.temporary("bad")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("bad.jsonl")
        try Data(lines.joined(separator: "\n").utf8).write(to: file)
        let run = directory.appendingPathComponent("run")
        let error = try #require(throws: (any Error).self) { try recipe(["--data", file.path, "--run-dir", run.path]) }
        return ("\(error)", FileManager.default.fileExists(atPath: run.path))
    }

    @Test func aMissingFieldIsNamedWithItsLine() throws {
        let (message, runExists) = try failure([#"{"prompt": "1+2=", "chosen": "3", "rejected": "4"}"#, #"{"prompt": "2+2=", "chosen": "4"}"#]) {
            _ = try TestRuns.orpo($0)
        }
        #expect(message.hasSuffix("bad.jsonl:2: field 'rejected': missing field"), "\(message)")
        #expect(!runExists)
    }

    @Test func badJSONAndEmptyCompletionsAreNamed() throws {
        let bad = try failure([#"{"prompt": "1+2=", "completion": "3"}"#, #"{"prompt": "1+2=", "completion": }"#]) { _ = try TestRuns.sft($0) }
        #expect(bad.message.contains("bad.jsonl:2: bad JSON"), "\(bad.message)")
        let empty = try failure([#"{"prompt": "1+2=", "completion": " "}"#]) { _ = try TestRuns.sft($0) }
        #expect(empty.message.contains("bad.jsonl:1: field 'completion': must not be empty"), "\(empty.message)")
        #expect(!bad.runExists && !empty.runExists)
    }

    @Test func aCharacterOutsideTheStartingPolicysVocabularyIsNamed() throws {
        let (message, runExists) = try failure([#"{"prompt": "1+2=", "chosen": "3", "rejected": "4"}"#, #"{"prompt": "2+2=", "chosen": "4", "rejected": "€"}"#]) {
            _ = try TestRuns.dpo($0 + ["--init", TestRuns.sftRun.path])
        }
        #expect(message.contains("bad.jsonl:2: field 'rejected'"), "\(message)")
        #expect(!runExists)
    }
}
