import CHDF5
import Foundation
import PrismEnv

/// Reads a Minari HDF5 dataset directory (`<dir>/data/{main_data.hdf5, metadata.json}`), written
/// by Prism or by Python Minari/h5py. Episodes are counted by `metadata.json`: a half-written
/// group past the count (left by a killed writer) is ignored, and ``validate()`` warns about it.
public final class RolloutReader: Sequence {
    /// The dataset directory.
    public let directory: URL
    /// The parsed `metadata.json`.
    public let metadata: DatasetMetadata
    let file: H5Handle
    let context: H5Context

    /// Opens the dataset at `directory` read-only.
    /// - Throws: ``StorageError/metadata(file:reason:)`` for a missing or bad `metadata.json`;
    ///   ``StorageError/hdf5(operation:file:object:)`` for a missing, truncated or corrupted `.hdf5`.
    public init(directory: URL) throws(StorageError) {
        _ = hdf5Silenced
        self.directory = directory
        let layout = DatasetLayout(directory: directory)
        metadata = try layout.readMetadata()
        guard metadata.dataFormat == "hdf5" else {
            throw .metadata(file: layout.metadataURL.path, reason: "data_format is '\(metadata.dataFormat)', not 'hdf5'")
        }
        context = H5Context(file: layout.hdf5URL.path, object: "/")
        guard FileManager.default.fileExists(atPath: context.file) else {
            throw .hdf5(operation: "open (file missing)", file: context.file, object: "/")
        }
        file = try H5Handle.file(H5Fopen(context.file, prism_h5f_acc_rdonly(), prism_h5p_default()), context, "H5Fopen")
    }

    /// The number of counted episodes (`total_episodes`).
    public var episodeCount: Int { metadata.totalEpisodes }

    /// The observation space.
    public var observationSpace: Space { metadata.observationSpace }

    /// The action space.
    public var actionSpace: Space { metadata.actionSpace }

    /// Reads episode `index` (group `episode_<index>`), typed back through the stored spaces.
    /// - Throws: ``StorageError`` naming the file, group and dataset at fault.
    public func episode(_ index: Int) throws(StorageError) -> Episode {
        guard index >= 0 && index < episodeCount else {
            throw .malformed(file: context.file, object: "/episode_\(index)", reason: "index out of range 0..<\(episodeCount)")
        }
        let name = "episode_\(index)"
        let here = context.child(name)
        let groupID = H5Gopen2(file.id, name, prism_h5p_default())
        if groupID < 0 && !isGroup(file.id, name) {
            throw .malformed(file: here.file, object: here.object, reason: "the episode group is missing")
        }
        let group = try H5Handle.group(groupID, here, "H5Gopen2")
        let rewardsContext = here.child("rewards")
        let rewardsSet = try H5IO.open("rewards", in: group.id, rewardsContext)
        let steps = try rewardsSet.dimensions(rewardsContext).first ?? 0
        let rewards = try H5IO.read(rewardsSet, type: prism_h5t_native_double(), count: steps, zero: 0.0, rewardsContext)
        let actions = try SpaceCodec.read(space: actionSpace, name: "actions", in: group.id, count: steps, here)
        let observations = try SpaceCodec.read(space: observationSpace, name: "observations", in: group.id, count: steps + 1, here)
        let terminations = try readFlags("terminations", in: group.id, steps: steps, here)
        let truncations = try readFlags("truncations", in: group.id, steps: steps, here)
        let id = try H5IO.readInt64Attribute("id", on: group.id, here).map { Int($0) } ?? index
        let seed = try H5IO.readInt64Attribute("seed", on: group.id, here).map { UInt64(bitPattern: $0) }
        return Episode(id: id, seed: seed, observations: observations, actions: actions, rewards: rewards,
                       terminations: terminations, truncations: truncations, infos: try readInfos(in: group.id, here).columns)
    }

    /// All counted episodes in order; a failing read ends the sequence (use ``episode(_:)`` for errors).
    public func makeIterator() -> AnyIterator<Episode> {
        var next = 0
        return AnyIterator { [self] in
            guard next < episodeCount, let episode = try? episode(next) else { return nil }
            next += 1
            return episode
        }
    }

    private func readFlags(_ name: String, in group: hid_t, steps: Int, _ here: H5Context) throws(StorageError) -> [Bool] {
        let flagContext = here.child(name)
        let dataset = try H5IO.open(name, in: group, flagContext)
        let rows = try dataset.dimensions(flagContext).first ?? 0
        guard rows == steps else { throw .malformed(file: flagContext.file, object: flagContext.object, reason: "\(rows) rows, expected \(steps)") }
        return try H5IO.readBools(dataset, count: rows, flagContext)
    }

    /// Reads the `infos/` group (empty when absent); entries of unsupported types are skipped,
    /// and ``validate()`` reports them.
    func readInfos(in group: hid_t, _ here: H5Context) throws(StorageError) -> InfoCodec.Contents {
        let infosContext = here.child("infos")
        guard isGroup(group, "infos") else { return InfoCodec.Contents() }
        let infos = try H5Handle.group(H5Gopen2(group, "infos", prism_h5p_default()), infosContext, "H5Gopen2")
        return try InfoCodec.read(in: infos.id, infosContext)
    }
}

/// The names of the links in a group, in name order.
func linkNames(_ group: hid_t, _ context: H5Context) throws(StorageError) -> [String] {
    var info = H5G_info_t()
    try context.check(H5Gget_info(group, &info), "H5Gget_info")
    var names: [String] = []
    for index in 0..<info.nlinks {
        let length = try context.check(
            H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, index, nil, 0, prism_h5p_default()), "H5Lget_name_by_idx")
        var buffer = [CChar](repeating: 0, count: Int(length) + 1)
        try context.check(
            H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, index, &buffer, buffer.count, prism_h5p_default()),
            "H5Lget_name_by_idx")
        names.append(String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
    return names
}
