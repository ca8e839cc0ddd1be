import Crypto
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
        let temp = folder.appendingPathComponent(".\(name).tmp-\(getpid())")
        do {
            try data.write(to: temp)
        } catch {
            throw WorkspaceError.io(operation: "menulis", path: temp.path, reason: error.localizedDescription)
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
/// in order, and replaces the old one (temporary name, rename) when `finish()` is called.
final class KeptRowFile: @unchecked Sendable {
    struct Key: Hashable {
        var a: UInt64, b: UInt64, c: UInt64, d: UInt64
    }
    let url: URL
    let frame: String
    private var old = Data()
    private var index: [Key: (offset: Int, split: Int, length: Int)] = [:]
    private var out: [UInt8] = []
    private var seen = Set<Key>()
    private(set) var reused = 0
    private(set) var rendered = 0

    init(url: URL, frame: String) {
        self.url = url
        self.frame = frame
        guard let data = try? Data(contentsOf: url, options: .alwaysMapped), data.count > 32,
              let newline = data.firstIndex(of: 0x0A),
              String(decoding: data[data.startIndex..<newline], as: UTF8.self) == frame else { return }
        let body = data[data.startIndex..<(data.endIndex - 32)]
        guard Array(SHA256.hash(data: body)) == Array(data[(data.endIndex - 32)...]) else { return }
        var at = newline + 1
        var parsed: [Key: (offset: Int, split: Int, length: Int)] = [:]
        while at + 40 <= body.endIndex {
            let key = Self.key(data[at..<(at + 32)])
            let split = Int(Self.uint32(data, at + 32)), length = Int(Self.uint32(data, at + 36))
            guard at + 40 + length <= body.endIndex, split <= length else { return }
            parsed[key] = (at + 40, split, length)
            at += 40 + length
        }
        guard at == body.endIndex else { return }
        old = data
        index = parsed
    }

    var rows: KeptRows {
        KeptRows(lookup: { [self] fields in
            let key = Self.digest(fields)
            guard let entry = index[key] else { return nil }
            let bytes = Array(old[entry.offset..<(entry.offset + entry.length)])
            record(key, bytes, entry.split)
            reused += 1
            return (bytes, entry.split)
        }, keep: { [self] fields, bytes, split in
            record(Self.digest(fields), bytes, split)
            rendered += 1
        })
    }

    private func record(_ key: Key, _ bytes: [UInt8], _ split: Int) {
        guard seen.insert(key).inserted else { return }
        if out.isEmpty { out = Array((frame + "\n").utf8) }
        for word in [key.a, key.b, key.c, key.d] { withUnsafeBytes(of: word.bigEndian) { out += $0 } }
        withUnsafeBytes(of: UInt32(split).bigEndian) { out += $0 }
        withUnsafeBytes(of: UInt32(bytes.count).bigEndian) { out += $0 }
        out += bytes
    }

    /// Replaces the file with the rows this run used.
    func finish() throws {
        let fm = FileManager.default
        guard !out.isEmpty else {
            try? fm.removeItem(at: url)
            return
        }
        out += Array(SHA256.hash(data: out))
        try KeptParts(folder: url.deletingLastPathComponent()).write(url.lastPathComponent, out)
        out = []
    }

    static func digest(_ fields: [String]) -> Key {
        var hasher = SHA256()
        for field in fields {
            var length = UInt64(field.utf8.count).littleEndian
            withUnsafeBytes(of: &length) { hasher.update(bufferPointer: $0) }
            var text = field
            text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        }
        return key(Data(hasher.finalize()))
    }

    static func key(_ bytes: Data) -> Key {
        let b = Array(bytes)
        func word(_ i: Int) -> UInt64 { b[i..<(i + 8)].reduce(0) { $0 << 8 | UInt64($1) } }
        return Key(a: word(0), b: word(8), c: word(16), d: word(24))
    }

    static func uint32(_ data: Data, _ at: Int) -> UInt32 {
        data[at..<(at + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }
}
