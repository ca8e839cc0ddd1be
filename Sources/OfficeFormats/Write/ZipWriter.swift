internal import CLibZip
import Foundation

/// Errors from writing a ZIP archive.
public enum ZipWriterError: Error, Equatable, CustomStringConvertible {
    /// libzip could not open the archive (temporary file or memory buffer).
    case cannotOpen(path: String, reason: String)
    /// An entry name is empty, absolute, contains `..`, a backslash, or ends with `/`.
    case invalidEntryName(String)
    /// The same entry name was added twice.
    case duplicateEntry(String)
    /// libzip refused to add an entry or set one of its attributes.
    case cannotAdd(path: String, reason: String)
    /// Writing the archive out failed.
    case cannotClose(reason: String)
    /// Renaming the finished temporary file onto the destination failed.
    case cannotRename(from: String, to: String, reason: String)
    /// `add`/`close` called after `close`.
    case alreadyClosed

    public var description: String {
        switch self {
        case .cannotOpen(let p, let r): return "cannot open zip archive \(p): \(r)"
        case .invalidEntryName(let n): return "invalid zip entry name: \(n)"
        case .duplicateEntry(let n): return "duplicate zip entry: \(n)"
        case .cannotAdd(let p, let r): return "cannot add zip entry \(p): \(r)"
        case .cannotClose(let r): return "cannot write zip archive: \(r)"
        case .cannotRename(let f, let t, let r): return "cannot rename \(f) to \(t): \(r)"
        case .alreadyClosed: return "zip archive already closed"
        }
    }
}

/// How an entry's data is stored.
public enum ZipCompression: Sendable, Equatable {
    /// Deflate at the given zlib level (1…9).
    case deflate(level: Int)
    /// Stored uncompressed (e.g. the `mimetype` of an EPUB, or already-compressed payloads).
    case stored

    /// zlib level 6, what most zip tools use.
    public static let `default` = ZipCompression.deflate(level: 6)
}

/// Writes a new ZIP archive with libzip, deterministically.
///
/// Entries are written in the order they are added (OOXML wants `[Content_Types].xml` first).
/// Every entry gets the caller's modification time as a DOS date/time computed here in a fixed
/// time zone (libzip's own `zip_file_set_mtime` uses the process's local zone, which would make
/// the bytes depend on `TZ`), Unix mode 0644, the UTF-8 name flag when the name is not ASCII,
/// and no variable extra fields. A file-backed archive is written to a temporary name next to
/// the destination and renamed on `close()`, so readers never see a half-written file.
public final class ZipWriter {
    private enum Target {
        case file(destination: URL, temporary: URL)
        case memory(source: OpaquePointer)
    }

    private var archive: OpaquePointer?
    private let target: Target
    /// Archives entries are copied from (`addCopy`): libzip reads them when this one closes.
    private var copiedFrom: [OpaquePointer] = []
    private var names = Set<String>()
    /// The zone DOS timestamps are expressed in (DOS times carry no zone).
    public let timeZone: TimeZone

