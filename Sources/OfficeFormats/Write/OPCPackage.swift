import Foundation

/// One part of an OPC package (a .docx or .xlsx ZIP entry) with its content type.
public struct OPCPart: Sendable {
    /// Entry name without a leading slash, e.g. `word/document.xml`.
    public var name: String
    /// The part's content type; nil for parts covered by a `Default` (e.g. `.rels`).
    public var contentType: String?
    /// The part's bytes (a copy when the part holds a finished XML buffer).
    public var data: [UInt8] {
        get {
            switch storage {
            case .bytes(let bytes): return bytes
            case .xml(let xml): return xml.bytes
            case .copied(let archive, let entry): return (try? ZipEntryReader.read(entry, of: archive)) ?? []
            }
        }
        set { storage = .bytes(newValue) }
    }

    /// Either plain bytes or an XML buffer zipped in place without a copy.
    enum Storage: Sendable {
        case bytes([UInt8])
        case xml(XMLBytes)
        /// An entry of another package, its compressed data copied as it is (`ZipWriter.addCopy`).
        case copied(archive: [UInt8], entry: String)
    }
    var storage: Storage

    public init(name: String, contentType: String?, data: [UInt8]) {
        self.name = name
        self.contentType = contentType
        self.storage = .bytes(data)
    }

    /// A part copied, compressed as it is, from entry `entry` of the package `archive`.
    public init(name: String, contentType: String?, copiedFrom archive: [UInt8], entry: String) {
        self.name = name
        self.contentType = contentType
        self.storage = .copied(archive: archive, entry: entry)
    }

    /// A part holding a finished XML document's buffer.
    init(name: String, contentType: String?, xml: XMLBytes) {
        self.name = name
        self.contentType = contentType
        self.storage = .xml(xml)
    }
}

/// One relationship in a `.rels` part.
public struct OPCRelationship: Sendable {
    public var id: String
    public var type: String
    public var target: String

    public init(id: String, type: String, target: String) {
        self.id = id
        self.type = type
        self.target = target
    }
}

/// Shared OPC plumbing for the DOCX and XLSX writers: content types, relationships, core and
/// extended properties, and zipping the parts with `[Content_Types].xml` first.
public enum OPCPackage {
    public static let relationshipsNS = "http://schemas.openxmlformats.org/package/2006/relationships"
    public static let officeDocumentRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
    public static let corePropertiesRel = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
    public static let extendedPropertiesRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
    public static let relBase = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

    /// A `.rels` part.
    public static func relationships(_ rels: [OPCRelationship]) throws -> [UInt8] {
        let x = try XMLWriter()
        x.element("Relationships", [("xmlns", relationshipsNS)]) {
            for r in rels { x.element("Relationship", [("Id", r.id), ("Type", r.type), ("Target", r.target)]) }
        }
        return try x.finish()
    }

