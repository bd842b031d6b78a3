import PrismTensor

/// Draws ``ToolTask``s of the given kinds from a ``RandomStream``: the same stream state always
/// gives the same task.
///
/// Each task consumes a kind draw (`nextInt(below: kinds.count)`) and then the kind's own draws.
/// - arithmetic: one of five expression shapes over integers 2...999 (or one-decimal numbers),
///   e.g. `(482 + 17) * 36`; one calculator call.
/// - conversion: two distinct units of one dimension and a value; one convert call.
/// - lookup: one fact asked as a question; one lookup call by id.
/// - multi-step: a capital's population divided by 10/100/1000, a mountain's height in feet, the
///   difference of two mountains' heights, the years between two completions, or a river's length
///   in miles; two lookups and a calculator call, or a lookup and a convert call.
public struct TaskGenerator: Sendable {
    /// The kinds drawn from, uniformly.
    public var kinds: [TaskKind]

    /// A generator over `kinds` (all kinds by default).
    public init(kinds: [TaskKind] = TaskKind.allCases) {
        precondition(!kinds.isEmpty, "TaskGenerator: kinds must not be empty")
        self.kinds = kinds
    }

    /// The next task, consuming draws from `stream`.
    public func makeTask(using stream: inout RandomStream) -> ToolTask {
        switch kinds[stream.nextInt(below: kinds.count)] {
        case .arithmetic: makeArithmetic(using: &stream)
        case .conversion: makeConversion(using: &stream)
        case .lookup: makeLookup(using: &stream)
        case .multiStep: makeMultiStep(using: &stream)
        }
    }

    /// `count` tasks drawn from a stream seeded with `seed`.
    public func makeTasks(count: Int, seed: UInt64) -> [ToolTask] {
        var stream = RandomStream(seed: seed)
        return (0..<count).map { _ in makeTask(using: &stream) }
    }

    func makeArithmetic(using stream: inout RandomStream) -> ToolTask {
        func integer() -> Int { 2 + stream.nextInt(below: 998) }
        func decimal() -> String { "\(1 + stream.nextInt(below: 99)).\(1 + stream.nextInt(below: 9))" }
        let expression: String
        switch stream.nextInt(below: 5) {
        case 0: expression = "\(integer()) * \(integer()) + \(integer())"
        case 1: expression = "(\(integer()) + \(integer())) * \(integer())"
        case 2: expression = "\(integer()) * \(integer()) - \(integer()) * \(integer())"
        case 3: expression = "(\(integer()) - \(integer())) / \(2 + stream.nextInt(below: 48))"
        default: expression = "\(decimal()) * \(decimal()) / \(2 + stream.nextInt(below: 8))"
        }
        let value = (try? Calculator.evaluate(expression)) ?? 0
        return ToolTask(
            kind: .arithmetic, prompt: "Compute \(expression). Give the result as a number.",
            answer: formatNumber(value),
            expectedCalls: [ToolCall(name: "calculator", arguments: ["expression": .string(expression)])],
            comparison: defaultNumericComparison)
    }

    func makeConversion(using stream: inout RandomStream) -> ToolTask {
        let dimension = UnitDimension.allCases[stream.nextInt(below: UnitDimension.allCases.count)]
        let units = UnitTable.units(of: dimension)
        let from = units[stream.nextInt(below: units.count)]
        let others = units.filter { $0 != from }
        let to = others[stream.nextInt(below: others.count)]
        let value: Double = dimension == .temperature
            ? Double(stream.nextInt(below: 241) - 40)
            : Double(1 + stream.nextInt(below: 5000)) / (stream.nextInt(below: 2) == 0 ? 1 : 10)
        let converted = (try? UnitTable.convert(value, from: from.symbol, to: to.symbol)) ?? 0
        let prompt = "Convert \(formatNumber(value)) \(displayName(from)) to \(displayName(to)). Give the result as a number."
        return ToolTask(
            kind: .conversion, prompt: prompt, answer: formatNumber(converted),
            expectedCalls: [convertCall(value, from.symbol, to.symbol)], comparison: defaultNumericComparison)
    }

    func makeLookup(using stream: inout RandomStream) -> ToolTask {
        let fact = KnowledgeBase.facts[stream.nextInt(below: KnowledgeBase.facts.count)]
        return ToolTask(
            kind: .lookup, prompt: "Using the knowledge base, answer: \(question(for: fact))",
            answer: fact.value, expectedCalls: [lookupCall(fact)],
            comparison: fact.number == nil ? .text : defaultNumericComparison)
    }

    /// The question a fact answers, e.g. `what is the capital of Norway?`.
    func question(for fact: Fact) -> String {
        switch fact.attribute {
        case "height": "what is the height of \(fact.subject), in metres?"
        case "length": "what is the length of \(fact.subject), in kilometres?"
        case "completion year": "in what year was \(fact.subject) completed?"
        default: "what is the \(fact.attribute) of \(fact.subject)?"
        }
    }

    /// A unit's plural name as prompts write it (`miles`, `degrees celsius`).
    func displayName(_ unit: ConversionUnit) -> String {
        unit.names.count > 1 ? unit.names[1] : unit.names[0]
    }
}

/// The lookup call that fetches `fact` by id.
func lookupCall(_ fact: Fact) -> ToolCall {
    ToolCall(name: "lookup", arguments: ["id": .string(fact.id)])
}

/// The convert call for `value` from one unit symbol to another.
func convertCall(_ value: Double, _ from: String, _ to: String) -> ToolCall {
    ToolCall(name: "convert", arguments: ["value": .number(value), "from": .string(from), "to": .string(to)])
}

/// The calculator call for `expression`.
func calculatorCall(_ expression: String) -> ToolCall {
    ToolCall(name: "calculator", arguments: ["expression": .string(expression)])
}
