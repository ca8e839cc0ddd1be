import Foundation

// Merged ranges before the rows.
//
// A worksheet stores `<mergeCells>` after `<sheetData>`, so a reader that wants to apply merges
// while streaming rows must know them before it reads the first row. Parsing the part with
// libxml2 just to reach the end would cost a second full parse (about as much as reading the
// rows); instead the inflated bytes are scanned for the few markup constructs that matter. This
// is sound because a raw `<` never occurs in XML text or attribute values (it is always escaped
// as `&lt;`), except inside comments, CDATA sections and processing instructions, which the scan
// skips. What it looks for, and what the SAX reader (`SheetHandler`) does with the same markup:
//   - `<mergeCell …>` / `<p:mergeCell …>` start tags outside `<sheetData>`: the first attribute
//     whose local name is `ref` (namespace declarations are not attributes), entities decoded,
//     then `parseRange`: the same function the reader uses.
//   - `<sheetData …>` / `</sheetData>` (any prefix): a mergeCell inside sheetData is ignored.
// Candidates are found with `memchr` rather than by visiting every `<`, so the cost is
// the inflate of the part plus a few fast searches. A part that is not ASCII-compatible (a UTF-16
// sheet, legal but never written by Excel) falls back to a libxml2 pass with a merge-only handler.

/// A `<hyperlink>` of a worksheet (after `<sheetData>`): the cells it covers and its
/// relationship id (an external target in the sheet's rels) or in-workbook `location`.
struct SheetHyperlinkEntry: Hashable {
    var range: MergedRange
    var relationshipId: String?
    var location: String?
}

/// Collects the merged ranges (and hyperlinks) of one worksheet part from its inflated bytes,
/// fed in chunks. `<hyperlink …>` start tags outside `<sheetData>` are read the same way as
/// merges (`ref`, the first attribute with local name `id` under a prefix, `location`); inside
/// `<sheetData>` they are not looked for.
struct MergeCellScanner {
    private(set) var ranges: [MergedRange] = []
    /// Merged ranges kept at most; one more sets `tooManyRanges` (session 21: 1.5 million
    /// `<mergeCell>` in a 7.8 MB file took 260 MB and most of a minute before any row).
    var maxRanges = XLSXLimits().maxMergedRanges
    private(set) var tooManyRanges = false
    private(set) var hyperlinks: [SheetHyperlinkEntry] = []
    /// Hyperlinks kept at most (a hostile part could list millions).
    static let maxHyperlinks = 100_000
    private var buffer: [UInt8] = []
    /// Where the search continues (index into `buffer`).
    private var position = 0
    private var inSheetData = false
    /// The end delimiter of the comment, CDATA section, PI or DOCTYPE being skipped.
    private var skipUntil: [UInt8]?
    private var sawFirstBytes = false
    /// True when the part does not start like ASCII-compatible XML (UTF-16 or UTF-32).
    private(set) var needsXMLParser = false

    /// Bytes kept before `position` so a prefix (`<x:`) can be read back from a candidate name.
    static let context = 256
    /// Longest start tag looked at: a longer one (only a hostile file has one) is not a merge.
    static let maxTagBytes = 64 << 10

    private static let mergeCell = Array("mergeCell".utf8)
    private static let sheetData = Array("sheetData".utf8)
    private static let hyperlink = Array("hyperlink".utf8)
    private static let commentEnd = Array("-->".utf8)
    private static let cdataEnd = Array("]]>".utf8)
    private static let piEnd = Array("?>".utf8)
    private static let tagEnd = Array(">".utf8)

