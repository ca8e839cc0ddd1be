import Crypto
import Foundation

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
