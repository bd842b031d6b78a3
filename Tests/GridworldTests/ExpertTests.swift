import Gridworld
import PrismEnv
import PrismTensor
import Testing

/// The scripted expert solves every id; a uniform random policy does far worse.
@Suite struct GridworldExpertTests {
    /// Seeded episodes per id (the acceptance figure).
    static let episodes = 1000

    static func successRate(_ id: String, episodes: Int, policy: (GridworldEnvironment, inout RandomStream) -> [Int]?) throws -> Double {
        var env = try #require(Gridworld.make(id))
        var stream = RandomStream(seed: 77)
        var successes = 0
        for seed in 0..<episodes {
            _ = env.reset(seed: UInt64(seed))
            var done = false
            while !done {
                guard let actions = policy(env, &stream) else { break }
                for action in actions where !done {
                    let step = try env.step(action)
                    done = step.isDone
                    if step.terminated && step.reward > 0 { successes += 1 }
                }
            }
        }
        return Double(successes) / Double(episodes)
    }

    @Test(arguments: Gridworld.ids)
    func expertSolvesEveryID(id: String) throws {
        let expert = GridworldExpert()
        let expertRate = try Self.successRate(id, episodes: Self.episodes) { env, _ in
            expert.plan(from: env.state).map { $0.map(\.rawValue) }
        }
        let randomRate = try Self.successRate(id, episodes: Self.episodes) { _, stream in [stream.nextInt(below: 7)] }
        print("expert \(id): \(expertRate) random \(randomRate)")
        #expect(expertRate >= 0.99, "\(id): expert \(expertRate)")
        #expect(randomRate < expertRate - 0.3, "\(id): random \(randomRate) vs expert \(expertRate)")
    }
}
