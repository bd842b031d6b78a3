import Foundation
import PrismEnv
import PrismStorage
import Testing

/// A child process that inherits a dataset's open descriptor (started while the file was open,
/// by `posix_spawn` without closing descriptors) must not keep HDF5's lock on it after the
/// writer closes: readers and a new writer open the dataset at once.
@Suite struct InheritedDescriptorTests {
    @Test func closedDatasetOpensWhileAChildHoldsItsDescriptor() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let space = Space.discrete(count: 3)
        let metadata = DatasetMetadata(datasetID: "prism/test/inherited-v0", observationSpace: space, actionSpace: space)
        let writer = try RolloutWriter(directory: directory.url, metadata: metadata)
        try writer.append(SyntheticEpisodes.make(1, observationSpace: space, actionSpace: space)[0])
        var child: pid_t = 0
        let arguments: [UnsafeMutablePointer<CChar>?] = [strdup("sleep"), strdup("30"), nil]
        defer { arguments.forEach { free($0) } }
        #expect(posix_spawn(&child, "/bin/sleep", nil, nil, arguments, environ) == 0)
        defer {
            kill(child, SIGKILL)
            var status: Int32 = 0
            waitpid(child, &status, 0)
        }
        try writer.close()
        #expect(try RolloutReader(directory: directory.url).episodeCount == 1)
        #expect(try RolloutWriter(directory: directory.url, metadata: metadata).episodeCount == 1)
    }
}
