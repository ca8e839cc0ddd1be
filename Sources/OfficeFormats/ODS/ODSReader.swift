import Foundation

// OpenDocument spreadsheets (.ods, LibreOffice's own format).
//
// Every sheet is a `<table:table>` in one part, `content.xml`, streamed through libzip and the
// same libxml2 SAX2 parser as XLSX (no DTD, no entities, no XML_PARSE_HUGE; the zip caps of
// `XLSXLimits`). What the reader understands:
//   - rows `table:table-row` (`table:number-rows-repeated`), cells `table:table-cell` and
//     `table:covered-table-cell` (`table:number-columns-repeated`); row groups and header-row
//     groups are transparent; a table inside a cell (a nested `table:table`) is skipped;
//   - values by `office:value-type`: float/percentage/currency (`office:value`), date
//     (`office:date-value`, ISO), boolean (`office:boolean-value`), string/time (the text),
//     `calcext:value-type="error"` (the shown text, e.g. `#REF!`);
//   - text: `text:p` paragraphs joined by line breaks, `text:s` (`text:c` spaces),
//     `text:tab`, `text:line-break`, spans and links transparent, `office:annotation` (comments)
//     skipped;
//   - merged cells: `table:number-rows-spanned` / `table:number-columns-spanned` on the anchor,
//     the covered cells read as empty (as the sheet shows them);
//   - hyperlinks: the first `text:a xlink:href` in a cell;
//   - hidden sheets: a table whose automatic style has `table:display="false"`.
// Repeats are bounded: an empty row or cell repeated a million times (LibreOffice writes one
// to fill the sheet) only moves the position; a row or cell with content is expanded, but all
// expansion beyond the written cells together may add at most `maxRepeatedCells` cells, and
// positions past `XLSXLimits.maxRows` / `maxColumns` holding content stop the read
// (`limitExceeded`), as a hostile XLSX would. Merged ranges are capped per table
// (`TableMergeIndex`, `XLSXLimits.maxMergedRanges`).

/// An ODS workbook opened for streaming: `content.xml` is read once up front for the sheet
/// list, hidden sheets, merged ranges and hyperlinks (SAX, no cell values kept), then once per
/// sheet asked for by `rows(sheet:)`.
public final class ODSWorkbook {
    public let path: String
    public let limits: XLSXLimits
    /// Sheets in tab order (kind `.worksheet`, part `content.xml`).
    public let sheets: [SheetInfo]
    private let archive: ZipArchive
    private let content: ZipEntry
    private let links: [[CellHyperlink]]
    /// Every table's merged ranges, counted per table (`TableMergeIndex`).
    private let merges: TableMergeIndex
    /// Merged ranges of tables read again alone (`TableMergeIndex.incomplete`), by table.
    private var rescanned: [Int: [MergedRange]] = [:]
    /// What reading this file may still expand into (every sheet shares it; docs/problems.md).
    public let budget: ExpansionBudget

    /// Cells that repetition may add to what is written, over the whole part.
    public static let maxRepeatedCells = 2_000_000

    public init(path: String, limits: XLSXLimits = XLSXLimits()) throws {
        self.path = path
        self.limits = limits
        let (archive, budget) = try openSpreadsheetPackage(path: path, limits: limits)
        self.archive = archive
        self.budget = budget
        guard let content = try archive.entry(named: "content.xml") else { throw OfficeError.missingPart("content.xml") }
        self.content = content
        let index = ODSContentHandler(mode: .index, limits: limits)
        try XMLStreamParser(stream: try archive.openStream(content), handler: index).parseAll()
        guard index.rootName == "document-content" else {
            throw OfficeError.notAWorkbook("content.xml is <\(index.rootName ?? "")>, not <office:document-content>")
        }
        sheets = index.tables.map {
            SheetInfo(name: $0.name, state: $0.style.map(index.hiddenStyles.contains) == true ? .hidden : .visible,
                      kind: .worksheet, partName: "content.xml")
        }
        links = index.tables.map(\.links)
        merges = index.merges
    }

    /// The merged ranges of table `index`: as kept by the first pass, or, when the part's
    /// other tables used up the room (`TableMergeIndex.incomplete`), from a pass over
    /// `content.xml` that keeps that table's alone. Throws for a table over the cap.
    private func mergedRanges(_ index: Int) throws -> [MergedRange] {
        if merges.isOverCap(index) { throw mergeCapError(index) }
        guard merges.incomplete[index] else { return merges.kept[index] }
        if let known = rescanned[index] { return known }
        let alone = ODSContentHandler(mode: .index, limits: limits, mergesOf: index)
        try XMLStreamParser(stream: try archive.openStream(content), handler: alone).parseAll()
        let found = alone.merges.kept[index]
        rescanned[index] = found
        return found
    }

