import Foundation
import PrismNN
import PrismRecipes
import PrismTensor
import Testing

/// A tiny session for the loop: an MLP reconstructing random inputs drawn from its `data` stream,
/// with a NaN loss at a chosen iteration.
struct ReconstructionSession: TrainingSession {
    struct Streams: TrainingStreams, Equatable {
        var data: RandomStream
        init(root: RandomStream) { data = root.child("data") }
    }

    struct State: Codable, Sendable, Equatable {
        var iterations: Int
    }

    var model: MLP
    var optimizer = Adam(learningRate: 0.01)
    private(set) var completedIterations: Int
    let poisonedIteration: Int?
    let run: RunDirectory
    private(set) var finishedWith: Bool?

    init(start: TrainingStart<Streams, State>, run: RunDirectory, poisonedIteration: Int? = nil) {
        var initialisation = start.root.child("init")
        model = MLP(sizes: [3, 4, 3], activation: .tanh, using: &initialisation)
        completedIterations = start.resumed?.state.recipe.iterations ?? 0
        self.poisonedIteration = poisonedIteration
        self.run = run
    }

    var checkpointState: State { State(iterations: completedIterations) }

    mutating func iterate(streams: inout Streams, guard: NonFiniteGuard) throws -> [String: Double] {
        let x = Tensor.normal([8, 3], using: &streams.data)
        var loss = (model(x) - x).squared().mean()
        if completedIterations + 1 == poisonedIteration { loss = loss * Float.nan }
        try `guard`.check("loss", loss.item)
        model.zeroGradients()
        loss.backward()
        optimizer.step(&model)
        completedIterations += 1
        return ["loss": Double(loss.item)]
    }

    mutating func finish(stopped: Bool) throws { finishedWith = stopped }

    func evaluate(step: Int) throws -> Int {
        try run.write("evaluated at \(step)\n", to: "eval.txt")
        return step
    }
}

/// ``TrainingLoop``: cadence, stop and resume, the non-finite guard and the final evaluation.
@Suite struct TrainingLoopTests {
    static let plan = TrainingPlan(iterations: 10, stepsPerIteration: 5, checkpointInterval: 4, keepCheckpoints: 5,
                                   iterationName: "update", progressMetric: "loss", rateMetric: "rate")

    func train(_ arguments: [String], poisonedIteration: Int? = nil, plan: TrainingPlan = Self.plan)
        throws -> TrainingLoop<SampleConfig>.Result<ReconstructionSession> {
        let options = try RecipeOptions.parse(arguments)
        let setup = try #require(try RecipeSetup.prepare(SampleConfig.self, recipe: "toy", options: options))
        var loop = TrainingLoop(setup: setup, plan: plan, stopAfterSteps: options.stopAfterSteps)
        (loop.progressOutput, loop.log) = (.init(isTerminal: false) { _ in }, { _ in })
        return try loop.run { start in ReconstructionSession(start: start, run: setup.run, poisonedIteration: poisonedIteration) }
    }

    @Test func checkpointsAtTheIntervalAndTheEndThenEvaluates() throws {
        let directory = try makeTemporaryDirectory("loop")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = directory.appendingPathComponent("run")
        let result = try train(["--run-dir", run.path, "--seed", "4"])
        #expect(result.outcome == .finished(step: 50))
        #expect(result.evaluation == 50 && result.session.finishedWith == false)
        #expect(CheckpointStore(runDirectory: run).checkpoints().map(\.step) == [20, 40, 50])
        #expect(contents(run.appendingPathComponent("eval.txt")) == "evaluated at 50\n")
        let lines = contents(run.appendingPathComponent("metrics.jsonl")).split(separator: "\n")
        #expect(lines.count == 10 && lines[0].contains("\"step\": 5") && lines[9].contains("\"step\": 50"))
        #expect(contents(run.appendingPathComponent("timing.jsonl")).contains("\"rate\""))
        let state = contents(run.appendingPathComponent("checkpoints/step-50/state.json"))
        #expect(state.contains("\"data\"") && state.contains("\"iterations\" : 10") && state.contains("\"step\" : 50"))
    }

    @Test func aStoppedAndResumedRunEqualsAnUninterruptedOne() throws {
        let directory = try makeTemporaryDirectory("loop")
        defer { try? FileManager.default.removeItem(at: directory) }
        let whole = directory.appendingPathComponent("whole"), split = directory.appendingPathComponent("split")
        _ = try train(["--run-dir", whole.path, "--seed", "4"])
        let stopped = try train(["--run-dir", split.path, "--seed", "4", "--stop-after-steps", "12"])
        #expect(stopped.outcome == .stopped(step: 15) && stopped.evaluation == nil && stopped.session.finishedWith == true)
        #expect(!FileManager.default.fileExists(atPath: split.appendingPathComponent("eval.txt").path))
        #expect(try train(["--resume", split.path]).outcome == .finished(step: 50))
        for name in ["metrics.jsonl", "eval.txt", "checkpoints/step-50/model.safetensors",
                     "checkpoints/step-50/optimizer.safetensors", "checkpoints/step-50/state.json"] {
            #expect(try Data(contentsOf: whole.appendingPathComponent(name)) == Data(contentsOf: split.appendingPathComponent(name)), "\(name)")
        }
    }

    @Test func aNonFiniteLossStopsBeforeItsCheckpointAndNamesTheLastGoodOne() throws {
        let directory = try makeTemporaryDirectory("loop")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = directory.appendingPathComponent("run")
        let error = try #require(throws: NonFiniteValueError.self) {
            try train(["--run-dir", run.path, "--seed", "4"], poisonedIteration: 8)
        }
        #expect(error.step == 40 && error.metric == "loss" && error.lastCheckpoint?.step == 20)
        #expect(CheckpointStore(runDirectory: run).checkpoints().map(\.step) == [20])
        #expect(contents(run.appendingPathComponent("metrics.jsonl")).split(separator: "\n").count == 7)
    }
}
