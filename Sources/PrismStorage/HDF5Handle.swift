import CHDF5
import Foundation

/// Silences HDF5's automatic error printing once per process; failures surface as ``StorageError``.
let hdf5Silenced: Bool = prism_h5e_silence() >= 0

/// The file and object an HDF5 call works on, for error messages.
struct H5Context {
    /// The `.hdf5` file path.
    var file: String
    /// The group or dataset path inside it.
    var object: String

    /// The context of a child object.
    func child(_ name: String) -> H5Context {
        H5Context(file: file, object: object == "/" ? "/" + name : object + "/" + name)
    }

    /// Throws ``StorageError/hdf5(operation:file:object:)`` when `status` is negative.
    @discardableResult
    func check<T: BinaryInteger>(_ status: T, _ operation: String) throws(StorageError) -> T {
        guard status >= 0 else {
            let detail = Self.hdf5Message()
            throw .hdf5(operation: detail.isEmpty ? operation : "\(operation) [\(detail)]", file: file, object: object)
        }
        return status
    }

    /// HDF5's own explanation of the last failure on this thread, or "".
    static func hdf5Message() -> String {
        var buffer = [CChar](repeating: 0, count: 512)
        prism_h5e_innermost_message(&buffer)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// Owns one HDF5 identifier and closes it when released, so no object is left open.
final class H5Handle {
    /// The identifier.
    let id: hid_t
    private let closer: (hid_t) -> herr_t

    private init(_ id: hid_t, closer: @escaping (hid_t) -> herr_t) {
        self.id = id
        self.closer = closer
    }

    deinit { _ = closer(id) }

    /// A dataspace, datatype, property list, group, dataset or attribute handle, checked.
    static func dataspace(_ id: hid_t, _ context: H5Context, _ operation: String) throws(StorageError) -> H5Handle {
        H5Handle(try context.check(id, operation), closer: H5Sclose)
    }

    /// A datatype handle.
    static func datatype(_ id: hid_t, _ context: H5Context, _ operation: String) throws(StorageError) -> H5Handle {
        H5Handle(try context.check(id, operation), closer: H5Tclose)
    }

    /// A property-list handle.
    static func propertyList(_ id: hid_t, _ context: H5Context, _ operation: String) throws(StorageError) -> H5Handle {
        H5Handle(try context.check(id, operation), closer: H5Pclose)
    }

    /// A group handle.
    static func group(_ id: hid_t, _ context: H5Context, _ operation: String) throws(StorageError) -> H5Handle {
        H5Handle(try context.check(id, operation), closer: H5Gclose)
    }

    /// A dataset handle.
    static func dataset(_ id: hid_t, _ context: H5Context, _ operation: String) throws(StorageError) -> H5Handle {
        H5Handle(try context.check(id, operation), closer: H5Dclose)
    }

    /// An attribute handle.
    static func attribute(_ id: hid_t, _ context: H5Context, _ operation: String) throws(StorageError) -> H5Handle {
        H5Handle(try context.check(id, operation), closer: H5Aclose)
    }

    /// A file handle.
    /// Closing releases HDF5's lock on the file first (see `prism_h5f_unlock_and_close`).
    static func file(_ id: hid_t, _ context: H5Context, _ operation: String) throws(StorageError) -> H5Handle {
        H5Handle(try context.check(id, operation), closer: prism_h5f_unlock_and_close)
    }
}

/// The kinds of element a dataset holds, as far as the spaces care.
enum H5ElementKind: Equatable {
    case float32, float64, uint8, int64, bool, string, other(String)
}

extension H5Handle {
    /// The element kind of a dataset handle.
    func elementKind(_ context: H5Context) throws(StorageError) -> H5ElementKind {
        let type = try H5Handle.datatype(H5Dget_type(id), context, "H5Dget_type")
        let size = H5Tget_size(type.id)
        switch H5Tget_class(type.id) {
        case H5T_FLOAT: return size == 4 ? .float32 : size == 8 ? .float64 : .other("float\(size * 8)")
        case H5T_INTEGER:
            let signed = H5Tget_sign(type.id) == H5T_SGN_2
            if size == 1 && !signed { return .uint8 }
            if size == 8 && signed { return .int64 }
            return .other("\(signed ? "int" : "uint")\(size * 8)")
        case H5T_ENUM: return size == 1 ? .bool : .other("enum\(size * 8)")
        case H5T_STRING: return H5Tis_variable_str(type.id) > 0 ? .string : .other("fixed-length string")
        default: return .other("unsupported HDF5 class")
        }
    }

    /// The dimensions of a dataset handle.
    func dimensions(_ context: H5Context) throws(StorageError) -> [Int] {
        let space = try H5Handle.dataspace(H5Dget_space(id), context, "H5Dget_space")
        let rank = Int(try context.check(H5Sget_simple_extent_ndims(space.id), "H5Sget_simple_extent_ndims"))
        var dims = [hsize_t](repeating: 0, count: rank)
        try context.check(H5Sget_simple_extent_dims(space.id, &dims, nil), "H5Sget_simple_extent_dims")
        return dims.map { Int($0) }
    }
}

/// Whether `name` is a link in `parent`.
func linkExists(_ parent: hid_t, _ name: String) -> Bool {
    H5Lexists(parent, name, prism_h5p_default()) > 0
}

/// Whether the object at `name` in `parent` is a group.
func isGroup(_ parent: hid_t, _ name: String) -> Bool {
    guard linkExists(parent, name) else { return false }
    let object = H5Oopen(parent, name, prism_h5p_default())
    guard object >= 0 else { return false }
    defer { H5Oclose(object) }
    return H5Iget_type(object) == H5I_GROUP
}
