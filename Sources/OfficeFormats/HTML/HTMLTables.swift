internal import CLibXML2
import Foundation

// HTML tables: what a web application's "Export ke Excel" saves (SIPD, SIMDA, e-office and
// web-table exports write an HTML page and name it .xls; Excel opens it with a warning, so
// unit staff take it for a workbook), and .html/.htm pages dropped in an inbox.
//
// libxml2's HTML push parser reads the file in 256 KiB chunks through `FileBytes` with SAX
// callbacks (no tree is built): recover mode (markup errors never stop it), no network, no
// implied DTD; HTML has no entity declarations (a DOCTYPE's internal subset is never
// expanded: `&name;` is only ever one of HTML's predefined character references, else left as
// written). The charset is decided before parsing (`HTMLCharset`: BOM, UTF-16 by its NULs,
// `<meta charset>` / `http-equiv` in the first 16 KiB, else UTF-8 when the head is valid UTF-8
// and windows-1252 otherwise) and given to libxml2, which then ignores the page's own hints.
//
// The table model a spreadsheet gives for free is built here:
//   - every `<table>` is a table of its own, numbered in document order from 1 ("tabel ke-N");
//     a table inside a cell (a layout table around the list, or a small table in a cell) is
//     read as its own table and its text is not part of the outer cell;
//   - `<tr>` rows (in `<thead>`, `<tbody>`, `<tfoot>` alike, in document order) numbered from
//     1 within their table; `<td>`/`<th>` cells (a cell without a `<tr>` opens one);
//   - `colspan` (1–1,000) and `rowspan` (1–65,534, the HTML limits; 0 spans to the end of the
//     cell's row group, `<thead>`/`<tbody>`/`<tfoot>` or the table, as browsers read it) place
//     the cells as a browser does (a cell skips the columns taken by a rowspan from above) and
//     are `MergedRange`s, the covered positions read empty, as a merged spreadsheet cell;
//   - text: white space collapsed as a browser renders it, `&nbsp;` a space, `<br>` a line
//     break, block elements (`p`, `div`, `li`, headings) on lines of their own; `<script>`,
//     `<style>` and `<template>` skipped; comments (Excel's `<!--[if gte mso 9]>` XML) skipped;
//   - the first `<a href>` in a cell is the cell's link (`SheetRow.links`);
//   - values are the text the page shows (Excel's `x:num` and `mso-number-format` are not
//     used: what the unit sees is what is read).
// Caps: a cell's text (`maxCellBytes`), 1,048,576 rows and 16,384 columns per table, 32
// nested tables, 5,000 tables, merged ranges per table as an XLSX sheet's, and the positions
// row spans make cell placement step over, as many as `ExpansionBudget` allows cells for the
// file's size (`expansionExceeded`, "content-too-large").
//
// Memory: one pass indexes the tables (names, merged ranges, and the first 30 rows of each,
// what the intake looks at to find the DIP table) without keeping the other rows; reading a
// table's rows past those 30 parses the file again up to that table's end, keeping one row
// at a time. So choosing among a page's tables costs one pass whatever their number, and
// reading the list one more.

/// How an HTML page's bytes are decoded.
public struct HTMLCharset: Equatable, Sendable {
    public enum Source: String, Sendable {
        /// A byte-order mark.
        case byteOrderMark
        /// A `<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">`.
        case meta
        /// Nothing said: UTF-16 by its NULs, UTF-8 when the head is valid UTF-8, else windows-1252.
        case guessed
    }

    /// The encoding's name as libxml2 (iconv) knows it: "UTF-8", "windows-1252", "UTF-16LE" …
    public var name: String
    public var source: Source
    /// Bytes of the byte-order mark, skipped before parsing.
    public var bomLength: Int

    /// Bytes looked at for a `<meta>` charset (Excel's pages put a long `<style>` first).
    static let prescanBytes = 16_384

    /// The charset of a page whose first bytes are `head`; `label` of a `<meta>` is mapped as
    /// browsers map it (ISO-8859-1 and ASCII are windows-1252, UTF-16 in an ASCII page is UTF-8).
    /// `whole`: `head` is the whole file (a last byte that starts a UTF-8 sequence is then not
    /// a sequence cut by the sample's end).
    public static func detect(head: [UInt8], whole: Bool = true) -> HTMLCharset {
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { return HTMLCharset(name: "UTF-8", source: .byteOrderMark, bomLength: 3) }
        if head.starts(with: [0xFF, 0xFE]) { return HTMLCharset(name: "UTF-16LE", source: .byteOrderMark, bomLength: 2) }
        if head.starts(with: [0xFE, 0xFF]) { return HTMLCharset(name: "UTF-16BE", source: .byteOrderMark, bomLength: 2) }
        var nuls = 0
        var even = 0
        for (i, b) in head.enumerated() where b == 0 {
            nuls += 1
            if i % 2 == 0 { even += 1 }
        }
        if head.count >= 2, let bigEndian = utf16BigEndianByNULs(nuls: nuls, evenNuls: even, count: head.count) {
            return HTMLCharset(name: bigEndian ? "UTF-16BE" : "UTF-16LE", source: .guessed, bomLength: 0)
        }
        if let label = metaCharset(Array(head.prefix(prescanBytes))) {
            return HTMLCharset(name: canonicalName(label), source: .meta, bomLength: 0)
        }
        let valid = head.withUnsafeBufferPointer { UTF8Check.isValid($0.baseAddress!, $0.count, allowTruncatedEnd: !whole) }
        return HTMLCharset(name: valid ? "UTF-8" : "windows-1252", source: .guessed, bomLength: 0)
    }

