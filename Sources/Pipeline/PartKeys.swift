import Crypto
import DIPCore
import Foundation
import Publish

/// Per-unit keys of documents that are written again only when what they show changed: the
/// key is a digest of the document's content (its rows, the unit) and of the dip build that
/// renders it; the state file keeps, by unit, the key and the SHA-256 of the bytes written.
/// A document is kept only when both still match (a file edited or replaced by hand is
/// written again); a missing or unreadable state file only means every document is written
/// again. The state file is written after the documents, temp name and rename.
struct PartKeys {
    let file: URL
    private(set) var known: [String: String]
    private(set) var now: [String: String] = [:]

    init(file: URL) {
        self.file = file
        known = (try? Data(contentsOf: file))
            .flatMap { try? JSONDecoder().decode([String: String].self, from: $0) } ?? [:]
    }

    /// Whether `url` is still the document written for `unit` under `key`.
    mutating func isCurrent(_ unit: String, key: String, url: URL) -> Bool {
        guard let entry = known[unit], entry.hasPrefix(key + " "),
              let digest = try? DurableFiles.sha256(of: url), entry == "\(key) \(digest)" else { return false }
        now[unit] = entry
        return true
    }

    /// Records that `bytes` were written for `unit` under `key`.
    mutating func wrote(_ unit: String, key: String, bytes: Data) {
        now[unit] = "\(key) \(Self.hex(SHA256.hash(data: bytes)))"
    }

    /// Writes the state of this pass (units not seen in it are dropped).
    func save() throws {
        guard now != known else { return }
        try DurableFiles.write(try JSONEncoder.sortedPretty.encode(now), to: file)
    }

    /// A digest of `fields` (length-prefixed, so no two lists share one) and of the running
    /// dip build: a new build may render the same content differently.
    static func key(_ fields: [String]) -> String {
        var hasher = SHA256()
        func add(_ text: String) {
            var bytes = Array(text.utf8)
            var length = UInt64(bytes.count).littleEndian
            withUnsafeBytes(of: &length) { hasher.update(bufferPointer: $0) }
            bytes.withUnsafeMutableBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        }
        add(buildIdentity)
        for field in fields { add(field) }
        return hex(hasher.finalize())
    }

    /// The running executable's size and modification time (Linux), so a new dip build never
    /// keeps a document an older build rendered; empty where it cannot be read.
    static let buildIdentity: String = {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return "" }
        return "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }()

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}

/// Rendered parts kept between runs in `archive/.cache/<kind>/<name>`, each file holding the
/// part's key and SHA-256 on its first line, then the bytes. A part is used only when both
/// match (a torn or edited file is rendered again); files are written under a temporary name
/// and renamed, without fsync: losing one only costs its rendering.
struct KeptParts {
    let folder: URL

    init(workspace: Workspace, kind: String) {
        folder = workspace.archive.appendingPathComponent(".cache", isDirectory: true)
            .appendingPathComponent(kind, isDirectory: true)
    }

    init(folder: URL) { self.folder = folder }

    func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    /// The bytes kept under `name` for `key`, if they are intact.
    func part(_ name: String, key: String) -> [UInt8]? {
        guard let data = try? Data(contentsOf: url(name)),
              let newline = data.firstIndex(of: 0x0A) else { return nil }
        let header = String(decoding: data[data.startIndex..<newline], as: UTF8.self)
        let body = data[data.index(after: newline)...]
        guard header == "\(key) \(PartKeys.hex(SHA256.hash(data: body)))" else { return nil }
        return Array(body)
    }

    /// Keeps `bytes` under `name` for `key`.
    func keep(_ name: String, key: String, bytes: [UInt8]) throws {
        try DurableFiles.createDirectory(folder)
        var data = Data("\(key) \(PartKeys.hex(SHA256.hash(data: bytes)))\n".utf8)
        data.append(contentsOf: bytes)
        try write(name, data)
    }

    /// Writes `data` as `name` under a temporary name, then renames it.
    func write<D: DataProtocol>(_ name: String, _ data: D) throws {
        try DurableFiles.createDirectory(folder)
        let data = Data(data)
        let target = url(name)
        let temp = DurableFiles.temporaryURL(for: target)
        do {
            try data.write(to: temp)
        } catch {
            throw WorkspaceError.io(operation: "menulis", path: temp.path, reason: SystemErrorText.reason(of: error))
        }
        guard rename(temp.path, target.path) == 0 else {
            unlink(temp.path)
            throw DurableFiles.posixError("mengganti nama ke", target.path)
        }
    }

    /// Removes the parts whose names are not in `names` (units with nothing to render now).
    func keepOnly(_ names: Set<String>) {
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] where !names.contains(name) {
            try? fm.removeItem(at: url(name))
        }
    }
}

