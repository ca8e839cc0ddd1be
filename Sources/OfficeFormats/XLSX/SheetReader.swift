/// Streams the rows of one worksheet part. Rows come out in document order, each with its
/// cells by column (trailing empties trimmed; a row stored sparse when its gaps outweigh its
/// cells, see `SheetRow`). Memory holds at most the rows
/// of one 256 KB chunk of XML, never the whole sheet. Merged ranges are stored after the cells,
/// so `mergedRanges` is complete once `nextRow()` has returned nil.
public final class XLSXSheetReader: RowSource {
    private let parser: XMLStreamParser?
    private let handler: SheetHandler?

    init(stream: ZipEntryStream, sharedStrings: [String], styles: [NumberFormatKind], is1904: Bool,
         limits: XLSXLimits, budget: SheetMeter) {
        let handler = SheetHandler(sharedStrings: sharedStrings, styles: styles, is1904: is1904, limits: limits,
                                   budget: budget)
        self.handler = handler
        // Big sheets are inflated ahead on a helper thread; small ones are not worth a thread.
        inflatesAhead = stream.entry.size >= XLSXSheetReader.prefetchThreshold
        let source: ByteChunkSource = inflatesAhead ? PrefetchingStream(stream: stream) : stream
        parser = XMLStreamParser(stream: source, handler: handler)
    }

    /// True when the sheet is inflated ahead on a helper thread (parts of 4 MB and more), so
    /// reading it can use a second core. For benchmarks and diagnostics.
    public let inflatesAhead: Bool

    /// Declared part size from which a sheet is inflated on a helper thread.
    static let prefetchThreshold = 4 << 20

    /// A reader with no rows (chartsheets).
    init(empty: Void) {
        parser = nil
        handler = nil
        inflatesAhead = false
    }

    /// The next row, or nil at the end of the sheet.
    public func nextRow() throws -> SheetRow? {
        guard let handler, let parser else { return nil }
        while true {
            if let row = handler.popRow() {
                if let error = handler.overBudget { throw error }
                return row
            }
            if !(try parser.step()) {
                let row = handler.popRow()
                if let error = handler.overBudget { throw error }
                return row
            }
        }
    }

    /// Merged ranges of the sheet (complete once `nextRow()` has returned nil).
    public var mergedRanges: [MergedRange] { handler?.mergedRanges ?? [] }

    /// Rows whose `r` could not be parsed (repaired from the running index), for warnings.
    public var repairedReferenceCount: Int { handler?.repairedReferences ?? 0 }
    /// Formula cells that had no cached value (read as empty), for warnings.
    public var formulasWithoutValue: Int { handler?.formulasWithoutValue ?? 0 }
}


/// `t` of a `<c>` (ST_CellType).
private enum CellType: UInt8 {
    case number, sharedString, inlineString, formulaString, boolean, error, isoDate
}

/// SAX handler for a worksheet: builds rows from `<row>`/`<c>` events, comparing names as
/// bytes and reusing one text buffer for every value.
final class SheetHandler: XMLHandler {
    private let sharedStrings: [String]
    private let styles: [NumberFormatKind]
    private let is1904: Bool
    private let limits: XLSXLimits
    /// This read's draw on the file's expansion budget.
    private let budget: SheetMeter
    /// Set once the file's expansion budget is spent (shared strings are counted when a
    /// chunk's rows are resolved, outside the parser, so the reader throws it).
    private(set) var overBudget: OfficeError?

    private(set) var mergedRanges: [MergedRange] = []
    private(set) var repairedReferences = 0
    private(set) var formulasWithoutValue = 0

    // Hot, touched only from SAX callbacks on one thread: no dynamic exclusivity checks.
    @exclusivity(unchecked) private var queue: [SheetRow] = []
    private var queueHead = 0
    /// Rows of `queue` below this index have their shared strings filled in.
    private var queueResolved = 0
    private var pending: SheetRow?