    /// Scans the next chunk of the part.
    mutating func feed(_ chunk: UnsafeRawBufferPointer) {
        if chunk.isEmpty || needsXMLParser { return }
        if !sawFirstBytes {
            sawFirstBytes = true
            let b = chunk.bindMemory(to: UInt8.self)
            // UTF-16/32 BOMs, or `<` followed or preceded by a NUL: not ASCII-compatible.
            if (b.count >= 2 && ((b[0] == 0xFE && b[1] == 0xFF) || (b[0] == 0xFF && b[1] == 0xFE)))
                || (b.count >= 2 && (b[0] == 0 || b[1] == 0)) {
                needsXMLParser = true
                return
            }
        }
        buffer.append(contentsOf: chunk.bindMemory(to: UInt8.self))
        scan(final: false)
        compact()
    }

    /// Ends the part: a construct still open at the end is not a merge.
    mutating func finish() {
        if needsXMLParser { return }
        scan(final: true)
        buffer = []
        position = 0
    }

    private mutating func compact() {
        let keepFrom = max(0, position - Self.context)
        if keepFrom > 1 << 16 || keepFrom > buffer.count / 2 {
            buffer.removeSubrange(0..<keepFrom)
            position -= keepFrom
        }
    }

    private mutating func scan(final: Bool) {
        let end = buffer.count
        let bytes = buffer // a second reference, so the closure may change the other fields
        bytes.withUnsafeBufferPointer { raw in
            let buf = raw.baseAddress!
            while position < end {
                if let delimiter = skipUntil {
                    guard let hit = find(delimiter, in: buf, from: position, to: end, end: end) else {
                        position = max(position, end - (delimiter.count - 1))
                        return
                    }
                    position = hit + delimiter.count
                    skipUntil = nil
                    continue
                }
                // The nearest candidate of each kind; each search is bounded by the next hit.
                var next = end
                var kind = 0
                if let p = find(Self.mergeCell, in: buf, from: position, to: next, end: end) { next = p; kind = 1 }
                if let p = find(Self.sheetData, in: buf, from: position, to: next, end: end) { next = p; kind = 2 }
                if !inSheetData, let p = find(Self.hyperlink, in: buf, from: position, to: next, end: end) { next = p; kind = 5 }
                if let p = firstMarkup(0x21, in: buf, from: position, to: next) { next = p; kind = 3 } // <!
                if let p = firstMarkup(0x3F, in: buf, from: position, to: next) { next = p; kind = 4 } // <?
                if kind == 0 {
                    // Keep enough bytes to find a name split across chunks.
                    position = max(position, end - (Self.mergeCell.count - 1))
                    return
                }
                switch kind {
                case 3:
                    // next is the `!`; `<!--`, `<![CDATA[` or a DOCTYPE (refused by the reader).
                    if !final && end - next < 8 { position = next; return }
                    if matches(buf, at: next + 1, end: end, Array("--".utf8)) {
                        skipUntil = Self.commentEnd
                        position = next + 3
                    } else if matches(buf, at: next + 1, end: end, Array("[CDATA[".utf8)) {
                        skipUntil = Self.cdataEnd
                        position = next + 8
                    } else {
                        skipUntil = Self.tagEnd
                        position = next + 1
                    }
                case 4:
                    skipUntil = Self.piEnd
                    position = next + 1
                default:
                    switch element(buf, nameAt: next, nameLength: 9, end: end, final: final, kind: kind) {
                    case .needMoreData:
                        position = next
                        return
                    case .done(let after):
                        position = after
                    }
                }
            }
        }
    }

    private enum ElementOutcome { case needMoreData, done(Int) }

