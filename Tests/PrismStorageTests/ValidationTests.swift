import CHDF5
import Foundation
import PrismEnv
@testable import PrismStorage
import Testing

/// ``RolloutReader/validate()`` catches each rule violation; corruptions are made through the
/// HDF5 C API on a valid dataset.
@Suite struct ValidationTests {
    static let observationSpace = Space.box(low: -1, high: 1, shape: [3])
    static let actionSpace = Space.discrete(count: 4)

    /// Writes three valid episodes, applies `corrupt` to the open file, and returns the problems.
    func problems(after corrupt: (hid_t, H5Context) throws -> Void, metadataEdit: ((inout DatasetMetadata) -> Void)? = nil) throws -> [ValidationProblem] {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let writer = try RolloutWriter(directory: directory.url, metadata: DatasetMetadata(
            datasetID: "prism/test/validate-v0", observationSpace: Self.observationSpace, actionSpace: Self.actionSpace))
        for episode in SyntheticEpisodes.make(3, observationSpace: Self.observationSpace, actionSpace: Self.actionSpace) {
            try writer.append(episode)
        }
        try writer.close()
        let path = directory.url.appendingPathComponent("data/main_data.hdf5").path
        let context = H5Context(file: path, object: "/")
        do {
            let file = try H5Handle.file(H5Fopen(path, prism_h5f_acc_rdwr(), prism_h5p_default()), context, "H5Fopen")
            try corrupt(file.id, context)
        }
        if let metadataEdit {
            var metadata = try DatasetLayout(directory: directory.url).readMetadata()
            metadataEdit(&metadata)
            try metadata.writeAtomically(to: DatasetLayout(directory: directory.url).metadataURL)
        }
        return try RolloutReader(directory: directory.url).validate()
    }

    func replace(_ dataset: String, in group: String, of file: hid_t, _ context: H5Context,
                 with write: (hid_t, H5Context) throws -> Void) throws {
        let groupContext = context.child(group)
        let handle = try H5Handle.group(H5Gopen2(file, group, prism_h5p_default()), groupContext, "H5Gopen2")
        try groupContext.check(H5Ldelete(handle.id, dataset, prism_h5p_default()), "H5Ldelete")
        try write(handle.id, groupContext)
    }

    @Test func validDatasetHasNoProblems() throws {
        #expect(try problems(after: { _, _ in }).isEmpty)
    }

    @Test func catchesNonSequentialIDs() throws {
        let found = try problems(after: { file, context in
            let group = try H5Handle.group(H5Gopen2(file, "episode_1", prism_h5p_default()), context, "H5Gopen2")
            try H5IO.writeAttribute(Int64(7), type: prism_h5t_native_int64(), name: "id", on: group.id, context)
        })
        #expect(found.contains { $0.severity == .error && $0.message.contains("sequential") })
    }

    @Test func catchesWrongTotalSteps() throws {
        let found = try problems(after: { _, _ in }, metadataEdit: { $0.totalSteps += 1 })
        #expect(found.contains { $0.severity == .error && $0.object == "metadata.json" && $0.message.contains("total_steps") })
    }

    @Test func catchesACountPastTheGroups() throws {
        let found = try problems(after: { _, _ in }, metadataEdit: { $0.totalEpisodes = 4 })
        #expect(found.contains { $0.severity == .error && $0.object == "/episode_3" })
    }

    @Test func catchesMissingFinalObservation() throws {
        let found = try problems(after: { file, context in
            try replace("observations", in: "episode_2", of: file, context) { group, here in
                try H5IO.write([Float](repeating: 0, count: 3 * 7), type: prism_h5t_native_float(), dims: [7, 3],
                               name: "observations", in: group, here)
            }
        })
        #expect(found.contains { $0.severity == .error && $0.message.contains("T+1") })
    }

    @Test func catchesAnEarlyFlag() throws {
        let found = try problems(after: { file, context in
            try replace("terminations", in: "episode_1", of: file, context) { group, here in
                try H5IO.writeBools([true, false, false, false], name: "terminations", in: group, here)
            }
        })
        #expect(found.contains { $0.severity == .error && $0.message.contains("before the last step") })
    }

    @Test func catchesDtypeMismatches() throws {
        let found = try problems(after: { file, context in
            try replace("actions", in: "episode_0", of: file, context) { group, here in
                try H5IO.write([Float(1)], type: prism_h5t_native_float(), dims: [1], name: "actions", in: group, here)
            }
            try replace("truncations", in: "episode_1", of: file, context) { group, here in
                try H5IO.write([UInt8](repeating: 0, count: 4), type: prism_h5t_native_uint8(), dims: [4], name: "truncations", in: group, here)
            }
        })
        #expect(found.contains { $0.severity == .error && $0.object == "/episode_0" && $0.message.contains("element type") })
        #expect(found.contains { $0.severity == .error && $0.object == "/episode_1/truncations" && $0.message.contains("numpy bool") })
    }

    @Test func aHalfWrittenGroupPastTheCountIsOnlyAWarning() throws {
        let found = try problems(after: { file, context in
            let group = try H5Handle.group(H5Gcreate2(file, "episode_3", prism_h5p_default(), prism_h5p_default(), prism_h5p_default()),
                                           context, "H5Gcreate2")
            try H5IO.write([Float](repeating: 0, count: 6), type: prism_h5t_native_float(), dims: [2, 3], name: "observations", in: group.id, context)
        })
        #expect(found.count == 1)
        #expect(found.first?.severity == .warning && found.first?.object == "/episode_3")
    }
}
