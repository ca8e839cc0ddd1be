import Foundation

/// Serialises an `XLSXDocument` into a .xlsx package (outputs.md §2): shared strings, a
/// deduplicated style table, worksheet children in `CT_Worksheet` order, defined names for the
/// autofilter and print titles.
public enum XLSXWriter {
    /// `text.contains("\n")` without Foundation's search (a per-string cost in every shared
    /// string table): the byte test when no CR is present and no LF is followed by a scalar
    /// at or above U+0300, where no composed-character rule can hide an LF from the search;
    /// otherwise Foundation's search itself (LineFeedSearchTests).
    static func containsLineFeed(_ text: String) -> Bool {
        lineFeedBytesDecide(text) ? text.utf8.contains(0x0A) : text.contains("\n")
    }

    /// Whether an LF search over `text`'s bytes finds what Foundation's finds: no CR, and no
    /// LF followed by a byte starting a scalar at or above U+0300.
    public static func lineFeedBytesDecide(_ text: String) -> Bool {
        var afterLF = false
        for b in text.utf8 {
            if b == 0x0D || (afterLF && b >= 0xCC) { return false }
            afterLF = b == 0x0A
        }
        return true
    }

    static let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let rNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// The package bytes.
    public static func write(_ wb: XLSXDocument) throws -> [UInt8] {
        try OPCPackage.zip(parts: try packageParts(wb), modified: wb.created, compression: wb.compression)
    }

    /// The package written to `url` as it is zipped (under a temporary name beside it, renamed
    /// when complete): the same bytes as `write(_:)`, never whole in memory (a regency's review
    /// workbook zipped in memory and copied out was 20 MB of a run's peak at 4×, issue 19).
    public static func write(_ wb: XLSXDocument, streamingTo url: URL) throws {
        try OPCPackage.zip(parts: try packageParts(wb), modified: wb.created, compression: wb.compression, to: url)
    }

    /// Every part of the package but `[Content_Types].xml`, in package order.
    static func packageParts(_ wb: XLSXDocument) throws -> [OPCPart] {
        try validate(wb)
        var strings = SharedStrings()
        var styles = StyleTable()
        var sheetParts: [OPCPart] = []
        for (i, sheet) in wb.sheets.enumerated() {
            let data = try sheetXML(sheet, index: i, selected: i == firstVisible(wb), strings: &strings,
                                    styles: &styles, timeZone: wb.timeZone, longText: wb.longText)
            sheetParts.append(OPCPart(name: "xl/worksheets/sheet\(i + 1).xml",
                                      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
                                      xml: data))
        }
        var wbRels = wb.sheets.indices.map {
            OPCRelationship(id: "rId\($0 + 1)", type: OPCPackage.relBase + "worksheet", target: "worksheets/sheet\($0 + 1).xml")
        }
        let n = wb.sheets.count
        wbRels.append(OPCRelationship(id: "rId\(n + 1)", type: OPCPackage.relBase + "styles", target: "styles.xml"))
        wbRels.append(OPCRelationship(id: "rId\(n + 2)", type: OPCPackage.relBase + "sharedStrings", target: "sharedStrings.xml"))
        var parts: [OPCPart] = [
            OPCPart(name: "_rels/.rels", contentType: nil, data: try OPCPackage.relationships([
                OPCRelationship(id: "rId1", type: OPCPackage.officeDocumentRel, target: "xl/workbook.xml"),
                OPCRelationship(id: "rId2", type: OPCPackage.corePropertiesRel, target: "docProps/core.xml"),
                OPCRelationship(id: "rId3", type: OPCPackage.extendedPropertiesRel, target: "docProps/app.xml"),
            ])),
            OPCPart(name: "xl/workbook.xml",
                    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    data: try workbookXML(wb)),
            OPCPart(name: "xl/_rels/workbook.xml.rels", contentType: nil, data: try OPCPackage.relationships(wbRels)),
        ]
        parts += sheetParts
        parts.append(OPCPart(name: "xl/styles.xml",
                             contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
                             data: try styles.xml()))
        parts.append(OPCPart(name: "xl/sharedStrings.xml",
                             contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
                             xml: try strings.xml()))
        parts.append(OPCPart(name: "docProps/core.xml",
                             contentType: "application/vnd.openxmlformats-package.core-properties+xml",
                             data: try OPCPackage.coreProperties(title: wb.title, creator: wb.creator, created: wb.created)))
        parts.append(OPCPart(name: "docProps/app.xml",
                             contentType: "application/vnd.openxmlformats-officedocument.extended-properties+xml",
                             data: try OPCPackage.appProperties(application: "dip")))
        return parts
    }

