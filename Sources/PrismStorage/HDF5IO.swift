import CHDF5
import Foundation

/// The variable-length UTF-8 string type, created once per process (never closed).
let sharedVlenUTF8Type: hid_t = prism_h5t_vlen_utf8_string()
/// numpy's bool enum type, created once per process (never closed).
let sharedNumpyBoolType: hid_t = prism_h5t_numpy_bool()
/// A scalar dataspace for attributes, created once per process (never closed).
let sharedScalarSpace: hid_t = H5Screate(H5S_SCALAR)

/// Creating, writing and reading the datasets and attributes of an episode group.
enum H5IO {
    /// Creates a chunked dataset extendable along its first axis (Minari's `chunks=True,
    /// maxshape=(None, ...)`) and writes `dims.product` elements from `data`.
    static func write(
        _ data: UnsafeRawPointer?, type: hid_t, dims: [Int], name: String, in parent: hid_t, _ context: H5Context
    ) throws(StorageError) {
        let current = dims.map { hsize_t($0) }
        var maximum = current
        maximum[0] = prism_h5s_unlimited()
        let space = try H5Handle.dataspace(H5Screate_simple(Int32(dims.count), current, maximum), context, "H5Screate_simple")
        let properties = try H5Handle.propertyList(H5Pcreate(prism_h5p_dataset_create()), context, "H5Pcreate")
        let rowBytes = max(1, dims.dropFirst().reduce(H5Tget_size(type), { $0 * $1 }))
        var chunk = current.map { max($0, 1) }
        chunk[0] = hsize_t(max(1, min(dims[0], 65_536 / rowBytes)))
        try context.check(H5Pset_chunk(properties.id, Int32(chunk.count), chunk), "H5Pset_chunk")
        let dataset = try H5Handle.dataset(
            H5Dcreate2(parent, name, type, space.id, prism_h5p_default(), properties.id, prism_h5p_default()),
            context, "H5Dcreate2")
        if dims.reduce(1, *) > 0 {
            try context.check(H5Dwrite(dataset.id, type, prism_h5s_all(), prism_h5s_all(), prism_h5p_default(), data), "H5Dwrite")
        }
    }

    /// Writes numeric elements of a native HDF5 type.
    static func write<T>(_ values: [T], type: hid_t, dims: [Int], name: String, in parent: hid_t, _ context: H5Context) throws(StorageError) {
        let result: Result<Void, StorageError> = values.withUnsafeBytes { raw in
            Result { () throws(StorageError) in try write(raw.baseAddress, type: type, dims: dims, name: name, in: parent, context) }
        }
        try result.get()
    }

    /// Writes strings as a variable-length UTF-8 dataset (h5py's `string_dtype("utf-8")`).
    static func writeStrings(_ strings: [String], name: String, in parent: hid_t, _ context: H5Context) throws(StorageError) {
        let type = try context.check(sharedVlenUTF8Type, "create vlen string type")
        let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        defer { pointers.forEach { free($0) } }
        try write(pointers, type: type, dims: [strings.count], name: name, in: parent, context)
    }

    /// Writes flags as numpy bool (an int8 enum FALSE=0/TRUE=1, as h5py stores them).
    static func writeBools(_ flags: [Bool], name: String, in parent: hid_t, _ context: H5Context) throws(StorageError) {
        let type = try context.check(sharedNumpyBoolType, "create bool enum type")
        try write(flags.map { Int8($0 ? 1 : 0) }, type: type, dims: [flags.count], name: name, in: parent, context)
    }

    /// Group creation properties for episode groups and their subgroups: links kept in the object
    /// header ("new-style" compact groups), so no symbol-table node is allocated per group.
    static func groupCreation(_ context: H5Context) throws(StorageError) -> H5Handle {
        let creation = try H5Handle.propertyList(H5Pcreate(prism_h5p_group_create()), context, "H5Pcreate group creation")
        try context.check(H5Pset_link_creation_order(creation.id, UInt32(H5P_CRT_ORDER_TRACKED)), "H5Pset_link_creation_order")
        return creation
    }