    /// Handles a name candidate at `p`: a `mergeCell` or `sheetData` start or end tag, or
    /// nothing (text, a longer name such as `mergeCells`).
    /// - Parameter kind: 1 mergeCell, 2 sheetData, 5 hyperlink.
    private mutating func element(
        _ buf: UnsafePointer<UInt8>, nameAt p: Int, nameLength: Int, end: Int, final: Bool, kind: Int
    ) -> ElementOutcome {
        let isMerge = kind == 1
        let after = p + nameLength
        if after >= end { return final ? .done(end) : .needMoreData }
        let following = buf[after]
        guard isSpace(following) || following == 0x2F || following == 0x3E else { return .done(after) } // / >
        // Back from the name: `<`, `</`, or a prefix `<x:` / `</x:`.
        var q = p - 1
        if q >= 0 && buf[q] == 0x3A { // :
            var steps = 0
            q -= 1
            while q >= 0, steps < Self.context - 8, !isSpace(buf[q]), !isNameStop(buf[q]) {
                q -= 1
                steps += 1
            }
            if q == p - 2 { return .done(after) } // empty prefix
        }
        guard q >= 0 else { return .done(after) }
        var isEnd = false
        if buf[q] == 0x2F {
            isEnd = true
            q -= 1
            guard q >= 0 else { return .done(after) }
        }
        guard buf[q] == 0x3C else { return .done(after) }
        if isEnd {
            if !isMerge { inSheetData = false }
            return .done(after)
        }
        // A start tag: read its attributes up to `>` or `/>`.
        var attributes: [(name: ArraySlice<UInt8>, value: ArraySlice<UInt8>)] = []
        var i = after
        var selfClosing = false
        func take(_ from: Int, _ to: Int) -> ArraySlice<UInt8> {
            ArraySlice(UnsafeBufferPointer(start: buf + from, count: to - from))
        }
        while true {
            while i < end && isSpace(buf[i]) { i += 1 }
            if i >= end || i - p > Self.maxTagBytes { return final || i - p > Self.maxTagBytes ? .done(min(i, end)) : .needMoreData }
            if buf[i] == 0x3E { i += 1; break }
            if buf[i] == 0x2F {
                if i + 1 >= end { return final ? .done(end) : .needMoreData }
                selfClosing = buf[i + 1] == 0x3E
                i += selfClosing ? 2 : 1
                if selfClosing { break }
                continue
            }
            let nameStart = i
            while i < end && !isSpace(buf[i]) && buf[i] != 0x3D && buf[i] != 0x3E && buf[i] != 0x2F { i += 1 }
            let nameEnd = i
            while i < end && isSpace(buf[i]) { i += 1 }
            if i >= end { return final ? .done(end) : .needMoreData }
            guard buf[i] == 0x3D else { return .done(i) } // malformed: the reader fails on it
            i += 1
            while i < end && isSpace(buf[i]) { i += 1 }
            if i >= end { return final ? .done(end) : .needMoreData }
            let quote = buf[i]
            guard quote == 0x22 || quote == 0x27 else { return .done(i) }
            i += 1
            let valueStart = i
            while i < end && buf[i] != quote { i += 1 }
            if i >= end { return final ? .done(end) : .needMoreData }
            attributes.append((take(nameStart, nameEnd), take(valueStart, i)))
            i += 1
        }
        if kind == 5 {
            if !inSheetData, hyperlinks.count < Self.maxHyperlinks,
               let ref = Self.refValue(attributes), let range = parseRange(ref) {
                hyperlinks.append(SheetHyperlinkEntry(
                    range: range, relationshipId: Self.attribute(attributes, local: "id", prefixed: true),
                    location: Self.attribute(attributes, local: "location", prefixed: false)))
            }
        } else if isMerge {
            if !inSheetData, let ref = Self.refValue(attributes), let range = parseRange(ref) {
                if ranges.count < maxRanges { ranges.append(range) } else { tooManyRanges = true }
            }
        } else if !selfClosing {
            inSheetData = true
        }
        return .done(i)
    }

    /// The decoded value of the first attribute whose local name is `ref` (xmlns declarations
    /// are namespace bindings, not attributes, as libxml2 reports them).
    static func refValue(_ attributes: [(name: ArraySlice<UInt8>, value: ArraySlice<UInt8>)]) -> [UInt8]? {
        for (name, value) in attributes {
            if name.elementsEqual("xmlns".utf8) || name.starts(with: "xmlns:".utf8) { continue }
            let local = name.lastIndex(of: 0x3A).map { name[($0 + 1)...] } ?? name
            if local.elementsEqual("ref".utf8) { return decodeEntities(value) }
        }
        return nil
    }

