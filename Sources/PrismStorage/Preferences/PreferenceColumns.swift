import CHDF5
import Foundation

/// The one-dimensional, chunked, extendable datasets of a preference file: creating them empty,
/// appending rows and reading them whole.
enum PreferenceColumns {
    /// Rows per chunk: large enough for bulk appends, small enough for a few pairs.
    static let chunkRows: hsize_t = 256

    /// The string columns, in file order.
    static let stringNames = ["prompt", "chosen", "rejected", "source"]
    /// The float64 columns.
    static let doubleNames = ["chosen_score", "rejected_score"]
    /// The int64 columns.
    static let intNames = ["seed"]
    /// Every column.
    static var allNames: [String] { stringNames + doubleNames + intNames }

    /// Creates an empty `(0,)` dataset with `maxshape=(None,)`.
    static func create(_ name: String, type: hid_t, in file: hid_t, _ context: H5Context) throws(StorageError) {
        let here = context.child(name)
        var current: [hsize_t] = [0]
        var maximum: [hsize_t] = [prism_h5s_unlimited()]
        let space = try H5Handle.dataspace(H5Screate_simple(1, &current, &maximum), here, "H5Screate_simple")
        let properties = try H5Handle.propertyList(H5Pcreate(prism_h5p_dataset_create()), here, "H5Pcreate")
        var chunk: [hsize_t] = [chunkRows]
        try here.check(H5Pset_chunk(properties.id, 1, &chunk), "H5Pset_chunk")
        _ = try H5Handle.dataset(
            H5Dcreate2(file, name, type, space.id, prism_h5p_default(), properties.id, prism_h5p_default()), here, "H5Dcreate2")
    }

    /// The number of rows of a column.
    static func rows(_ name: String, in file: hid_t, _ context: H5Context) throws(StorageError) -> Int {
        let here = context.child(name)
        let dataset = try H5IO.open(name, in: file, here)
        let dims = try dataset.dimensions(here)
        guard dims.count == 1, let rows = dims.first else {
            throw .malformed(file: here.file, object: here.object, reason: "shape \(dims), expected one dimension")
        }
        return rows
    }

    /// Extends a column by `count` rows and writes them from `data` (memory type `type`).
    static func append(_ data: UnsafeRawPointer?, count: Int, type: hid_t, name: String, in file: hid_t,
                       _ context: H5Context) throws(StorageError) {
        guard count > 0 else { return }
        let here = context.child(name)
        let dataset = try H5IO.open(name, in: file, here)
        let old = try dataset.dimensions(here).first ?? 0
        var size: [hsize_t] = [hsize_t(old + count)]
        try here.check(H5Dset_extent(dataset.id, &size), "H5Dset_extent (is the dataset chunked with maxshape=(None,)?)")
        let fileSpace = try H5Handle.dataspace(H5Dget_space(dataset.id), here, "H5Dget_space")
        var start: [hsize_t] = [hsize_t(old)]
        var rows: [hsize_t] = [hsize_t(count)]
        try here.check(H5Sselect_hyperslab(fileSpace.id, H5S_SELECT_SET, &start, nil, &rows, nil), "H5Sselect_hyperslab")
        let memorySpace = try H5Handle.dataspace(H5Screate_simple(1, &rows, nil), here, "H5Screate_simple")
        try here.check(H5Dwrite(dataset.id, type, memorySpace.id, fileSpace.id, prism_h5p_default(), data), "H5Dwrite")
    }

    /// Appends numbers of a native type.
    static func append<T>(_ values: [T], type: hid_t, name: String, in file: hid_t, _ context: H5Context) throws(StorageError) {
        let result: Result<Void, StorageError> = values.withUnsafeBytes { raw in
            Result { () throws(StorageError) in
                try append(raw.baseAddress, count: values.count, type: type, name: name, in: file, context)
            }
        }
        try result.get()
    }

    /// Appends variable-length UTF-8 strings.
    static func append(strings: [String], name: String, in file: hid_t, _ context: H5Context) throws(StorageError) {
        let type = try H5Handle.datatype(prism_h5t_vlen_utf8_string(), context, "create vlen string type")
        let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        defer { pointers.forEach { free($0) } }
        try append(pointers, type: type.id, name: name, in: file, context)
    }

    /// Reads a whole string column, checking its element type.
    static func readStrings(_ name: String, count: Int, in file: hid_t, _ context: H5Context) throws(StorageError) -> [String] {
        let here = context.child(name)
        let dataset = try H5IO.open(name, in: file, here)
        let kind = try dataset.elementKind(here)
        guard kind == .string else {
            throw .malformed(file: here.file, object: here.object, reason: "element type \(kind), expected variable-length UTF-8 strings")
        }
        return try H5IO.readStrings(dataset, count: count, here)
    }

    /// Reads a whole numeric column converted to `type`, checking it is numeric.
    static func read<T>(_ name: String, type: hid_t, count: Int, zero: T, in file: hid_t, _ context: H5Context) throws(StorageError) -> [T] {
        let here = context.child(name)
        let dataset = try H5IO.open(name, in: file, here)
        let kind = try dataset.elementKind(here)
        if kind == .string || kind == .bool {
            throw .malformed(file: here.file, object: here.object, reason: "element type \(kind), expected a number")
        }
        return try H5IO.read(dataset, type: type, count: count, zero: zero, here)
    }

    /// Writes a scalar variable-length UTF-8 string attribute (h5py reads it as `str`).
    static func writeStringAttribute(_ value: String, name: String, on object: hid_t, _ context: H5Context) throws(StorageError) {
        let type = try H5Handle.datatype(prism_h5t_vlen_utf8_string(), context, "create vlen string type")
        guard let pointer = strdup(value) else { throw .hdf5(operation: "strdup \(name)", file: context.file, object: context.object) }
        defer { free(pointer) }
        try H5IO.writeAttribute(pointer, type: type.id, name: name, on: object, context)
    }

    /// Reads a scalar string attribute (variable or fixed length), or nil when it is absent.
    static func readStringAttribute(_ name: String, on object: hid_t, _ context: H5Context) throws(StorageError) -> String? {
        guard H5Aexists(object, name) > 0 else { return nil }
        let attribute = try H5Handle.attribute(H5Aopen(object, name, prism_h5p_default()), context, "H5Aopen \(name)")
        let stored = try H5Handle.datatype(H5Aget_type(attribute.id), context, "H5Aget_type \(name)")
        guard H5Tget_class(stored.id) == H5T_STRING else { return nil }
        if H5Tis_variable_str(stored.id) > 0 {
            let type = try H5Handle.datatype(prism_h5t_vlen_utf8_string(), context, "create vlen string type")
            var pointer: UnsafeMutablePointer<CChar>?
            try context.check(H5Aread(attribute.id, type.id, &pointer), "H5Aread \(name)")
            defer { if let pointer { H5free_memory(pointer) } }
            return pointer.map { String(cString: $0) }
        }
        let size = H5Tget_size(stored.id)
        var buffer = [UInt8](repeating: 0, count: size + 1)
        try context.check(H5Aread(attribute.id, stored.id, &buffer), "H5Aread \(name)")
        return String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
    }
}