    private var inSheetData = false
    private var inRow = false
    private var rowNumber = 0
    private var rowHidden = false
    // Hot, touched only from SAX callbacks on one thread: no dynamic exclusivity checks.
    @exclusivity(unchecked) private var cells = RowCells()
    private var lastWidth = 8
    private var nextColumn = 0

    private var inCell = false
    private var cellColumn = 0
    private var cellType = CellType.number
    private var cellStyle = 0
    private var hasValue = false
    private var hasInline = false
    private var hasFormula = false
    private var inValue = false
    /// Inside `<f>`: its text is kept (up to `maxFormulaBytes`) only to find `HYPERLINK("…")`.
    private var inFormula = false
    private var formula: [UInt8] = []
    private static let maxFormulaBytes = 4_096
    /// Targets of `HYPERLINK("url", …)` formulas in the row being read, by column.
    private var rowLinks: [Int: String] = [:]
    private var inInline = false
    private var inInlineText = false
    private var phoneticDepth = 0
    // Hot, touched only from SAX callbacks on one thread: no dynamic exclusivity checks.
    @exclusivity(unchecked) private var text: TextBuffer
    /// Shared-string cells of the queued rows being resolved: (row in queue, position in the
    /// row's stored cells, index).
    // Hot, touched only from one thread: no dynamic exclusivity checks.
    @exclusivity(unchecked) private var pendingShared: [(row: Int, column: Int, index: Int)] = []
    /// True when the raw words of the table's strings were checked to hold their storage
    /// object's address (see `SharedStringPrefetch`); otherwise the safe, slower touch is used.
    private let rawPrefetch: Bool
    private var prefetchSink: UInt = 0

    init(sharedStrings: [String], styles: [NumberFormatKind], is1904: Bool, limits: XLSXLimits,
         budget: SheetMeter) {
        self.budget = budget
        self.sharedStrings = sharedStrings
        self.styles = styles
        self.is1904 = is1904
        self.limits = limits
        text = TextBuffer(limit: limits.maxTextBytes)
        rawPrefetch = SharedStringPrefetch.layoutVerified(sharedStrings)
    }

    func popRow() -> SheetRow? {
        if queueResolved < queue.count { resolveSharedStrings() }
        if queueHead < queue.count {
            let row = queue[queueHead]
            queueHead += 1
            if queueHead == queue.count {
                queue.removeAll(keepingCapacity: true)
                queueHead = 0
                queueResolved = 0
            }
            return row
        }
        return nil
    }