/// The file of rows kept for one table (`KeptRows`), in `archive/.cache/<kind>/<name>`: a
/// first line with the frame key (what every row depends on besides its own texts: settings,
/// dip build), then one record per row (SHA-256 of its fields, where its number goes, its
/// bytes), then the SHA-256 of everything before. A file whose frame or digest does not match
/// is ignored (every row is rendered again). The new file holds the rows used by this run,
/// in order, written through a small buffer under a temporary name and renamed over the old
/// one by `finish()`. Kept rows are read with pread, one at a time: neither file is ever
/// held whole in memory (a regency's annex is ~20 MB of rows).
final class KeptRowFile: @unchecked Sendable {
    struct Key: Hashable {
        var a: UInt64, b: UInt64, c: UInt64, d: UInt64
    }
    let url: URL
    let frame: String
    private var input: Int32 = -1
    private var index: [Key: (offset: Int, split: Int, length: Int)] = [:]
    /// The new file, made by the first row recorded (`HashedFileWriter`).
    private var writer: HashedFileWriter?
    private var seen = Set<Key>()
    private(set) var reused = 0
    private(set) var rendered = 0

    init(url: URL, frame: String) {
        self.url = url
        self.frame = frame
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        if let parsed = Self.parse(fd, frame: frame) {
            input = fd
            index = parsed
        } else {
            close(fd)
        }
    }

    deinit {
        if input >= 0 { close(input) }
    }

    /// The records' places, when the file is whole and made for `frame`: one pass over it in
    /// chunks, checking the trailing digest.
    static func parse(_ fd: Int32, frame: String) -> [Key: (offset: Int, split: Int, length: Int)]? {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        let head = Array((frame + "\n").utf8)
        guard size >= head.count + 32 else { return nil }
        let end = size - 32
        var hasher = SHA256()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var pending: [UInt8] = []
        var offset = 0  // file offset of pending[0]
        var read = 0
        var parsed: [Key: (offset: Int, split: Int, length: Int)] = [:]
        var at = head.count  // file offset of the next record
        var checkedHead = false
        while read < end {
            let want = min(chunk.count, end - read)
            let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, want, off_t(read)) }
            guard n > 0 else { return nil }
            hasher.update(data: chunk[0..<n])
            pending += chunk[0..<n]
            read += n
            if !checkedHead {
                guard pending.count >= head.count || read == end else { continue }
                guard pending.count >= head.count, Array(pending[0..<head.count]) == head else { return nil }
                checkedHead = true
            }
            // Records wholly inside what was read.
            while at + 40 <= read {
                let p = at - offset
                let length = Int(uint32(pending, p + 36))
                guard at + 40 + length <= end else { return nil }
                guard at + 40 + length <= read else { break }
                let split = Int(uint32(pending, p + 32))
                guard split <= length else { return nil }
                parsed[key(pending[p..<(p + 32)])] = (at + 40, split, length)
                at += 40 + length
            }
            // Keep only the unfinished record.
            let drop = at - offset
            if drop > 0 {
                pending.removeFirst(drop)
                offset += drop
            }
        }
        guard at == end else { return nil }
        var trailer = [UInt8](repeating: 0, count: 32)
        guard trailer.withUnsafeMutableBytes({ pread(fd, $0.baseAddress!, 32, off_t(end)) }) == 32,
              Array(hasher.finalize()) == trailer else { return nil }
        return parsed
    }

    var rows: KeptRows {
        KeptRows(lookup: { [self] fields in
            let key = Self.digest(fields)
            guard let entry = index[key] else { return nil }
            var bytes = [UInt8](repeating: 0, count: entry.length)
            let n = bytes.withUnsafeMutableBytes { pread(input, $0.baseAddress!, entry.length, off_t(entry.offset)) }
            guard n == entry.length else { return nil }
            record(key, bytes, entry.split)
            reused += 1
            return (bytes, entry.split)
        }, keep: { [self] fields, bytes, split in
            record(Self.digest(fields), bytes, split)
            rendered += 1
        })
    }

    private func record(_ key: Key, _ bytes: [UInt8], _ split: Int) {
        guard writer?.failure == nil, seen.insert(key).inserted else { return }
        let writer = self.writer ?? HashedFileWriter(url: url, frame: frame, bufferSize: 1 << 20)
        self.writer = writer
        writer.append(key)
        writer.append(uint32: UInt32(split))
        writer.append(uint32: UInt32(bytes.count))
        writer.append(bytes)
    }

    /// Replaces the file with the rows this run used (no rows: the file is removed).
    func finish() throws {
        guard let writer else {
            try? FileManager.default.removeItem(at: url)
            return
        }
        try writer.finish()
    }

    /// SHA-256 of the fields, each preceded by its UTF-8 length (8 bytes, little-endian),
    /// hashed as one buffer: two digest updates per field cost more than the hashing itself.
    static func digest(_ fields: [String]) -> Key {
        var total = 0
        for field in fields { total += 8 + field.utf8.count }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(total)
        for field in fields {
            withUnsafeBytes(of: UInt64(field.utf8.count).littleEndian) { buffer += $0 }
            var text = field
            text.withUTF8 { buffer += $0 }
        }
        return key(Array(SHA256.hash(data: buffer))[...])
    }

    static func key(_ bytes: ArraySlice<UInt8>) -> Key {
        let b = bytes.startIndex
        func word(_ i: Int) -> UInt64 { bytes[(b + i)..<(b + i + 8)].reduce(0) { $0 << 8 | UInt64($1) } }
        return Key(a: word(0), b: word(8), c: word(16), d: word(24))
    }

    static func uint32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        bytes[at..<(at + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }
}