    /// The label of the first `<meta>` that names a charset, lower case; nil when none does.
    static func metaCharset(_ bytes: [UInt8]) -> String? {
        let lower = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let meta = Array("<meta".utf8)
        let charset = Array("charset".utf8)
        var i = 0
        func find(_ needle: [UInt8], from: Int, to: Int) -> Int? {
            guard to - from >= needle.count else { return nil }
            var k = from
            while k + needle.count <= to {
                if lower[k] == needle[0] && Array(lower[k..<(k + needle.count)]) == needle { return k }
                k += 1
            }
            return nil
        }
        while let m = find(meta, from: i, to: lower.count) {
            let end = lower[m...].firstIndex(of: UInt8(ascii: ">")) ?? lower.count
            var from = m + meta.count
            while let c = find(charset, from: from, to: end) {
                var k = c + charset.count
                while k < end, lower[k] == 0x20 || lower[k] == 0x09 || lower[k] == 0x0A || lower[k] == 0x0D { k += 1 }
                if k < end, lower[k] == UInt8(ascii: "=") {
                    k += 1
                    while k < end, lower[k] == 0x20 || lower[k] == 0x09 || lower[k] == 0x22 || lower[k] == 0x27 { k += 1 }
                    var label: [UInt8] = []
                    while k < end, label.count < 40 {
                        let b = lower[k]
                        guard (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x5F || b == 0x2E || b == 0x3A
                        else { break }
                        label.append(b)
                        k += 1
                    }
                    if !label.isEmpty { return String(decoding: label, as: UTF8.self) }
                }
                from = c + charset.count
            }
            i = m + meta.count
        }
        return nil
    }

    /// The name handed to libxml2 for a label (WHATWG's mapping for the labels met in practice).
    static func canonicalName(_ label: String) -> String {
        switch label {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8",
             // A page cannot declare UTF-16 in ASCII bytes: browsers read such a page as UTF-8.
             "utf-16", "utf-16le", "utf-16be", "unicode", "ucs-2":
            return "UTF-8"
        case "windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "l1",
             "us-ascii", "ascii", "ansi_x3.4-1968", "cp819", "ibm819", "csisolatin1", "iso-ir-100":
            return "windows-1252"
        default:
            return label
        }
    }
}

/// A table of an HTML page as the index pass found it.
public struct HTMLTableInfo: Sendable {
    /// "tabel ke-N" (1-based, document order): how the unit is told which table.
    public var name: String
    /// Its `<caption>`, when it has one (trimmed, at most 200 characters).
    public var caption: String?
    /// For a table of the page (not one in a cell): the last line of text between the previous
    /// table and this one, a heading such as "B. Informasi Serta Merta" (at most 200 characters).
    public var heading: String?
    /// Rows (`<tr>`) it holds, empty ones included.
    public var rowCount: Int
    /// Nesting depth: 1 for a table of the page, 2 for a table in a cell of another …
    public var depth: Int
}

/// An HTML page opened for its tables: one pass lists the tables, their merged ranges and
/// their first rows; `rows(sheet:)` streams one table's rows. Sheets are the tables
/// (`SheetInfo.name` "tabel ke-N", part name "<table N>").
public final class HTMLWorkbook {
    public let path: String
    public let limits: XLSXLimits
    public let charset: HTMLCharset
    /// Byte sequences of a UTF-8 page that are not UTF-8, read as U+FFFD (0 for other charsets).
    public let invalidUTF8Sequences: Int
    public let tables: [HTMLTableInfo]
    public let sheets: [SheetInfo]
    private let merges: TableMergeIndex
    /// The file's size, which bounds the positions its row spans may make a pass step over.
    private let inputBytes: Int
    private var rescanned: [Int: [MergedRange]] = [:]
    /// The first `previewRows` rows of each table, and whether they are all its rows.
    private let previews: [(rows: [SheetRow], whole: Bool)]

