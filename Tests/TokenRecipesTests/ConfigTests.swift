import Foundation
import PrismPreference
import PrismRecipes
import Testing
import TokenRecipes

/// The token recipes' configs: loss choices with sibling parameters, validation, dry runs.
@Suite struct TokenRecipeConfigTests {
    func resolve(_ arguments: [String]) throws -> DPOConfig {
        try DPOCommand.parse(["--init", "somewhere", "--data", "pairs.jsonl"] + arguments).options.resolveConfig(DPOConfig.self).config.config
    }

    @Test func robustLossReadsItsLabelSmoothing() throws {
        let config = try resolve(["--set", "loss=robust", "--set", "label_smoothing=0.1"])
        #expect(config.variant == .robust(labelSmoothing: 0.1))
        #expect(try resolve(["--set", "loss=simpo", "--set", "simpo_gamma=1.5"]).variant == .simPO(gamma: 1.5))
        #expect(try resolve(["--set", "loss=ipo", "--set", "beta=0.1"]).variant == .ipo)
        #expect(try resolve([]).variant == .sigmoid)
    }

    @Test func labelSmoothingWithoutALossThatReadsItIsRefused() throws {
        let error = try #require(throws: ConfigError.self) { try resolve(["--set", "label_smoothing=0.1"]) }
        #expect("\(error)".contains("label_smoothing") && "\(error)".contains("cdpo or robust"))
        let unknown = try #require(throws: ConfigError.self) { try resolve(["--set", "loss=kto"]) }
        #expect("\(unknown)".contains("sigmoid, cdpo, robust, hinge, ipo, simpo"))
    }

    @Test func outOfRangeValuesNameTheirKey() throws {
        let error = try #require(throws: (any Error).self) { try resolve(["--set", "loss=robust", "--set", "label_smoothing=0.5"]) }
        #expect("\(error)".contains("label_smoothing"))
        let missing = try #require(throws: (any Error).self) {
            try DPOCommand.parse(["--data", "pairs.jsonl"]).options.resolveConfig(DPOConfig.self)
        }
        #expect("\(missing)".contains("initialization"))
    }

    /// Each token recipe names a rejected value by its config key and the `--set` argument it
    /// came from.
    @Test(arguments: [
        ("sft", "train.epochs=0", "train.epochs"), ("sft", "train.learning_rate=0", "train.learning_rate"),
        ("sft", "model.heads=3", "model.heads"), ("sft", "eval.problems=0", "eval.problems"),
        ("dpo", "beta=0", "beta"), ("dpo", "train.max_grad_norm=0", "train.max_grad_norm"),
        ("orpo", "lambda=-1", "lambda"), ("orpo", "eval.levels=[\"Add9\"]", "eval.levels"),
        ("otr", "otr.beta=1", "otr.beta"), ("otr", "otr.temperature=0", "otr.temperature"),
        ("otr", "otr.mode=greedy", "otr.mode"),
    ])
    func rejectedValuesNameTheirKeyAndOrigin(recipe: String, override: String, key: String) throws {
        let common = ["--init", "somewhere", "--data", "pairs.jsonl", "--set", override]
        let error = try #require(throws: ConfigError.self) {
            switch recipe {
            case "sft": _ = try SFTCommand.parse(Array(common.dropFirst(2))).options.resolveConfig(SFTConfig.self)
            case "dpo": _ = try DPOCommand.parse(common).options.resolveConfig(DPOConfig.self)
            case "otr": _ = try OTRCommand.parse(Array(common.dropFirst(2))).options.resolveConfig(OTRConfig.self)
            default: _ = try ORPOCommand.parse(Array(common.dropFirst(2))).options.resolveConfig(ORPOConfig.self)
            }
        }
        #expect(error.description.hasPrefix("config error in --set \(override): key '\(key)': "), "\(recipe): \(error)")
    }

    @Test func otrSamplesBelongToMonteCarloAndDefaultsAreExact() throws {
        func resolve(_ arguments: [String]) throws -> OTRConfig {
            try OTRCommand.parse(["--data", "lines.jsonl"] + arguments).options.resolveConfig(OTRConfig.self).config.config
        }
        let defaults = try resolve([])
        #expect(defaults.otr.lossMode == .exact && defaults.otr.reduction == .token && defaults.otr.samples == 256)
        #expect(try resolve(["--set", "otr.mode=monte_carlo", "--set", "otr.samples=64"]).otr.lossMode == .monteCarlo(samples: 64))
        #expect(try resolve(["--set", "otr.reduction=sequence"]).otr.reduction == .sequence)
        let error = try #require(throws: ConfigError.self) { try resolve(["--set", "otr.samples=64"]) }
        #expect("\(error)".contains("otr.samples") && "\(error)".contains("monte_carlo"), "\(error)")
        let zero = try #require(throws: ConfigError.self) { try resolve(["--set", "otr.mode=monte_carlo", "--set", "otr.samples=0"]) }
        #expect("\(zero)".contains("otr.samples"), "\(zero)")
    }

    @Test func dryRunWritesNothing() throws {
        let run = TestRuns.temporary("dry")
        #expect(try TestRuns.orpo(["--data", "pairs.jsonl", "--run-dir", run.path, "--dry-run"]) == nil)
        #expect(!FileManager.default.fileExists(atPath: run.path))
    }
}