    /// The refusal of a table over the merged-range cap, worded as the XLSX pre-scan's.
    private func mergeCapError(_ index: Int) -> OfficeError {
        .limitExceeded(what: "merged range count of content.xml table '\(sheets[index].name)' (more than \(limits.maxMergedRanges))",
                       limit: limits.maxMergedRanges)
    }

    /// A streaming reader over the rows of sheet `index` (0-based, tab order).
    public func rows(sheet index: Int) throws -> ODSSheetReader {
        guard sheets.indices.contains(index) else { throw OfficeError.noSuchSheet(index) }
        return ODSSheetReader(stream: try archive.openStream(content), table: index, limits: limits,
                              mergedRanges: merges.isOverCap(index) ? [] : try mergedRanges(index),
                              budget: budget.meter(sheet: index, name: sheets[index].name))
    }

    /// The merged ranges and external hyperlinks of sheet `index` (known from the first pass).
    /// Throws `limitExceeded` for a table over the merged-range cap, as the XLSX pre-scan does
    /// when the intake asks for the merges of the sheet whose header it found.
    public func sheetTail(sheet index: Int) throws -> (mergedRanges: [MergedRange], hyperlinks: [CellHyperlink]) {
        guard sheets.indices.contains(index) else { throw OfficeError.noSuchSheet(index) }
        return (try mergedRanges(index), links[index])
    }
}

/// Streams the rows of one table of `content.xml` (rows with content only, numbered as the
/// sheet shows them).
public final class ODSSheetReader: RowSource {
    private let parser: XMLStreamParser
    private let handler: ODSContentHandler
    public let mergedRanges: [MergedRange]

    init(stream: ZipEntryStream, table: Int, limits: XLSXLimits, mergedRanges: [MergedRange],
         budget: SheetMeter) {
        handler = ODSContentHandler(mode: .rows(table: table), limits: limits)
        handler.budget = budget
        parser = XMLStreamParser(stream: stream, handler: handler)
        self.mergedRanges = mergedRanges
    }

    public func nextRow() throws -> SheetRow? {
        while true {
            if let row = handler.popRow() { return row }
            if handler.tableEnded { return nil }
            if !(try parser.step()) { return handler.popRow() }
        }
    }
}

/// SAX handler for `content.xml`, in one of two modes: `.index` (tables, hidden styles,
/// merges, links; no values) or `.rows(table:)` (the rows of one table).
final class ODSContentHandler: XMLHandler {
    enum Mode { case index, rows(table: Int) }

    struct Table {
        var name: String
        var style: String?
        var links: [CellHyperlink] = []
    }

    /// Merged ranges by table, counted per table (index mode).
    private(set) var merges: TableMergeIndex
    /// Index mode: the one table whose merges are kept (a table read again alone), or nil.
    private let mergesOf: Int?

    private let mode: Mode
    private let target: Int
    private let limits: XLSXLimits
    private(set) var rootName: String?
    private(set) var tables: [Table] = []
    private(set) var hiddenStyles: Set<String> = []
    private(set) var tableEnded = false

    private var queue = RowQueue()

    private var tableIndex = -1
    /// Depth of `table:table` elements (a table inside a cell is skipped).
    private var tableDepth = 0
    private var skipDepth = 0
    private var currentStyle: String?
    private var currentStyleIsTable = false

    private var rowNumber = 0
    private var rowRepeat = 1
    private var rowHidden = false
    private var inRow = false
    private var cells = RowCells()
    private var column = 0

    private var inCell = false
    private var cellRepeat = 1
    private var cellCovered = false
    private var valueType: UInt8 = 0  // first letter of office:value-type (0: none)
    private var isError = false
    private var numberValue: String?
    private var dateValue: String?
    private var booleanValue: String?
    private var paragraphs = 0
    private var inParagraph = 0
    private var cellLink: String?
    private var text: TextBuffer
    private var repeatedCells = 0
    /// The file's expansion budget (rows mode): every row as repeated, cells and text.
    var budget: SheetMeter?

    init(mode: Mode, limits: XLSXLimits, mergesOf: Int? = nil) {
        self.mode = mode
        self.mergesOf = mergesOf
        merges = TableMergeIndex(cap: limits.maxMergedRanges)
        if case .rows(let t) = mode { target = t } else { target = -1 }
        self.limits = limits
        text = TextBuffer(limit: limits.maxTextBytes)
    }

