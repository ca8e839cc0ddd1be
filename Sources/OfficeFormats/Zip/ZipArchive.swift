internal import CLibZip
import Foundation

/// One entry of a zip archive's central directory.
public struct ZipEntry: Hashable, Sendable {
    /// Index in the central directory.
    public var index: Int
    /// The name as stored (may contain backslashes or odd case).
    public var name: String
    /// Declared uncompressed size.
    public var size: Int
    /// Declared compressed size.
    public var compressedSize: Int
    /// True for directory entries (names ending in `/`), which carry no data.
    public var isDirectory: Bool { name.hasSuffix("/") || name.hasSuffix("\\") }
}

/// A read-only zip archive over libzip: the central directory is read once (zip64 and data
/// descriptors are libzip's business), names are mapped once for tolerant lookup, and entries
/// are read as streams with zip-bomb caps enforced while inflating.
public final class ZipArchive {
    /// The path the archive was opened from (for messages).
    public let path: String
    /// Caps enforced on entry count and on every entry read.
    public let limits: XLSXLimits
    /// Every entry, in central-directory order.
    public private(set) var entries: [ZipEntry] = []
    /// Entry names refused for lookup because they escape the package root (`../x`, `/x`, `C:x`).
    public private(set) var unsafeEntryNames: [String] = []

    private let handle: OpaquePointer
    /// The source libzip reads the file through: it keeps the system's failure of a read,
    /// which libzip's own error does not always carry (a failed read of an entry's data
    /// comes out of libzip as "Premature end of file").
    private let sourceState: ZipFileSource.State
    /// libzip archives are not thread-safe; a prefetching thread and the caller may both read.
    let lock = NSLock()
    /// Normalised name (backslashes → slashes, no leading slash) → entry index.
    private var exact: [String: Int] = [:]
    /// Lower-cased normalised name → entry indexes (several when names differ only by case).
    private var folded: [String: [Int]] = [:]
    /// Normalised names held by more than one entry.
    private var duplicated: Set<String> = []

    /// Opens the archive at `path` and reads its central directory. libzip reads the file
    /// through `FileBytes` (a source of our own, `ZipFileSource`), so a failing read of the
    /// system comes out as `FileReadError` with its errno, apart from an archive that is not
    /// a valid zip (`OfficeError`).
    public init(path: String, limits: XLSXLimits = XLSXLimits()) throws {
        self.path = path
        self.limits = limits
        let (source, state) = try ZipFileSource.make(path: path)
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        guard let za = zip_open_from_source(source, ZIP_RDONLY, &error) else {
            zip_source_free(source)
            if let failure = state.failure ?? ZipFileSource.systemFailure(&error, path: path) { throw failure }
            throw OfficeError.notAZip(String(cString: zip_error_strerror(&error)))
        }
        sourceState = state
        handle = za
        let count = Int(zip_get_num_entries(za, 0))
        if count > limits.maxEntryCount {
            // All stored properties are set, so deinit runs and discards the handle.
            throw OfficeError.limitExceeded(what: "zip entry count \(count)", limit: limits.maxEntryCount)
        }
        entries.reserveCapacity(count)
        for i in 0..<count {
            var st = zip_stat_t()
            zip_stat_init(&st)
            guard let cname = zip_get_name(za, zip_uint64_t(i), zip_flags_t(ZIP_FL_ENC_GUESS)),
                  zip_stat_index(za, zip_uint64_t(i), 0, &st) == 0 else { continue }
            let name = String(cString: cname)
            let entry = ZipEntry(index: i, name: name,
                                 size: Int(clamping: st.size), compressedSize: Int(clamping: st.comp_size))
            entries.append(entry)
            if entry.isDirectory { continue }
            guard let normal = ZipArchive.safeNormalised(name) else {
                unsafeEntryNames.append(name)
                continue
            }
            // An exact duplicate name (a corrupt or crafted archive: zip tools read the first or
            // the last, so the PPID could see other content than dip read) makes that part
            // ambiguous when it is looked up; case variants are kept apart.
            if exact[normal] == nil { exact[normal] = i } else { duplicated.insert(normal) }
            folded[normal.lowercased(), default: []].append(i)
        }
    }

    deinit { zip_discard(handle) }

    /// The system's failure of a read of the file, if one failed (read under `lock`).
    var systemFailure: FileReadError? { sourceState.failure }