    /// Rows of each table kept by the index pass: what the intake reads to find the header.
    static let previewRows = 30
    /// The most text the kept rows of all tables may hold together.
    public static let maxPreviewBytes = 16 << 20
    /// The most text of one cell (a spreadsheet cell holds 32,767 characters; a cell a
    /// thousand times longer is no list).
    public static let maxCellBytes = 1 << 20
    /// Tables nested inside each other.
    public static let maxDepth = 32
    /// Tables in one page.
    public static let maxTables = 5_000

    public init(path: String, limits: XLSXLimits = XLSXLimits()) throws {
        self.path = path
        self.limits = limits
        let head = try fileHead(path: path, count: 65_536)
        if head.isEmpty { throw OfficeError.emptyFile }
        charset = HTMLCharset.detect(head: head, whole: head.count < 65_536)
        let size = ExpansionBudget.inputSize(path)
        inputBytes = size
        let index = HTMLTableHandler(mode: .index, limits: limits, inputBytes: size)
        let parser = try HTMLPushParser(path: path, charset: charset, handler: index, countInvalidUTF8: true)
        try parser.parseAll()
        invalidUTF8Sequences = parser.invalidUTF8Sequences
        let found = index.tables.enumerated().map { i, t in
            HTMLTableInfo(name: "tabel ke-\(i + 1)", caption: t.caption, heading: t.heading, rowCount: t.rows, depth: t.depth)
        }
        tables = found
        sheets = found.indices.map { SheetInfo(name: found[$0].name, state: .visible, kind: .worksheet, partName: "<table \($0 + 1)>") }
        merges = index.merges
        previews = index.tables.map { ($0.preview, $0.ended && !$0.previewCut) }
    }

    private func mergeCapError(_ index: Int) -> OfficeError {
        .limitExceeded(what: "merged range count of <table \(index + 1)> (more than \(limits.maxMergedRanges))",
                       limit: limits.maxMergedRanges)
    }

    private func mergedRanges(_ index: Int) throws -> [MergedRange] {
        if merges.isOverCap(index) { throw mergeCapError(index) }
        guard merges.incomplete[index] else { return merges.kept[index] }
        if let known = rescanned[index] { return known }
        let alone = HTMLTableHandler(mode: .index, limits: limits, inputBytes: inputBytes, mergesOf: index)
        try HTMLPushParser(path: path, charset: charset, handler: alone).parseAll()
        rescanned[index] = alone.merges.kept[index]
        return alone.merges.kept[index]
    }

    /// A streaming reader over the rows of table `index` (0-based, document order).
    public func rows(sheet index: Int) throws -> HTMLTableReader {
        guard tables.indices.contains(index) else { throw OfficeError.noSuchSheet(index) }
        return HTMLTableReader(workbook: self, table: index, preview: previews[index].rows, whole: previews[index].whole,
                               mergedRanges: merges.isOverCap(index) ? [] : try mergedRanges(index))
    }

    /// The merged ranges of table `index` (links travel with the rows). Throws for a table
    /// over the merged-range cap.
    public func sheetTail(sheet index: Int) throws -> (mergedRanges: [MergedRange], hyperlinks: [CellHyperlink]) {
        guard tables.indices.contains(index) else { throw OfficeError.noSuchSheet(index) }
        return (try mergedRanges(index), [])
    }

    /// A parser streaming the rows of table `index` numbered after `row`.
    fileprivate func rowParser(table index: Int, after row: Int) throws -> (HTMLPushParser, HTMLTableHandler) {
        let handler = HTMLTableHandler(mode: .rows(table: index, after: row), limits: limits, inputBytes: inputBytes)
        return (try HTMLPushParser(path: path, charset: charset, handler: handler), handler)
    }
}

/// The rows of one table of a page, in order: those the index kept, then (for a longer
/// table) the rest from a new pass over the file.
public final class HTMLTableReader: RowSource {
    private let workbook: HTMLWorkbook
    private let table: Int
    private var preview: [SheetRow]
    private var next = 0
    private let whole: Bool
    private var parser: (HTMLPushParser, HTMLTableHandler)?
    public let mergedRanges: [MergedRange]

    fileprivate init(workbook: HTMLWorkbook, table: Int, preview: [SheetRow], whole: Bool, mergedRanges: [MergedRange]) {
        self.workbook = workbook
        self.table = table
        self.preview = preview
        self.whole = whole
        self.mergedRanges = mergedRanges
    }

