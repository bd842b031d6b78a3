import PrismJSON

extension ConfigResolver {
    /// Each declared choice must name a case, and parameters of unselected cases must keep their defaults.
    static func checkChoices(_ choices: [ConfigChoice], merged: ConfigLayer, defaults: JSONValue) throws(ConfigError) {
        for choice in choices {
            let path = choice.path
            guard let selectedValue = lookup(merged.value, path) else {
                throw ConfigError(.invalidDeclaration, key: choice.key, reason: "a declared choice names no field of the config")
            }
            guard case .string(let selected) = selectedValue, choice.caseNames.contains(selected) else {
                throw ConfigError(.invalidValue, key: choice.key, origin: merged.origins[path],
                                  reason: "\(selectedValue.summary) is not one of \(choice.caseNames.joined(separator: ", "))")
            }
            let used = Set(choice.parameters[selected] ?? [])
            for (caseName, parameters) in choice.parameters.sorted(by: { $0.key < $1.key }) where caseName != selected {
                for parameter in parameters where !used.contains(parameter) {
                    let parameterPath = choice.parameterPath(parameter)
                    let value = lookup(merged.value, parameterPath)
                    guard value != lookup(defaults, parameterPath) else { continue }
                    let users = choice.parameters.filter { $0.value.contains(parameter) }.keys.sorted()
                    throw ConfigError(.invalidValue, key: parameterPath.joined(separator: "."), origin: merged.origins[parameterPath],
                                      reason: "is set to \(value?.summary ?? "a value") but only applies when \(choice.key) is "
                                          + "\(users.joined(separator: " or ")) (\(choice.key) is \(selected))")
                }
            }
        }
    }

    /// Turns a decoding failure into an error naming the key, its value and where it came from.
    /// Foundation reports some failures (an integer field given `1.5`) without a coding path; the
    /// key is then found by comparing the kinds of the given values with the defaults.
    static func describe(_ error: DecodingError, merged: ConfigLayer, defaults: JSONValue, choices: [ConfigChoice]) -> ConfigError {
        if case .dataCorrupted(let context) = error, context.codingPath.isEmpty,
            let (path, expected) = firstKindMismatch(merged.value, defaults, path: [])
        {
            return ConfigError(.invalidValue, key: path.joined(separator: "."), origin: merged.origins[path],
                               reason: "expected \(expected), got \(lookup(merged.value, path)?.summary ?? "nothing")")
        }
        func make(_ codingPath: [any CodingKey], _ reason: (JSONValue?) -> String) -> ConfigError {
            let path = ConfigCoding.keyPath(codingPath)
            let value = lookup(merged.value, path)
            return ConfigError(.invalidValue, key: path.isEmpty ? nil : path.joined(separator: "."),
                               origin: merged.origins[path], reason: reason(value))
        }
        switch error {
        case .typeMismatch(let type, let context):
            return make(context.codingPath) { "expected \(ConfigCoding.typeName(type)), got \($0?.summary ?? "nothing")" }
        case .valueNotFound(let type, let context):
            return make(context.codingPath) { _ in "expected \(ConfigCoding.typeName(type)), got null" }
        case .keyNotFound(let key, let context):
            return make(context.codingPath + [key]) { _ in "is missing (an override replaced the object that held it)" }
        case .dataCorrupted(let context):
            let path = ConfigCoding.keyPath(context.codingPath)
            if let choice = choices.first(where: { $0.path == path }) {
                return make(context.codingPath) { "\($0?.summary ?? "the value") is not one of \(choice.caseNames.joined(separator: ", "))" }
            }
            return make(context.codingPath) { "\($0?.summary ?? "the value") is invalid: \(context.debugDescription)" }
        @unknown default:
            return ConfigError(.invalidValue, reason: "\(error)")
        }
    }

    /// The first key whose given value is of another kind than its default (an integer default
    /// given a fraction, a boolean given a number, an object given a scalar), with the kind expected.
    static func firstKindMismatch(_ given: JSONValue, _ reference: JSONValue, path: [String]) -> ([String], String)? {
        switch (given, reference) {
        case (.object(let members), .object(let defaults)):
            for key in members.keys.sorted() {
                guard let expected = defaults[key] else { continue }
                if let found = firstKindMismatch(members[key]!, expected, path: path + [key]) { return found }
            }
            return nil
        case (.integer, .integer), (.number, .number), (.integer, .number), (.bool, .bool), (.string, .string),
             (.array, .array), (.null, _), (_, .null):
            return nil
        case (.number(let value), .integer):
            return value == value.rounded() ? nil : (path, "an integer")
        case (_, .integer): return (path, "an integer")
        case (_, .number): return (path, "a number")
        case (_, .bool): return (path, "true or false")
        case (_, .string): return (path, "a string")
        case (_, .array): return (path, "a list")
        case (_, .object): return (path, "an object")
        }
    }
}
