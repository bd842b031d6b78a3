import CHDF5

/// Writes and reads an episode's `infos/` group as Minari does: one dataset per key with `T + 1`
/// rows, nested dicts as subgroups (recursively).
enum InfoCodec {
    /// Writes `columns` into the group `parent` (already created).
    static func write(_ columns: [String: InfoColumn], in parent: hid_t, _ context: H5Context) throws(StorageError) {
        for key in columns.keys.sorted() {
            let here = context.child(key)
            let column = columns[key]!
            let rows = column.rowCount ?? 0
            switch column {
            case let .float64(values, shape):
                try H5IO.write(values, type: prism_h5t_native_double(), dims: [rows] + shape, name: key, in: parent, here)
            case let .int64(values, shape):
                try H5IO.write(values, type: prism_h5t_native_int64(), dims: [rows] + shape, name: key, in: parent, here)
            case let .bool(values):
                try H5IO.writeBools(values, name: key, in: parent, here)
            case let .string(values):
                try H5IO.writeStrings(values, name: key, in: parent, here)
            case let .group(entries):
                let group = try H5IO.createGroup(key, in: parent, here)
                try write(entries, in: group.id, here)
            }
        }
    }

    /// What ``read(in:_:)`` found: the columns it understood and the paths of datasets whose
    /// element type has no ``InfoColumn`` form (compound types, fixed-length strings, ...).
    struct Contents {
        var columns: [String: InfoColumn] = [:]
        var skipped: [String] = []
    }

    /// Reads every entry of the group `parent`.
    static func read(in parent: hid_t, _ context: H5Context) throws(StorageError) -> Contents {
        var contents = Contents()
        for name in try linkNames(parent, context) {
            let here = context.child(name)
            if isGroup(parent, name) {
                let group = try H5Handle.group(H5Gopen2(parent, name, prism_h5p_default()), here, "H5Gopen2")
                let nested = try read(in: group.id, here)
                contents.columns[name] = .group(nested.columns)
                contents.skipped += nested.skipped
                continue
            }
            let dataset = try H5IO.open(name, in: parent, here)
            if let column = try readColumn(dataset, here) {
                contents.columns[name] = column
            } else {
                contents.skipped.append(here.object)
            }
        }
        return contents
    }

    private static func readColumn(_ dataset: H5Handle, _ context: H5Context) throws(StorageError) -> InfoColumn? {
        let dims = try dataset.dimensions(context)
        guard let rows = dims.first else { return nil }
        let rowShape = Array(dims.dropFirst())
        let count = dims.reduce(1, *)
        let type = try H5Handle.datatype(H5Dget_type(dataset.id), context, "H5Dget_type")
        switch H5Tget_class(type.id) {
        case H5T_FLOAT:
            return .float64(try H5IO.read(dataset, type: prism_h5t_native_double(), count: count, zero: 0.0, context), rowShape: rowShape)
        case H5T_INTEGER:
            return .int64(try H5IO.read(dataset, type: prism_h5t_native_int64(), count: count, zero: Int64(0), context), rowShape: rowShape)
        case H5T_ENUM where try dataset.elementKind(context) == .bool && rowShape.isEmpty:
            return .bool(try H5IO.readBools(dataset, count: rows, context))
        case H5T_STRING where try dataset.elementKind(context) == .string && rowShape.isEmpty:
            return .string(try H5IO.readStrings(dataset, count: rows, context))
        default:
            return nil
        }
    }
}
