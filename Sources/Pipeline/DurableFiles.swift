import Crypto
import DIPCore
import Foundation

/// File operations that survive a crash: write to a temporary name in the same folder,
/// fsync, rename over the target, fsync the folder. A reader sees the old file or the new
/// one, never half of one (POSIX rename is atomic within a file system).
public enum DurableFiles {
    /// Writes `data` to `url` atomically and durably, creating parent folders.
    public static func write(_ data: Data, to url: URL) throws {
        try write(to: url) { file in
            try data.withUnsafeBytes { try file.write($0) }
        }
    }

    /// Writes the UTF-8 bytes that `produce` emits piece by piece to `url`, atomically and
    /// durably, through a small buffer: a big report never has to exist whole in memory.
    public static func write(to url: URL, streamingBytes produce: (([UInt8]) throws -> Void) throws -> Void) throws {
        try write(to: url) { file in
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 18)
            try produce { bytes in
                buffer.append(contentsOf: bytes)
                if buffer.count >= 1 << 18 {
                    try buffer.withUnsafeBytes { try file.write($0) }
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            try buffer.withUnsafeBytes { try file.write($0) }
        }
    }

    /// The temporary name a file is written under beside `url` before it is renamed into place
    /// (hidden, with this process's id): the name `Housekeeping` knows as a crashed writer's leftover.
    static func temporaryURL(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
    }

    /// Writes several files, each atomically and durably as `write(_:to:)` does, with one
    /// folder sync for all the renames of a folder instead of one per file: a unit's feedback
    /// is three files of one folder written after each inbox file (issue 19: the intake's
    /// feedback thread waited on six fsyncs per file). A crash between the renames leaves some
    /// files new and some old, as the same files written one by one would.
    public static func write(_ files: [(data: Data, url: URL)]) throws {
        var folders: [URL] = []
        for file in files {
            try write(to: file.url, syncingFolder: false) { temporary in
                try file.data.withUnsafeBytes { try temporary.write($0) }
            }
            let folder = file.url.deletingLastPathComponent()
            if !folders.contains(folder) { folders.append(folder) }
        }
        for folder in folders { syncDirectory(folder) }
    }

    /// The temp-name, fsync, rename and folder-sync protocol around a body that writes bytes
    /// (the folder sync left to the caller when `syncingFolder` is false).
    static func write(to url: URL, syncingFolder: Bool = true, body: (TemporaryFile) throws -> Void) throws {
        let dir = url.deletingLastPathComponent()
        try createDirectory(dir)
        let temp = temporaryURL(for: url)
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        // The file the run was writing is named, not its hidden temporary name (".x.txt.tmp-25983"
        // told the IT officer of a file that is never there).
        guard fd >= 0 else { throw posixError("menulis", url.path) }
        do {
            try body(TemporaryFile(fd: fd))
            if fsync(fd) != 0 { throw TemporaryFile.WriteFailed(code: errno) }
        } catch {
            close(fd)
            unlink(temp.path)
            if let failed = error as? TemporaryFile.WriteFailed {
                throw WorkspaceError.io(operation: "menulis", path: url.path, reason: String(cString: strerror(failed.code)))
            }
            throw error
        }
        close(fd)
        guard rename(temp.path, url.path) == 0 else {
            unlink(temp.path)
            throw posixError("mengganti nama ke", url.path)
        }
        if syncingFolder { syncDirectory(dir) }
    }

    /// Writes `files` into a fresh sibling folder, then swaps it in place of `folder`, so a
    /// reader never sees a mix of two versions' documents. A file the folder already holds
    /// with the same bytes is hard-linked into the new folder instead of written and synced
    /// again (its data is on disk already; the new folder's entries are synced once before the
    /// swap): an update rewrote every unit's consequence-test form, two fsyncs each, when a
    /// few units had changed (issue 19). Files are only ever replaced by rename, never written
    /// in place, so a shared inode is never changed under the other name.
    /// - Returns: how many files were linked from the folder as it was.
    @discardableResult
    static func replaceFolder(_ folder: URL, with files: [(name: String, data: Data)]) throws -> Int {
        let parent = folder.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(folder.lastPathComponent).baru")
        let old = parent.appendingPathComponent(".\(folder.lastPathComponent).lama")
        let fm = FileManager.default
        try? fm.removeItem(at: staging)
        try? fm.removeItem(at: old)
        try createDirectory(staging)
        var linked = 0
        for file in files {
            let target = staging.appendingPathComponent(file.name)
            let previous = folder.appendingPathComponent(file.name)
            // The size first: a changed file (most often of another size) is not read back whole.
            var status = stat()
            if !file.name.contains("/"), stat(previous.path, &status) == 0, Int(status.st_size) == file.data.count,
               let existing = try? Data(contentsOf: previous), existing == file.data,
               link(previous.path, target.path) == 0 {
                linked += 1
                continue
            }
            try write(file.data, to: target)
        }
        if linked > 0 { syncDirectory(staging) }
        if fm.fileExists(atPath: folder.path), rename(folder.path, old.path) != 0 {
            throw posixError("mengganti", folder.path)
        }
        guard rename(staging.path, folder.path) == 0 else { throw posixError("mengganti", folder.path) }
        syncDirectory(parent)
        try? fm.removeItem(at: old)
        return linked
    }

    /// Makes the complete file `temporary` (written by another writer, in `url`'s folder) the
    /// file at `url` as `write` does: fsync, rename over the target, fsync the folder.
    static func adopt(_ temporary: URL, as url: URL) throws {
        let fd = open(temporary.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw posixError("membuka", temporary.path) }
        let synced = fsync(fd) == 0
        let code = errno
        close(fd)
        guard synced else {
            throw WorkspaceError.io(operation: "menulis", path: url.path, reason: String(cString: strerror(code)))
        }
        guard rename(temporary.path, url.path) == 0 else {
            throw posixError("mengganti nama ke", url.path)
        }
        syncDirectory(url.deletingLastPathComponent())
    }

    /// The open temporary file a `write(to:body:)` body fills.
    struct TemporaryFile {
        struct WriteFailed: Error { var code: Int32 }
        let fd: Int32

        func write(_ raw: UnsafeRawBufferPointer) throws {
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; throw WriteFailed(code: errno) }
                offset += n
            }
        }
    }

    /// Writes UTF-8 text atomically.
    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    /// Copies `source` to `destination` durably (temp name, fsync, rename) and returns the
    /// SHA-256 of the bytes copied, so the hash always describes exactly what was archived.
    /// The copy is readable by its owner and group only (0640): units' submissions are kept
    /// from other accounts on the server, whatever the source's mode.
    @discardableResult
    public static func copy(_ source: URL, to destination: URL) throws -> String {
        let dir = destination.deletingLastPathComponent()
        try createDirectory(dir)
        let input = open(source.path, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw posixError("membuka", source.path) }
        defer { close(input) }
        let temp = temporaryURL(for: destination)
        let output = open(temp.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
        guard output >= 0 else { throw posixError("membuat", temp.path) }
        fchmod(output, 0o640)
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var failure: WorkspaceError?
        copyLoop: while true {
            let n = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress!, $0.count) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                failure = posixError("membaca", source.path)
                break
            }
            hasher.update(data: buffer[0..<n])
            var offset = 0
            while offset < n {
                let w = buffer.withUnsafeBytes { Foundation.write(output, $0.baseAddress! + offset, n - offset) }
                if w < 0 {
                    if errno == EINTR { continue }
                    failure = posixError("menulis", temp.path)
                    break copyLoop
                }
                offset += w
            }
        }
        if failure == nil && fsync(output) != 0 { failure = posixError("menyimpan", temp.path) }
        close(output)
        if let failure {
            unlink(temp.path)
            throw failure
        }
        guard rename(temp.path, destination.path) == 0 else {
            unlink(temp.path)
            throw posixError("mengganti nama ke", destination.path)
        }
        syncDirectory(dir)
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// SHA-256 of a file, streamed.
    public static func sha256(of url: URL) throws -> String {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw posixError("membuka", url.path) }
        defer { close(fd) }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw posixError("membaca", url.path)
            }
            hasher.update(data: buffer[0..<n])
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Creates a folder and its parents; an existing folder is fine.
    public static func createDirectory(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw WorkspaceError.io(operation: "membuat folder", path: url.path, reason: SystemErrorText.reason(of: error))
        }
    }

    /// Makes a rename inside `dir` durable.
    static func syncDirectory(_ dir: URL) {
        let fd = open(dir.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }

    static func posixError(_ operation: String, _ path: String) -> WorkspaceError {
        WorkspaceError.io(operation: operation, path: path, reason: String(cString: strerror(errno)))
    }
}