    /// `name` with `\` turned into `/` and a leading `/` removed, or nil when the name escapes
    /// the root (`..` component, drive letter) and must never be used.
    static func safeNormalised(_ name: String) -> String? {
        var n = name.replacingOccurrences(of: "\\", with: "/")
        while n.hasPrefix("/") { n.removeFirst() }
        if n.isEmpty { return nil }
        let parts = n.split(separator: "/", omittingEmptySubsequences: false)
        if parts.contains(where: { $0 == ".." }) { return nil }
        if let first = parts.first, first.count == 2, first.hasSuffix(":") { return nil }
        return n
    }

    /// Finds an entry by part name: exact (after normalising backslashes and a leading slash)
    /// first, then case-insensitively. Throws `ambiguousPart` when several entries differ only by case.
    public func entry(named name: String) throws -> ZipEntry? {
        guard let normal = ZipArchive.safeNormalised(name) else { throw OfficeError.unsafePartName(name) }
        if let i = exact[normal] {
            if duplicated.contains(normal) {
                throw OfficeError.ambiguousPart(name, candidates: entries.filter {
                    ZipArchive.safeNormalised($0.name) == normal }.map(\.name))
            }
            return entryAt(i)
        }
        guard let hits = folded[normal.lowercased()], !hits.isEmpty else { return nil }
        if hits.count > 1 {
            throw OfficeError.ambiguousPart(name, candidates: hits.compactMap { entryAt($0)?.name }.sorted())
        }
        return entryAt(hits[0])
    }

    private func entryAt(_ index: Int) -> ZipEntry? {
        // entries is in index order unless zip_stat failed for some entry; fall back to a search.
        if index < entries.count, entries[index].index == index { return entries[index] }
        return entries.first { $0.index == index }
    }

    /// Normalised names of every non-directory, safe entry (sorted), for diagnostics.
    public var partNames: [String] { exact.keys.sorted() }

    /// Opens an entry for streaming. Declared sizes are checked against the caps now; actual
    /// inflated bytes are counted while reading.
    public func openStream(_ entry: ZipEntry) throws -> ZipEntryStream {
        if entry.size > limits.maxPartSize {
            throw OfficeError.limitExceeded(what: "declared size of \(entry.name) (\(entry.size) bytes)",
                                            limit: limits.maxPartSize)
        }
        if entry.size > limits.ratioGraceBytes,
           entry.size / max(entry.compressedSize, 1) > limits.maxCompressionRatio {
            throw OfficeError.limitExceeded(
                what: "declared compression ratio of \(entry.name) (\(entry.size)/\(entry.compressedSize))",
                limit: limits.maxCompressionRatio)
        }
        lock.lock()
        defer { lock.unlock() }
        guard let file = zip_fopen_index(handle, zip_uint64_t(entry.index), 0) else {
            if let failure = sourceState.failure ?? ZipFileSource.systemFailure(zip_get_error(handle), path: path) {
                throw failure
            }
            throw OfficeError.zipError(part: entry.name, message: String(cString: zip_strerror(handle)))
        }
        return ZipEntryStream(archive: self, file: file, entry: entry)
    }

    /// Reads a whole (small) entry into memory, under the same caps as streaming.
    public func readAll(_ entry: ZipEntry) throws -> [UInt8] {
        let stream = try openStream(entry)
        var out: [UInt8] = []
        out.reserveCapacity(min(entry.size, 1 << 24))
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
            if n == 0 { break }
            out.append(contentsOf: buffer[0..<n])
        }
        return out
    }

    /// True when the archive looks like a spreadsheet package: a workbook part name, or a
    /// SpreadsheetML content type.
    public var containsWorkbook: Bool { (try? hasWorkbook()) ?? false }

    /// `containsWorkbook`, throwing `FileReadError` when the system cannot read the part it
    /// looks at (a damaged part only answers no).
    public func hasWorkbook() throws -> Bool {
        for name in exact.keys {
            let last = name.lowercased().split(separator: "/").last ?? ""
            if last == "workbook.xml" || last == "workbook.bin" { return true }
        }
        if let ct = try? entry(named: "[Content_Types].xml"), ct.size < 1 << 20,
           let bytes = try systemFailuresOnly({ try readAll(ct) }), let text = String(bytes: bytes, encoding: .utf8) {
            return text.contains("spreadsheetml") || text.contains("sheet.main")
        }
        return false
    }

    /// What `read` gives, nil when it throws anything but a `FileReadError` (rethrown).
    func systemFailuresOnly<T>(_ read: () throws -> T) throws -> T? {
        do { return try read() } catch let failure as FileReadError { throw failure } catch { return nil }
    }
}

