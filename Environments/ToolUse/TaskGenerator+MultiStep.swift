import PrismTensor

extension TaskGenerator {
    /// A multi-step task: lookups whose results feed the calculator or the convert tool.
    func makeMultiStep(using stream: inout RandomStream) -> ToolTask {
        switch stream.nextInt(below: 5) {
        case 0: capitalPopulation(using: &stream)
        case 1: singleFactConversion(attribute: "height", subjects: KnowledgeBase.heights.map(\.0), from: "m", to: "ft",
                                     using: &stream)
        case 2: difference(attribute: "height", subjects: KnowledgeBase.heights.map(\.0), using: &stream)
        case 3: difference(attribute: "completion year", subjects: KnowledgeBase.years.map(\.0), using: &stream)
        default: singleFactConversion(attribute: "length", subjects: KnowledgeBase.rivers.map(\.0), from: "km", to: "mi",
                                      using: &stream)
        }
    }

    /// "What is the population of the capital of X divided by N?": lookup, lookup, calculator.
    func capitalPopulation(using stream: inout RandomStream) -> ToolTask {
        let (country, city) = KnowledgeBase.capitals[stream.nextInt(below: KnowledgeBase.capitals.count)]
        let divisor = [10, 100, 1000][stream.nextInt(below: 3)]
        guard let capital = KnowledgeBase.fact(attribute: "capital", subject: country),
              let population = KnowledgeBase.fact(attribute: "population", subject: city) else {
            preconditionFailure("TaskGenerator: the knowledge base lacks \(country) or \(city)")
        }
        let expression = "\(population.value) / \(divisor)"
        return multiStep(
            "What is the population of the capital of \(country) divided by \(divisor)? Give the result as a number.",
            expression: expression, calls: [lookupCall(capital), lookupCall(population), calculatorCall(expression)])
    }

    /// "What is the <attribute> of X in <unit>?": lookup, convert.
    func singleFactConversion(
        attribute: String, subjects: [String], from: String, to: String, using stream: inout RandomStream
    ) -> ToolTask {
        let subject = subjects[stream.nextInt(below: subjects.count)]
        guard let fact = KnowledgeBase.fact(attribute: attribute, subject: subject), let value = fact.number,
              let target = UnitTable.unit(to) else {
            preconditionFailure("TaskGenerator: the knowledge base lacks the \(attribute) of \(subject)")
        }
        let converted = (try? UnitTable.convert(value, from: from, to: to)) ?? 0
        return ToolTask(
            kind: .multiStep,
            prompt: "What is the \(attribute) of \(subject) in \(displayName(target))? Give the result as a number.",
            answer: formatNumber(converted), expectedCalls: [lookupCall(fact), convertCall(value, from, to)],
            comparison: defaultNumericComparison)
    }

    /// "By how much does the <attribute> of X exceed that of Y?": lookup, lookup, calculator.
    func difference(attribute: String, subjects: [String], using stream: inout RandomStream) -> ToolTask {
        let first = stream.nextInt(below: subjects.count)
        let second = (first + 1 + stream.nextInt(below: subjects.count - 1)) % subjects.count
        guard let a = KnowledgeBase.fact(attribute: attribute, subject: subjects[first]),
              let b = KnowledgeBase.fact(attribute: attribute, subject: subjects[second]),
              let x = a.number, let y = b.number else {
            preconditionFailure("TaskGenerator: the knowledge base lacks the \(attribute) of \(subjects[first])")
        }
        let (high, low) = x >= y ? (a, b) : (b, a)
        let expression = "\(high.value) - \(low.value)"
        let prompt = attribute == "completion year"
            ? "How many years passed between the completion of \(low.subject) and that of \(high.subject)?"
            : "By how many metres is \(high.subject) higher than \(low.subject)?"
        return multiStep(prompt + " Give the result as a number.", expression: expression,
                         calls: [lookupCall(a), lookupCall(b), calculatorCall(expression)])
    }

    func multiStep(_ prompt: String, expression: String, calls: [ToolCall]) -> ToolTask {
        let value = (try? Calculator.evaluate(expression)) ?? 0
        return ToolTask(kind: .multiStep, prompt: prompt, answer: formatNumber(value), expectedCalls: calls,
                        comparison: defaultNumericComparison)
    }
}
