import PrismTensor

/// How a learning agent reads an observation space as one vector of floats: a `Box` contributes
/// its values in row-major order, a `Discrete(n)` a one-hot of n, and a `Dict` its `Box` fields
/// (sorted by key) followed by its `Discrete` fields as one-hots (sorted by key). `Text` fields of
/// a `Dict` (missions) are left out. For a gridworld observation this is exactly the 147 image
/// values followed by the direction one-hot.
public struct FlatEncoding: Sendable, Equatable {
    /// One part of the vector.
    enum Part: Sendable, Equatable {
        case box(key: String?, count: Int)
        case oneHot(key: String?, count: Int, start: Int)
    }

    /// What the encoding cannot represent.
    public struct UnsupportedSpace: Error, CustomStringConvertible, Equatable {
        /// The reason, naming the field.
        public let description: String
    }

    let parts: [Part]
    /// The number of floats of an encoded observation.
    public let count: Int

    /// The encoding of `space`.
    /// - Throws: ``UnsupportedSpace`` for `MultiDiscrete` and `Text` observations, nested `Dict`s
    ///   and a `Dict` with nothing to encode.
    public init(_ space: Space) throws(UnsupportedSpace) {
        switch space {
        case let .box(_, _, shape, _):
            parts = [.box(key: nil, count: Shape.count(shape))]
        case let .discrete(count, start):
            parts = [.oneHot(key: nil, count: count, start: start)]
        case let .dict(fields):
            var boxes: [Part] = [], oneHots: [Part] = []
            for key in fields.keys.sorted() {
                switch fields[key]! {
                case let .box(_, _, shape, _): boxes.append(.box(key: key, count: Shape.count(shape)))
                case let .discrete(count, start): oneHots.append(.oneHot(key: key, count: count, start: start))
                case .text: continue
                case .multiDiscrete, .dict:
                    throw UnsupportedSpace(description: "the observation field '\(key)' is a \(fields[key]!.kindName); a flat encoding takes Box and Discrete fields (Text fields are skipped)")
                }
            }
            parts = boxes + oneHots
            guard !parts.isEmpty else {
                throw UnsupportedSpace(description: "the observation Dict has no Box or Discrete field to encode")
            }
        case .multiDiscrete, .text:
            throw UnsupportedSpace(description: "the observation space is a \(space.kindName); a flat encoding takes a Box, a Discrete or a Dict of them")
        }
        count = parts.reduce(0) { total, part in
            switch part {
            case .box(_, let count), .oneHot(_, let count, _): total + count
            }
        }
    }

    /// The floats of `value`, an element of the space the encoding was made for.
    public func encode(_ value: SpaceValue) -> [Float] {
        var out = [Float](repeating: 0, count: count)
        var offset = 0
        for part in parts {
            switch part {
            case let .box(key, count):
                guard case .box(let values) = field(value, key) else { preconditionFailure("FlatEncoding: '\(key ?? "")' is not a box") }
                precondition(values.count == count, "FlatEncoding: '\(key ?? "")' holds \(values.count) values, expected \(count)")
                out.replaceSubrange(offset..<offset + count, with: values)
                offset += count
            case let .oneHot(key, count, start):
                guard case .discrete(let x) = field(value, key) else { preconditionFailure("FlatEncoding: '\(key ?? "")' is not discrete") }
                precondition(x >= start && x < start + count, "FlatEncoding: '\(key ?? "")' = \(x) is outside \(start)..<\(start + count)")
                out[offset + x - start] = 1
                offset += count
            }
        }
        return out
    }

    private func field(_ value: SpaceValue, _ key: String?) -> SpaceValue? {
        guard let key else { return value }
        guard case .dict(let fields) = value else { return nil }
        return fields[key]
    }
}

extension Space {
    /// The space's Gymnasium class name, for messages.
    public var kindName: String {
        switch self {
        case .discrete: "Discrete"
        case .box: "Box"
        case .multiDiscrete: "MultiDiscrete"
        case .text: "Text"
        case .dict: "Dict"
        }
    }
}
