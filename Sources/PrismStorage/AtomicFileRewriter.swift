import CPrismFiles
import Foundation

/// Replaces the whole content of one file atomically, as often as asked, so a process killed at
/// any moment leaves either the previous or the new content under the file's name, never a mix.
///
/// The new text goes into a sibling swap file (`.<name>.swap`), which is then exchanged with the
/// target in one step (Linux `renameat2(RENAME_EXCHANGE)`). The swap file then holds the previous
/// content and is overwritten in place next time, so a rewrite allocates no inode: on ext4 that is
/// about 15× cheaper than a temporary file renamed over the target. Where the system or file
/// system cannot exchange, the swap file is renamed over the target instead. No `fsync`: the crash
/// model is a killed writer, not a lost machine (the HDF5 flushes do not sync either).
final class AtomicFileRewriter {
    /// The file whose content is replaced.
    let url: URL
    private let swapPath: String
    private var exchangeSupported = true

    /// A rewriter for `url`; nothing is written until ``replace(with:)``.
    init(url: URL) {
        self.url = url
        swapPath = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).swap").path
    }

    /// Makes `text` the content of the file.
    /// - Throws: ``StorageError/metadata(file:reason:)`` naming the file and the failing call.
    func replace(with text: String) throws(StorageError) {
        var text = text
        let targetExists = access(url.path, F_OK) == 0
        let exchanging = exchangeSupported && targetExists
        let failure: String? = text.withUTF8 { bytes in writeSwap(bytes, truncating: !exchanging) }
        if let failure { throw .metadata(file: url.path, reason: failure) }
        if exchanging {
            if prism_exchange_paths(swapPath, url.path) == 0 { return }
            guard errno == ENOSYS || errno == EINVAL || errno == ENOTSUP else {
                throw .metadata(file: url.path, reason: "exchange with \(swapPath) failed (errno \(errno))")
            }
            exchangeSupported = false
        }
        guard rename(swapPath, url.path) == 0 else {
            throw .metadata(file: url.path, reason: "rename from \(swapPath) failed (errno \(errno))")
        }
    }

    /// Removes the swap file (it holds only an older copy of the content).
    func removeSwapFile() {
        unlink(swapPath)
    }

    /// Writes `bytes` as the swap file's whole content; returns what failed, or nil.
    private func writeSwap(_ bytes: UnsafeBufferPointer<UInt8>, truncating: Bool) -> String? {
        let descriptor = open(swapPath, O_WRONLY | O_CREAT | O_CLOEXEC | (truncating ? O_TRUNC : 0), 0o644)
        guard descriptor >= 0 else { return "cannot open \(swapPath) (errno \(errno))" }
        var offset = 0
        while offset < bytes.count {
            let count = pwrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset, off_t(offset))
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { close(descriptor); return "cannot write \(swapPath) (errno \(errno))" }
            offset += count
        }
        var status = stat()
        if fstat(descriptor, &status) == 0 && Int(status.st_size) != bytes.count && ftruncate(descriptor, off_t(bytes.count)) != 0 {
            close(descriptor)
            return "cannot truncate \(swapPath) (errno \(errno))"
        }
        guard close(descriptor) == 0 else { return "cannot close \(swapPath) (errno \(errno))" }
        return nil
    }
}

extension DatasetMetadata {
    /// Writes the JSON to `url` atomically (see ``AtomicFileRewriter``) and leaves no swap file.
    func writeAtomically(to url: URL) throws(StorageError) {
        let rewriter = AtomicFileRewriter(url: url)
        try rewriter.replace(with: jsonText)
        rewriter.removeSwapFile()
    }
}