    /// Writes the package to `url` through a temporary name.
    public static func write(_ wb: XLSXDocument, to url: URL) throws {
        try OPCPackage.writeAtomically(try write(wb), to: url)
    }

    /// Whether Excel accepts `name` as a sheet name.
    public static func isValidSheetName(_ name: String) -> Bool {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || name.count > 31 || name.hasPrefix("'") || name.hasSuffix("'") { return false }
        if name.lowercased() == "history" { return false }
        return !name.contains(where: { "[]:*?/\\".contains($0) })
    }

    /// Makes a valid sheet name from arbitrary text (drops forbidden characters, cuts to 31).
    public static func sanitizedSheetName(_ text: String) -> String {
        var s = String(text.filter { !"[]:*?/\\".contains($0) && !$0.isNewline })
        s = s.trimmingCharacters(in: CharacterSet(charactersIn: "' ").union(.whitespaces))
        if s.count > 31 { s = String(s.prefix(31)).trimmingCharacters(in: CharacterSet(charactersIn: "' ")) }
        return s.isEmpty || s.lowercased() == "history" ? "Sheet" : s
    }

    static func firstVisible(_ wb: XLSXDocument) -> Int { wb.sheets.firstIndex { !$0.hidden } ?? 0 }

    static func validate(_ wb: XLSXDocument) throws {
        var seen = Set<String>()
        for s in wb.sheets {
            guard isValidSheetName(s.name) else { throw XLSXWriterError.invalidSheetName(s.name) }
            guard seen.insert(s.name.lowercased()).inserted else { throw XLSXWriterError.duplicateSheetName(s.name) }
            if s.rowCount > 1_048_576 { throw XLSXWriterError.tooManyRows(sheet: s.name) }
            // Generated rows are checked as they are written (making them twice costs time).
            if case .rows(let rows) = s.source, wb.longText == .refuse {
                for (r, row) in rows.enumerated() { try checkCells(row, sheet: s.name, row: r) }
            }
            for v in s.validations where v.sourceRange == nil {
                if v.options.joined(separator: ",").count > 255 {
                    throw XLSXWriterError.listTooLong(sheet: s.name, range: v.range)
                }
            }
            for (i, a) in s.merges.enumerated() {
                for b in s.merges[(i + 1)...] where a.firstRow <= b.lastRow && b.firstRow <= a.lastRow
                    && a.firstColumn <= b.lastColumn && b.firstColumn <= a.lastColumn {
                    throw XLSXWriterError.overlappingMerges(sheet: s.name)
                }
            }
        }
        if wb.sheets.allSatisfy(\.hidden) { throw XLSXWriterError.noVisibleSheet }
    }

    static func checkCells(_ row: [XLSXCell], sheet: String, row r: Int) throws {
        for (c, cell) in row.enumerated() {
            if case .string(let t) = cell.value, isTooLong(t) {
                throw XLSXWriterError.cellTooLong(sheet: sheet, cell: "\(columnLetters(c))\(r + 1)")
            }
        }
    }

    /// Excel's limit on a cell's text, in UTF-16 code units.
    public static let maxCellText = 32_767

    /// Whether `t` is longer than a cell can hold (UTF-8 length first: constant time, and
    /// UTF-16 is never longer).
    public static func isTooLong(_ t: String) -> Bool {
        t.utf8.count > maxCellText && t.utf16.count > maxCellText
    }

    /// `t` cut on a character boundary so that it and a closing "…" fit in a cell.
    static func truncated(_ t: String) -> String {
        var kept = 0
        var end = t.startIndex
        for character in t {
            let width = character.utf16.count
            if kept + width > maxCellText - 1 { break }
            kept += width
            end = t.index(after: end)
        }
        return String(t[..<end]) + "…"
    }