extension ZipArchive {
    /// True for an OpenDocument spreadsheet: a `mimetype` entry naming one (ODF 1.2 §3.3),
    /// or, without it, a `content.xml` with a manifest that names one.
    public var containsOpenDocumentSpreadsheet: Bool { (try? hasOpenDocumentSpreadsheet()) ?? false }

    /// `containsOpenDocumentSpreadsheet`, throwing `FileReadError` when the system cannot read
    /// the part it looks at.
    public func hasOpenDocumentSpreadsheet() throws -> Bool {
        let spreadsheet = "application/vnd.oasis.opendocument.spreadsheet"
        if let m = try? entry(named: "mimetype"), m.size < 256, let bytes = try systemFailuresOnly({ try readAll(m) }) {
            let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return text == spreadsheet || text == spreadsheet + "-template"
        }
        guard (try? entry(named: "content.xml")) != nil,
              let manifest = try? entry(named: "META-INF/manifest.xml"), manifest.size < 1 << 20,
              let bytes = try systemFailuresOnly({ try readAll(manifest) }) else { return false }
        return String(decoding: bytes, as: UTF8.self).contains(spreadsheet)
    }
}

/// A stream over one zip entry's inflated bytes. Counts what it inflates and stops with
/// `limitExceeded` when the part grows past the size cap or the compression-ratio cap.
public final class ZipEntryStream {
    /// The entry being read.
    public let entry: ZipEntry
    /// Bytes inflated so far.
    public private(set) var bytesRead = 0
    private let archive: ZipArchive // keeps the zip_t alive while the file is open
    private var file: OpaquePointer?

    init(archive: ZipArchive, file: OpaquePointer, entry: ZipEntry) {
        self.archive = archive
        self.file = file
        self.entry = entry
    }

    deinit { if let file { zip_fclose(file) } }

    /// Reads up to `buffer.count` bytes; returns 0 at the end of the entry.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let f = file, let base = buffer.baseAddress else { return 0 }
        archive.lock.lock()
        let n = zip_fread(f, base, zip_uint64_t(buffer.count))
        archive.lock.unlock()
        if n < 0 {
            archive.lock.lock()
            let failure = archive.systemFailure ?? ZipFileSource.systemFailure(zip_file_get_error(f), path: archive.path)
            archive.lock.unlock()
            let message = String(cString: zip_file_strerror(f))
            close()
            throw failure ?? OfficeError.zipError(part: entry.name, message: message)
        }
        if n == 0 { close(); return 0 }
        bytesRead += Int(n)
        let limits = archive.limits
        if bytesRead > limits.maxPartSize {
            close()
            throw OfficeError.limitExceeded(what: "inflated size of \(entry.name)", limit: limits.maxPartSize)
        }
        if bytesRead > limits.ratioGraceBytes,
           bytesRead / max(entry.compressedSize, 1) > limits.maxCompressionRatio {
            close()
            throw OfficeError.limitExceeded(what: "compression ratio of \(entry.name)", limit: limits.maxCompressionRatio)
        }
        return Int(n)
    }

    /// Releases the libzip file handle early (also done at the end and on deinit).
    public func close() {
        if let f = file {
            archive.lock.lock()
            zip_fclose(f)
            archive.lock.unlock()
            file = nil
        }
    }
}

/// libzip's source for an archive file: reads by `FileBytes` (pread), so every read of the
/// file passes the one place where the readers ask the system for bytes, and a failure of
/// the system reaches the caller with its errno (libzip's own file source read through
/// stdio; its errors said "Read error" and were told to the unit as a damaged file).
/// Called by libzip under `ZipArchive.lock`; positions are per source.
enum ZipFileSource {
    final class State {
        let file: FileBytes
        let size: Int
        let mtime: time_t
        var offset = 0
        var error = zip_error_t()
        /// The first failure of the system while reading (kept: libzip may report it as
        /// another error once it passes through its layers).
        var failure: FileReadError?

        init(file: FileBytes, size: Int, mtime: time_t) {
            self.file = file
            self.size = size
            self.mtime = mtime
            zip_error_init(&error)
        }

        deinit { zip_error_fini(&error) }
    }

