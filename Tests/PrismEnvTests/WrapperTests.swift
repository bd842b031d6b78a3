import PrismEnv
import PrismTensor
import Testing

/// TimeLimit, vector environments and the registry.
@Suite struct WrapperTests {
    @Test func timeLimitTruncatesAtTheLimit() throws {
        var environment = TimeLimit(Corridor(length: 50, maxSteps: 1000), maxEpisodeSteps: 3)
        _ = environment.reset(seed: 1)
        #expect(try !environment.step(0).truncated)
        #expect(try !environment.step(0).truncated)
        #expect(try environment.step(0).truncated)
        #expect(throws: EnvironmentError.stepAfterEpisodeEnd(environment: "Test/Corridor-v0")) { try environment.step(0) }
        #expect(checkEnvironment { TimeLimit(Corridor(), maxEpisodeSteps: 5) }.passed)
    }

    /// Drives a single environment with Gymnasium's next-step autoreset by hand.
    func singleTrajectory(seed: UInt64, actions: [Int]) throws -> [String] {
        var environment = Corridor(length: 4, maxSteps: 5)
        var trace = ["\(environment.reset(seed: seed).observation)"]
        var ended = false
        for action in actions {
            if ended {
                trace.append("\(environment.reset(seed: nil).observation)|0.0|false|false")
                ended = false
                continue
            }
            let step = try environment.step(action)
            trace.append("\(step.observation)|\(step.reward)|\(step.terminated)|\(step.truncated)")
            ended = step.isDone
        }
        return trace
    }

    @Test func vectorOfOneEqualsTheSingleEnvironmentWithNextStepAutoreset() throws {
        let actions = (0..<40).map { $0 % 3 == 0 ? 0 : 1 }
        var vector = VectorEnvironment([Corridor(length: 4, maxSteps: 5)])
        var trace = ["\(vector.reset(seed: 9)[0].observation)"]
        var sawEnd = false
        for action in actions {
            let step = try vector.step([action])
            trace.append("\(step.observations[0])|\(step.rewards[0])|\(step.terminated[0])|\(step.truncated[0])")
            sawEnd = sawEnd || step.terminated[0] || step.truncated[0]
            #expect(step.finalObservations[0] == nil)
        }
        #expect(sawEnd)
        #expect(trace == (try singleTrajectory(seed: 9, actions: actions)))
    }

    @Test func sameStepAutoresetReturnsTheFinalObservation() throws {
        var vector = VectorEnvironment([Corridor(length: 3, maxSteps: 50), Corridor(length: 9, maxSteps: 50)],
                                       autoresetMode: .sameStep)
        let starts = vector.reset(seed: 4).map(\.observation)
        var reference = Corridor(length: 3, maxSteps: 50)
        #expect(starts[0] == reference.reset(seed: 4).observation)
        for _ in 0..<20 {
            let step = try vector.step([1, 1])
            let expected = try reference.step(1)
            #expect(step.rewards[0] == expected.reward && step.terminated[0] == expected.terminated)
            if expected.isDone {
                #expect(step.finalObservations[0] == expected.observation)
                #expect(step.observations[0] == reference.reset(seed: nil).observation)
                return
            }
            #expect(step.observations[0] == expected.observation)
        }
        Issue.record("the corridor never ended")
    }

    @Test func batchingStacksEncodedObservations() {
        let tensor = VectorEnvironment<Corridor>.batch([1, 3]) { [Float($0), 1] }
        #expect(tensor.shape == [2, 2])
        #expect(tensor.scalars == [1, 1, 3, 1])
    }

    @Test func registryMakesByIdAndNamesUnknownIds() throws {
        let registry = EnvironmentRegistry()
        registry.register(EnvironmentSpec(id: "Test/Corridor-v0") { configuration throws(EnvironmentError) in
            try configuration.requireKeys(in: ["length"], for: "Test/Corridor-v0")
            return AnyEnvironment(Corridor(length: try configuration.int("length", default: 6)))
        })
        var environment = try registry.make("Test/Corridor-v0", configuration: ["length": .int(9)])
        #expect(environment.observationSpace == .discrete(count: 9))
        #expect(environment.reset(seed: 1).observation == Corridor(length: 9).resetObservation(seed: 1))
        #expect(throws: EnvironmentError.unknownIdentifier("Nope-v0", known: ["Test/Corridor-v0"])) {
            try registry.make("Nope-v0")
        }
        #expect(throws: EnvironmentError.self) { try registry.make("Test/Corridor-v0", configuration: ["width": .int(1)]) }
        #expect(checkEnvironment { try registry.make("Test/Corridor-v0") }.passed)
    }
}

extension Corridor {
    func resetObservation(seed: UInt64) -> SpaceValue {
        var copy = self
        return .discrete(copy.reset(seed: seed).observation)
    }
}