    override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        if phoneticDepth > 0 { phoneticDepth += 1; return }
        if inCell {
            if name.is("v") {
                // An inline string's text is in <is>; a <v> next to it is ignored (calamine#633).
                if cellType != .inlineString {
                    inValue = true
                    text.reset()
                }
            } else if name.is("is") {
                inInline = true
                text.reset()
            } else if inInline {
                if name.is("t") { inInlineText = true } else if name.is("rPh") { phoneticDepth = 1 }
            } else if name.is("f") {
                hasFormula = true
                inFormula = true
                formula.removeAll(keepingCapacity: true)
            }
            return
        }
        if inRow {
            if name.is("c") { startCell(attributes) }
            return
        }
        if inSheetData {
            if name.is("row") { startRow(attributes) }
            return
        }
        if name.is("sheetData") {
            inSheetData = true
        } else if name.is("mergeCell"), mergedRanges.count < limits.maxMergedRanges,
                  let ref = attributes.value("ref"), let range = parseRange(ref) {
            // Past the cap only the first ones are kept: `XLSXWorkbook.sheetTail` refuses such a sheet.
            mergedRanges.append(range)
        }
    }

    override func endElement(_ name: XMLName) {
        if phoneticDepth > 0 { phoneticDepth -= 1; return }
        if inCell {
            if name.is("c") {
                endCell()
            } else if name.is("v") {
                if inValue { hasValue = true; inValue = false }
            } else if name.is("f") {
                inFormula = false
            } else if name.is("t") {
                inInlineText = false
            } else if name.is("is") {
                inInline = false
                hasInline = true
            }
            return
        }
        if inRow {
            if name.is("row") { endRow() }
            return
        }
        if inSheetData && name.is("sheetData") {
            inSheetData = false
            flushPending()
        }
    }

    override func characters(_ bytes: UnsafePointer<UInt8>, _ count: Int) {
        guard inValue || (inInlineText && phoneticDepth == 0) else {
            if inFormula && formula.count + count <= Self.maxFormulaBytes {
                formula.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
            }
            return
        }
        if !text.append(bytes, count) {
            fail(.limitExceeded(what: "text length of one cell in \(part)", limit: limits.maxTextBytes))
        }
    }

    // MARK: rows

    private func startRow(_ attributes: XMLAttributes) {
        inRow = true
        var number = rowNumber + 1
        if let r = attributes.value("r") {
            if let n = parseDigits(r), n > 0 { number = n } else { repairedReferences += 1 }
        }
        if number > limits.maxRows {
            fail(.limitExceeded(what: "row number \(number) in \(part)", limit: limits.maxRows))
            return
        }
        rowNumber = number
        rowHidden = false
        if let h = attributes.value("hidden"), let first = h.first { rowHidden = first == 0x31 || first == 0x74 } // "1", "true"
        cells = RowCells()
        cells.reserveCapacity(lastWidth)
        nextColumn = 0
    }

    private func endRow() {
        inRow = false
        cells.trimTrailingEmpties()
        let stored = cells.values.count
        if stored > 0 && !cells.isSparse { lastWidth = stored }
        // Stored positions, not columns: a row with one cell at XFD is stored sparse and costs one.
        if let error = budget.spendCells(stored) {
            fail(error)
            return
        }
        var row = SheetRow(number: rowNumber, storage: cells, isHidden: rowHidden)
        cells = RowCells()
        if !rowLinks.isEmpty {
            row.links = rowLinks
            rowLinks = [:]
        }
        if var p = pending, p.number == row.number {
            if let links = row.links { p.links = (p.links ?? [:]).merging(links) { _, new in new } }
            // The same row written twice in a row: merge, last write wins per cell.
            for (column, value) in row.nonEmptyCells { p.setCell(value, column: column) }
            p.isHidden = p.isHidden || row.isHidden
            pending = p
            return
        }
        if let p = pending { queue.append(p) }
        pending = row
    }

    /// A shared-string cell until its row is resolved: a date with a negative serial and the
    /// other date system, which no real cell has (a dateTime cell always carries the
    /// workbook's system, and negative serials are read as numbers). Holds the index, so rows
    /// written twice merge as usual, and costs no allocation.
    @inline(__always)
    private func sharedMarker(_ index: Int) -> CellValue {
        .dateTime(ExcelDateTime(serial: -Double(index) - 1, is1904: !is1904))
    }

    /// Fills the shared-string cells of every row queued by the last chunk at once. Random
    /// references into a big table miss the cache, and the atomic retain of each string
    /// serialises those misses; touching every string's table slot and storage first with
    /// plain loads, over a whole chunk of rows, lets the CPU overlap the misses so the retains
    /// that follow hit the cache.
    private func resolveSharedStrings() {
        let is1904 = self.is1904
        for r in queueResolved..<queue.count {
            queue[r].storage.values.withUnsafeBufferPointer { cells in
                for c in cells.indices {
                    if case .dateTime(let d) = cells[c], d.is1904 != is1904, d.serial < 0, !d.isDuration {
                        pendingShared.append((r, c, Int(-d.serial) - 1))
                    }
                }
            }
        }
        queueResolved = queue.count
        if pendingShared.isEmpty { return }
        sharedStrings.withUnsafeBufferPointer { table in
            // Stored so the loads are not optimised away.
            prefetchSink &+= rawPrefetch ? SharedStringPrefetch.touchRaw(table, pendingShared)
                                         : SharedStringPrefetch.touchSafe(table, pendingShared)
            var bytes = 0
            for (row, column, index) in pendingShared {
                let string = table[index]
                bytes &+= string.utf8.count
                queue[row].storage.values[column] = .string(string)
            }
            if overBudget == nil, let error = budget.spendText(bytes) { overBudget = error }
        }
        pendingShared.removeAll(keepingCapacity: true)
    }

    private func flushPending() {
        if let p = pending { queue.append(p); pending = nil }
    }

    // MARK: cells

    private func startCell(_ attributes: XMLAttributes) {
        inCell = true
        hasValue = false
        hasInline = false
        hasFormula = false
        // No text reset here: `<v>` and `<is>` reset it, and text is read only after one of them.
        // One pass over the attributes for the three one-letter names a cell uses (the first
        // of each wins, as with `XMLAttributes.value`).
        var r: UnsafeBufferPointer<UInt8>?
        var t: UnsafeBufferPointer<UInt8>?
        var st: UnsafeBufferPointer<UInt8>?
        if let base = attributes.base {
            for i in 0..<attributes.count {
                guard let local = base[5 * i], local[0] != 0, local[1] == 0,
                      let start = base[5 * i + 3], let end = base[5 * i + 4] else { continue }
                let value = UnsafeBufferPointer(start: start, count: end - start)
                switch local[0] {
                case 0x72: if r == nil { r = value } // r
                case 0x74: if t == nil { t = value } // t
                case 0x73: if st == nil { st = value } // s
                default: break
                }
            }
        }
        var column = nextColumn
        if let r {
            if let c = parseColumn(r) { column = c } else { repairedReferences += 1 }
        }
        cellColumn = column
        cellType = .number
        if let t, let first = t.first {
            switch first {
            case 0x73: cellType = t.count == 1 ? .sharedString : .formulaString // s, str
            case 0x69: cellType = .inlineString // inlineStr
            case 0x62: cellType = .boolean
            case 0x65: cellType = .error
            case 0x64: cellType = .isoDate
            default: cellType = .number
            }
        }
        cellStyle = 0
        if let st, let n = parseDigits(st) { cellStyle = n }
    }

    private func endCell() {
        inCell = false
        inValue = false
        inInline = false
        inInlineText = false
        inFormula = false
        let column = cellColumn
        nextColumn = column + 1
        if hasFormula && !formula.isEmpty && column < limits.maxColumns, let target = hyperlinkTarget(formula) {
            rowLinks[column] = target
        }
        if column >= limits.maxColumns {
            fail(.limitExceeded(what: "column \(column + 1) in row \(rowNumber) of \(part)", limit: limits.maxColumns))
            return
        }
        cells.set(cellValue(), at: column)
    }

    private func cellValue() -> CellValue {
        switch cellType {
        case .sharedString:
            guard hasValue, !text.bytes.isEmpty else { return .empty }
            guard let index = parseDigits(text.bytes), index < sharedStrings.count else {
                fail(.invalidContent(part: part, message:
                    "shared string index \(text.string) out of range (\(sharedStrings.count) strings) at row \(rowNumber)"))
                return .empty
            }
            // Resolved once the chunk's rows are queued (see resolveSharedStrings).
            return sharedMarker(index)
        case .inlineString:
            if hasInline {
                if let error = budget.spendText(text.bytes.count) { fail(error) }
                return .string(decodeXString(text.bytes))
            }
            return .empty
        case .formulaString:
            guard hasValue else {
                if hasFormula { formulasWithoutValue += 1 }
                return .empty
            }
            if let error = budget.spendText(text.bytes.count) { fail(error) }
            return text.bytes.isEmpty ? .empty : .string(decodeXString(text.bytes))
        case .boolean:
            guard hasValue, let first = text.bytes.first else { return .empty }
            return .bool(first == 0x31 || first == 0x74 || first == 0x54)
        case .error:
            guard hasValue, !text.bytes.isEmpty else { return .empty }
            return .error(text.string)
        case .isoDate:
            guard hasValue, !text.bytes.isEmpty else { return .empty }
            return .isoDateTime(text.string)
        case .number:
            guard hasValue, !text.bytes.isEmpty else {
                if hasFormula && !hasValue { formulasWithoutValue += 1 }
                return .empty
            }
            guard let number = parseNumber(text.bytes) else { return .string(text.string) }
            let kind = cellStyle < styles.count ? styles[cellStyle] : .general
            switch kind {
            case .general:
                return .number(number)
            case .dateTime:
                // Outside Excel's date range the "date" is really a number (long IDs, negatives).
                if number < 0 || number > 2_958_466 { return .number(number) }
                return .dateTime(ExcelDateTime(serial: number, is1904: is1904))
            case .duration:
                return .dateTime(ExcelDateTime(serial: number, is1904: is1904, isDuration: true))
            }
        }
    }
}