    public func nextRow() throws -> SheetRow? {
        if next < preview.count {
            next += 1
            return preview[next - 1]
        }
        if whole { return nil }
        if parser == nil {
            parser = try workbook.rowParser(table: table, after: preview.last?.number ?? 0)
            preview = []
            next = 0
        }
        let (p, h) = parser!
        while true {
            if let row = h.popRow() { return row }
            if h.tableEnded { return nil }
            if !(try p.step()) { return h.popRow() }
        }
    }
}

// MARK: - libxml2

/// libxml2's HTML push parser fed from the file, with SAX1 callbacks into `HTMLTableHandler`.
///
/// Chunks are cut just after a `>`: libxml2 2.9.14's push parser loses track of a start tag
/// whose quoted attribute value is cut by a chunk boundary and then buffers the whole rest of
/// the file before parsing it at the end (measured: a 116 MB page made it hold 77 MB; the rows
/// still came, but not in bounded memory). The bytes after the last `>` wait for the next chunk.
final class HTMLPushParser {
    private let file: FileBytes
    private var offset: Int
    /// Bytes at the buffer's start left from the last read (after its last `>`).
    private var carried = 0
    /// 2 for UTF-16 (a `>` is two bytes, at an even offset), else 1.
    private let unit: Int
    private let bigEndian: Bool
    private var context: htmlParserCtxtPtr?
    private let handler: HTMLTableHandler
    private var buffer: UnsafeMutableRawBufferPointer
    private(set) var isFinished = false
    /// The most bytes libxml2 has held unparsed after a chunk (what the cut after `>` bounds).
    private(set) var largestBacklog = 0
    /// A UTF-8 page's byte sequences that are not UTF-8 (a stray Windows-1252 "é" pasted in past
    /// the sniffed head): libxml2 shows each as U+FFFD, and the unit is told how many.
    private(set) var invalidUTF8Sequences = 0
    private let countsInvalidUTF8: Bool

    static let chunkSize = 262_144

    /// - Parameter countInvalidUTF8: count `invalidUTF8Sequences` (asked of the index pass only:
    ///   the row passes read the same bytes again).
    init(path: String, charset: HTMLCharset, handler: HTMLTableHandler, countInvalidUTF8: Bool = false) throws {
        _ = libxmlInitialised
        file = try FileBytes(path: path)
        offset = charset.bomLength
        unit = charset.name.hasPrefix("UTF-16") ? 2 : 1
        bigEndian = charset.name == "UTF-16BE"
        countsInvalidUTF8 = countInvalidUTF8 && charset.name == "UTF-8"
        self.handler = handler
        // Everything that can fail comes before the buffer (the last stored property), so a
        // failed init leaves nothing to free twice.
        guard let encoder = xmlFindCharEncodingHandler(charset.name) else {
            throw OfficeError.unsupportedEncoding(charset.name)
        }
        var sax = htmlSAXHandler()
        // SAX2 magic so libxml2 reports errors to `serror` (ignored) rather than printing them;
        // the HTML parser calls the SAX1 element callbacks all the same.
        sax.initialized = XML_SAX2_MAGIC
        sax.startElement = htmlSAXStart
        sax.endElement = htmlSAXEnd
        sax.characters = htmlSAXCharacters
        sax.ignorableWhitespace = htmlSAXCharacters
        sax.cdataBlock = htmlSAXIgnoredText  // the content of <script> and <style>
        sax.serror = htmlSAXError
        let user = Unmanaged.passUnretained(handler).toOpaque()
        guard let created = htmlCreatePushParserCtxt(&sax, user, nil, 0, nil, XML_CHAR_ENCODING_NONE) else {
            throw OfficeError.xmlError(part: "HTML", line: 0, message: "cannot create HTML parser")
        }
        let options = HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_NODEFDTD.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
        htmlCtxtUseOptions(created, Int32(options))
        if xmlSwitchToEncoding(created, encoder) != 0 {
            htmlFreeParserCtxt(created)
            throw OfficeError.unsupportedEncoding(charset.name)
        }
        context = created
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 2 * Self.chunkSize, alignment: 16)
    }

    deinit {
        if let context { htmlFreeParserCtxt(context) }
        buffer.deallocate()
    }

    /// Feeds one chunk; false once the whole file has been parsed. Throws the handler's first
    /// failure (a cap) or the system's (`FileReadError`).
    func step() throws -> Bool {
        if isFinished { return false }
        let base = buffer.baseAddress!
        let n = try file.read(into: base + carried, count: Self.chunkSize, at: offset)
        offset += n
        let have = carried + n
        var cut = n == 0 ? have : lastTagEnd(have) ?? have
        // What waits never exceeds a chunk (the buffer holds two).
        if have - cut > Self.chunkSize { cut = have }
        if countsInvalidUTF8 {
            let bytes = base.assumingMemoryBound(to: UInt8.self)
            // A cut not after a `>` (no tag in a whole chunk) may split a character: its first
            // bytes wait with the next chunk, so that the count sees it whole.
            if n > 0, cut == have, have > 0 {
                var lead = have - 1
                while lead > 0, have - lead < 4, bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
                let b = bytes[lead]
                let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
                if have - lead < length { cut = lead }
            }
            invalidUTF8Sequences += UTF8Check.invalidSequences(bytes, cut)
        }
        let chars = base.assumingMemoryBound(to: CChar.self)
        handler.context = context
        if cut > 0 {
            _ = htmlParseChunk(context, chars, Int32(cut), 0)
            if let input = context?.pointee.input, let end = input.pointee.end, let cur = input.pointee.cur {
                largestBacklog = max(largestBacklog, end - cur)
            }
        }
        carried = have - cut
        if carried > 0 { memmove(base, base + cut, carried) }
        if n == 0 { _ = htmlParseChunk(context, nil, 0, 1) }
        if n == 0 {
            isFinished = true
            handler.finishDocument()
        }
        if let failure = handler.failure {
            isFinished = true
            throw failure
        }
        return !isFinished
    }

