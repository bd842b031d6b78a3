import Foundation
@testable import PrismRecipes
import Testing

/// The shared command-line options and the setup they drive.
@Suite struct RecipeOptionsTests {
    @Test func parsesEveryOption() throws {
        let options = try RecipeOptions.parse([
            "--seed", "9", "--config", "c.yaml", "--set", "a=1", "--set", "b.c=x", "--run-dir", "out",
            "--dry-run", "--stop-after-steps", "5",
        ])
        #expect(options.seed == 9)
        #expect(options.config == "c.yaml")
        #expect(options.overrides == ["a=1", "b.c=x"])
        #expect(options.runDirectory(recipe: "r").path.hasSuffix("/out"))
        #expect(options.dryRun)
        #expect(options.stopAfterSteps == 5)
    }

    @Test func defaultRunDirectoryIsRecipeAndTimestamp() throws {
        let options = try RecipeOptions.parse([])
        let url = options.runDirectory(recipe: "ppo", now: Date(timeIntervalSince1970: 0))
        #expect(url.lastPathComponent == "ppo-19700101-000000")
        #expect(url.deletingLastPathComponent().lastPathComponent == "runs")
        #expect(throws: (any Error).self) { try RecipeOptions.parse(["--resume", "a", "--run-dir", "b"]) }
        #expect(throws: (any Error).self) { try RecipeOptions.parse(["--stop-after-steps", "-1"]) }
    }

    @Test func newRunWritesConfigAndRefusesANonEmptyDirectory() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let runPath = directory.appendingPathComponent("run").path
        let options = try RecipeOptions.parse(["--run-dir", runPath, "--set", "beta=0.5", "--seed", "4"])
        let setup = try #require(try RecipeSetup.prepare(SampleConfig.self, recipe: "sample", options: options))
        #expect(setup.config.beta == 0.5)
        #expect(setup.seed == 4)
        #expect(setup.resumeStep == nil)
        let stored = try RunConfigFile(jsonText: contents(setup.run.file("config.json")), path: "config.json")
        #expect(stored.seed == 4)
        #expect(stored.recipe == "sample")
        #expect(stored.config == setup.resolved.values)
        #expect(stored.packageVersion == RunProvenance.packageVersion)
        let before = contents(setup.run.file("config.json"))
        #expect(throws: RunDirectoryError.notEmpty(path: runPath)) {
            _ = try RecipeSetup.prepare(SampleConfig.self, recipe: "sample", options: options)
        }
        #expect(contents(setup.run.file("config.json")) == before)
    }

    @Test func resumeKeepsTheStoredConfigAndRejectsChanges() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let runPath = directory.appendingPathComponent("run").path
        _ = try RecipeSetup.prepare(SampleConfig.self, recipe: "sample",
                                    options: try RecipeOptions.parse(["--run-dir", runPath, "--set", "beta=0.5", "--seed", "4"]))
        let resumed = try #require(try RecipeSetup.prepare(SampleConfig.self, recipe: "sample",
                                                           options: try RecipeOptions.parse(["--resume", runPath])))
        #expect(resumed.config.beta == 0.5)
        #expect(resumed.seed == 4)
        #expect(resumed.run.isResumed)
        #expect(resumed.resumeStep == -1)
        let changed = try RecipeOptions.parse(["--resume", runPath, "--set", "beta=0.6"])
        do {
            _ = try RecipeSetup.prepare(SampleConfig.self, recipe: "sample", options: changed)
            Issue.record("a changed config was accepted on resume")
        } catch let error as ConfigError {
            #expect(error.kind == .resumeMismatch)
            #expect(error.description.contains("beta"))
        }
        #expect(throws: ConfigError.self) {
            _ = try RecipeSetup.prepare(SampleConfig.self, recipe: "sample", options: try RecipeOptions.parse(["--resume", runPath, "--seed", "5"]))
        }
        #expect(throws: RunDirectoryError.self) {
            _ = try RecipeSetup.prepare(SampleConfig.self, recipe: "sample",
                                        options: try RecipeOptions.parse(["--resume", directory.appendingPathComponent("none").path]))
        }
    }

    @Test func dryRunCreatesNothing() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let runPath = directory.appendingPathComponent("run").path
        let setup = try RecipeSetup.prepare(SampleConfig.self, recipe: "sample",
                                            options: try RecipeOptions.parse(["--run-dir", runPath, "--dry-run"]))
        #expect(setup == nil)
        #expect(!FileManager.default.fileExists(atPath: runPath))
    }

    @Test func gitRevisionIsOmittedOutsideARepository() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(RunProvenance.gitRevision(in: directory) == nil)
        let record = RunConfigFile(recipe: "r", seed: 1, config: .object([:]), gitRevision: nil)
        #expect(!record.jsonText.contains("git_revision"))
    }
}
