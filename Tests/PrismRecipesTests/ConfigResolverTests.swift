import Foundation
import PrismJSON
@testable import PrismRecipes
import Testing

/// Config resolution: defaults, files, overrides, choices and the errors for bad input.
@Suite struct ConfigResolverTests {
    func resolve(file: URL? = nil, _ overrides: [String] = []) throws -> SampleConfig {
        try ConfigResolver.resolve(SampleConfig.self, file: file, overrides: overrides).config
    }

    func error(file: URL? = nil, _ overrides: [String] = []) -> ConfigError? {
        do {
            _ = try ConfigResolver.resolve(SampleConfig.self, file: file, overrides: overrides)
            return nil
        } catch { return error }
    }

    @Test func noInputGivesTheDefaults() throws {
        #expect(try resolve() == SampleConfig())
    }

    @Test func overridesSetNestedFieldsAndParseScalars() throws {
        let config = try resolve([
            "total_steps=64", "optimizer.learning_rate=0.01", "optimizer.schedule.anneal=false",
            "env_id=gridworld/doorkey-5x5", "eval_every=5", "optimizer.betas=[0.8, 0.9]",
        ])
        var expected = SampleConfig()
        expected.totalSteps = 64
        expected.optimizer.learningRate = 0.01
        expected.optimizer.schedule.anneal = false
        expected.envID = "gridworld/doorkey-5x5"
        expected.evalEvery = 5
        expected.optimizer.betas = [0.8, 0.9]
        #expect(config == expected)
    }

    @Test func laterOverridesWinAndTextThatLooksNumericCanBeQuoted() throws {
        #expect(try resolve(["total_steps=5", "total_steps=7"]).totalSteps == 7)
        #expect(try resolve(["env_id=\"123\""]).envID == "123")
        #expect(error(["env_id=123"])?.description == #"config error in --set env_id=123: key 'env_id': expected a string, got 123"#)
    }

    @Test func jsonFileFieldsOverDefaultsAndOverridesOverTheFile() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try writeFile(#"{"beta": 0.5, "optimizer": {"schedule": {"warmup_steps": 3}}}"#, named: "run.json", in: directory)
        let config = try resolve(file: file, ["beta=0.25"])
        #expect(config.beta == 0.25)
        #expect(config.optimizer.schedule.warmupSteps == 3)
        #expect(config.optimizer.schedule.anneal == true)
        #expect(config.optimizer.learningRate == 3e-4)
    }