    func parseAll() throws {
        while try step() {}
    }

    /// One past the last `>` among the first `count` bytes of the buffer, nil when none.
    private func lastTagEnd(_ count: Int) -> Int? {
        let bytes = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        if unit == 1 {
            var i = count
            while i > 0 {
                if bytes[i - 1] == 0x3E { return i }
                i -= 1
            }
            return nil
        }
        var i = count & ~1
        while i >= 2 {
            if bigEndian ? (bytes[i - 2] == 0 && bytes[i - 1] == 0x3E) : (bytes[i - 2] == 0x3E && bytes[i - 1] == 0) { return i }
            i -= 2
        }
        return nil
    }
}

@inline(__always)
private func withHTMLHandler(_ ctx: UnsafeMutableRawPointer?, _ body: (HTMLTableHandler) -> Void) {
    Unmanaged<HTMLTableHandler>.fromOpaque(ctx!)._withUnsafeGuaranteedRef { h in
        if !h.stopped { body(h) }
    }
}

private let htmlSAXStart: startElementSAXFunc = { ctx, name, attributes in
    guard let name else { return }
    withHTMLHandler(ctx) { $0.start(XMLName(pointer: name), attributes) }
}

private let htmlSAXEnd: endElementSAXFunc = { ctx, name in
    guard let name else { return }
    withHTMLHandler(ctx) { $0.end(XMLName(pointer: name)) }
}

private let htmlSAXCharacters: charactersSAXFunc = { ctx, ch, len in
    guard let ch, len > 0 else { return }
    withHTMLHandler(ctx) { $0.characters(ch, Int(len)) }
}

private let htmlSAXIgnoredText: cdataBlockSAXFunc = { _, _, _ in }

private let htmlSAXError: xmlStructuredErrorFunc = { _, _ in }

// MARK: - Tables

/// SAX handler building table rows from HTML elements, in one of two modes: `.index` (every
/// table's name, rows, merged ranges and first rows) or `.rows(table:after:)` (the rows of one
/// table numbered after `after`).
final class HTMLTableHandler {
    enum Mode {
        case index
        case rows(table: Int, after: Int)
    }

    struct Table {
        var depth: Int
        var rows = 0
        var caption: String?
        var heading: String?
        var preview: [SheetRow] = []
        /// A row with content was met past the preview.
        var previewCut = false
        var ended = false
    }

    /// An open `<table>` and where its reading stands.
    private struct Open {
        var index: Int
        var row = 0
        var inRow = false
        var column = 0
        /// By column: the last row a cell spanning down from above covers (0: none;
        /// `Int.max`: a `rowspan="0"` cell, to the end of its row group, not yet met).
        var takenUntil: [Int] = []
        /// `rowspan="0"` cells of the current row group: their last row, and so their merged
        /// range, is known only when the group ends (`endRowGroup`).
        var toGroupEnd: [(row: Int, firstColumn: Int, lastColumn: Int)] = []
        var cells = RowCells()
        var links: [Int: String]?
        var inCell = false
        var collecting = false
        var cellColumn = 0
        var cellLink: String?
        var text: [UInt8] = []
        var pendingSpace = false
        var inCaption = false
    }

    let mode: Mode
    let limits: XLSXLimits
    private let mergesOf: Int?
    private(set) var tables: [Table] = []
    private(set) var merges: TableMergeIndex
    private(set) var failure: OfficeError?
    private(set) var stopped = false
    var context: htmlParserCtxtPtr?
    private(set) var tableEnded = false

    private var stack: [Open] = []
    /// Depth inside `<script>`, `<style>`, `<template>` (their text is no cell's).
    private var ignored = 0
    private var previewBytes = 0
    /// Positions covered by a `rowspan` from above that placing cells has stepped over, and
    /// how many the file may make it step over (`ExpansionBudget`'s cell allowance for the
    /// file's size). Each is one step of `beginCell`, and a few bytes of spans make many: 16
    /// cells `colspan=1000 rowspan=65534` cover 16,000 columns of the next 65,533 rows, each
    /// of which a one-cell `<tr>` of 20 bytes then walks (a 1 MB page held a pass for minutes).
    private var spanSteps = 0
    private let spanStepLimit: Int
    private var queue = RowQueue()
    private var caption: [UInt8] = []
    /// Text outside every table since the last one (its last line heads the next table),
    /// at most `outsideKept` bytes.
    private var outside: [UInt8] = []
    private static let outsideKept = 4_096