/// The literal target of a `HYPERLINK("url"; …)` / `HYPERLINK("url", …)` formula (any case, an
/// optional `=` or `_xlfn.` prefix), with doubled quotes undone; nil for any other formula or
/// a target that is not a string literal (a cell reference cannot be evaluated here).
func hyperlinkTarget(_ formula: [UInt8]) -> String? {
    var i = 0
    let n = formula.count
    func skipSpaces() { while i < n && (formula[i] == 0x20 || formula[i] == 0x0A || formula[i] == 0x0D || formula[i] == 0x09) { i += 1 } }
    skipSpaces()
    if i < n && formula[i] == 0x3D { i += 1; skipSpaces() } // =
    let name = Array("hyperlink".utf8)
    let prefix = Array("_xlfn.".utf8)
    func matches(_ word: [UInt8]) -> Bool {
        guard i + word.count <= n else { return false }
        for k in 0..<word.count {
            var b = formula[i + k]
            if b >= 0x41 && b <= 0x5A { b += 32 }
            if b != word[k] { return false }
        }
        return true
    }
    if matches(prefix) { i += prefix.count }
    guard matches(name) else { return nil }
    i += name.count
    skipSpaces()
    guard i < n, formula[i] == 0x28 else { return nil } // (
    i += 1
    skipSpaces()
    guard i < n, formula[i] == 0x22 else { return nil } // "
    i += 1
    var out: [UInt8] = []
    while i < n {
        if formula[i] == 0x22 {
            if i + 1 < n && formula[i + 1] == 0x22 {
                out.append(0x22)
                i += 2
                continue
            }
            return String(decoding: out, as: UTF8.self)
        }
        out.append(formula[i])
        i += 1
    }
    return nil
}