    private var indexing: Bool { target < 0 }
    /// Whether the current position is inside the table whose rows are wanted.
    private var wanted: Bool { tableDepth == 1 && (indexing || tableIndex == target) }

    func popRow() -> SheetRow? { queue.pop() }

    // MARK: attributes

    /// The value of the first attribute named `local` whose namespace URI contains `uriPart`
    /// (nil `uriPart`: any namespace).
    private func attribute(_ attributes: XMLAttributes, _ local: StaticString, uri uriPart: String? = nil) -> String? {
        guard let base = attributes.base else { return nil }
        for i in 0..<attributes.count {
            guard let name = base[5 * i], XMLName(pointer: name).is(local),
                  let start = base[5 * i + 3], let end = base[5 * i + 4] else { continue }
            if let uriPart {
                guard let uri = base[5 * i + 2], String(cString: uri).contains(uriPart) else { continue }
            }
            // libxml2 without entity substitution hands `&amp;` over as `&#38;`.
            let raw = ArraySlice(UnsafeBufferPointer(start: start, count: end - start))
            return String(decoding: MergeCellScanner.decodeEntities(raw), as: UTF8.self)
        }
        return nil
    }

    /// A repeat or span count: 1 when absent or invalid, at most 2,000,000 (past every row and
    /// column limit, so products of counts cannot overflow).
    private func count(_ attributes: XMLAttributes, _ local: StaticString) -> Int {
        guard let v = attributes.value(local), let n = parseDigits(v), n > 0 else { return 1 }
        return min(n, 2_000_000)
    }

    // MARK: events