    /// `'Name'` quoted for formulas and defined names.
    static func quoted(_ name: String) -> String { "'" + name.replacingOccurrences(of: "'", with: "''") + "'" }

    static func lastCell(_ s: XLSXSheet) -> String {
        "\(columnLetters(max(s.columnCount, 1) - 1))\(max(s.rowCount, 1))"
    }

    static func workbookXML(_ wb: XLSXDocument) throws -> [UInt8] {
        let x = try XMLWriter()
        let active = firstVisible(wb)
        x.element("workbook", [("xmlns", mainNS), ("xmlns:r", rNS)]) {
            x.element("workbookPr", [("date1904", "0")])
            x.element("bookViews") {
                x.element("workbookView", [("firstSheet", String(active)), ("activeTab", String(active))])
            }
            x.element("sheets") {
                for (i, s) in wb.sheets.enumerated() {
                    var a = [("name", s.name), ("sheetId", String(i + 1))]
                    if s.hidden { a.append(("state", "hidden")) }
                    a.append(("r:id", "rId\(i + 1)"))
                    x.element("sheet", a)
                }
            }
            var names: [(String, Int, Bool, String)] = []
            for (i, s) in wb.sheets.enumerated() {
                if s.autoFilter {
                    let last = "$\(columnLetters(max(s.columnCount, 1) - 1))$\(max(s.rowCount, 1))"
                    names.append(("_xlnm._FilterDatabase", i, true, "\(quoted(s.name))!$A$1:\(last)"))
                }
                if let p = s.print, let t = p.titleRows {
                    names.append(("_xlnm.Print_Titles", i, false, "\(quoted(s.name))!$\(t.lowerBound):$\(t.upperBound)"))
                }
            }
            if !names.isEmpty {
                x.element("definedNames") {
                    for (name, sheet, hidden, ref) in names {
                        var a = [("name", name), ("localSheetId", String(sheet))]
                        if hidden { a.append(("hidden", "1")) }
                        x.element("definedName", a, text: ref)
                    }
                }
            }
            x.element("calcPr", [("calcId", "191029")])
        }
        return try x.finish()
    }

