internal import CLibXML2
internal import CLibZip
import Foundation

/// Where an XML part's bytes go while they are written: memory up to `limit`, then an
/// unlinked temporary file. A regency's decree annex or review sheet is tens of megabytes of
/// XML that only the ZIP writer reads, once; held in memory it was the largest single block
/// of a run's peak (issue 19). The file is unlinked as soon as it is made, so a killed run
/// leaves nothing behind; it is closed with this object.
final class XMLSpool: @unchecked Sendable {
    /// Parts up to this size stay in memory (every small part: styles, forms, templates).
    static let defaultLimit = 4 << 20

    let limit: Int
    /// The bytes while in memory (malloc'd, so a borrowed pointer stays valid while this
    /// object lives and nothing is appended).
    private var memory: UnsafeMutableRawPointer?
    private var capacity = 0
    private var fd: Int32 = -1
    private(set) var count = 0
    /// The first I/O failure, as text; writing stops there.
    private(set) var failure: String?

    init(limit: Int = XMLSpool.defaultLimit) {
        self.limit = limit
    }

    deinit {
        if fd >= 0 { close(fd) }
        free(memory)
    }

    /// Whether the bytes went to the temporary file.
    var isSpilled: Bool { fd >= 0 }

    /// Appends `n` bytes; false after a failure.
    func append(_ bytes: UnsafeRawPointer, _ n: Int) -> Bool {
        if failure != nil { return false }
        if n <= 0 { return true }
        let chunk = UnsafeRawBufferPointer(start: bytes, count: n)
        if fd < 0 && count + n <= limit {
            if count + n > capacity {
                let grown = min(max(capacity * 2, count + n, 16 << 10), max(limit, count + n))
                guard let moved = realloc(memory, grown) else {
                    failure = "out of memory"
                    return false
                }
                memory = moved
                capacity = grown
            }
            (memory! + count).copyMemory(from: bytes, byteCount: n)
            count += n
            return true
        }
        if fd < 0 && !spill() { return false }
        guard writeAll(chunk) else { return false }
        count += n
        return true
    }

    /// Moves what memory holds into a new unlinked temporary file.
    private func spill() -> Bool {
        var template = Array((FileManager.default.temporaryDirectory.path + "/dip-xml-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard made >= 0 else {
            failure = "temporary file: \(String(cString: strerror(errno)))"
            return false
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        fd = made
        defer {
            free(memory)
            memory = nil
            capacity = 0
        }
        return writeAll(UnsafeRawBufferPointer(start: memory, count: count))
    }

    private func writeAll(_ chunk: UnsafeRawBufferPointer) -> Bool {
        var done = 0
        while done < chunk.count {
            let n = Foundation.write(fd, chunk.baseAddress! + done, chunk.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                failure = "temporary file: \(String(cString: strerror(errno)))"
                return false
            }
            done += n
        }
        return true
    }

    /// Reads `length` bytes at `offset` of the spilled file into `into`; the count read.
    func read(at offset: Int, into: UnsafeMutableRawPointer, length: Int) -> Int {
        if fd < 0 {
            let n = max(0, min(length, count - offset))
            if n > 0 { into.copyMemory(from: memory! + offset, byteCount: n) }
            return n
        }
        while true {
            let n = pread(fd, into, length, off_t(offset))
            if n < 0 && errno == EINTR { continue }
            return n
        }
    }

    /// Calls `body` with the bytes: memory in place, a spilled file read back whole (only
    /// for callers that need an array; the ZIP writer reads a spilled part in chunks).
    func withUnsafeBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        if fd < 0 { return try body(UnsafeRawBufferPointer(start: count > 0 ? memory : nil, count: count)) }
        var copy = [UInt8](repeating: 0, count: count)
        var at = 0
        copy.withUnsafeMutableBytes { raw in
            while at < count {
                let n = read(at: at, into: raw.baseAddress! + at, length: count - at)
                if n <= 0 { break }
                at += n
            }
        }
        if at < count { copy.removeLast(count - at) }
        return try copy.withUnsafeBytes(body)
    }

    // MARK: - libxml2 output

    /// An `xmlOutputBuffer` writing into this spool (the spool must outlive it).
    func outputBuffer() -> xmlOutputBufferPtr? {
        xmlOutputBufferCreateIO({ context, buffer, length in
            guard let context else { return -1 }
            let spool = Unmanaged<XMLSpool>.fromOpaque(context).takeUnretainedValue()
            guard length > 0 else { return 0 }
            guard let buffer else { return -1 }
            return spool.append(buffer, Int(length)) ? length : -1
        }, { _ in 0 }, Unmanaged.passUnretained(self).toOpaque(), nil)
    }

    // MARK: - libzip source

    /// A libzip source reading the spool with `pread` (its own position, so nothing else
    /// moves it), seekable, as a buffer source reports itself; libzip releases the spool
    /// when it frees the source.
    func zipSource(_ archive: OpaquePointer) -> OpaquePointer? {
        let reader = SpoolReader(spool: self)
        let context = Unmanaged.passRetained(reader).toOpaque()
        guard let source = zip_source_function(archive, { context, data, length, command in
            SpoolReader.handle(context, data, length, command)
        }, context) else {
            Unmanaged<SpoolReader>.fromOpaque(context).release()
            return nil
        }
        return source
    }
}

/// The state of one libzip source over a spool.
private final class SpoolReader {
    let spool: XMLSpool
    var position = 0
    var error = zip_error_t()

