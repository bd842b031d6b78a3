import PrismEnv
import PrismTensor
import Testing

/// A third-party environment, defined outside Prism's modules: guess a hidden number in 0..<16
/// with higher/lower hints. Conforming and registering is all a plug-in does.
struct GuessingGame: Environment, Restorable {
    var stream = RandomStream(seed: 0)
    var secret = 0
    var guesses = 0
    var episode = EpisodeGuard()

    var name: String { "Plugin/GuessingGame-v0" }
    /// The hint: 0 before any guess, 1 "higher", 2 "lower", 3 "correct".
    var observationSpace: Space { .discrete(count: 4) }
    var actionSpace: Space { .discrete(count: 16) }

    mutating func reset(seed: UInt64?) -> Reset<Int> {
        if let seed { stream = RandomStream(seed: seed) }
        secret = stream.nextInt(below: 16)
        guesses = 0
        episode.begin()
        return Reset(observation: 0)
    }

    mutating func step(_ action: Int) throws(EnvironmentError) -> Step<Int> {
        try episode.checkStep(name)
        guard (0..<16).contains(action) else { throw .invalidAction("\(name): guess \(action) is not in 0..<16") }
        guesses += 1
        let hint = action == secret ? 3 : (action < secret ? 1 : 2)
        let truncated = guesses >= 8 && hint != 3
        episode.end(terminated: hint == 3, truncated: truncated)
        return Step(observation: hint, reward: hint == 3 ? 1 : 0, terminated: hint == 3, truncated: truncated,
                    info: StepInfo(stepCount: guesses, isSuccess: hint == 3))
    }

    func snapshot() -> GuessingGame { self }
    mutating func restore(_ snapshot: GuessingGame) { self = snapshot }

    static func register(in registry: EnvironmentRegistry) {
        registry.register(EnvironmentSpec(id: "Plugin/GuessingGame-v0", summary: "guess a number with hints") { _ in
            AnyEnvironment(GuessingGame())
        })
    }
}

@Test func pluginRegisteredFromOutsideTheCoreIsMadeAndChecked() throws {
    GuessingGame.register(in: .shared)
    #expect(EnvironmentRegistry.shared.ids.contains("Plugin/GuessingGame-v0"))
    let report = checkEnvironment { try EnvironmentRegistry.shared.make("Plugin/GuessingGame-v0") }
    #expect(report.passed, "\(report)")

    // Binary search through the type-erased environment solves every episode.
    var environment = try EnvironmentRegistry.shared.make("Plugin/GuessingGame-v0")
    _ = environment.reset(seed: 11)
    for _ in 0..<20 {
        var (low, high) = (0, 15)
        while true {
            let guess = (low + high) / 2
            let step = try environment.step(.discrete(guess))
            if step.terminated { #expect(step.reward == 1); break }
            #expect(!step.truncated)
            if step.observation == .discrete(1) { low = guess + 1 } else { high = guess - 1 }
        }
        _ = environment.reset(seed: nil)
    }
}