    /// A libzip source over the file at `path`; throws `FileReadError` when it cannot be opened.
    static func make(path: String) throws -> (OpaquePointer, State) {
        let file = try FileBytes(path: path)
        let (size, mtime) = try file.status()
        let kept = State(file: file, size: size, mtime: mtime)
        let state = Unmanaged.passRetained(kept)
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        guard let source = zip_source_function_create(callback, state.toOpaque(), &error) else {
            state.release()
            throw FileReadError(path: path, code: ENOMEM, operation: "read")
        }
        return (source, kept)
    }

    /// The commands a seekable read-only source answers (libzip's ZIP_SOURCE_SUPPORTS_SEEKABLE,
    /// a macro Swift does not import).
    static let seekable: zip_int64_t = [ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                        ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, ZIP_SOURCE_SEEK, ZIP_SOURCE_TELL,
                                        ZIP_SOURCE_SUPPORTS]
        .reduce(0) { $0 | (zip_int64_t(1) << zip_int64_t($1.rawValue)) }

    private static let callback: zip_source_callback = { userdata, data, length, command in
        let state = Unmanaged<State>.fromOpaque(userdata!).takeUnretainedValue()
        switch command {
        case ZIP_SOURCE_OPEN:
            state.offset = 0
            return 0
        case ZIP_SOURCE_READ:
            guard let data else { return 0 }
            let count = Int(min(length, zip_uint64_t(Int.max)))
            do {
                let n = try state.file.read(into: data, count: count, at: state.offset)
                state.offset += n
                return zip_int64_t(n)
            } catch let failure as FileReadError {
                if state.failure == nil { state.failure = failure }
                zip_error_set(&state.error, ZIP_ER_READ, failure.code)
            } catch {
                zip_error_set(&state.error, ZIP_ER_READ, EIO)
            }
            return -1
        case ZIP_SOURCE_CLOSE:
            return 0
        case ZIP_SOURCE_STAT:
            guard let data, length >= zip_uint64_t(MemoryLayout<zip_stat_t>.size) else {
                zip_error_set(&state.error, ZIP_ER_INVAL, 0)
                return -1
            }
            let st = data.assumingMemoryBound(to: zip_stat_t.self)
            zip_stat_init(st)
            st.pointee.size = zip_uint64_t(state.size)
            st.pointee.mtime = state.mtime
            st.pointee.valid |= zip_uint64_t(ZIP_STAT_SIZE) | zip_uint64_t(ZIP_STAT_MTIME)
            return zip_int64_t(MemoryLayout<zip_stat_t>.size)
        case ZIP_SOURCE_ERROR:
            guard let data else { return -1 }
            return zip_error_to_data(&state.error, data, length)
        case ZIP_SOURCE_FREE:
            Unmanaged<State>.fromOpaque(userdata!).release()
            return 0
        case ZIP_SOURCE_SEEK:
            guard let data else { return -1 }
            let to = zip_source_seek_compute_offset(zip_uint64_t(state.offset), zip_uint64_t(state.size), data, length,
                                                    &state.error)
            if to < 0 { return -1 }
            state.offset = Int(to)
            return 0
        case ZIP_SOURCE_TELL:
            return zip_int64_t(state.offset)
        case ZIP_SOURCE_SUPPORTS:
            return seekable
        default:
            zip_error_set(&state.error, ZIP_ER_OPNOTSUPP, 0)
            return -1
        }
    }

    /// A `FileReadError` for a libzip error that a failing system call caused (a read, seek
    /// or open error carrying an errno; a malloc failure), nil for an error of the archive's
    /// bytes (not a zip, bad CRC, inconsistent, a damaged deflate stream).
    static func systemFailure(_ error: UnsafeMutablePointer<zip_error_t>, path: String) -> FileReadError? {
        let code = zip_error_code_zip(error)
        switch code {
        case ZIP_ER_MEMORY:
            return FileReadError(path: path, code: ENOMEM, operation: "read")
        case ZIP_ER_READ, ZIP_ER_SEEK, ZIP_ER_TELL, ZIP_ER_OPEN, ZIP_ER_NOENT:
            let system = zip_error_system_type(error) == ZIP_ET_SYS ? zip_error_code_system(error) : 0
            return FileReadError(path: path, code: system != 0 ? system : (code == ZIP_ER_NOENT ? ENOENT : EIO),
                                 operation: "read")
        default:
            return nil
        }
    }
}
