import CHDF5
import PrismEnv

/// Writes and reads per-step ``SpaceValue`` sequences as Minari stores them: Discrete as int64
/// `(T,)`, MultiDiscrete as int64 `(T, n)`, Box as float32/uint8 `(T, *shape)`, Text as
/// variable-length UTF-8 strings, Dict as a group with one entry per key (recursively).
enum SpaceCodec {
    /// Writes `values` (one per step) under `name` in `parent`.
    static func write(_ values: [SpaceValue], space: Space, name: String, in parent: hid_t, _ context: H5Context) throws(StorageError) {
        let here = context.child(name)
        func mismatch(_ index: Int) -> StorageError {
            .invalidEpisode(reason: "'\(here.object)' step \(index): \(values[index]) is not an element of the space")
        }
        switch space {
        case .discrete:
            var ints: [Int64] = []
            ints.reserveCapacity(values.count)
            for (index, value) in values.enumerated() {
                guard case .discrete(let x) = value else { throw mismatch(index) }
                ints.append(Int64(x))
            }
            try H5IO.write(ints, type: prism_h5t_native_int64(), dims: [values.count], name: name, in: parent, here)
        case .multiDiscrete(let counts, _):
            var ints: [Int64] = []
            ints.reserveCapacity(values.count * counts.count)
            for (index, value) in values.enumerated() {
                guard case .multiDiscrete(let xs) = value, xs.count == counts.count else { throw mismatch(index) }
                ints.append(contentsOf: xs.map { Int64($0) })
            }
            try H5IO.write(ints, type: prism_h5t_native_int64(), dims: [values.count, counts.count], name: name, in: parent, here)
        case let .box(_, _, shape, elementType):
            let size = shape.reduce(1, *)
            var floats: [Float] = []
            floats.reserveCapacity(values.count * size)
            for (index, value) in values.enumerated() {
                guard case .box(let xs) = value, xs.count == size else { throw mismatch(index) }
                floats.append(contentsOf: xs)
            }
            let dims = [values.count] + shape
            if elementType == .uint8 {
                let bytes = floats.map { UInt8(clamping: Int($0.isFinite ? $0 : 0)) }
                try H5IO.write(bytes, type: prism_h5t_native_uint8(), dims: dims, name: name, in: parent, here)
            } else {
                try H5IO.write(floats, type: prism_h5t_native_float(), dims: dims, name: name, in: parent, here)
            }
        case .text:
            var strings: [String] = []
            strings.reserveCapacity(values.count)
            for (index, value) in values.enumerated() {
                guard case .text(let text) = value else { throw mismatch(index) }
                strings.append(text)
            }
            try H5IO.writeStrings(strings, name: name, in: parent, here)
        case .dict(let spaces):
            var columns: [String: [SpaceValue]] = [:]
            for (index, value) in values.enumerated() {
                guard case .dict(let entries) = value, Set(entries.keys) == Set(spaces.keys) else { throw mismatch(index) }
                for (key, entry) in entries { columns[key, default: []].append(entry) }
            }
            let group = try H5IO.createGroup(name, in: parent, here)
            for key in spaces.keys.sorted() {
                guard let subspace = spaces[key] else { continue }
                try write(columns[key] ?? [], space: subspace, name: key, in: group.id, here)
            }
        }
    }

    /// Reads the per-step values under `name` in `parent`; `count` is the expected number of steps
    /// (nil accepts whatever length is stored).
    static func read(space: Space, name: String, in parent: hid_t, count: Int?, _ context: H5Context) throws(StorageError) -> [SpaceValue] {
        let here = context.child(name)
        if case .dict(let spaces) = space {
            guard isGroup(parent, name) else { throw .malformed(file: here.file, object: here.object, reason: "expected a group for a Dict space") }
            let group = try H5Handle.group(H5Gopen2(parent, name, prism_h5p_default()), here, "H5Gopen2")
            var columns: [String: [SpaceValue]] = [:]
            var length = count
            for key in spaces.keys.sorted() {
                guard let subspace = spaces[key] else { continue }
                let column = try read(space: subspace, name: key, in: group.id, count: length, here)
                length = column.count
                columns[key] = column
            }
            return (0..<(length ?? 0)).map { step in .dict(columns.mapValues { $0[step] }) }
        }
        let dataset = try H5IO.open(name, in: parent, here)
        let dims = try dataset.dimensions(here)
        guard let steps = dims.first else { throw .malformed(file: here.file, object: here.object, reason: "a scalar dataset, expected one row per step") }
        if let count, count != steps {
            throw .malformed(file: here.file, object: here.object, reason: "\(steps) rows, expected \(count)")
        }
        let kind = try dataset.elementKind(here)
        func require(_ expected: [H5ElementKind], _ shape: [Int]) throws(StorageError) {
            guard expected.contains(kind) else {
                throw .malformed(file: here.file, object: here.object, reason: "element type \(kind) does not match the space \(space.minariJSON)")
            }
            guard Array(dims.dropFirst()) == shape else {
                throw .malformed(file: here.file, object: here.object, reason: "row shape \(Array(dims.dropFirst())) does not match \(shape)")
            }
        }
        switch space {
        case .discrete:
            try require([.int64, .uint8, .other("int32")], [])
            return try H5IO.read(dataset, type: prism_h5t_native_int64(), count: steps, zero: Int64(0), here).map { .discrete(Int($0)) }
        case .multiDiscrete(let counts, _):
            try require([.int64, .uint8, .other("int32")], [counts.count])
            let flat = try H5IO.read(dataset, type: prism_h5t_native_int64(), count: steps * counts.count, zero: Int64(0), here)
            return (0..<steps).map { step in .multiDiscrete(flat[(step * counts.count)..<((step + 1) * counts.count)].map { Int($0) }) }
        case let .box(_, _, shape, elementType):
            try require(elementType == .uint8 ? [.uint8] : [.float32, .float64], shape)
            let size = shape.reduce(1, *)
            let flat = try H5IO.read(dataset, type: prism_h5t_native_float(), count: steps * size, zero: Float(0), here)
            return (0..<steps).map { step in .box(Array(flat[(step * size)..<((step + 1) * size)])) }
        case .text:
            try require([.string], [])
            return try H5IO.readStrings(dataset, count: steps, here).map { .text($0) }
        case .dict:
            return []
        }
    }
}