    @Test func yamlFileWithScalarsOfEveryKind() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try writeFile("""
            # a comment
            total_steps: 200
            env_id: "42"
            loss: robust
            label_smoothing: 0.2
            eval_every: null
            optimizer:
              learning_rate: 1.0e-3
              betas: [0.5, 0.6]
              schedule:
                anneal: false
            """, named: "run.yaml", in: directory)
        let config = try resolve(file: file)
        #expect(config.totalSteps == 200)
        #expect(config.envID == "42")
        #expect(config.loss == .robust)
        #expect(config.labelSmoothing == 0.2)
        #expect(config.evalEvery == nil)
        #expect(config.optimizer.learningRate == 1e-3)
        #expect(config.optimizer.betas == [0.5, 0.6])
        #expect(config.optimizer.schedule.anneal == false)
    }

    @Test func choiceCaseWithItsParameterAsSiblingKey() throws {
        let config = try resolve(["loss=robust", "label_smoothing=0.1"])
        #expect(config.loss == .robust)
        #expect(config.labelSmoothing == 0.1)
        #expect(try resolve(["loss=ipo", "tau=0.5"]).tau == 0.5)
    }

    @Test func parameterOfAnUnselectedCaseIsRejected() throws {
        let failure = try #require(error(["label_smoothing=0.1"]))
        #expect(failure.kind == .invalidValue)
        #expect(failure.key == "label_smoothing")
        #expect(failure.origin == .override(argument: "label_smoothing=0.1"))
        #expect(failure.description.contains("only applies when loss is robust (loss is sigmoid)"))
        #expect(self.error(["loss=ipo", "label_smoothing=0.1"])?.key == "label_smoothing")
        #expect(self.error(["label_smoothing=0.0"]) == nil, "the default value is not a setting")
    }

    @Test func unknownCaseNamesTheValidOnes() throws {
        let failure = try #require(error(["loss=robst"]))
        #expect(failure.kind == .invalidValue)
        #expect(failure.description == #"config error in --set loss=robst: key 'loss': "robst" is not one of sigmoid, robust, ipo"#)
    }

    @Test func unknownKeysAreRejectedWithAHint() throws {
        let failure = try #require(error(["optimizer.learning_rat=0.1"]))
        #expect(failure.kind == .unknownKey)
        #expect(failure.key == "optimizer.learning_rat")
        #expect(failure.description.contains("did you mean 'learning_rate'?"))
        #expect(error(["nonsense.deep.key=1"])?.key == "nonsense")
        #expect(error(["learningRate=1"])?.kind == .unknownKey, "keys are snake_case")
    }

    @Test func wrongTypesNameTheKeyValueAndArgument() throws {
        let failure = try #require(error(["total_steps=many"]))
        #expect(failure.description == #"config error in --set total_steps=many: key 'total_steps': expected an integer, got "many""#)
        #expect(error(["optimizer.schedule.anneal=1"])?.key == "optimizer.schedule.anneal")
        #expect(error(["total_steps=1.5"])?.description == "config error in --set total_steps=1.5: key 'total_steps': expected an integer, got 1.5")
        #expect(error(["optimizer=3"])?.key == "optimizer")
    }

    @Test func yamlErrorsNameTheFileAndLine() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try writeFile("beta: 0.3\noptimizer:\n  learning_rate: fast\n", named: "bad.yaml", in: directory)
        let failure = try #require(error(file: file))
        #expect(failure.origin == .file(path: file.path, line: 3))
        #expect(failure.description.contains("bad.yaml line 3: key 'optimizer.learning_rate': expected a number, got \"fast\""))
        let unknown = try writeFile("beta: 0.3\n\nbeat: 2\n", named: "typo.yaml", in: directory)
        #expect(error(file: unknown)?.origin == .file(path: unknown.path, line: 3))
        let duplicate = try writeFile("beta: 0.3\nbeta: 0.4\n", named: "twice.yaml", in: directory)
        #expect(error(file: duplicate)?.kind == .unreadableFile)
        let broken = try writeFile("beta: [1, 2\n", named: "broken.yaml", in: directory)
        #expect(error(file: broken)?.kind == .unreadableFile)
    }

    @Test func badFilesAreNamed() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let json = try writeFile(#"{"beta": 0.5"#, named: "bad.json", in: directory)
        let failure = try #require(error(file: json))
        #expect(failure.kind == .unreadableFile)
        #expect(failure.description.hasPrefix("config error in \(json.path): not valid JSON"))
        let list = try writeFile("[1, 2]", named: "list.json", in: directory)
        #expect(error(file: list)?.kind == .unreadableFile)
        let toml = try writeFile("beta = 1", named: "run.toml", in: directory)
        #expect(error(file: toml)?.description.contains("unknown config format '.toml'") == true)
        #expect(error(file: directory.appendingPathComponent("missing.yaml"))?.kind == .unreadableFile)
    }

    @Test func malformedOverridesAndNonFiniteNumbers() throws {
        #expect(error(["beta"])?.kind == .malformedOverride)
        #expect(error(["optimizer..learning_rate=1"])?.kind == .malformedOverride)
        #expect(error(["beta=1e999"])?.kind == .invalidValue)
    }

    @Test func validateHookNamesTheKeyAndOrigin() throws {
        let failure = try #require(error(["loss=robust", "label_smoothing=0.7"]))
        #expect(failure.kind == .validationFailed)
        #expect(failure.description == "config error in --set label_smoothing=0.7: key 'label_smoothing': 0.7 is invalid: must be in [0, 0.5)")
        #expect(error(["total_steps=0"])?.origin == .override(argument: "total_steps=0"))
    }

    @Test func optionalFieldsCanBeSetAndUnset() throws {
        #expect(try resolve(["eval_every=3"]).evalEvery == 3)
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try writeFile("eval_every: 4\n", named: "a.yaml", in: directory)
        #expect(try resolve(file: file).evalEvery == 4)
    }

    @Test func resolvedTreeHoldsEveryFieldInSnakeCase() throws {
        let resolved = try ConfigResolver.resolve(SampleConfig.self, overrides: ["beta=0.5"])
        #expect(resolved.values[path: ["beta"]] == .number(0.5))
        #expect(resolved.values[path: ["optimizer", "schedule", "warmup_steps"]] == .integer(10))
        #expect(resolved.values[path: ["label_smoothing"]] != nil)
        #expect(resolved.jsonText.hasPrefix("{\n  \"beta\": 0.5,\n  \"env_id\": \"gridworld/empty-5x5\",\n"))
    }

    @Test func aRunsConfigJSONRepeatsTheRun() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try ConfigResolver.resolve(SampleConfig.self, overrides: ["loss=ipo", "tau=0.2", "total_steps=9"])
        let record = RunConfigFile(recipe: "sample", seed: 77, config: first.values, gitRevision: String(repeating: "a", count: 40))
        let file = try writeFile(record.jsonText, named: "config.json", in: directory)
        let again = try ConfigResolver.resolve(SampleConfig.self, file: file)
        #expect(again.config == first.config)
        #expect(again.seedFromFile == 77)
        #expect(try RunConfigFile(jsonText: record.jsonText, path: file.path) == record)
    }

    @Test func configJSONIsStableAndSorted() throws {
        let values = try ConfigResolver.resolve(SampleConfig.self).values
        let text = RunConfigFile(recipe: "sample", seed: 3, config: values, packageVersion: "9.9").jsonText
        #expect(text == RunConfigFile(recipe: "sample", seed: 3, config: values, packageVersion: "9.9").jsonText)
        let keys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { String($0.dropFirst(3).prefix { $0 != "\"" }) }
        #expect(keys == ["config", "prism_version", "recipe", "seed"])
        #expect(!text.contains("git_revision"))
    }

    @Test func canonicalJSONEscapesAndFormatsNumbers() {
        let value = JSONValue.object(["b": .array([.integer(1), .number(0.1), .number(2)]), "a": .string("q\"\n\u{1}"), "c": .object([:])])
        #expect(value.canonicalJSON(indent: nil) == #"{"a": "q\"\n\u0001", "b": [1, 0.1, 2.0], "c": {}}"#)
        #expect(JSONValue.parseOverride("true") == .bool(true))
        #expect(JSONValue.parseOverride("null") == .null)
        #expect(JSONValue.parseOverride("-3") == .integer(-3))
        #expect(JSONValue.parseOverride("1e-3") == .number(0.001))
        #expect(JSONValue.parseOverride("nope") == .string("nope"))
        #expect(JSONValue.parseOverride("1.2.3") == .string("1.2.3"))
    }

    @Test func snakeCaseMatchesFoundation() {
        #expect(ConfigCoding.snakeCase("learningRate") == "learning_rate")
        #expect(ConfigCoding.snakeCase("envID") == "env_id")
        #expect(ConfigCoding.snakeCase("maxGradNorm2") == "max_grad_norm2")
    }
}
