import CHDF5
import Foundation
import Testing

/// Proves the HDF5 system-library target links and its macro shim works: a file is created,
/// a dataset written and read back through the C API.
@Test func writesAndReadsADatasetThroughTheShim() throws {
    var major: UInt32 = 0, minor: UInt32 = 0, release: UInt32 = 0
    #expect(H5get_libversion(&major, &minor, &release) >= 0)
    #expect(major == 1 && minor >= 10)

    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("prism-hdf5-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("probe.h5").path

    let file = H5Fcreate(path, prism_h5f_acc_trunc(), prism_h5p_default(), prism_h5p_default())
    #expect(file >= 0)
    var dimensions: [hsize_t] = [2, 3]
    let space = H5Screate_simple(2, &dimensions, nil)
    let dataset = H5Dcreate2(file, "values", prism_h5t_native_float(), space,
                             prism_h5p_default(), prism_h5p_default(), prism_h5p_default())
    #expect(dataset >= 0)
    let written: [Float] = [1, 2, 3, 4, 5, 6.5]
    #expect(H5Dwrite(dataset, prism_h5t_native_float(), prism_h5s_all(), prism_h5s_all(), prism_h5p_default(), written) >= 0)
    H5Dclose(dataset)
    H5Sclose(space)
    H5Fclose(file)

    let reopened = H5Fopen(path, prism_h5f_acc_rdonly(), prism_h5p_default())
    let readBack = H5Dopen2(reopened, "values", prism_h5p_default())
    var values = [Float](repeating: 0, count: 6)
    #expect(H5Dread(readBack, prism_h5t_native_float(), prism_h5s_all(), prism_h5s_all(), prism_h5p_default(), &values) >= 0)
    H5Dclose(readBack)
    H5Fclose(reopened)
    #expect(values == written)
}