    static func sheetXML(_ s: XLSXSheet, index: Int, selected: Bool, strings: inout SharedStrings,
                         styles: inout StyleTable, timeZone: TimeZone, longText: XLSXLongText) throws -> XMLBytes {
        // References to the shared strings before this sheet: a sheet written again at a fitted
        // width counts its references once (the entries themselves come back in the same order).
        let referencesBefore = strings.count
        let x = try XMLWriter()
        x.start("worksheet")
        x.attribute("xmlns", mainNS)
        x.attribute("xmlns:r", rNS)
        if s.print?.fitToWidth == true {
            x.element("sheetPr") { x.element("pageSetUpPr", [("fitToPage", "1")]) }
        }
        x.element("dimension", [("ref", "A1:\(lastCell(s))")])
        x.element("sheetViews") {
            var a = [("workbookViewId", "0")]
            if selected { a.insert(("tabSelected", "1"), at: 0) }
            x.element("sheetView", a) {
                if s.frozenRows > 0 || s.frozenColumns > 0 {
                    let top = columnLetters(s.frozenColumns) + String(s.frozenRows + 1)
                    // The pane below and right of the split is the one the cursor starts in.
                    let pane = s.frozenColumns == 0 ? "bottomLeft" : s.frozenRows == 0 ? "topRight" : "bottomRight"
                    var a: [(String, String)] = []
                    if s.frozenColumns > 0 { a.append(("xSplit", String(s.frozenColumns))) }
                    if s.frozenRows > 0 { a.append(("ySplit", String(s.frozenRows))) }
                    x.element("pane", a + [("topLeftCell", top), ("activePane", pane), ("state", "frozen")])
                    x.element("selection", [("pane", pane), ("activeCell", top), ("sqref", top)])
                }
            }
        }
        x.element("sheetFormatPr", [("defaultRowHeight", "15")])
        if !s.columns.isEmpty {
            x.element("cols") {
                for (i, c) in s.columns.enumerated() {
                    var a = [("min", String(i + 1)), ("max", String(i + 1)),
                             ("width", format(min(max(c.width, 0), 255))), ("customWidth", "1")]
                    if c.hidden { a.append(("hidden", "1")) }
                    x.element("col", a)
                }
            }
        }
        x.start("sheetData")
        let generated: Bool
        if case .generated = s.source { generated = true } else { generated = false }
        var rowXML = RowXML(longText: longText)
        let widths = s.columns.map(\.width)
        // Widths of single-row merged ranges by 1-based row, then by first column.
        var spans: [Int: [Int: Double]] = [:]
        for m in s.merges where m.firstRow == m.lastRow && m.lastColumn > m.firstColumn {
            spans[m.firstRow, default: [:]][m.firstColumn] = (m.firstColumn...m.lastColumn).reduce(0.0) {
                $0 + ($1 < widths.count ? widths[$1] : 8.43)
            }
        }
        var lineMemo: XLSXRowHeight.LineMemo?
        // Columns fitted to their texts, measured on the rows as they are made (the header row
        // aside: it is one short bold line).
        var fitters = s.columns.enumerated().compactMap { i, c in
            c.fitLimit.map { (column: i, fitter: XLSXRowHeight.WidthFitter(width: c.width, limit: max($0, c.width))) }
        }
        // A hidden column's cells are concealed (number format `;;;`): LibreOffice draws a hidden
        // column's text at the edge of the columns before it, wrapped one letter a line (or whole,
        // unwrapped), also outside a print range, so a PDF of the review workbook carried every
        // item id, invisible on paper but copied with the text (session 22's read-through).
        let hiddenColumns = s.columns.indices.filter { s.columns[$0].hidden }
        try s.forEachRow { r, cells in
            var row = cells
            for c in hiddenColumns where c < row.count { row[c].style.concealed = true }
            if generated && longText == .refuse { try checkCells(row, sheet: s.name, row: r) }
            let height = s.rowHeights
                ? XLSXRowHeight.height(row, widths: widths, spans: spans[r + 1] ?? [:], memo: &lineMemo) : nil
            rowXML.write(row, index: r, height: height, strings: &strings, styles: &styles, timeZone: timeZone)
            x.raw(rowXML.bytes)
            if r > 0 {
                for k in fitters.indices where fitters[k].column < row.count {
                    if case .string(let text) = row[fitters[k].column].value { fitters[k].fitter.add(text) }
                }
            }
        }
        // A text needed a wider column: every row's height depends on it, so the rows are made
        // again at the fitted width (the strings and styles met are the same, in the same order,
        // so the workbook is what one pass at that width writes).
        if fitters.contains(where: { $0.fitter.width > s.columns[$0.column].width }) {
            var fitted = s
            for f in fitters {
                fitted.columns[f.column].width = f.fitter.width
                fitted.columns[f.column].fitLimit = nil
            }
            strings.count = referencesBefore
            return try sheetXML(fitted, index: index, selected: selected, strings: &strings, styles: &styles,
                                timeZone: timeZone, longText: longText)
        }
        x.end()
        if s.protected {
            x.element("sheetProtection", [("sheet", "1"), ("objects", "1"), ("scenarios", "1"),
                                          ("formatColumns", "0"), ("formatRows", "0"), ("sort", "0"), ("autoFilter", "0")])
        }
        if s.autoFilter { x.element("autoFilter", [("ref", "A1:\(lastCell(s))")]) }
        if !s.merges.isEmpty {
            x.element("mergeCells", [("count", String(s.merges.count))]) {
                for m in s.merges {
                    let ref = "\(columnLetters(m.firstColumn))\(m.firstRow):\(columnLetters(m.lastColumn))\(m.lastRow)"
                    x.element("mergeCell", [("ref", ref)])
                }
            }
        }
        if !s.validations.isEmpty {
            x.element("dataValidations", [("count", String(s.validations.count))]) {
                for v in s.validations {
                    var a = [("type", "list")]
                    if !v.strict { a.append(("errorStyle", "warning")) }
                    a += [("allowBlank", v.allowBlank ? "1" : "0"), ("showInputMessage", "1"),
                             ("showErrorMessage", "1")]
                    if let e = v.errorMessage { a.append(("error", e)) }
                    a.append(("sqref", v.range))
                    x.element("dataValidation", a) {
                        let formula = v.sourceRange ?? "\"" + v.options.map { $0.replacingOccurrences(of: "\"", with: "\"\"") }
                            .joined(separator: ",") + "\""
                        x.element("formula1", text: formula)
                    }
                }
            }
        }
        x.element("pageMargins", [("left", "0.5"), ("right", "0.5"), ("top", "0.75"), ("bottom", "0.75"),
                                  ("header", "0.3"), ("footer", "0.3")])
        if let p = s.print {
            var a = [("paperSize", String(p.paperSize)), ("orientation", p.landscape ? "landscape" : "portrait")]
            if p.fitToWidth { a += [("fitToWidth", "1"), ("fitToHeight", "0")] }
            x.element("pageSetup", a)
        }
        x.end()
        return try x.finishBuffer()
    }