    override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        if rootName == nil { rootName = name.string }
        if skipDepth > 0 { skipDepth += 1; return }
        if name.is("table") {
            tableDepth += 1
            if tableDepth == 1 {
                tableIndex += 1
                rowNumber = 0
                if indexing {
                    tables.append(Table(name: attribute(attributes, "name") ?? "Sheet\(tableIndex + 1)",
                                        style: attribute(attributes, "style-name")))
                    merges.addTable()
                }
            }
            return
        }
        if tableDepth == 0 {
            // Automatic styles: which table styles hide their sheet.
            if indexing {
                if name.is("style") {
                    currentStyle = attribute(attributes, "name")
                    currentStyleIsTable = attribute(attributes, "family") == "table"
                } else if name.is("table-properties"), currentStyleIsTable, let style = currentStyle,
                          attribute(attributes, "display") == "false" {
                    hiddenStyles.insert(style)
                }
            }
            return
        }
        guard wanted else { return }
        if inCell {
            if name.is("annotation") { skipDepth = 1; return }
            if name.is("p") || name.is("h") {
                if paragraphs > 0 { appendText("\n") }
                paragraphs += 1
                inParagraph += 1
            } else if name.is("s") {
                let n = min(count(attributes, "c"), 1_000)
                appendText(String(repeating: " ", count: n))
            } else if name.is("tab") {
                appendText("\t")
            } else if name.is("line-break") {
                appendText("\n")
            } else if name.is("a"), cellLink == nil {
                cellLink = attribute(attributes, "href")
            }
            return
        }
        if name.is("table-row") {
            inRow = true
            rowRepeat = count(attributes, "number-rows-repeated")
            rowHidden = attribute(attributes, "visibility").map { $0 != "visible" } ?? false
            cells.removeAll()
            column = 0
            return
        }
        guard inRow else { return }
        let covered = name.is("covered-table-cell")
        guard covered || name.is("table-cell") else { return }
        inCell = true
        cellCovered = covered
        cellRepeat = count(attributes, "number-columns-repeated")
        paragraphs = 0
        inParagraph = 0
        cellLink = nil
        text.reset()
        numberValue = nil
        dateValue = nil
        booleanValue = nil
        isError = attribute(attributes, "value-type", uri: "calcext") == "error"
        valueType = attribute(attributes, "value-type", uri: "opendocument:xmlns:office")?.utf8.first ?? 0
        if !indexing && !covered {
            numberValue = attribute(attributes, "value", uri: "opendocument:xmlns:office")
            dateValue = attribute(attributes, "date-value")
            booleanValue = attribute(attributes, "boolean-value")
        }
        if indexing && !covered {
            let rows = count(attributes, "number-rows-spanned")
            let columns = count(attributes, "number-columns-spanned")
            if rows > 1 || columns > 1, mergesOf == nil || mergesOf == tableIndex {
                // Capped per table as an XLSX sheet's merges are (session 22: the first 100,000
                // were kept silently; then the count ran over the whole part): a table over
                // the cap is refused when it is read (`sheetTail`).
                merges.add(MergedRange(
                    firstRow: rowNumber + 1, lastRow: rowNumber + min(rows, limits.maxRows),
                    firstColumn: column, lastColumn: column + min(columns, limits.maxColumns) - 1), table: tableIndex)
            }
        }
    }

    override func endElement(_ name: XMLName) {
        if skipDepth > 0 { skipDepth -= 1; return }
        if name.is("table") {
            if tableDepth == 1, !indexing, tableIndex == target { tableEnded = true }
            tableDepth -= 1
            return
        }
        guard wanted else { return }
        if inCell {
            if name.is("table-cell") || name.is("covered-table-cell") {
                endCell()
            } else if name.is("p") || name.is("h") {
                inParagraph -= 1
            }
            return
        }
        if inRow && name.is("table-row") { endRow() }
    }

    override func characters(_ bytes: UnsafePointer<UInt8>, _ count: Int) {
        guard !indexing, inCell, inParagraph > 0, skipDepth == 0, wanted else { return }
        if !text.append(bytes, count) {
            fail(.limitExceeded(what: "text length of one cell in \(part)", limit: limits.maxTextBytes))
        }
    }

    private func appendText(_ s: String) {
        guard !indexing else { return }
        var s = s
        s.withUTF8 { u in
            if !text.append(u.baseAddress!, u.count) {
                fail(.limitExceeded(what: "text length of one cell in \(part)", limit: limits.maxTextBytes))
            }
        }
    }

    // MARK: cells and rows

    private func endCell() {
        inCell = false
        let first = column
        column += cellRepeat
        if cellCovered { return }
        if indexing {
            if let link = cellLink, first < limits.maxColumns, tables[tableIndex].links.count < MergeCellScanner.maxHyperlinks {
                tables[tableIndex].links.append(CellHyperlink(row: rowNumber + 1, column: first, target: link))
            }
            return
        }
        let value = cellValue()
        if case .empty = value { return }
        if column > limits.maxColumns {
            fail(.limitExceeded(what: "column \(column) in row \(rowNumber + 1) of \(part)", limit: limits.maxColumns))
            return
        }
        if !spendRepeats(cellRepeat - 1) { return }
        for k in 0..<cellRepeat { cells.set(value, at: first + k) }
    }

    private func cellValue() -> CellValue {
        if isError {
            return text.bytes.isEmpty ? .empty : .error(text.string)
        }
        switch valueType {
        case 0x66, 0x70, 0x63:  // float, percentage, currency
            if let v = numberValue, let d = Double(v) { return .number(d) }
        case 0x64:  // date
            if let v = dateValue, !v.isEmpty { return .isoDateTime(v) }
        case 0x62:  // boolean
            if let v = booleanValue { return .bool(v == "true" || v == "1") }
        default:
            break
        }
        return text.bytes.isEmpty ? .empty : .string(text.string)
    }

    private func endRow() {
        inRow = false
        let first = rowNumber + 1
        rowNumber += rowRepeat
        if indexing { return }
        cells.trimTrailingEmpties()
        if cells.values.isEmpty { return }
        if rowNumber > limits.maxRows {
            fail(.limitExceeded(what: "row number \(rowNumber) in \(part)", limit: limits.maxRows))
            return
        }
        if !spendRepeats((rowRepeat - 1) * cells.values.count) { return }
        if let budget {
            var bytes = 0
            for cell in cells.values {
                switch cell {
                case .string(let s), .error(let s), .isoDateTime(let s): bytes &+= s.utf8.count
                default: break
                }
            }
            if let error = budget.spendCells(cells.values.count &* rowRepeat)
                ?? budget.spendText(bytes &* rowRepeat) {
                fail(error)
                return
            }
        }
        for k in 0..<rowRepeat {
            queue.append(SheetRow(number: first + k, storage: cells, isHidden: rowHidden))
        }
    }

    /// Counts cells added by repetition; false (and the read fails) past the cap.
    private func spendRepeats(_ n: Int) -> Bool {
        repeatedCells += n
        if repeatedCells > ODSWorkbook.maxRepeatedCells {
            fail(.limitExceeded(what: "cells repeated by number-rows/columns-repeated in \(part)",
                                limit: ODSWorkbook.maxRepeatedCells))
            return false
        }
        return true
    }
}
