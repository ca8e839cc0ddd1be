import Foundation

/// One `<Relationship>` of a `.rels` part.
struct Relationship {
    var id: String
    var type: String
    var target: String
    var isExternal: Bool

    /// The last path segment of the type URI ("officeDocument", "worksheet", "sharedStrings").
    /// Matching on it accepts both Transitional and Strict (purl.oclc.org) type URIs.
    var typeName: String { String(type.split(separator: "/").last ?? "") }
}

/// Parses a `.rels` part (any prefix on `Relationships`/`Relationship`).
final class RelationshipsHandler: XMLHandler {
    var relationships: [Relationship] = []

    override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        guard name.is("Relationship") else { return }
        relationships.append(Relationship(
            id: attributes.string("Id") ?? "",
            type: attributes.string("Type") ?? "",
            target: attributes.string("Target") ?? "",
            isExternal: attributes.string("TargetMode")?.lowercased() == "external"))
    }
}

/// A `<sheet>` entry of workbook.xml, before its relationship is resolved.
struct WorkbookSheetEntry {
    var name: String
    var state: String?
    var relationshipId: String?
}

/// Parses workbook.xml: the sheet list in document (tab) order and `workbookPr@date1904`.
/// `mc:Choice` branches are skipped (the `mc:Fallback` is the standard content).
final class WorkbookHandler: XMLHandler {
    var sheets: [WorkbookSheetEntry] = []
    var date1904 = false
    /// Local name of the root element: `workbook` for a SpreadsheetML workbook part.
    var rootName: String?
    private var skipDepth = 0

    override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        if rootName == nil { rootName = name.string }
        if skipDepth > 0 { skipDepth += 1; return }
        if name.is("Choice") { skipDepth = 1; return }
        if name.is("sheet") {
            sheets.append(WorkbookSheetEntry(
                name: attributes.string("name") ?? "Sheet\(sheets.count + 1)",
                state: attributes.string("state"),
                relationshipId: attributes.string("id")))
        } else if name.is("workbookPr") {
            if let v = attributes.string("date1904")?.lowercased() { date1904 = (v == "1" || v == "true") }
        }
    }

    override func endElement(_ name: XMLName) {
        if skipDepth > 0 { skipDepth -= 1 }
    }
}

/// Parses sharedStrings.xml into one `String` per `<si>` (so cells referencing the same
/// item share storage). An item's text is its direct `<t>` plus every run's `<t>`; `<rPh>`
/// (phonetic guide) subtrees are skipped; `_xHHHH_` escapes are decoded. Text is kept as
/// written: no whitespace trimming (policy: keep raw, warn in validation).
final class SharedStringsHandler: XMLHandler {
    var strings: [String] = []
    private var text: TextBuffer
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0
    private var totalBytes = 0
    private let limits: XLSXLimits
    /// Bytes the whole table may hold: the file's budget (`ExpansionBudget.sharedStringLimit`).
    private let byteLimit: Int

    init(limits: XLSXLimits, byteLimit: Int? = nil) {
        self.limits = limits
        self.byteLimit = byteLimit ?? limits.maxSharedStringBytes
        text = TextBuffer(limit: limits.maxTextBytes)
    }

    override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        if phoneticDepth > 0 { phoneticDepth += 1; return }
        if name.is("si") {
            inItem = true
            text.reset()
        } else if inItem {
            if name.is("t") { inText = true } else if name.is("rPh") { phoneticDepth = 1 }
        } else if name.is("sst"), let count = attributes.string("uniqueCount").flatMap({ Int($0) }) {
            // A hint only (counts lie): reserve a bounded amount.
            strings.reserveCapacity(min(count, 100_000))
        }
    }

    override func endElement(_ name: XMLName) {
        if phoneticDepth > 0 { phoneticDepth -= 1; return }
        if name.is("t") {
            inText = false
        } else if name.is("si") {
            inItem = false
            totalBytes += text.bytes.count
            if totalBytes > byteLimit {
                fail(byteLimit < limits.maxSharedStringBytes
                     ? .expansionExceeded(sheet: nil, what: "shared strings", limit: byteLimit)
                     : .limitExceeded(what: "shared string table bytes", limit: limits.maxSharedStringBytes))
                return
            }
            if strings.count >= limits.maxSharedStringCount {
                fail(.limitExceeded(what: "shared string count", limit: limits.maxSharedStringCount))
                return
            }
            strings.append(decodeXString(text.bytes))
        }
    }

    override func characters(_ bytes: UnsafePointer<UInt8>, _ count: Int) {
        guard inText else { return }
        if !text.append(bytes, count) {
            fail(.limitExceeded(what: "text length of one shared string in \(part)", limit: limits.maxTextBytes))
        }
    }
}

