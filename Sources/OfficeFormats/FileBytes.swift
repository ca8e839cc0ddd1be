#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The system could not read a file's bytes: open(2), fstat(2) or pread(2) failed with
/// `code` (EIO from a disk or an SMB/NFS share that dropped, ESTALE, ENOMEM, EACCES …).
/// This says nothing about the file's content: the same bytes may read fine on the next
/// try. The CSV reader and the XLSX/ODS readers (libzip reads through `FileBytes`) throw it
/// for every such failure, so a caller can tell it apart from bytes that are not a valid
/// CSV or workbook (`CSVError`, `OfficeError`).
public struct FileReadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file.
    public var path: String
    /// The errno of the failed call.
    public var code: Int32
    /// The call that failed: "open", "stat" or "read".
    public var operation: String

    public init(path: String, code: Int32, operation: String) {
        self.path = path
        self.code = code
        self.operation = operation
    }

    /// The system's message for `code` ("Input/output error").
    public var systemMessage: String { String(cString: strerror(code)) }

    public var description: String { "cannot \(operation) \(path): \(systemMessage)" }
}

/// An open file read by position: the one place where the readers ask the system for a
/// submitted file's bytes (the CSV reader's chunks, libzip's reads through `ZipArchive`'s
/// source). Every failure of those calls is a `FileReadError`; EINTR is retried.
final class FileBytes: @unchecked Sendable {
    let path: String
    let fd: Int32

    init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw FileReadError(path: path, code: errno, operation: "open") }
        self.fd = fd
    }

    deinit { close(fd) }

    /// The file's size and modification time now.
    func status() throws -> (size: Int, mtime: time_t) {
        var info = Glibc.stat()
        guard fstat(fd, &info) == 0 else { throw FileReadError(path: path, code: errno, operation: "stat") }
        return (Int(info.st_size), info.st_mtim.tv_sec)
    }

    /// Reads up to `count` bytes at `offset` into `buffer`; fewer at the end of the file, 0 past it.
    func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int) throws -> Int {
        if ReadFaults.isArmed, let code = ReadFaults.check(path: path, offset: offset, count: count) {
            throw FileReadError(path: path, code: code, operation: "read")
        }
        while true {
            let n = pread(fd, buffer, count, off_t(offset))
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw FileReadError(path: path, code: errno, operation: "read")
        }
    }
}

extension FileBytes {
    /// The file's first bytes, up to `limit` (fewer when the file is shorter).
    func prefix(_ limit: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: limit)
        var filled = 0
        while filled < limit {
            let n = try out.withUnsafeMutableBytes { try read(into: $0.baseAddress! + filled, count: limit - filled, at: filled) }
            if n == 0 { break }
            filled += n
        }
        out.removeLast(limit - filled)
        return out
    }
}

/// Failures of the read calls made on purpose, for tests: a share that returns EIO in the
/// middle of a sheet, a file cut short under the reader. Tests run as root, so permissions
/// cannot make a read fail, and a real flaky share cannot be had; this is the narrow seam
/// where `FileBytes` asks the system for bytes (nothing above it is bypassed: libzip, the
/// CSV parser and the intake see exactly what a failing pread would give them). Nothing is
/// armed in a normal run: then the cost is one flag read per read call (a 1 MiB CSV chunk,
/// a libzip read).
public enum ReadFaults {
    /// What an armed fault does to a read that reaches its offset.
    public enum Effect: Sendable {
        /// The read fails with this errno.
        case fail(Int32)
        /// The file is cut at the offset (truncate(2), as a share that lost the file's end),
        /// and the read goes on: it sees the shorter file.
        case truncate
    }

    public struct Fault: Sendable {
        /// Which file: its path ends with this.
        public var pathSuffix: String
        /// Reads of a range holding this byte are hit (a read of the zip's central
        /// directory at the end passes a fault placed in a sheet's data).
        public var offset: Int
        public var effect: Effect
        /// How many reads it hits before it is spent (a transient failure).
        public var times: Int

        public init(pathSuffix: String, offset: Int, effect: Effect, times: Int = Int.max) {
            self.pathSuffix = pathSuffix
            self.offset = offset
            self.effect = effect
            self.times = times
        }
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var faults: [Fault] = []
    /// Whether any fault is armed (read without the lock on the read path: a stale value
    /// only delays a test's fault by one read call, never affects a run that arms none).
    nonisolated(unsafe) static var isArmed = false
    /// How many reads the armed faults have hit.
    nonisolated(unsafe) private static var hitCount = 0

    /// Arms `fault` for the reads that follow, in this process.
    public static func arm(_ fault: Fault) {
        lock.lock()
        faults.append(fault)
        isArmed = true
        lock.unlock()
    }

    /// Removes every fault.
    public static func disarmAll() {
        lock.lock()
        faults = []
        isArmed = false
        hitCount = 0
        lock.unlock()
    }

    /// How many reads the faults armed since the last `disarmAll` hit.
    public static var hits: Int {
        lock.lock()
        defer { lock.unlock() }
        return hitCount
    }

    /// The errno a read of `count` bytes at `offset` fails with, if a fault hits it (a
    /// truncating fault cuts the file and lets the read go on).
    static func check(path: String, offset: Int, count: Int) -> Int32? {
        lock.lock()
        defer { lock.unlock() }
        for i in faults.indices where faults[i].times > 0 && path.hasSuffix(faults[i].pathSuffix)
            && offset <= faults[i].offset && faults[i].offset < offset + count {
            faults[i].times -= 1
            hitCount += 1
            switch faults[i].effect {
            case .fail(let code): return code
            case .truncate:
                // The reader's descriptor is read-only: the file is cut by its path.
                _ = truncate(path, off_t(faults[i].offset))
                return nil
            }
        }
        return nil
    }
}