    /// The decoded value of the first attribute with local name `local`, with a namespace
    /// prefix (`r:id`) or without one (`location`).
    static func attribute(_ attributes: [(name: ArraySlice<UInt8>, value: ArraySlice<UInt8>)], local: String,
                          prefixed: Bool) -> String? {
        for (name, value) in attributes {
            if name.elementsEqual("xmlns".utf8) || name.starts(with: "xmlns:".utf8) { continue }
            let colon = name.lastIndex(of: 0x3A)
            if prefixed != (colon != nil) { continue }
            let localName = colon.map { name[($0 + 1)...] } ?? name
            if localName.elementsEqual(local.utf8) { return String(decoding: decodeEntities(value), as: UTF8.self) }
        }
        return nil
    }

    /// Character references and the five predefined entities, as an XML parser decodes them.
    static func decodeEntities(_ value: ArraySlice<UInt8>) -> [UInt8] {
        guard value.contains(0x26) else { return Array(value) }
        var out: [UInt8] = []
        var i = value.startIndex
        while i < value.endIndex {
            let b = value[i]
            guard b == 0x26, let semi = value[i...].firstIndex(of: 0x3B) else {
                out.append(b)
                i += 1
                continue
            }
            let body = Array(value[(i + 1)..<semi])
            var scalar: UInt32?
            switch String(decoding: body, as: UTF8.self) {
            case "lt": scalar = 0x3C
            case "gt": scalar = 0x3E
            case "amp": scalar = 0x26
            case "quot": scalar = 0x22
            case "apos": scalar = 0x27
            case let s where s.hasPrefix("#x") || s.hasPrefix("#X"): scalar = UInt32(s.dropFirst(2), radix: 16)
            case let s where s.hasPrefix("#"): scalar = UInt32(s.dropFirst(), radix: 10)
            default: scalar = nil
            }
            if let scalar, let u = Unicode.Scalar(scalar) {
                out.append(contentsOf: Array(String(Character(u)).utf8))
            } else {
                out.append(contentsOf: value[i...semi])
            }
            i = semi + 1
        }
        return out
    }

    @inline(__always)
    private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    @inline(__always)
    private func isNameStop(_ b: UInt8) -> Bool {
        b == 0x3C || b == 0x3E || b == 0x2F || b == 0x22 || b == 0x27 || b == 0x3D || b == 0x3A
    }

    private func matches(_ buf: UnsafePointer<UInt8>, at i: Int, end: Int, _ literal: [UInt8]) -> Bool {
        guard i + literal.count <= end else { return false }
        for (k, b) in literal.enumerated() where buf[i + k] != b { return false }
        return true
    }

    /// The first occurrence of `needle` starting in `buf[from..<to]`; the match itself may run
    /// past `to` up to `end` (callers bound the start by an earlier hit of another kind).
    /// `memchr` (vectorised in libc) finds its capital letter, which in sheet markup only
    /// column references share (once per row), and the rest is compared; `memmem` is a GNU
    /// extension Swift does not import.
    private func find(_ needle: [UInt8], in buf: UnsafePointer<UInt8>, from: Int, to: Int, end: Int) -> Int? {
        let anchor = needle.firstIndex { $0 >= 0x41 && $0 <= 0x5A } ?? 0
        let first = needle[anchor]
        var start = from + anchor
        let stop = min(to + anchor, end - (needle.count - 1 - anchor))
        while start < stop {
            guard let hit = memchr(buf + start, Int32(first), stop - start) else { return nil }
            let a = UnsafeRawPointer(hit) - UnsafeRawPointer(buf)
            let p = a - anchor
            var k = 0
            while k < needle.count && buf[p + k] == needle[k] { k += 1 }
            if k == needle.count { return p }
            start = a + 1
        }
        return nil
    }

