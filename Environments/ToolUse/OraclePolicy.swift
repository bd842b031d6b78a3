/// A scripted policy that solves every task: it issues the task's reference calls in order
/// (``ToolTask/expectedCalls``), then answers with the result read from the last tool
/// observation (the value after the last ` is ` of a looked-up fact, the number otherwise).
public struct OraclePolicy: Sendable {
    /// The task being solved.
    public let task: ToolTask
    private var nextCall = 0

    /// An oracle for `task` (``ToolUseEnvironment/task`` after a reset).
    public init(task: ToolTask) { self.task = task }

    /// The next action, given the latest observation.
    public mutating func action(after observation: String) -> String {
        if nextCall < task.expectedCalls.count {
            nextCall += 1
            return task.expectedCalls[nextCall - 1].json
        }
        return #"{"answer": \#(quoted(Self.answer(from: observation)))}"#
    }

    /// The answer in a tool observation such as `lookup: F001: the capital of Norway is Oslo` or
    /// `calculator: 709.037` (the first line, after the tool name and any fact's ` is `).
    static func answer(from observation: String) -> String {
        let line = observation.split(separator: "\n").first.map(String.init) ?? ""
        let result = line.firstRange(of: ": ").map { String(line[$0.upperBound...]) } ?? line
        guard let verb = result.ranges(of: " is ").last else { return result }
        return String(result[verb.upperBound...])
    }
}
