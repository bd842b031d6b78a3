import Foundation
import PrismEnv
import PrismTensor
@testable import PrismStorage

/// A fresh temporary directory, removed by `cleanup`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("prism-storage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func cleanup() { try? FileManager.default.removeItem(at: url) }
}

/// Deterministic synthetic episodes for a space pair.
enum SyntheticEpisodes {
    /// `count` episodes of varying lengths with values drawn from the spaces; the last flag of
    /// odd episodes is a truncation, of even ones a termination.
    static func make(_ count: Int, observationSpace: Space, actionSpace: Space, seed: UInt64 = 1) -> [Episode] {
        var stream = RandomStream(seed: seed)
        return (0..<count).map { index in
            let steps = 1 + (index * 3) % 7
            let observations = (0...steps).map { _ in observationSpace.sample(using: &stream) }
            let actions = (0..<steps).map { _ in actionSpace.sample(using: &stream) }
            let rewards = (0..<steps).map { Double($0) * 0.25 - Double(index) / 3 }
            var terminations = [Bool](repeating: false, count: steps), truncations = terminations
            if index % 2 == 0 { terminations[steps - 1] = true } else { truncations[steps - 1] = true }
            return Episode(seed: UInt64(100 + index), observations: observations, actions: actions, rewards: rewards,
                           terminations: terminations, truncations: truncations,
                           infos: infos(rows: steps + 1, index: index))
        }
    }
}

extension SyntheticEpisodes {
    /// Step infos of every ``InfoColumn`` kind, nested one level: a float and an integer column,
    /// flags, text, and a group with a `[2]`-shaped position per row.
    static func infos(rows: Int, index: Int) -> [String: InfoColumn] {
        [
            "step": .float64((0..<rows).map { Double($0) * 0.5 }),
            "count": .int64((0..<rows).map { Int64($0 - index) }),
            "success": .bool((0..<rows).map { $0 == rows - 1 }),
            "note": .string((0..<rows).map { "row \($0) of episode \(index)" }),
            "agent": .group([
                "position": .int64((0..<rows * 2).map { Int64($0 % 5) }, rowShape: [2]),
                "energy": .float64((0..<rows).map { 1 / Double($0 + 1) }),
            ]),
        ]
    }
}

extension SpaceValue {
    /// The numeric content, flattened in sorted key order, as bit patterns (bitwise comparison).
    var bitPatterns: [UInt64] {
        switch self {
        case .discrete(let x): [UInt64(bitPattern: Int64(x))]
        case .box(let xs): xs.map { UInt64($0.bitPattern) }
        case .multiDiscrete(let xs): xs.map { UInt64(bitPattern: Int64($0)) }
        case .text(let s): Array(s.utf8).map { UInt64($0) }
        case .dict(let entries): entries.keys.sorted().flatMap { entries[$0]?.bitPatterns ?? [] }
        }
    }
}