    /// One `<row>` of `sheetData` as bytes, exactly as libxml2's writer would serialise it.
    ///
    /// Written by hand because a row holds nothing that needs escaping (cell references,
    /// style and shared-string indexes, numbers; text goes to the shared-string table, which
    /// libxml2 writes), and element-by-element writer calls were a quarter of a cold
    /// `dip run` (feedback, templates and review workbooks). The bytes go into the same
    /// libxml2 buffer through `XMLWriter.raw`.
    struct RowXML {
        let longText: XLSXLongText
        private(set) var bytes: [UInt8] = []
        /// Column letters by index, made once per sheet.
        private var letters: [[UInt8]] = []
        /// Style indexes met in this sheet: compared field by field, a few styles cost less
        /// than hashing every cell's style into the workbook's table (an index never changes
        /// once given, and a style found here is already in the table).
        private var seenStyles: [(style: XLSXStyle, numFmt: Int, index: Int)] = []

        init(longText: XLSXLongText) { self.longText = longText }

        mutating func write(_ row: [XLSXCell], index r: Int, height: Double? = nil, strings: inout SharedStrings,
                            styles: inout StyleTable, timeZone: TimeZone) {
            bytes.removeAll(keepingCapacity: true)
            let number = Array(String(r + 1).utf8)
            append("<row r=\"")
            bytes += number
            append("\"")
            if let height {
                append(" ht=\"")
                append(XLSXWriter.format(height))
                append("\" customHeight=\"1\"")
            }
            let open = bytes.count
            for (c, cell) in row.enumerated() {
                var numFmt = 0
                switch cell.value {
                case .date: numFmt = 164
                case .dateTime: numFmt = 165
                default: break
                }
                if cell.style.concealed { numFmt = XLSXWriter.concealedFormat }
                let s: Int
                if let seen = seenStyles.first(where: { $0.numFmt == numFmt && $0.style == cell.style }) {
                    s = seen.index
                } else {
                    s = styles.index(cell.style, numFmt: numFmt)
                    if seenStyles.count < 8 { seenStyles.append((cell.style, numFmt, s)) }
                }
                // (type attribute, value text); nil value: an empty cell, written only when styled.
                // A shared string's value is its index, written as digits without a String.
                let content: (type: String?, value: String?)
                var stringIndex = -1
                switch cell.value {
                case .empty: content = (nil, nil)
                case .string(let t):
                    let text = longText == .truncate && XLSXWriter.isTooLong(t) ? XLSXWriter.truncated(t) : t
                    if !text.isEmpty { stringIndex = strings.index(text) }
                    content = text.isEmpty ? (nil, nil) : ("s", "")
                case .number(let d): content = (nil, d.isFinite ? XLSXWriter.format(d) : nil)
                case .date(let d), .dateTime(let d):
                    content = (nil, XLSXWriter.format(XLSXWriter.serial(d, timeZone: timeZone)))
                case .bool(let b): content = ("b", b ? "1" : "0")
                }
                if content.value == nil && s == 0 { continue }
                if bytes.count == open { bytes.append(0x3E) }  // >
                bytes += Self.cellStart
                while letters.count <= c { letters.append(Array(columnLetters(letters.count).utf8)) }
                bytes += letters[c]
                bytes += number
                bytes.append(0x22)  // "
                if s != 0 {
                    bytes += Self.styleStart
                    appendDigits(s)
                    bytes.append(0x22)
                }
                guard let value = content.value else {
                    append("/>")
                    continue
                }
                if let type = content.type {
                    append(" t=\"")
                    append(type)
                    append("\"")
                }
                bytes += Self.valueStart
                if stringIndex >= 0 { appendDigits(stringIndex) } else { append(value) }
                bytes += Self.valueEnd
            }
            append(bytes.count == open ? "/>" : "</row>")
        }

