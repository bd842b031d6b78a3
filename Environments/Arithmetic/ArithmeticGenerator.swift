import PrismTensor

/// Draws ``ArithmeticProblem``s of the given levels from one side of the held-out split: the same
/// stream state always gives the same problem.
///
/// Each problem consumes a level draw (`nextInt(below: levels.count)`) and then pairs of operand
/// draws (left, then right, uniform over the level's operand ranges; a subtraction with the left
/// operand smaller swaps them) until the pair meets the level's carry requirement and lies on
/// the generator's side of the split. A training generator never returns a held-out problem.
public struct ArithmeticGenerator: Sendable {
    /// The levels drawn from, uniformly.
    public var levels: [ArithmeticLevel]
    /// The side of the held-out split every problem lies on.
    public var split: ArithmeticSplit

    /// The most operand pairs drawn for one problem before giving up (a level whose problems all
    /// lie on the other side of the split).
    public static let maximumAttempts = 100_000

    /// A generator over `levels` on `split` (training by default).
    public init(levels: [ArithmeticLevel], split: ArithmeticSplit = .training) {
        precondition(!levels.isEmpty, "ArithmeticGenerator: levels must not be empty")
        self.levels = levels
        self.split = split
    }

    /// The next problem, consuming draws from `stream`.
    public func makeProblem(using stream: inout RandomStream) -> ArithmeticProblem {
        let level = levels[stream.nextInt(below: levels.count)]
        let leftRange = ArithmeticLevel.operandRange(digits: level.leftDigits)
        let rightRange = ArithmeticLevel.operandRange(digits: level.rightDigits)
        for _ in 0..<Self.maximumAttempts {
            var left = leftRange.lowerBound + stream.nextInt(below: leftRange.count)
            var right = rightRange.lowerBound + stream.nextInt(below: rightRange.count)
            if level.operation == .subtraction && left < right { swap(&left, &right) }
            let problem = ArithmeticProblem(left, level.operation, right)
            if level.carry.allows(carries: problem.carryCount) && split.contains(problem) { return problem }
        }
        preconditionFailure("ArithmeticGenerator: level \(level.name) gave no \(split.rawValue) problem in \(Self.maximumAttempts) draws")
    }

    /// `count` problems drawn from a stream seeded with `seed`.
    public func makeProblems(count: Int, seed: UInt64) -> [ArithmeticProblem] {
        var stream = RandomStream(seed: seed)
        return (0..<count).map { _ in makeProblem(using: &stream) }
    }

    /// Every problem of `level` on `split`, in canonical form only (one of each commuted pair),
    /// sorted by canonical form: the exact population a generator draws from.
    public static func allProblems(of level: ArithmeticLevel, split: ArithmeticSplit) -> [ArithmeticProblem] {
        var seen = Set<String>()
        var problems: [ArithmeticProblem] = []
        for left in ArithmeticLevel.operandRange(digits: level.leftDigits) {
            for right in ArithmeticLevel.operandRange(digits: level.rightDigits) {
                guard level.operation != .subtraction || left >= right else { continue }
                let problem = ArithmeticProblem(left, level.operation, right)
                guard level.carry.allows(carries: problem.carryCount), split.contains(problem),
                      seen.insert(problem.canonicalForm).inserted else { continue }
                problems.append(problem)
            }
        }
        return problems.sorted { $0.canonicalForm < $1.canonicalForm }
    }
}