    /// The position of the first `byte` in `buf[from..<to]` that follows a `<` (e.g. `<!`).
    private func firstMarkup(_ byte: UInt8, in buf: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
        var start = max(from, 1)
        while start < to {
            guard let hit = memchr(buf + start, Int32(byte), to - start) else { return nil }
            let offset = UnsafeRawPointer(hit) - UnsafeRawPointer(buf)
            if buf[offset - 1] == 0x3C { return offset }
            start = offset + 1
        }
        return nil
    }
}

/// The libxml2 fallback for parts the byte scan cannot read: the reader's own merge rule.
final class MergeCellsHandler: XMLHandler {
    private(set) var mergedRanges: [MergedRange] = []
    var maxRanges = XLSXLimits().maxMergedRanges
    private(set) var tooManyRanges = false
    private(set) var hyperlinks: [SheetHyperlinkEntry] = []
    private var inSheetData = false

    override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        if inSheetData { return }
        if name.is("sheetData") {
            inSheetData = true
        } else if name.is("mergeCell"), let ref = attributes.value("ref"), let range = parseRange(ref) {
            if mergedRanges.count < maxRanges { mergedRanges.append(range) } else { tooManyRanges = true }
        } else if name.is("hyperlink"), hyperlinks.count < MergeCellScanner.maxHyperlinks,
                  let ref = attributes.value("ref"), let range = parseRange(ref) {
            hyperlinks.append(SheetHyperlinkEntry(range: range, relationshipId: attributes.string("id"),
                                                  location: attributes.string("location")))
        }
    }

    override func endElement(_ name: XMLName) {
        if inSheetData && name.is("sheetData") { inSheetData = false }
    }
}

/// Reads the merged ranges of a worksheet part from `stream` without parsing it (see above).
func scanMergedRanges(_ stream: ByteChunkSource, part: String = "worksheet", maxRanges: Int = XLSXLimits().maxMergedRanges,
                      reopen: () throws -> ByteChunkSource) throws -> [MergedRange] {
    try scanSheetTail(stream, part: part, maxRanges: maxRanges, reopen: reopen).ranges
}

/// Reads the merged ranges and hyperlinks of a worksheet part without parsing it (see above).
/// Throws `limitExceeded` ("merged range count of PART") past `maxRanges`.
func scanSheetTail(_ stream: ByteChunkSource, part: String = "worksheet", maxRanges: Int = XLSXLimits().maxMergedRanges,
                   reopen: () throws -> ByteChunkSource) throws
    -> (ranges: [MergedRange], hyperlinks: [SheetHyperlinkEntry]) {
    func tooMany() -> OfficeError {
        .limitExceeded(what: "merged range count of \(part) (more than \(maxRanges))", limit: maxRanges)
    }
    var scanner = MergeCellScanner()
    scanner.maxRanges = maxRanges
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: XMLStreamParser.chunkSize, alignment: 16)
    defer { chunk.deallocate() }
    while true {
        let n = try stream.read(into: chunk)
        if n == 0 { break }
        scanner.feed(UnsafeRawBufferPointer(rebasing: chunk[0..<n]))
        if scanner.tooManyRanges {
            stream.cancel()
            throw tooMany()
        }
        if scanner.needsXMLParser { break }
    }
    if scanner.needsXMLParser {
        stream.cancel()
        let handler = MergeCellsHandler()
        handler.maxRanges = maxRanges
        try XMLStreamParser(stream: try reopen(), handler: handler).parseAll()
        if handler.tooManyRanges { throw tooMany() }
        return (handler.mergedRanges, handler.hyperlinks)
    }
    scanner.finish()
    if scanner.tooManyRanges { throw tooMany() }
    return (scanner.ranges, scanner.hyperlinks)
}
