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
}