/// Cache warming for shared-string lookups (see `SheetHandler.resolveSharedStrings`).
enum SharedStringPrefetch {
    /// Mask of the high nibble of a String's object word: zero for a native (heap) string,
    /// non-zero for small, immortal and foreign ones.
    private static let discriminatorMask: UInt = 0xF000_0000_0000_0000

    /// True when every string's second word is what `touchRaw` assumes: for a heap string the
    /// address of its storage object, whose UTF-8 starts 32 bytes in (Swift's 64-bit String
    /// layout). Checked on the table itself, so a different layout only costs speed.
    static func layoutVerified(_ table: [String]) -> Bool {
        guard MemoryLayout<String>.size == 16, MemoryLayout<UInt>.size == 8, !table.isEmpty else { return false }
        var sawHeapString = false
        let ok = table.withUnsafeBufferPointer { buffer -> Bool in
            let raw = UnsafeRawPointer(buffer.baseAddress!)
            for i in buffer.indices {
                let object = raw.load(fromByteOffset: 16 * i + 8, as: UInt.self)
                var s = buffer[i]
                let content = s.withUTF8 { UInt(bitPattern: $0.baseAddress) }
                if object & discriminatorMask == 0 {
                    // A heap string: its UTF-8 must live inside the object the word points to.
                    if content != object &+ 32 { return false }
                    sawHeapString = true
                } else if s.utf8.count > 15 {
                    return false // a long string that is not native: no raw touching
                }
            }
            return true
        }
        return ok && sawHeapString
    }

