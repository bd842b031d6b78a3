import Foundation

/// A progress line on standard error: rewritten in place (`\r`) on a terminal, one plain line per
/// 10 % when standard error is a pipe or file.
struct Progress {
    private let total: Int
    private let label: String
    private let isTerminal = isatty(2) != 0
    private var lastDecile = 0

    /// Progress towards `total` items named by `label` (e.g. `episodes`).
    init(total: Int, label: String) {
        self.total = total
        self.label = label
    }

    /// Reports `done` items finished, with a short status appended when it is not empty.
    mutating func update(_ done: Int, status: String) {
        let percent = total == 0 ? 100 : done * 100 / total
        let line = "\(label) \(done)/\(total) (\(percent)%)" + (status.isEmpty ? "" : " \(status)")
        if isTerminal {
            printError("\r\u{1B}[K" + line, terminator: done == total ? "\n" : "")
        } else {
            let decile = total == 0 ? 10 : done * 10 / total
            if decile > lastDecile || done == total {
                lastDecile = decile
                printError(line)
            }
        }
    }
}