        private mutating func append(_ s: String) { bytes += s.utf8 }

        static let cellStart: [UInt8] = Array("<c r=\"".utf8)
        static let styleStart: [UInt8] = Array(" s=\"".utf8)
        static let valueStart: [UInt8] = Array("><v>".utf8)
        static let valueEnd: [UInt8] = Array("</v></c>".utf8)

        /// `String(n).utf8` for n ≥ 0, without the String.
        private mutating func appendDigits(_ n: Int) {
            if n < 10 {
                bytes.append(0x30 + UInt8(n))
                return
            }
            var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                          UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var count = 0
            var rest = n
            withUnsafeMutableBytes(of: &digits) { buffer in
                while rest > 0 {
                    buffer[19 - count] = 0x30 + UInt8(rest % 10)
                    rest /= 10
                    count += 1
                }
                bytes += buffer[(20 - count)...]
            }
        }
    }

    /// Excel 1900-system serial of `date` as a wall-clock time in `timeZone`.
    public static func serial(_ date: Date, timeZone: TimeZone) -> Double {
        let local = date.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: date))
        return local / 86_400 + 25_569
    }

    /// Shortest round-tripping decimal text for a number ("3", "2.5").
    static func format(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    /// The shared string table, in order of first use.
    struct SharedStrings {
        /// Index by text, as Swift compares texts: canonically equivalent texts share an entry.
        var indexes: [String: Int] = [:]
        /// The same indexes by exact UTF-8 bytes, asked first: byte-equal texts are equal, so
        /// it answers what `indexes` would, without the normalising hash and comparison that
        /// Swift gives a text with any non-ASCII character (most of the review workbook's
        /// time went there). A text it does not know goes to `indexes`.
        var byBytes: [ExactText: Int] = [:]
        var list: [String] = []
        var count = 0

        mutating func index(_ s: String) -> Int {
            count += 1
            let exact = ExactText(s)
            if let i = byBytes[exact] { return i }
            let next = list.count
            let i = Self.value(&indexes[s, default: next])
            if i == next { list.append(s) }
            byBytes[exact] = i
            return i
        }

        /// Reads a value through the default subscript's accessor: one hash inserts a new text.
        private static func value(_ v: inout Int) -> Int { v }

        func xml() throws -> XMLBytes {
            let x = try XMLWriter()
            x.element("sst", [("xmlns", XLSXWriter.mainNS), ("count", String(count)), ("uniqueCount", String(list.count))]) {
                for s in list {
                    x.element("si") {
                        let preserve = s.first?.isWhitespace == true || s.last?.isWhitespace == true || XLSXWriter.containsLineFeed(s)
                        x.element("t", preserve ? [("xml:space", "preserve")] : [], text: s)
                    }
                }
            }
            return try x.finishBuffer()
        }
    }

    /// Fonts, fills, borders and cell formats, deduplicated in order of first use.
    /// The number format of `XLSXStyle.concealed` cells: `;;;` (no section shows anything).
    static let concealedFormat = 166

    struct StyleTable {
        struct Key: Hashable { var style: XLSXStyle; var numFmt: Int }
        var xfs: [Key] = [Key(style: .plain, numFmt: 0)]
        var xfIndex: [Key: Int] = [Key(style: .plain, numFmt: 0): 0]
        var fills: [String] = []

        mutating func index(_ style: XLSXStyle, numFmt: Int) -> Int {
            let key = Key(style: style, numFmt: numFmt)
            if let i = xfIndex[key] { return i }
            if let f = style.fill, !fills.contains(f) { fills.append(f) }
            xfIndex[key] = xfs.count
            xfs.append(key)
            return xfs.count - 1
        }

        func xml() throws -> [UInt8] {
            let x = try XMLWriter()
            x.element("styleSheet", [("xmlns", XLSXWriter.mainNS)]) {
                // `;;;` only in workbooks that conceal a cell, so the others keep their bytes.
                let concealing = xfs.contains { $0.numFmt == XLSXWriter.concealedFormat }
                x.element("numFmts", [("count", concealing ? "3" : "2")]) {
                    x.element("numFmt", [("numFmtId", "164"), ("formatCode", "dd/mm/yyyy")])
                    x.element("numFmt", [("numFmtId", "165"), ("formatCode", "dd/mm/yyyy hh:mm")])
                    if concealing { x.element("numFmt", [("numFmtId", String(XLSXWriter.concealedFormat)), ("formatCode", ";;;")]) }
                }
                // Font 0 regular, 1 bold.
                x.element("fonts", [("count", "2")]) {
                    for bold in [false, true] {
                        x.element("font") {
                            if bold { x.element("b") }
                            x.element("sz", [("val", "11")])
                            x.element("name", [("val", "Arial")])
                            x.element("family", [("val", "2")])
                        }
                    }
                }
                // Fills 0 and 1 are reserved (none, gray125); custom fills start at 2.
                x.element("fills", [("count", String(2 + fills.count))]) {
                    x.element("fill") { x.element("patternFill", [("patternType", "none")]) }
                    x.element("fill") { x.element("patternFill", [("patternType", "gray125")]) }
                    for f in fills {
                        x.element("fill") {
                            x.element("patternFill", [("patternType", "solid")]) {
                                x.element("fgColor", [("rgb", "FF" + f.uppercased())])
                                x.element("bgColor", [("indexed", "64")])
                            }
                        }
                    }
                }
                // Border 0 none, 1 thin all round.
                x.element("borders", [("count", "2")]) {
                    x.element("border") {
                        for side in ["left", "right", "top", "bottom", "diagonal"] { x.element(side) }
                    }
                    x.element("border") {
                        for side in ["left", "right", "top", "bottom"] {
                            x.element(side, [("style", "thin")]) { x.element("color", [("indexed", "64")]) }
                        }
                        x.element("diagonal")
                    }
                }
                x.element("cellStyleXfs", [("count", "1")]) {
                    x.element("xf", [("numFmtId", "0"), ("fontId", "0"), ("fillId", "0"), ("borderId", "0")])
                }
                x.element("cellXfs", [("count", String(xfs.count))]) {
                    for k in xfs {
                        let s = k.style
                        let fillID = s.fill.map { 2 + (fills.firstIndex(of: $0) ?? 0) } ?? 0
                        var a = [("numFmtId", String(k.numFmt)), ("fontId", s.bold ? "1" : "0"),
                                 ("fillId", String(fillID)), ("borderId", s.border ? "1" : "0"), ("xfId", "0")]
                        if k.numFmt != 0 { a.append(("applyNumberFormat", "1")) }
                        if s.bold { a.append(("applyFont", "1")) }
                        if s.fill != nil { a.append(("applyFill", "1")) }
                        if s.border { a.append(("applyBorder", "1")) }
                        let hasAlignment = s.wrap || s.horizontal != nil || s.verticalTop
                        if hasAlignment { a.append(("applyAlignment", "1")) }
                        if !s.locked { a.append(("applyProtection", "1")) }
                        x.element("xf", a) {
                            if hasAlignment {
                                var al: [(String, String)] = []
                                if let h = s.horizontal { al.append(("horizontal", h.rawValue)) }
                                if s.verticalTop { al.append(("vertical", "top")) }
                                if s.wrap { al.append(("wrapText", "1")) }
                                x.element("alignment", al)
                            }
                            if !s.locked { x.element("protection", [("locked", "0")]) }
                        }
                    }
                }
                x.element("cellStyles", [("count", "1")]) {
                    x.element("cellStyle", [("name", "Normal"), ("xfId", "0"), ("builtinId", "0")])
                }
            }
            return try x.finish()
        }
    }
}