    /// Starts an archive that `close()` will move to `destination` (replacing any file there).
    public init(destination: URL, timeZone: TimeZone = TimeZone(identifier: "UTC")!) throws {
        self.timeZone = timeZone
        let dir = destination.deletingLastPathComponent()
        let temporary = dir.appendingPathComponent(
            ".\(destination.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        var errorCode: Int32 = 0
        guard let za = zip_open(temporary.path, ZIP_CREATE | ZIP_TRUNCATE, &errorCode) else {
            throw ZipWriterError.cannotOpen(path: temporary.path, reason: Self.describe(code: errorCode))
        }
        archive = za
        target = .file(destination: destination, temporary: temporary)
    }

    /// Starts an archive built in memory; `closeToBytes()` returns it.
    public init(inMemoryWithTimeZone timeZone: TimeZone = TimeZone(identifier: "UTC")!) throws {
        self.timeZone = timeZone
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        guard let source = zip_source_buffer_create(nil, 0, 0, &error) else {
            throw ZipWriterError.cannotOpen(path: "<memory>", reason: String(cString: zip_error_strerror(&error)))
        }
        guard let za = zip_open_from_source(source, ZIP_TRUNCATE, &error) else {
            zip_source_free(source)
            throw ZipWriterError.cannotOpen(path: "<memory>", reason: String(cString: zip_error_strerror(&error)))
        }
        // Keep the source alive after zip_close so its bytes can be read back.
        zip_source_keep(source)
        archive = za
        target = .memory(source: source)
    }

    deinit {
        defer { discardCopySources() }
        if let za = archive {
            zip_discard(za)
            if case .file(_, let temporary) = target {
                try? FileManager.default.removeItem(at: temporary)
            }
        }
        if case .memory(let source) = target { zip_source_free(source) }
    }

    /// Adds an entry from bytes.
    public func add(path: String, data: [UInt8], modified: Date, compression: ZipCompression = .default) throws {
        let za = try open(for: path)
        // libzip frees the copy after writing (freep = 1), so the caller's array may go away.
        let count = data.count
        let copy = malloc(max(count, 1))!
        data.withUnsafeBytes { raw in
            if let base = raw.baseAddress, count > 0 { memcpy(copy, base, count) }
        }
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        guard let source = zip_source_buffer_create(copy, zip_uint64_t(count), 1, &error) else {
            free(copy)
            throw ZipWriterError.cannotAdd(path: path, reason: String(cString: zip_error_strerror(&error)))
        }
        try insert(za, path: path, source: source, modified: modified, compression: compression)
    }

    /// Adds an entry whose bytes libzip reads, without a copy, when the archive is closed:
    /// the caller keeps `bytes` alive until then.
    /// A part spilled to its temporary file is read from there in chunks, never whole.
    func addBorrowed(path: String, bytes: XMLBytes, modified: Date, compression: ZipCompression = .default) throws {
        let za = try open(for: path)
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        let source = bytes.spool.isSpilled ? bytes.spool.zipSource(za) : bytes.withUnsafeBytes { raw in
            zip_source_buffer_create(raw.baseAddress, zip_uint64_t(raw.count), 0, &error)
        }
        guard let source else {
            throw ZipWriterError.cannotAdd(path: path, reason: String(cString: zip_error_strerror(&error)))
        }
        try insert(za, path: path, source: source, modified: modified, compression: compression)
    }

    /// Adds entry `entry` of the ZIP archive `archive` as `path`, its compressed data copied as
    /// it is: the bytes `add` gives for the entry's content when it was deflated with this
    /// writer's default compression (libzip recompresses only when the methods differ).
    public func addCopy(path: String, entry: String, of archive: [UInt8], modified: Date) throws {
        let za = try open(for: path)
        let source: OpaquePointer
        switch ZipEntryReader.openInMemory(archive) {
        case .success(let opened): source = opened
        case .failure(let failure): throw ZipWriterError.cannotAdd(path: path, reason: failure.reason)
        }
        copiedFrom.append(source)
        let index = zip_name_locate(source, entry, 0)
        guard index >= 0,
              let data = zip_source_zip(za, source, zip_uint64_t(index), zip_flags_t(ZIP_FL_COMPRESSED), 0, -1)
        else {
            throw ZipWriterError.cannotAdd(path: path, reason: "\(entry) not found in the archive to copy from")
        }
        try insert(za, path: path, source: data, modified: modified, compression: .default)
    }

    private func discardCopySources() {
        for source in copiedFrom { zip_discard(source) }
        copiedFrom = []
    }

    /// Adds an entry from bytes.
    public func add(path: String, data: Data, modified: Date, compression: ZipCompression = .default) throws {
        try add(path: path, data: [UInt8](data), modified: modified, compression: compression)
    }

    /// Adds an entry from UTF-8 text.
    public func add(path: String, text: String, modified: Date, compression: ZipCompression = .default) throws {
        try add(path: path, data: Array(text.utf8), modified: modified, compression: compression)
    }

    /// Adds an entry whose data libzip reads from `fileURL` when the archive is closed (the file
    /// must stay in place until then); large payloads are never held in memory.
    public func addFile(path: String, from fileURL: URL, modified: Date, compression: ZipCompression = .default) throws {
        let za = try open(for: path)
        guard FileManager.default.isReadableFile(atPath: fileURL.path) else {
            throw ZipWriterError.cannotAdd(path: path, reason: "cannot read \(fileURL.path)")
        }
        guard let source = zip_source_file(za, fileURL.path, 0, -1) else {
            throw ZipWriterError.cannotAdd(path: path, reason: String(cString: zip_strerror(za)))
        }
        try insert(za, path: path, source: source, modified: modified, compression: compression)
    }

    /// Finishes a file-backed archive: writes it and renames it onto the destination.
    public func close() throws {
        guard let za = archive else { throw ZipWriterError.alreadyClosed }
        guard case .file(let destination, let temporary) = target else {
            _ = try closeToBytes()
            return
        }
        archive = nil
        if names.isEmpty {
            // libzip does not write an empty archive; write the 22-byte end record ourselves.
            zip_discard(za)
            let empty: [UInt8] = [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18)
            do { try Data(empty).write(to: temporary) } catch {
                throw ZipWriterError.cannotClose(reason: "\(error)")
            }
        } else if zip_close(za) != 0 {
            let reason = String(cString: zip_strerror(za))
            zip_discard(za)
            discardCopySources()
            try? FileManager.default.removeItem(at: temporary)
            throw ZipWriterError.cannotClose(reason: reason)
        }
        discardCopySources()
        if rename(temporary.path, destination.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw ZipWriterError.cannotRename(from: temporary.path, to: destination.path, reason: reason)
        }
    }

    /// Finishes an in-memory archive and returns its bytes.
    public func closeToBytes() throws -> [UInt8] {
        guard let za = archive else { throw ZipWriterError.alreadyClosed }
        guard case .memory(let source) = target else {
            try close()
            return []
        }
        archive = nil
        if names.isEmpty {
            zip_discard(za)
            return [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18)
        }
        if zip_close(za) != 0 {
            let reason = String(cString: zip_strerror(za))
            zip_discard(za)
            discardCopySources()
            throw ZipWriterError.cannotClose(reason: reason)
        }
        discardCopySources()
        var stat = zip_stat_t()
        zip_stat_init(&stat)
        guard zip_source_stat(source, &stat) == 0, zip_source_open(source) == 0 else {
            throw ZipWriterError.cannotClose(reason: "cannot read the archive back from memory")
        }
        defer { zip_source_close(source) }
        var bytes = [UInt8](repeating: 0, count: Int(stat.size))
        let read = bytes.withUnsafeMutableBytes { zip_source_read(source, $0.baseAddress, stat.size) }
        guard read == Int64(stat.size) else {
            throw ZipWriterError.cannotClose(reason: "short read of the in-memory archive")
        }
        return bytes
    }

    // MARK: - Internals

    private func open(for path: String) throws -> OpaquePointer {
        guard let za = archive else { throw ZipWriterError.alreadyClosed }
        guard Self.isValidEntryName(path) else { throw ZipWriterError.invalidEntryName(path) }
        guard names.insert(path).inserted else { throw ZipWriterError.duplicateEntry(path) }
        return za
    }

    private func insert(
        _ za: OpaquePointer, path: String, source: OpaquePointer, modified: Date, compression: ZipCompression
    ) throws {
        let index = zip_file_add(za, path, source, zip_flags_t(ZIP_FL_ENC_UTF_8))
        guard index >= 0 else {
            zip_source_free(source)
            throw ZipWriterError.cannotAdd(path: path, reason: String(cString: zip_strerror(za)))
        }
        let idx = zip_uint64_t(index)
        let (time, date) = Self.dosDateTime(modified, timeZone: timeZone)
        let method: Int32
        let level: UInt32
        switch compression {
        case .stored: method = ZIP_CM_STORE; level = 0
        case .deflate(let l): method = ZIP_CM_DEFLATE; level = UInt32(min(max(l, 1), 9))
        }
        // Regular file, rw-r--r--: unzip and BagIt tools then create ordinary files.
        let attributes = zip_uint32_t(0o100644) << 16
        guard zip_file_set_dostime(za, idx, time, date, 0) == 0,
              zip_set_file_compression(za, idx, method, level) == 0,
              zip_file_set_external_attributes(za, idx, 0, zip_uint8_t(ZIP_OPSYS_UNIX), attributes) == 0
        else {
            throw ZipWriterError.cannotAdd(path: path, reason: String(cString: zip_strerror(za)))
        }
        // A file source may carry extra fields (none today); drop them so bytes never vary.
        _ = zip_file_extra_field_delete(za, idx, zip_uint16_t(ZIP_EXTRA_FIELD_ALL), zip_flags_t(ZIP_FL_LOCAL | ZIP_FL_CENTRAL))
    }

    /// Entry names are relative, `/`-separated, with no `.`/`..` segments or empty segments.
    public static func isValidEntryName(_ name: String) -> Bool {
        if name.isEmpty || name.hasPrefix("/") || name.hasSuffix("/") || name.contains("\\") { return false }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 }) { return false }
        return !name.split(separator: "/", omittingEmptySubsequences: false)
            .contains(where: { $0.isEmpty || $0 == "." || $0 == ".." })
    }

    /// MS-DOS time and date words for `date` in `timeZone`: 2-second resolution, years
    /// 1980…2107 (clamped).
    public static func dosDateTime(_ date: Date, timeZone: TimeZone) -> (time: UInt16, date: UInt16) {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = timeZone
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        var year = c.year ?? 1980
        var (month, day, hour, minute, second) = (c.month ?? 1, c.day ?? 1, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
        if year < 1980 { (year, month, day, hour, minute, second) = (1980, 1, 1, 0, 0, 0) }
        if year > 2107 { (year, month, day, hour, minute, second) = (2107, 12, 31, 23, 59, 58) }
        let time = UInt16(hour << 11 | minute << 5 | second / 2)
        let dosDate = UInt16((year - 1980) << 9 | month << 5 | day)
        return (time, dosDate)
    }

    private static func describe(code: Int32) -> String {
        var error = zip_error_t()
        zip_error_init_with_code(&error, code)
        defer { zip_error_fini(&error) }
        return String(cString: zip_error_strerror(&error))
    }
}

