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
    /// libzip archives are not thread-safe; a prefetching thread and the caller may both read.
    let lock = NSLock()
    /// Normalised name (backslashes → slashes, no leading slash) → entry index.
    private var exact: [String: Int] = [:]
    /// Lower-cased normalised name → entry indexes (several when names differ only by case).
    private var folded: [String: [Int]] = [:]

    /// Opens the archive at `path` and reads its central directory.
    public init(path: String, limits: XLSXLimits = XLSXLimits()) throws {
        self.path = path
        self.limits = limits
        var code: Int32 = 0
        guard let za = zip_open(path, ZIP_RDONLY, &code) else {
            var err = zip_error_t()
            zip_error_init_with_code(&err, code)
            let message = String(cString: zip_error_strerror(&err))
            zip_error_fini(&err)
            if code == ZIP_ER_OPEN || code == ZIP_ER_NOENT || code == ZIP_ER_READ {
                throw OfficeError.io(path: path, message: message)
            }
            throw OfficeError.notAZip(message)
        }
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
            // First entry wins for an exact duplicate name (a corrupt archive); case variants are kept apart.
            if exact[normal] == nil { exact[normal] = i }
            folded[normal.lowercased(), default: []].append(i)
        }
    }

    deinit { zip_discard(handle) }

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
        if let i = exact[normal] { return entryAt(i) }
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
    public var containsWorkbook: Bool {
        for name in exact.keys {
            let last = name.lowercased().split(separator: "/").last ?? ""
            if last == "workbook.xml" || last == "workbook.bin" { return true }
        }
        if let ct = try? entry(named: "[Content_Types].xml"), ct.size < 1 << 20,
           let bytes = try? readAll(ct), let text = String(bytes: bytes, encoding: .utf8) {
            return text.contains("spreadsheetml") || text.contains("sheet.main")
        }
        return false
    }
}

extension ZipArchive {
    /// True for an OpenDocument spreadsheet: a `mimetype` entry naming one (ODF 1.2 §3.3),
    /// or, without it, a `content.xml` with a manifest that names one.
    public var containsOpenDocumentSpreadsheet: Bool {
        let spreadsheet = "application/vnd.oasis.opendocument.spreadsheet"
        if let m = try? entry(named: "mimetype"), m.size < 256, let bytes = try? readAll(m) {
            let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return text == spreadsheet || text == spreadsheet + "-template"
        }
        guard (try? entry(named: "content.xml")) != nil,
              let manifest = try? entry(named: "META-INF/manifest.xml"), manifest.size < 1 << 20,
              let bytes = try? readAll(manifest) else { return false }
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
            let message = String(cString: zip_file_strerror(f))
            close()
            throw OfficeError.zipError(part: entry.name, message: message)
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
