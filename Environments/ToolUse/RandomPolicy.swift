import PrismTensor

/// A random baseline: every action is well-formed, but its content is random. With probability
/// 1/3 it answers (a random integer in 0..<10000 or a random capital city, equally likely),
/// otherwise it calls a random tool with random arguments: an `a op b` calculator expression,
/// a random fact id, or a conversion of a random value between two units of a random dimension.
public struct RandomPolicy: Sendable {
    /// The policy's own stream.
    public var stream: RandomStream

    /// A random policy drawing from `stream`.
    public init(stream: RandomStream) { self.stream = stream }

    /// The next action; the observation is ignored.
    public mutating func action(after observation: String) -> String {
        if stream.nextInt(below: 3) == 0 {
            let answer = stream.nextInt(below: 2) == 0
                ? String(stream.nextInt(below: 10_000))
                : KnowledgeBase.capitals[stream.nextInt(below: KnowledgeBase.capitals.count)].1
            return #"{"answer": \#(quoted(answer))}"#
        }
        switch stream.nextInt(below: 3) {
        case 0:
            let operators = ["+", "-", "*", "/"]
            let expression = "\(stream.nextInt(below: 1000)) \(operators[stream.nextInt(below: 4)]) \(1 + stream.nextInt(below: 999))"
            return calculatorCall(expression).json
        case 1:
            return lookupCall(KnowledgeBase.facts[stream.nextInt(below: KnowledgeBase.facts.count)]).json
        default:
            let dimension = UnitDimension.allCases[stream.nextInt(below: UnitDimension.allCases.count)]
            let units = UnitTable.units(of: dimension)
            let from = units[stream.nextInt(below: units.count)].symbol
            let to = units[stream.nextInt(below: units.count)].symbol
            return convertCall(Double(stream.nextInt(below: 1000)), from, to).json
        }
    }
}