/// Reads one entry of a ZIP archive held in memory (the content of a part copied with
/// `ZipWriter.addCopy`, when it is asked for as bytes).
enum ZipEntryReader {
    /// Opens a read-only archive over a private copy of `archive` (libzip frees the copy with the
    /// archive); the caller discards the returned archive. Fails with libzip's reason.
    static func openInMemory(_ archive: [UInt8]) -> Result<OpaquePointer, OpenFailure> {
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        let count = archive.count
        let copy = malloc(max(count, 1))!
        archive.withUnsafeBytes { raw in
            if let base = raw.baseAddress, count > 0 { memcpy(copy, base, count) }
        }
        guard let buffer = zip_source_buffer_create(copy, zip_uint64_t(count), 1, &error) else {
            free(copy)
            return .failure(OpenFailure(reason: String(cString: zip_error_strerror(&error))))
        }
        guard let za = zip_open_from_source(buffer, ZIP_RDONLY, &error) else {
            zip_source_free(buffer)
            return .failure(OpenFailure(reason: String(cString: zip_error_strerror(&error))))
        }
        return .success(za)
    }

    /// Why an in-memory archive could not be opened (libzip's text).
    struct OpenFailure: Error { let reason: String }

    static func read(_ entry: String, of archive: [UInt8]) throws -> [UInt8] {
        let za: OpaquePointer
        switch openInMemory(archive) {
        case .success(let opened): za = opened
        case .failure(let failure): throw ZipWriterError.cannotOpen(path: "<memory>", reason: failure.reason)
        }
        defer { zip_discard(za) }
        var stat = zip_stat_t()
        zip_stat_init(&stat)
        guard zip_stat(za, entry, 0, &stat) == 0, let file = zip_fopen(za, entry, 0) else {
            throw ZipWriterError.cannotOpen(path: entry, reason: String(cString: zip_strerror(za)))
        }
        defer { zip_fclose(file) }
        var bytes = [UInt8](repeating: 0, count: Int(stat.size))
        let read = bytes.withUnsafeMutableBytes { zip_fread(file, $0.baseAddress, stat.size) }
        guard read == Int64(stat.size) else {
            throw ZipWriterError.cannotOpen(path: entry, reason: "short read")
        }
        return bytes
    }
}
