import Foundation

/// A fresh temporary directory per test, removed by the caller's `defer`.
func makeTemporaryDirectory(_ label: String = "recipes") throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("prism-\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes `text` to `name` in `directory` and returns its URL.
func writeFile(_ text: String, named name: String, in directory: URL) throws -> URL {
    let url = directory.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url
}

/// The file's contents as text (empty when missing).
func contents(_ url: URL) -> String {
    (try? String(contentsOf: url, encoding: .utf8)) ?? ""
}