    /// `docProps/core.xml` with fixed dates (the caller's clock), so packages are reproducible.
    public static func coreProperties(title: String, creator: String, created: Date) throws -> [UInt8] {
        let stamp = stampText(created)
        let x = try XMLWriter()
        x.element("cp:coreProperties", [
            ("xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", "http://purl.org/dc/terms/"),
            ("xmlns:dcmitype", "http://purl.org/dc/dcmitype/"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ]) {
            x.element("dc:title", text: title)
            x.element("dc:creator", text: creator)
            x.element("cp:lastModifiedBy", text: creator)
            x.element("dcterms:created", [("xsi:type", "dcterms:W3CDTF")], text: stamp)
            x.element("dcterms:modified", [("xsi:type", "dcterms:W3CDTF")], text: stamp)
        }
        return try x.finish()
    }

    /// The W3CDTF stamp of `date` in UTC, the last one remembered: a run writes every package
    /// with its one clock, and making the formatter per package cost more than the part.
    static func stampText(_ date: Date) -> String {
        stampLock.lock()
        defer { stampLock.unlock() }
        if let last = lastStamp, last.date == date { return last.text }
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        f.formatOptions = [.withInternetDateTime]
        let text = f.string(from: date)
        lastStamp = (date, text)
        return text
    }

    private static let stampLock = NSLock()
    nonisolated(unsafe) private static var lastStamp: (date: Date, text: String)?

    /// `docProps/app.xml` naming the generating application.
    public static func appProperties(application: String) throws -> [UInt8] {
        let x = try XMLWriter()
        x.element("Properties", [
            ("xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"),
            ("xmlns:vt", "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"),
        ]) {
            x.element("Application", text: application)
        }
        return try x.finish()
    }

    /// Zips `[Content_Types].xml` (built from the parts) followed by the parts in the given order.
    /// `defaults` adds `Default` content types by extension (e.g. `("png", "image/png")` for media parts).
    /// `compression` is every part's but `[Content_Types].xml`'s and copied parts' (kept as they are).
    public static func zip(parts: [OPCPart], modified: Date,
                           defaults: [(extension: String, contentType: String)] = [],
                           compression: ZipCompression = .default) throws -> [UInt8] {
        let zw = try ZipWriter(inMemoryWithTimeZone: TimeZone(identifier: "UTC")!)
        try add(parts, to: zw, modified: modified, defaults: defaults, compression: compression)
        return try withExtendedLifetime(parts) { try zw.closeToBytes() }
    }

    /// `zip(parts:…)` written to `url` as libzip makes it (a temporary name beside it, renamed
    /// when complete) instead of returned: the same bytes, never whole in memory.
    public static func zip(parts: [OPCPart], modified: Date,
                           defaults: [(extension: String, contentType: String)] = [],
                           compression: ZipCompression = .default, to url: URL) throws {
        let zw = try ZipWriter(destination: url, timeZone: TimeZone(identifier: "UTC")!)
        try add(parts, to: zw, modified: modified, defaults: defaults, compression: compression)
        try withExtendedLifetime(parts) { try zw.close() }
    }

    /// Adds `[Content_Types].xml` (built from the parts), then the parts in order.
    private static func add(_ parts: [OPCPart], to zw: ZipWriter, modified: Date,
                            defaults: [(extension: String, contentType: String)], compression: ZipCompression) throws {
        let x = try XMLWriter()
        x.element("Types", [("xmlns", "http://schemas.openxmlformats.org/package/2006/content-types")]) {
            x.element("Default", [("Extension", "rels"), ("ContentType", "application/vnd.openxmlformats-package.relationships+xml")])
            x.element("Default", [("Extension", "xml"), ("ContentType", "application/xml")])
            for d in defaults { x.element("Default", [("Extension", d.extension), ("ContentType", d.contentType)]) }
            for p in parts {
                if let ct = p.contentType { x.element("Override", [("PartName", "/" + p.name), ("ContentType", ct)]) }
            }
        }
        try zw.add(path: "[Content_Types].xml", data: try x.finish(), modified: modified)
        for p in parts {
            switch p.storage {
            case .bytes(let bytes): try zw.add(path: p.name, data: bytes, modified: modified, compression: compression)
            // libzip reads the buffer when the archive is closed, by the caller, while `parts` holds it.
            case .xml(let xml): try zw.addBorrowed(path: p.name, bytes: xml, modified: modified, compression: compression)
            case .copied(let archive, let entry): try zw.addCopy(path: p.name, entry: entry, of: archive, modified: modified)
            }
        }
    }

    /// Writes bytes to a unique temporary name next to `url`, then renames it into place.
    public static func writeAtomically(_ bytes: [UInt8], to url: URL) throws {
        let tmp = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        do { try Data(bytes).write(to: tmp) } catch {
            throw ZipWriterError.cannotOpen(path: tmp.path, reason: "\(error)")
        }
        if rename(tmp.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: tmp)
            throw ZipWriterError.cannotRename(from: tmp.path, to: url.path, reason: reason)
        }
    }
}