    /// Loads each referenced table slot, then each heap string's reference-count word, in
    /// two tight independent passes so many misses are in flight at once.
    static func touchRaw(_ table: UnsafeBufferPointer<String>, _ refs: [(row: Int, column: Int, index: Int)]) -> UInt {
        let raw = UnsafeRawPointer(table.baseAddress!)
        var sink: UInt = 0
        for ref in refs {
            sink &+= raw.load(fromByteOffset: 16 * ref.index + 8, as: UInt.self)
        }
        for ref in refs {
            let object = raw.load(fromByteOffset: 16 * ref.index + 8, as: UInt.self)
            if object & discriminatorMask == 0, object != 0 {
                sink &+= UnsafeRawPointer(bitPattern: object)!.load(fromByteOffset: 8, as: UInt.self)
            }
        }
        return sink
    }

    /// Portable fallback: reads each string's first byte (slower, but no layout assumption).
    static func touchSafe(_ table: UnsafeBufferPointer<String>, _ refs: [(row: Int, column: Int, index: Int)]) -> UInt {
        var sink: UInt = 0
        for ref in refs {
            sink &+= UInt(table[ref.index].utf8.first ?? 0)
        }
        return sink
    }
}

// MARK: - byte-level parsing helpers

/// Decimal digits → Int, nil when empty, not all digits, or absurdly long.
@inline(__always)
func parseDigits<C: Collection>(_ bytes: C) -> Int? where C.Element == UInt8 {
    if bytes.isEmpty || bytes.count > 18 { return nil }
    var n = 0
    for b in bytes {
        let d = Int(b) &- 48
        if d < 0 || d > 9 { return nil }
        n = n * 10 + d
    }
    return n
}

/// The 0-based column of an A1 reference (`B7`, `e3`, `$C$2`); nil when there are no letters.
@inline(__always)
func parseColumn<C: Collection>(_ bytes: C) -> Int? where C.Element == UInt8 {
    var column = 0
    var letters = 0
    for b in bytes {
        if b == 0x24 { continue } // $
        var u = b
        if u >= 0x61 && u <= 0x7A { u -= 32 }
        if u >= 0x41 && u <= 0x5A {
            column = column * 26 + Int(u - 0x40)
            letters += 1
            if letters > 4 { return nil }
        } else {
            break
        }
    }
    return letters == 0 ? nil : column - 1
}

/// The 1-based row of an A1 reference, nil when absent.
func parseRowOfReference<C: Collection>(_ bytes: C) -> Int? where C.Element == UInt8 {
    let digits = bytes.drop { b in !(b >= 0x30 && b <= 0x39) }
    return parseDigits(digits.filter { $0 != 0x24 })
}

/// Parses `A1:C3` (or a single cell) into a merged range.
func parseRange<C: Collection>(_ bytes: C) -> MergedRange? where C.Element == UInt8 {
    let parts = bytes.split(separator: 0x3A, maxSplits: 1)
    guard let first = parts.first, let c1 = parseColumn(first), let r1 = parseRowOfReference(first) else { return nil }
    var c2 = c1, r2 = r1
    if parts.count == 2 {
        guard let c = parseColumn(parts[1]), let r = parseRowOfReference(parts[1]) else { return nil }
        c2 = c; r2 = r
    }
    return MergedRange(firstRow: min(r1, r2), lastRow: max(r1, r2), firstColumn: min(c1, c2), lastColumn: max(c1, c2))
}

/// A `<v>` number: integers parsed directly, anything else through the C-locale parser of
/// `Double(String)` (accepts exponents like `1.23E+22`; `<v>` always uses a `.`).
@inline(__always)
func parseNumber(_ bytes: [UInt8]) -> Double? {
    if bytes.count <= 15, let n = parseDigits(bytes) { return Double(n) }
    if bytes.first == 0x2D, bytes.count <= 16, let n = parseDigits(bytes.dropFirst()) { return -Double(n) }
    let s = String(decoding: bytes, as: UTF8.self).trimmingASCIIWhitespace()
    return Double(s)
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s.removeLast() }
        return String(s)
    }
}