    init(mode: Mode, limits: XLSXLimits, inputBytes: Int, mergesOf: Int? = nil) {
        self.mode = mode
        self.limits = limits
        spanStepLimit = ExpansionBudget(inputBytes: inputBytes, limits: limits).cellLimit
        self.mergesOf = mergesOf
        merges = TableMergeIndex(cap: limits.maxMergedRanges)
    }

    private var indexing: Bool { if case .index = mode { return true } else { return false } }

    func fail(_ error: OfficeError) {
        if failure == nil { failure = error }
        stopped = true
        if let context { xmlStopParser(context) }
    }

    func popRow() -> SheetRow? { queue.pop() }

    // MARK: events

    func start(_ name: XMLName, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        if ignored > 0 {
            ignored += 1
            return
        }
        if name.is("script") || name.is("style") || name.is("template") {
            ignored = 1
            return
        }
        if name.is("table") {
            openTable()
            return
        }
        guard !stack.isEmpty else {
            if indexing, name.is("br") || isBlock(name) { outsideLine() }
            return
        }
        let t = stack.count - 1
        if name.is("tr") {
            if stack[t].inCell { endCell(t) }
            if stack[t].inRow { endRow(t) }
            beginRow(t)
        } else if isRowGroup(name) {
            endRowGroup(t)
        } else if name.is("td") || name.is("th") {
            if stack[t].inCell { endCell(t) }
            if !stack[t].inRow { beginRow(t) }
            if !stopped { beginCell(t, attributes) }
        } else if name.is("caption") {
            stack[t].inCaption = true
            caption.removeAll(keepingCapacity: true)
        } else if stack[t].inCell {
            if name.is("br") {
                lineBreak(t, always: true)
            } else if isBlock(name) {
                lineBreak(t, always: false)
            } else if name.is("a"), stack[t].cellLink == nil, let href = attribute(attributes, "href") {
                stack[t].cellLink = href
            }
        }
    }

    func end(_ name: XMLName) {
        if ignored > 0 {
            ignored -= 1
            return
        }
        guard !stack.isEmpty else {
            if indexing, isBlock(name) { outsideLine() }
            return
        }
        let t = stack.count - 1
        if name.is("table") {
            closeTable()
        } else if name.is("tr") {
            if stack[t].inCell { endCell(t) }
            if stack[t].inRow { endRow(t) }
        } else if isRowGroup(name) {
            endRowGroup(t)
        } else if name.is("td") || name.is("th") {
            if stack[t].inCell { endCell(t) }
        } else if name.is("caption") {
            if stack[t].inCaption, indexing {
                let text = collapsed(caption)
                if !text.isEmpty { tables[stack[t].index].caption = String(text.prefix(200)) }
            }
            stack[t].inCaption = false
        } else if stack[t].inCell, isBlock(name) {
            lineBreak(t, always: false)
        }
    }

    func characters(_ bytes: UnsafePointer<UInt8>, _ count: Int) {
        guard ignored == 0 else { return }
        guard let t = stack.indices.last else {
            if indexing {
                // Line breaks in the source are white space; lines end only at block elements.
                for b in UnsafeBufferPointer(start: bytes, count: min(count, Self.outsideKept)) {
                    outside.append(b == 0x0A || b == 0x0D || b == 0x09 || b == 0x0C ? 0x20 : b)
                }
                if outside.count > 2 * Self.outsideKept { outside.removeFirst(outside.count - Self.outsideKept) }
            }
            return
        }
        if stack[t].inCaption && !stack[t].inCell {
            if caption.count < 4_096 { caption.append(contentsOf: UnsafeBufferPointer(start: bytes, count: min(count, 4_096))) }
            return
        }
        guard stack[t].inCell, stack[t].collecting else { return }
        var i = 0
        while i < count {
            let b = bytes[i]
            // White space (and U+00A0, `&nbsp;`) collapses to one space between words.
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C {
                stack[t].pendingSpace = true
                i += 1
                continue
            }
            if b == 0xC2, i + 1 < count, bytes[i + 1] == 0xA0 {
                stack[t].pendingSpace = true
                i += 2
                continue
            }
            if stack[t].pendingSpace {
                stack[t].pendingSpace = false
                if let last = stack[t].text.last, last != 0x0A { stack[t].text.append(0x20) }
            }
            // Copy the run up to the next white space at once.
            var j = i + 1
            while j < count {
                let c = bytes[j]
                if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C || c == 0xC2 { break }
                j += 1
            }
            if stack[t].text.count + (j - i) > HTMLWorkbook.maxCellBytes {
                fail(.limitExceeded(what: "text length of one cell in <table \(stack[t].index + 1)> (more than \(HTMLWorkbook.maxCellBytes) bytes)",
                                    limit: HTMLWorkbook.maxCellBytes))
                return
            }
            stack[t].text.append(contentsOf: UnsafeBufferPointer(start: bytes + i, count: j - i))
            i = j
        }
    }