    /// Creates a named group with ``groupCreation(_:)`` properties.
    static func createGroup(_ name: String, in parent: hid_t, _ context: H5Context) throws(StorageError) -> H5Handle {
        let creation = try groupCreation(context)
        return try H5Handle.group(H5Gcreate2(parent, name, prism_h5p_default(), creation.id, prism_h5p_default()), context, "H5Gcreate2")
    }

    /// Opens a dataset, naming it in errors.
    static func open(_ name: String, in parent: hid_t, _ context: H5Context) throws(StorageError) -> H5Handle {
        let id = H5Dopen2(parent, name, prism_h5p_default())
        if id < 0 && !linkExists(parent, name) {
            throw .malformed(file: context.file, object: context.object, reason: "the dataset is missing")
        }
        return try H5Handle.dataset(id, context, "H5Dopen2")
    }

    /// Reads a whole dataset converted to the native memory type `type`.
    static func read<T>(_ dataset: H5Handle, type: hid_t, count: Int, zero: T, _ context: H5Context) throws(StorageError) -> [T] {
        var values = [T](repeating: zero, count: count)
        guard count > 0 else { return values }
        let status = values.withUnsafeMutableBytes { raw in
            H5Dread(dataset.id, type, prism_h5s_all(), prism_h5s_all(), prism_h5p_default(), raw.baseAddress)
        }
        try context.check(status, "H5Dread")
        return values
    }

    /// Reads a variable-length string dataset.
    static func readStrings(_ dataset: H5Handle, count: Int, _ context: H5Context) throws(StorageError) -> [String] {
        let type = try context.check(sharedVlenUTF8Type, "create vlen string type")
        var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
        guard count > 0 else { return [] }
        try context.check(H5Dread(dataset.id, type, prism_h5s_all(), prism_h5s_all(), prism_h5p_default(), &pointers), "H5Dread")
        let strings = pointers.map { $0.map { String(cString: $0) } ?? "" }
        let space = try H5Handle.dataspace(H5Dget_space(dataset.id), context, "H5Dget_space")
        try context.check(H5Dvlen_reclaim(type, space.id, prism_h5p_default(), &pointers), "H5Dvlen_reclaim")
        return strings
    }

    /// Reads bools stored as numpy's enum (or as plain integers, which some writers use).
    static func readBools(_ dataset: H5Handle, count: Int, _ context: H5Context) throws(StorageError) -> [Bool] {
        let kind = try dataset.elementKind(context)
        let type = kind == .bool
            ? try context.check(sharedNumpyBoolType, "create bool enum type")
            : prism_h5t_native_int8()
        return try read(dataset, type: type, count: count, zero: Int8(0), context).map { $0 != 0 }
    }

    /// Writes a scalar attribute.
    /// `fresh`: the object was just created by this writer, so no attribute of that name exists yet.
    static func writeAttribute<T>(_ value: T, type: hid_t, name: String, on object: hid_t, fresh: Bool = false,
                                  _ context: H5Context) throws(StorageError) {
        let space = try context.check(sharedScalarSpace, "H5Screate")
        if !fresh && H5Aexists(object, name) > 0 { try context.check(H5Adelete(object, name), "H5Adelete \(name)") }
        let attribute = try H5Handle.attribute(
            H5Acreate2(object, name, type, space, prism_h5p_default(), prism_h5p_default()), context, "H5Acreate2 \(name)")
        var copy = value
        let status = withUnsafeBytes(of: &copy) { H5Awrite(attribute.id, type, $0.baseAddress) }
        try context.check(status, "H5Awrite \(name)")
    }

    /// Reads a scalar integer attribute, or nil when it is absent.
    static func readInt64Attribute(_ name: String, on object: hid_t, _ context: H5Context) throws(StorageError) -> Int64? {
        let opened = H5Aopen(object, name, prism_h5p_default())
        if opened < 0 && H5Aexists(object, name) == 0 { return nil }
        let attribute = try H5Handle.attribute(opened, context, "H5Aopen \(name)")
        var value: Int64 = 0
        try context.check(H5Aread(attribute.id, prism_h5t_native_int64(), &value), "H5Aread \(name)")
        return value
    }
}