    init(spool: XMLSpool) {
        self.spool = spool
        zip_error_init(&error)
    }

    deinit { zip_error_fini(&error) }

    static func handle(_ context: UnsafeMutableRawPointer?, _ data: UnsafeMutableRawPointer?, _ length: zip_uint64_t,
                       _ command: zip_source_cmd_t) -> zip_int64_t {
        guard let context else { return -1 }
        let reader = Unmanaged<SpoolReader>.fromOpaque(context).takeUnretainedValue()
        let size = reader.spool.count
        switch command {
        case ZIP_SOURCE_OPEN:
            reader.position = 0
            return 0
        case ZIP_SOURCE_READ:
            guard let data else { return -1 }
            let wanted = min(Int(length), size - reader.position)
            if wanted <= 0 { return 0 }
            let n = reader.spool.read(at: reader.position, into: data, length: wanted)
            guard n >= 0 else {
                zip_error_set(&reader.error, ZIP_ER_READ, errno)
                return -1
            }
            reader.position += n
            return zip_int64_t(n)
        case ZIP_SOURCE_CLOSE:
            return 0
        case ZIP_SOURCE_STAT:
            guard let data, length >= zip_uint64_t(MemoryLayout<zip_stat_t>.size) else { return -1 }
            let stat = data.assumingMemoryBound(to: zip_stat_t.self)
            zip_stat_init(stat)
            stat.pointee.size = zip_uint64_t(size)
            stat.pointee.comp_size = zip_uint64_t(size)
            stat.pointee.comp_method = zip_uint16_t(ZIP_CM_STORE)
            stat.pointee.encryption_method = zip_uint16_t(ZIP_EM_NONE)
            stat.pointee.mtime = 0
            stat.pointee.valid = zip_uint64_t(ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD
                | ZIP_STAT_ENCRYPTION_METHOD | ZIP_STAT_MTIME)
            return zip_int64_t(MemoryLayout<zip_stat_t>.size)
        case ZIP_SOURCE_ERROR:
            guard let data else { return -1 }
            return zip_error_to_data(&reader.error, data, length)
        case ZIP_SOURCE_FREE:
            Unmanaged<SpoolReader>.fromOpaque(context).release()
            return 0
        case ZIP_SOURCE_SEEK:
            guard let data else { return -1 }
            let to = zip_source_seek_compute_offset(zip_uint64_t(reader.position), zip_uint64_t(size), data, length,
                                                    &reader.error)
            if to < 0 { return -1 }
            reader.position = Int(to)
            return 0
        case ZIP_SOURCE_TELL:
            return zip_int64_t(reader.position)
        case ZIP_SOURCE_SUPPORTS:
            let commands: [zip_source_cmd_t] = [ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                                ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, ZIP_SOURCE_SEEK, ZIP_SOURCE_TELL,
                                                ZIP_SOURCE_SUPPORTS]
            return commands.reduce(0) { $0 | (zip_int64_t(1) << zip_int64_t($1.rawValue)) }
        default:
            zip_error_set(&reader.error, ZIP_ER_OPNOTSUPP, 0)
            return -1
        }
    }
}
