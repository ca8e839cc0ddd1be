import Crypto
import Foundation

/// The writer of the kept files in `archive/.cache/` that are written as they are made
/// (`KeptRowFile`, `KeptPageIndex`, `KeptExplanationFiles`): a first line with the frame key,
/// then the owner's records, appended through a buffer to a temporary file beside `url` and
/// hashed on the way; `finish` appends the SHA-256 of everything before (itself not hashed) and
/// renames the temporary file over `url`.
///
/// The temporary file is made (truncated) by the first flush and opened again for each later one:
/// the review pack writes one explanation file per unit at once, and a regency may have more
/// units than a process may hold files open. Nothing is written after the first failure, which
/// `finish` throws; a writer dropped before `finish` removes its temporary file. Not thread-safe:
/// its owner serialises the calls.
final class HashedFileWriter {
    let url: URL
    let temporary: URL
    private let bufferSize: Int
    private var buffer: [UInt8] = []
    private var hasher = SHA256()
    private(set) var failure: Error?
    /// The temporary file was made and is not renamed or removed yet.
    private var started = false

    /// A writer of `url` whose buffer is written out when it holds `bufferSize` bytes.
    init(url: URL, frame: String, bufferSize: Int) {
        self.url = url
        temporary = DurableFiles.temporaryURL(for: url)
        self.bufferSize = bufferSize
        buffer.reserveCapacity(min(bufferSize, 1 << 16))
        append(Array((frame + "\n").utf8))
    }

    deinit {
        if started { unlink(temporary.path) }
    }

    /// Keeps `error` for `finish` unless a failure is kept already; nothing is written after it.
    func fail(_ error: Error) {
        if failure == nil { failure = error }
    }

    /// Adds bytes (hashed; written out when the buffer is full).
    func append<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        if buffer.count >= bufferSize { flush() }
    }

    /// Adds a record key as its four words, big-endian (32 bytes).
    func append(_ key: KeptRowFile.Key) {
        for word in [key.a, key.b, key.c, key.d] { withUnsafeBytes(of: word.bigEndian) { append($0) } }
    }

    /// Adds `value` as 4 bytes, big-endian.
    func append(uint32 value: UInt32) {
        withUnsafeBytes(of: value.bigEndian) { append($0) }
    }

    /// Adds `value` as 8 bytes, big-endian.
    func append(uint64 value: UInt64) {
        withUnsafeBytes(of: value.bigEndian) { append($0) }
    }

    private func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        writeOut(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes bytes to the end of the temporary file (made on first use).
    private func writeOut(_ bytes: [UInt8]) {
        guard failure == nil else { return }
        do {
            if !started { try DurableFiles.createDirectory(url.deletingLastPathComponent()) }
            let fd = open(temporary.path, O_WRONLY | O_CREAT | O_CLOEXEC | (started ? O_APPEND : O_TRUNC), 0o644)
            guard fd >= 0 else { throw DurableFiles.posixError("membuat", temporary.path) }
            started = true
            defer { close(fd) }
            try bytes.withUnsafeBytes { try DurableFiles.TemporaryFile(fd: fd).write($0) }
        } catch let failed as DurableFiles.TemporaryFile.WriteFailed {
            failure = WorkspaceError.io(operation: "menulis", path: temporary.path, reason: String(cString: strerror(failed.code)))
        } catch {
            failure = error
        }
    }

    /// Writes what is buffered and the digest, and renames the file over `url`; on a failure the
    /// temporary file is removed and the failure thrown.
    func finish() throws {
        flush()
        writeOut(Array(hasher.finalize()))
        if let failure {
            if started { unlink(temporary.path) }
            started = false
            throw failure
        }
        guard rename(temporary.path, url.path) == 0 else {
            let error = DurableFiles.posixError("mengganti nama ke", url.path)
            unlink(temporary.path)
            started = false
            throw error
        }
        started = false
    }
}
