import Foundation
import PrismStorage
import Testing

/// JSONL datasets in TRL's field names: every form read with exact values, every malformed line
/// named by file, line and field, and files never modified by reading or overwritten by writing.
@Suite struct JSONLDatasetTests {
    /// Writes `text` to a fresh file in `directory` and returns its URL.
    static func file(_ text: String, in directory: TemporaryDirectory, name: String = "data.jsonl") throws -> URL {
        let url = directory.url.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    /// The error reading `text` as `Record` lines gives.
    static func failure<Record: JSONLRecord>(_ type: Record.Type, _ text: String) throws -> JSONLError? {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let url = try file(text, in: directory)
        do {
            _ = try Record.read(from: url)
            return nil
        } catch {
            #expect(error.file == url.path)
            return error
        }
    }

    @Test func preferenceStandardConversationalAndImplicitForms() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let url = try Self.file("""
            {"prompt": "37+45=", "chosen": "82", "rejected": "72", "score": 1}

            {"prompt": [{"role": "user", "content": "37+45="}], "chosen": [{"role": "assistant", "content": "82"}], "rejected": [{"role": "assistant", "content": "72"}]}\r
            {"chosen": "The sky is blue", "rejected": "The sky is green"}
            {"chosen": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"}], "rejected": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Go away"}]}
            {"prompt": "", "chosen": "a\\nb \\u00e9\\"", "rejected": "c"}
            """, in: directory)
        let before = try Data(contentsOf: url)
        let examples = try PreferenceExample.read(from: url)
        #expect(try Data(contentsOf: url) == before, "reading never modifies the file")
        #expect(examples == [
            PreferenceExample(prompt: "37+45=", chosen: "82", rejected: "72"),
            PreferenceExample(prompt: "<|user|>\n37+45=\n", chosen: "<|assistant|>\n82\n", rejected: "<|assistant|>\n72\n"),
            PreferenceExample(prompt: "The sky is", chosen: " blue", rejected: " green"),
            PreferenceExample(prompt: "<|user|>\nHi\n", chosen: "<|assistant|>\nHello!\n", rejected: "<|assistant|>\nGo away\n"),
            PreferenceExample(prompt: "", chosen: "a\nb é\"", rejected: "c"),
        ])
    }

    @Test func sftPromptCompletionMessagesAndTextForms() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let url = try Self.file("""
            {"prompt": "37+45=", "completion": "82"}
            {"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "7*8="}, {"role": "assistant", "content": "56"}]}
            {"text": "12+5=17"}
            {"completion": "x", "prompt": "", "text": "ignored"}
            """, in: directory)
        #expect(try SFTExample.read(from: url) == [
            SFTExample(prompt: "37+45=", completion: "82"),
            SFTExample(prompt: "<|system|>\nBe brief.\n<|user|>\n7*8=\n", completion: "<|assistant|>\n56\n"),
            SFTExample(prompt: "", completion: "12+5=17"),
            SFTExample(prompt: "", completion: "x"),
        ])
    }

    @Test(arguments: [
        ("{\"prompt\": \"a\", \"chosen\": \"b\", \"rejected\": \"c\"}\n{\"prompt\": \"a\", \"chosen\": ", 2, nil, "bad JSON"),
        ("[1, 2]", 1, nil, "expected a JSON object, got an array"),
        ("{\"prompt\": \"a\", \"rejected\": \"c\"}", 1, "chosen", "missing field"),
        ("{\"prompt\": \"a\", \"chosen\": \"b\"}", 1, "rejected", "missing field"),
        ("{\"prompt\": \"a\", \"chosen\": 3, \"rejected\": \"c\"}", 1, "chosen", "expected a string or a list of messages, got a number"),
        ("{\"prompt\": \"a\", \"chosen\": \"b\", \"rejected\": null}", 1, "rejected", "expected a string, got null"),
        ("{\"prompt\": 5, \"chosen\": \"b\", \"rejected\": \"c\"}", 1, "prompt", "expected a string, got a number"),
        ("{\"prompt\": \"a\", \"chosen\": \"  \", \"rejected\": \"c\"}", 1, "chosen", "must not be empty"),
        ("{\"prompt\": \"a\", \"chosen\": \"b\", \"rejected\": \"\"}", 1, "rejected", "must not be empty"),
        ("{\"prompt\": \"a\", \"chosen\": \"b\", \"rejected\": \"b\"}", 1, "rejected", "identical to 'chosen'"),
        ("{\"chosen\": \"blue\", \"rejected\": \"green\"}", 1, "prompt", "share no prefix"),
        ("{\"chosen\": \"The sky\", \"rejected\": \"The sky is\"}", 1, "chosen", "empty once the prompt"),
        ("{\"prompt\": [], \"chosen\": [{\"role\": \"assistant\"}], \"rejected\": []}", 1, "chosen[0].content", "missing field"),
        ("{\"prompt\": [], \"chosen\": [{\"role\": \"robot\", \"content\": \"x\"}], \"rejected\": []}", 1, "chosen[0].role", "unknown role 'robot'"),
        ("{\"prompt\": [], \"chosen\": [{\"role\": \"assistant\", \"content\": \"x\"}], \"rejected\": \"y\"}", 1, "rejected", "expected a list of messages, got a string"),
        ("{\"prompt\": [], \"chosen\": [{\"role\": \"assistant\", \"content\": \"x\"}], \"rejected\": [7]}", 1, "rejected[0]", "expected a message object"),
        ("{\"prompt\": [], \"chosen\": [{\"role\": \"assistant\", \"content\": \"\"}], \"rejected\": [{\"role\": \"assistant\", \"content\": \"y\"}]}", 1, "chosen", "must not be empty"),
    ] as [(String, Int, String?, String)])
    func malformedPreferenceLinesNameFileLineAndField(text: String, line: Int, field: String?, reason: String) throws {
        let error = try #require(try Self.failure(PreferenceExample.self, "\n" + text), "\(text)")
        #expect(error.line == line + 1 && error.field == field && error.reason.contains(reason), "\(error)")
        #expect("\(error)".hasPrefix("\(error.file):\(line + 1): " + (field.map { "field '\($0)': " } ?? "")))
    }

    @Test(arguments: [
        ("{\"prompt\": \"a\"}", "completion", "missing field"),
        ("{\"prompt\": \"a\", \"completion\": \"\"}", "completion", "must not be empty"),
        ("{\"prompt\": \"a\", \"completion\": \" \\n\"}", "completion", "must not be empty"),
        ("{\"completion\": \"b\"}", "prompt", "missing field"),
        ("{\"prompt\": \"a\", \"completion\": [\"b\"]}", "completion", "expected a string, got an array"),
        ("{\"text\": \"\"}", "text", "must not be empty"),
        ("{\"text\": 1}", "text", "expected a string, got a number"),
        ("{\"answer\": \"b\"}", "completion", "missing field"),
        ("{\"messages\": []}", "messages", "must not be empty"),
        ("{\"messages\": {}}", "messages", "expected a list of messages, got an object"),
        ("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}", "messages[0].role", "the last message must be the assistant's"),
        ("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}, {\"role\": \"assistant\", \"content\": \"\"}]}", "messages[1].content", "must not be empty"),
        ("{\"messages\": [{\"role\": \"user\", \"content\": 3}, {\"role\": \"assistant\", \"content\": \"x\"}]}", "messages[0].content", "expected a string, got a number"),
    ] as [(String, String, String)])
    func malformedSFTLinesNameFileLineAndField(text: String, field: String, reason: String) throws {
        let good = "{\"prompt\": \"1+1=\", \"completion\": \"2\"}\n"
        let error = try #require(try Self.failure(SFTExample.self, good + good + text + "\n" + good), "\(text)")
        #expect(error.line == 3 && error.field == field && error.reason.contains(reason), "\(error)")
        #expect("\(error)" == "\(error.file):3: field '\(field)': \(error.reason)")
    }

    @Test func badUTF8AndMissingFilesAreNamed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let url = directory.url.appendingPathComponent("bytes.jsonl")
        try Data("{\"text\": \"ok\"}\n".utf8 + [0x7B, 0xFF, 0x7D]).write(to: url)
        #expect(throws: JSONLError(file: url.path, line: 2, reason: "the line is not valid UTF-8")) { try SFTExample.read(from: url) }
        let missing = directory.url.appendingPathComponent("absent.jsonl")
        #expect { try SFTExample.read(from: missing) } throws: { error in
            (error as? JSONLError)?.file == missing.path && (error as? JSONLError)?.line == nil
        }
    }

    @Test func writingUsesStableKeyOrderRoundTripsAndNeverOverwrites() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let pairs = [PreferenceExample(prompt: "37+45=", chosen: "82", rejected: "72"),
                     PreferenceExample(prompt: "say \"hi\"\n", chosen: "hi\t!", rejected: "\\no")]
        let url = directory.url.appendingPathComponent("pairs.jsonl")
        try PreferenceExample.write(pairs, to: url)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text == """
            {"prompt": "37+45=", "chosen": "82", "rejected": "72"}
            {"prompt": "say \\"hi\\"\\n", "chosen": "hi\\t!", "rejected": "\\\\no"}

            """)
        #expect(try PreferenceExample.read(from: url) == pairs)
        #expect(throws: JSONLError(file: url.path, reason: "the file already exists; refusing to overwrite it")) {
            try PreferenceExample.write([pairs[0]], to: url)
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == text, "a refused write leaves the file as it was")
        let sft = [SFTExample(prompt: "7*8=", completion: "56")]
        try SFTExample.write(sft, to: url, overwrite: true)
        #expect(try String(contentsOf: url, encoding: .utf8) == "{\"prompt\": \"7*8=\", \"completion\": \"56\"}\n")
        #expect(try SFTExample.read(from: url) == sft)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["pairs.jsonl"], "no partial files left")
    }
}