    /// Closes what is still open at the end of the file (a page cut short, unclosed tags).
    func finishDocument() {
        while !stack.isEmpty && !stopped { closeTable() }
    }

    // MARK: tables, rows, cells

    private func openTable() {
        if stack.count >= HTMLWorkbook.maxDepth {
            fail(.limitExceeded(what: "tables nested more than \(HTMLWorkbook.maxDepth) deep", limit: HTMLWorkbook.maxDepth))
            return
        }
        if tables.count >= HTMLWorkbook.maxTables {
            fail(.limitExceeded(what: "tables in one page (more than \(HTMLWorkbook.maxTables))", limit: HTMLWorkbook.maxTables))
            return
        }
        var table = Table(depth: stack.count + 1)
        if stack.isEmpty && indexing {
            outsideLine()
            let lines = String(decoding: outside, as: UTF8.self).split(separator: "\n")
            if let last = lines.last(where: { !$0.allSatisfy(\.isWhitespace) }) {
                let text = collapsed(Array(last.utf8))
                table.heading = String(text.prefix(200))
            }
            outside.removeAll(keepingCapacity: true)
        }
        tables.append(table)
        merges.addTable()
        stack.append(Open(index: tables.count - 1))
    }

    private func closeTable() {
        let t = stack.count - 1
        if stack[t].inCell { endCell(t) }
        if stack[t].inRow { endRow(t) }
        endRowGroup(t)
        let index = stack[t].index
        tables[index].rows = stack[t].row
        tables[index].ended = true
        if case .rows(let target, _) = mode, target == index { tableEnded = true }
        stack.removeLast()
    }

    private func beginRow(_ t: Int) {
        stack[t].row += 1
        if stack[t].row > limits.maxRows {
            fail(.limitExceeded(what: "row number \(stack[t].row) in <table \(stack[t].index + 1)>", limit: limits.maxRows))
            return
        }
        // A row past the kept ones may hold content: the table is then read again for it.
        if indexing, tables[stack[t].index].preview.count >= HTMLWorkbook.previewRows { tables[stack[t].index].previewCut = true }
        stack[t].inRow = true
        stack[t].column = 0
        stack[t].cells.removeAll()
        stack[t].links = nil
    }

    private func beginCell(_ t: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        let row = stack[t].row
        var column = stack[t].column
        let takenUntil = stack[t].takenUntil
        let first = column
        while column < takenUntil.count && takenUntil[column] >= row { column += 1 }
        spanSteps += column - first
        if spanSteps > spanStepLimit {
            fail(.expansionExceeded(sheet: "tabel ke-\(stack[t].index + 1)", what: "cells", limit: spanStepLimit))
            return
        }
        let columns = min(max(span(attributes, "colspan"), 1), 1_000)
        let rowspan = span(attributes, "rowspan")
        // `rowspan="0"`: to the last row of the row group, which is not known yet.
        let toGroupEnd = rowspan == 0
        let rows = toGroupEnd ? 1 : min(rowspan, 65_534)
        if column + columns > limits.maxColumns {
            fail(.limitExceeded(what: "column \(column + columns) in row \(row) of <table \(stack[t].index + 1)>", limit: limits.maxColumns))
            return
        }
        if rows > 1 || toGroupEnd {
            if stack[t].takenUntil.count < column + columns {
                stack[t].takenUntil += repeatElement(0, count: column + columns - stack[t].takenUntil.count)
            }
            for c in column..<(column + columns) { stack[t].takenUntil[c] = toGroupEnd ? Int.max : row + rows - 1 }
        }
        let index = stack[t].index
        if toGroupEnd {
            stack[t].toGroupEnd.append((row: row, firstColumn: column, lastColumn: column + columns - 1))
        } else if indexing, rows > 1 || columns > 1, mergesOf == nil || mergesOf == index {
            merges.add(MergedRange(firstRow: row, lastRow: min(row + rows - 1, limits.maxRows),
                                   firstColumn: column, lastColumn: column + columns - 1), table: index)
        }
        stack[t].cellColumn = column
        stack[t].column = column + columns
        stack[t].inCell = true
        stack[t].cellLink = nil
        stack[t].text.removeAll(keepingCapacity: true)
        stack[t].pendingSpace = false
        switch mode {
        case .index: stack[t].collecting = mergesOf == nil && tables[index].preview.count < HTMLWorkbook.previewRows
        case .rows(let target, let after): stack[t].collecting = index == target && row > after
        }
    }

    private func endCell(_ t: Int) {
        stack[t].inCell = false
        guard stack[t].collecting else { return }
        while let last = stack[t].text.last, last == 0x20 || last == 0x0A { stack[t].text.removeLast() }
        let column = stack[t].cellColumn
        if !stack[t].text.isEmpty {
            stack[t].cells.set(.string(String(decoding: stack[t].text, as: UTF8.self)), at: column)
        }
        if let link = stack[t].cellLink {
            if stack[t].links == nil { stack[t].links = [:] }
            stack[t].links![column] = link
        }
    }

