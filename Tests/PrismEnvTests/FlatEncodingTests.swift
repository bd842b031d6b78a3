import Foundation
import PrismEnv
import PrismTensor
import Testing

/// ``FlatEncoding``: the layout of each supported space, and a clear error for the others.
@Suite struct FlatEncodingTests {
    @Test func aBoxIsItsValuesAndADiscreteIsAOneHot() throws {
        let box = try FlatEncoding(.box(low: 0, high: 9, shape: [2, 3]))
        #expect(box.count == 6 && box.encode(.box([1, 2, 3, 4, 5, 6])) == [1, 2, 3, 4, 5, 6])
        let discrete = try FlatEncoding(.discrete(count: 4, start: -1))
        #expect(discrete.count == 4 && discrete.encode(.discrete(1)) == [0, 0, 1, 0])
    }

    @Test func aDictPutsBoxesFirstThenOneHotsEachSortedByKeyAndSkipsText() throws {
        let space = Space.dict([
            "z_image": .box(low: 0, high: 1, shape: [2]), "a_image": .box(low: 0, high: 1, shape: [1]),
            "heading": .discrete(count: 3), "colour": .discrete(count: 2, start: 5),
            "mission": .text(minLength: 0, maxLength: 8, charset: "ab"),
        ])
        let encoding = try FlatEncoding(space)
        #expect(encoding.count == 1 + 2 + 2 + 3)
        let value = SpaceValue.dict(["z_image": .box([0.25, 0.5]), "a_image": .box([0.75]), "heading": .discrete(2),
                                     "colour": .discrete(5), "mission": .text("ab")])
        #expect(encoding.encode(value) == [0.75, 0.25, 0.5, 1, 0, 0, 0, 1])
    }

    @Test func unsupportedSpacesNameTheField() {
        func reason(_ space: Space) -> String {
            do { _ = try FlatEncoding(space); return "accepted" } catch { return error.description }
        }
        #expect(reason(.multiDiscrete(counts: [2], start: [0])).contains("MultiDiscrete"))
        #expect(reason(.dict(["knobs": .multiDiscrete(counts: [2], start: [0])])).contains("'knobs' is a MultiDiscrete"))
        #expect(reason(.dict(["inner": .dict([:])])).contains("'inner' is a Dict"))
        #expect(reason(.dict(["mission": .text(minLength: 0, maxLength: 4, charset: "a")])).contains("no Box or Discrete field"))
    }

    @Test func aCodableSnapshotSurvivesJSONThroughTheTypeErasedEnvironment() throws {
        var environment = AnyEnvironment(Counter())
        #expect(environment.hasCodableSnapshot)
        _ = environment.reset(seed: 4)
        _ = try environment.step(.discrete(1))
        let saved = try #require(environment.encodedSnapshot())
        let expected = try (1...3).map { _ in try environment.step(.discrete(1)).observation }
        var other = AnyEnvironment(Counter())
        try other.restore(encoded: saved)
        #expect(try (1...3).map { _ in try other.step(.discrete(1)).observation } == expected)
        #expect(throws: EnvironmentError.self) { try other.restore(encoded: Data("{}".utf8)) }
        #expect(!AnyEnvironment(Counter.Unsaved()).hasCodableSnapshot)
    }
}

/// Counts up by its actions from a seeded start; restorable with a `Codable` snapshot.
private struct Counter: Environment, Restorable {
    struct State: Codable { var total = 0; var episode = EpisodeGuard() }
    var state = State()
    var name: String { "Test/Counter" }
    var observationSpace: Space { .discrete(count: 1000) }
    var actionSpace: Space { .discrete(count: 2) }
    mutating func reset(seed: UInt64?) -> Reset<Int> {
        state.total = Int((seed ?? 0) % 100)
        state.episode.begin()
        return Reset(observation: state.total)
    }
    mutating func step(_ action: Int) throws(EnvironmentError) -> Step<Int> {
        try state.episode.checkStep(name)
        state.total += action
        return Step(observation: state.total, reward: 0, terminated: false, truncated: false)
    }
    func snapshot() -> State { state }
    mutating func restore(_ snapshot: State) { state = snapshot }

    /// The same counter, restorable only in memory.
    struct Unsaved: Environment, Restorable {
        final class Box { var counter = Counter() }
        var box = Box()
        var name: String { "Test/UnsavedCounter" }
        var observationSpace: Space { .discrete(count: 1000) }
        var actionSpace: Space { .discrete(count: 2) }
        mutating func reset(seed: UInt64?) -> Reset<Int> { box.counter.reset(seed: seed) }
        mutating func step(_ action: Int) throws(EnvironmentError) -> Step<Int> { try box.counter.step(action) }
        func snapshot() -> Box { box }
        mutating func restore(_ snapshot: Box) { box = snapshot }
    }
}
