import Foundation

/// One run at a time per workspace: an advisory `flock` on `archive/.dip.lock`.
///
/// The kernel releases the lock when the process dies (even by SIGKILL), so a crashed run
/// never leaves the workspace locked.
public final class RunLock {
    private let fd: Int32

    /// Takes the lock, waiting for it when `wait` is true, else throwing `.locked` at once.
    public init(workspace: Workspace, wait: Bool) throws {
        try DurableFiles.createDirectory(workspace.archive)
        let path = workspace.lockFile.path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DurableFiles.posixError("membuka", path) }
        while flock(fd, wait ? LOCK_EX : (LOCK_EX | LOCK_NB)) != 0 {
            if errno == EINTR { continue }
            close(fd)
            if errno == EWOULDBLOCK { throw WorkspaceError.locked(lockFile: path) }
            throw DurableFiles.posixError("mengunci", path)
        }
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }

    // MARK: - The run marker
    //
    // A run writes one line into the lock file while it holds it (`pid=… mulai=…`) and empties
    // the file when it ends, whether it succeeded or failed (a failure logs its own line). A run
    // that finds the line still there knows the one before it was stopped before its end (a
    // signal, `kill -9`, a power cut, a server shut down mid-run) and says so in the log: such
    // a run left no line of its own, and the IT officer saw a night with no `run selesai`.
    // Kept in the lock file, not a file of its own, so a finished workspace holds the same
    // files as before (the lock file empty).

    /// The marker left by an earlier holder, or nil when the file is empty.
    public func leftMarker() -> String? {
        var buffer = [UInt8](repeating: 0, count: 512)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 512, 0) }
        guard n > 0 else { return nil }
        let text = String(decoding: buffer.prefix(n), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// Writes this process's marker (`pid=… mulai=…`), replacing any left one. Best effort:
    /// a full disk or a read-only file loses the marker, not the run.
    public func writeMarker(startedAt: Date) {
        let text = "pid=\(getpid()) mulai=\(LogfmtHandler.timestampFormatter.string(from: startedAt))\n"
        _ = ftruncate(fd, 0)
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        _ = fdatasync(fd)
    }

    /// Empties the lock file: the run ended (a failure has logged its own line).
    public func clearMarker() {
        _ = ftruncate(fd, 0)
    }
}