    private func endRow(_ t: Int) {
        stack[t].inRow = false
        stack[t].cells.trimTrailingEmpties()
        guard !stack[t].cells.values.isEmpty || stack[t].links != nil else { return }
        let index = stack[t].index
        var row = SheetRow(number: stack[t].row, storage: stack[t].cells)
        row.links = stack[t].links
        switch mode {
        case .index:
            guard mergesOf == nil, tables[index].preview.count < HTMLWorkbook.previewRows else { return }
            for (_, cell) in row.nonEmptyCells {
                if case .string(let s) = cell { previewBytes += s.utf8.count }
            }
            if previewBytes > HTMLWorkbook.maxPreviewBytes {
                fail(.limitExceeded(what: "text of the first \(HTMLWorkbook.previewRows) rows of the page's tables "
                                        + "(more than \(HTMLWorkbook.maxPreviewBytes) bytes)", limit: HTMLWorkbook.maxPreviewBytes))
                return
            }
            tables[index].preview.append(row)
        case .rows(let target, let after):
            if index == target && row.number > after { queue.append(row) }
        }
    }

    /// Ends the current row group (`<thead>`, `<tbody>`, `<tfoot>` opened or closed, or the
    /// table closed): its `rowspan="0"` cells end at its last row, and their merged ranges
    /// are known. Rows of the next group are not covered by them.
    private func endRowGroup(_ t: Int) {
        if stack[t].inCell { endCell(t) }
        if stack[t].inRow { endRow(t) }
        guard !stack[t].toGroupEnd.isEmpty else { return }
        let last = stack[t].row
        let index = stack[t].index
        for cell in stack[t].toGroupEnd {
            for c in cell.firstColumn...cell.lastColumn where stack[t].takenUntil[c] == Int.max { stack[t].takenUntil[c] = last }
            if indexing, last > cell.row || cell.lastColumn > cell.firstColumn, mergesOf == nil || mergesOf == index {
                merges.add(MergedRange(firstRow: cell.row, lastRow: min(last, limits.maxRows),
                                       firstColumn: cell.firstColumn, lastColumn: cell.lastColumn), table: index)
            }
        }
        stack[t].toGroupEnd.removeAll()
    }

    private func isRowGroup(_ name: XMLName) -> Bool {
        name.is("thead") || name.is("tbody") || name.is("tfoot")
    }

    /// Ends a line of the text outside the tables.
    private func outsideLine() {
        if outside.last != 0x0A { outside.append(0x0A) }
    }

    private func lineBreak(_ t: Int, always: Bool) {
        guard stack[t].collecting else { return }
        stack[t].pendingSpace = false
        while stack[t].text.last == 0x20 { stack[t].text.removeLast() }
        if always || (!stack[t].text.isEmpty && stack[t].text.last != 0x0A) { stack[t].text.append(0x0A) }
    }

    private func isBlock(_ name: XMLName) -> Bool {
        name.is("p") || name.is("div") || name.is("li") || name.is("ul") || name.is("ol") || name.is("h1") || name.is("h2")
            || name.is("h3") || name.is("h4") || name.is("h5") || name.is("h6") || name.is("blockquote") || name.is("pre")
            || name.is("dt") || name.is("dd") || name.is("hr") || name.is("address")
    }

    /// The value of an attribute (names are lower case: libxml2's HTML parser folds them).
    private func attribute(_ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ name: StaticString) -> String? {
        guard let attributes else { return nil }
        var i = 0
        while let key = attributes[i] {
            if XMLName(pointer: key).is(name) {
                return attributes[i + 1].map { String(cString: $0) }
            }
            i += 2
        }
        return nil
    }

    /// A `colspan`/`rowspan` value: its leading digits (as browsers read "2px" or " 3"), 1
    /// when absent or not a number, at most 99,999; 0 when written as 0 (the caller decides
    /// what 0 means: 1 for `colspan`, the row group's end for `rowspan`).
    private func span(_ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ name: StaticString) -> Int {
        guard let attributes else { return 1 }
        var i = 0
        while let key = attributes[i] {
            if XMLName(pointer: key).is(name) {
                guard let value = attributes[i + 1] else { return 1 }
                var k = 0
                while value[k] == 0x20 || value[k] == 0x09 || value[k] == 0x0A || value[k] == 0x0D { k += 1 }
                var n = 0
                var digits = 0
                while value[k] >= 0x30 && value[k] <= 0x39 {
                    if n < 99_999 { n = n * 10 + Int(value[k] - 0x30) }
                    digits += 1
                    k += 1
                }
                return digits == 0 ? 1 : min(n, 99_999)
            }
            i += 2
        }
        return 1
    }

    private func collapsed(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
