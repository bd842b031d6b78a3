import PrismEnv
import PrismJSON

extension Space {
    /// Reads a space from Minari's JSON form (the inverse of `minariJSON`), e.g. the
    /// `observation_space` string of a `metadata.json` written by Python.
    /// - Throws: ``StorageError/metadata(file:reason:)`` naming `file` for unsupported or malformed spaces.
    public static func parseMinari(_ text: String, file: String = "space JSON") throws(StorageError) -> Space {
        do {
            return try parseMinari(try JSONValue.parse(text), file: file)
        } catch let error as JSONParseError {
            throw .metadata(file: file, reason: "space JSON: \(error)")
        } catch let error as StorageError {
            throw error
        } catch {
            throw .metadata(file: file, reason: "space JSON: \(error)")
        }
    }

    /// Reads a space from a parsed Minari JSON object.
    static func parseMinari(_ json: JSONValue, file: String) throws(StorageError) -> Space {
        func fail(_ reason: String) -> StorageError { .metadata(file: file, reason: "space JSON: \(reason)") }
        func ints(_ key: String) throws(StorageError) -> [Int] {
            guard let list = json[key]?.array else { throw fail("missing '\(key)'") }
            var result: [Int] = []
            for item in list {
                guard let x = item.int else { throw fail("'\(key)' holds a non-integer") }
                result.append(x)
            }
            return result
        }
        func floats(_ value: JSONValue?, _ key: String) throws(StorageError) -> [Float] {
            if let x = value?.number { return [Float(x)] }
            switch value {
            case .array(let items)?:
                var result: [Float] = []
                for item in items { result += try floats(item, key) }
                return result
            default: throw fail("'\(key)' is not a nested list of numbers")
            }
        }
        switch json["type"]?.string {
        case "Discrete":
            guard let n = json["n"]?.int else { throw fail("Discrete without 'n'") }
            return .discrete(count: n, start: json["start"]?.int ?? 0)
        case "MultiDiscrete":
            let nvec = try ints("nvec")
            let start = json["start"] == nil ? [Int](repeating: 0, count: nvec.count) : try ints("start")
            return .multiDiscrete(counts: nvec, start: start)
        case "Box":
            let shape = try ints("shape")
            let elementType: BoxElementType
            switch json["dtype"]?.string {
            case "float32"?, "float64"?: elementType = .float32
            case "uint8"?: elementType = .uint8
            default: throw fail("Box dtype \(json["dtype"]?.string ?? "missing") is not supported")
            }
            let count = shape.reduce(1, *)
            let low = try floats(json["low"], "low"), high = try floats(json["high"], "high")
            guard low.count == count, high.count == count else { throw fail("Box bounds do not have \(count) values") }
            return .box(low: low, high: high, shape: shape, elementType: elementType)
        case "Text":
            guard let maxLength = json["max_length"]?.int, let charset = json["charset"]?.string else {
                throw fail("Text without 'max_length' or 'charset'")
            }
            return .text(minLength: json["min_length"]?.int ?? 0, maxLength: maxLength, charset: charset)
        case "Dict":
            guard case .object(let members)? = json["subspaces"] else { throw fail("Dict without 'subspaces'") }
            var spaces: [String: Space] = [:]
            for (key, member) in members { spaces[key] = try parseMinari(member, file: file) }
            return .dict(spaces)
        case let other:
            throw fail("space type \(other ?? "missing") is not supported")
        }
    }
}
