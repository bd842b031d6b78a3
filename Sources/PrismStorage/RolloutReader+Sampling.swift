import PrismTensor

extension RolloutReader {
    /// `count` episodes drawn uniformly with replacement from the counted ones (Minari's
    /// `sample_episodes`), using `stream`: one draw per episode, so a seeded stream always picks
    /// the same episodes.
    /// - Throws: ``StorageError`` when an episode cannot be read.
    public func sampleEpisodes(_ count: Int, using stream: inout RandomStream) throws(StorageError) -> [Episode] {
        precondition(count >= 0, "sampleEpisodes: count \(count) is negative")
        guard episodeCount > 0 else { return [] }
        var episodes: [Episode] = []
        episodes.reserveCapacity(count)
        for _ in 0..<count { episodes.append(try episode(stream.nextInt(below: episodeCount))) }
        return episodes
    }
}