/// Parses styles.xml: custom `numFmt`s and the `numFmtId` of every `cellXfs/xf`, classified
/// into date/duration/general kinds indexed by a cell's `s`. `cellStyleXfs` is ignored and
/// `mc:Choice` branches are skipped.
final class StylesHandler: XMLHandler {
    private var customFormats: [Int: String] = [:]
    private var xfFormatIds: [Int] = []
    private var inCellXfs = false
    private var skipDepth = 0

    override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        if skipDepth > 0 { skipDepth += 1; return }
        if name.is("Choice") { skipDepth = 1; return }
        if name.is("numFmt") {
            if let id = attributes.string("numFmtId").flatMap({ Int($0) }), let code = attributes.string("formatCode") {
                customFormats[id] = code // duplicates: last one wins
            }
        } else if name.is("cellXfs") {
            inCellXfs = true
        } else if inCellXfs && name.is("xf") {
            xfFormatIds.append(attributes.string("numFmtId").flatMap { Int($0) } ?? 0)
        }
    }

    override func endElement(_ name: XMLName) {
        if skipDepth > 0 { skipDepth -= 1; return }
        if name.is("cellXfs") { inCellXfs = false }
    }

    /// Kind per `cellXfs` index. A custom code overrides the built-in meaning of its id.
    var xfKinds: [NumberFormatKind] {
        xfFormatIds.map { id in
            if let code = customFormats[id] { return classifyFormatCode(code) }
            return classifyBuiltinFormat(id: id)
        }
    }
}

/// Decodes `ST_Xstring` escapes: `_xHHHH_` (four hex digits) becomes that UTF-16 code unit
/// (pairs of surrogate escapes are combined); `_x005F_` is a literal underscore.
func decodeXString(_ bytes: [UInt8]) -> String {
    // Fast path: nothing to decode.
    var hasEscape = false
    if bytes.count >= 7 {
        for i in 0..<(bytes.count - 6) where bytes[i] == 0x5F && bytes[i + 1] == 0x78 && bytes[i + 6] == 0x5F {
            hasEscape = true
            break
        }
    }
    if !hasEscape { return String(decoding: bytes, as: UTF8.self) }
    var units: [UInt16] = []
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    func hex(_ b: UInt8) -> UInt16? {
        switch b {
        case 0x30...0x39: return UInt16(b - 0x30)
        case 0x41...0x46: return UInt16(b - 0x41 + 10)
        case 0x61...0x66: return UInt16(b - 0x61 + 10)
        default: return nil
        }
    }
    func flushUnits() {
        if units.isEmpty { return }
        out.append(contentsOf: Array(String(decoding: units, as: UTF16.self).utf8))
        units.removeAll()
    }
    var i = 0
    while i < bytes.count {
        if bytes[i] == 0x5F, i + 6 < bytes.count, bytes[i + 1] == 0x78, bytes[i + 6] == 0x5F,
           let a = hex(bytes[i + 2]), let b = hex(bytes[i + 3]), let c = hex(bytes[i + 4]), let d = hex(bytes[i + 5]) {
            units.append(a << 12 | b << 8 | c << 4 | d)
            i += 7
            continue
        }
        flushUnits()
        out.append(bytes[i])
        i += 1
    }
    flushUnits()
    return String(decoding: out, as: UTF8.self)
}
