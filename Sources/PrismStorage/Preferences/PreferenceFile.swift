import CHDF5
import Foundation

/// A preference data file: one HDF5 file (readable with `h5py`) holding prompt/chosen/rejected
/// pairs with their provenance, one row per pair.
///
/// Layout: root datasets `prompt`, `chosen`, `rejected`, `source` (variable-length UTF-8 strings),
/// `chosen_score`, `rejected_score` (float64, NaN when unscored) and `seed` (int64, -1 when
/// unknown), all of shape `(count,)`, chunked with `maxshape=(None,)`; root attributes
/// `format = "prism-preferences"` and `version = 1`. In Python:
/// `h5py.File(path)["chosen"].asstr()[:]`.
public final class PreferenceFile {
    /// How a file is opened.
    public enum Mode: Sendable {
        /// Read-only; the file must exist.
        case read
        /// Read-write; a missing file is created, an existing preference file is appended to.
        case append
    }

    /// The value of the `format` attribute.
    public static let formatName = "prism-preferences"
    /// The layout version this code writes and reads (the `version` attribute).
    public static let formatVersion: Int64 = 1

    /// The file.
    public let url: URL
    /// How the file was opened.
    public let mode: Mode
    /// The number of pairs in the file.
    public private(set) var count: Int
    private var file: H5Handle?
    private let context: H5Context

    /// Opens (or, in ``Mode/append``, creates) the preference file at `url`.
    /// - Throws: ``StorageError/refusedPath(path:reason:)`` for a directory or a file that is not
    ///   HDF5; ``StorageError/malformed(file:object:reason:)`` for an HDF5 file that is not a
    ///   preference file (wrong `format`/`version`, missing or mismatched columns).
    public init(url: URL, mode: Mode) throws(StorageError) {
        _ = hdf5Silenced
        self.url = url
        self.mode = mode
        context = H5Context(file: url.path, object: "/")
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
        if exists && isDirectory.boolValue {
            throw .refusedPath(path: url.path, reason: "it is a directory, not a preference file")
        }
        guard exists else {
            guard mode == .append else { throw .hdf5(operation: "open (file missing)", file: url.path, object: "/") }
            let created = try H5Handle.file(
                H5Fcreate(url.path, prism_h5f_acc_excl(), prism_h5p_default(), prism_h5p_default()), context, "H5Fcreate")
            try PreferenceColumns.writeStringAttribute(Self.formatName, name: "format", on: created.id, context)
            try H5IO.writeAttribute(Self.formatVersion, type: prism_h5t_native_int64(), name: "version", on: created.id, context)
            for name in PreferenceColumns.stringNames {
                let type = try H5Handle.datatype(prism_h5t_vlen_utf8_string(), context, "create vlen string type")
                try PreferenceColumns.create(name, type: type.id, in: created.id, context)
            }
            for name in PreferenceColumns.doubleNames {
                try PreferenceColumns.create(name, type: prism_h5t_native_double(), in: created.id, context)
            }
            for name in PreferenceColumns.intNames {
                try PreferenceColumns.create(name, type: prism_h5t_native_int64(), in: created.id, context)
            }
            try context.check(H5Fflush(created.id, H5F_SCOPE_GLOBAL), "H5Fflush")
            file = created
            count = 0
            return
        }
        guard H5Fis_hdf5(url.path) > 0 else {
            throw .refusedPath(path: url.path, reason: "it is not an HDF5 file (or is truncated/corrupted)")
        }
        let flags = mode == .read ? prism_h5f_acc_rdonly() : prism_h5f_acc_rdwr()
        let opened = try H5Handle.file(H5Fopen(url.path, flags, prism_h5p_default()), context, "H5Fopen")
        let format = try PreferenceColumns.readStringAttribute("format", on: opened.id, context)
        guard format == Self.formatName else {
            throw .malformed(file: url.path, object: "/", reason: "attribute 'format' is \(format.map { "'\($0)'" } ?? "missing"), "
                + "expected '\(Self.formatName)'")
        }
        let version = try H5IO.readInt64Attribute("version", on: opened.id, context)
        guard version == Self.formatVersion else {
            throw .malformed(file: url.path, object: "/", reason: "attribute 'version' is \(version.map(String.init) ?? "missing"), "
                + "this code reads version \(Self.formatVersion)")
        }
        var rows: Int?
        for name in PreferenceColumns.allNames {
            let length = try PreferenceColumns.rows(name, in: opened.id, context)
            if let rows, rows != length {
                throw .malformed(file: url.path, object: "/" + name, reason: "\(length) rows, but 'prompt' has \(rows)")
            }
            rows = length
        }
        file = opened
        count = rows ?? 0
    }

    deinit { try? close() }

    /// Appends pairs at the end (all columns grow together) and flushes the file.
    /// - Throws: ``StorageError/hdf5(operation:file:object:)`` naming the column; appending to a
    ///   file opened read-only or closed.
    public func append(contentsOf pairs: [PreferencePair]) throws(StorageError) {
        guard let file else { throw .hdf5(operation: "append after close", file: url.path, object: "/") }
        guard mode == .append else { throw .hdf5(operation: "append to a file opened read-only", file: url.path, object: "/") }
        guard !pairs.isEmpty else { return }
        try PreferenceColumns.append(strings: pairs.map(\.prompt), name: "prompt", in: file.id, context)
        try PreferenceColumns.append(strings: pairs.map(\.chosen), name: "chosen", in: file.id, context)
        try PreferenceColumns.append(strings: pairs.map(\.rejected), name: "rejected", in: file.id, context)
        try PreferenceColumns.append(strings: pairs.map(\.source), name: "source", in: file.id, context)
        try PreferenceColumns.append(pairs.map(\.chosenScore), type: prism_h5t_native_double(), name: "chosen_score", in: file.id, context)
        try PreferenceColumns.append(pairs.map(\.rejectedScore), type: prism_h5t_native_double(), name: "rejected_score",
                                     in: file.id, context)
        try PreferenceColumns.append(pairs.map(\.seed), type: prism_h5t_native_int64(), name: "seed", in: file.id, context)
        count += pairs.count
        try context.check(H5Fflush(file.id, H5F_SCOPE_GLOBAL), "H5Fflush")
    }

    /// Appends one pair.
    public func append(_ pair: PreferencePair) throws(StorageError) {
        try append(contentsOf: [pair])
    }

    /// Every pair in the file, in order.
    /// - Throws: ``StorageError`` naming the column that cannot be read.
    public func pairs() throws(StorageError) -> [PreferencePair] {
        guard let file else { throw .hdf5(operation: "read after close", file: url.path, object: "/") }
        var strings: [[String]] = []
        for name in PreferenceColumns.stringNames {
            strings.append(try PreferenceColumns.readStrings(name, count: count, in: file.id, context))
        }
        let chosenScores = try PreferenceColumns.read("chosen_score", type: prism_h5t_native_double(), count: count, zero: 0.0,
                                                      in: file.id, context)
        let rejectedScores = try PreferenceColumns.read("rejected_score", type: prism_h5t_native_double(), count: count, zero: 0.0,
                                                        in: file.id, context)
        let seeds = try PreferenceColumns.read("seed", type: prism_h5t_native_int64(), count: count, zero: Int64(0), in: file.id, context)
        return (0..<count).map { row in
            PreferencePair(prompt: strings[0][row], chosen: strings[1][row], rejected: strings[2][row], source: strings[3][row],
                           chosenScore: chosenScores[row], rejectedScore: rejectedScores[row], seed: seeds[row])
        }
    }

    /// Flushes and closes the file; further reads and appends throw.
    public func close() throws(StorageError) {
        guard let file else { return }
        if mode == .append { try context.check(H5Fflush(file.id, H5F_SCOPE_GLOBAL), "H5Fflush") }
        self.file = nil
    }
}
