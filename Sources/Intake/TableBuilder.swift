import DIPCore
import Foundation
import OfficeFormats

/// Turns the rows under a header into items as they are read: skips section, sub-group,
/// repeated-header, column-number, blank and signature rows; keeps the declared category and
/// sub-group. Items and problems go to a `TableSink` at once; what the builder keeps between
/// rows is bounded (the section state, value caches capped at `cacheLimit`, and the anchor
/// value of each vertical merge until its last row), except the duplicate index of the sink.
struct TableBuilder {
    let map: ColumnMap
    let sheet: String?
    let factory: ProblemFactory
    let sink: TableSink

    private var sectionText: String?
    private var subgroup: String?
    private var inSignature = false
    /// Columns that carry a field: only these decide what a row is (an unnamed column, an
    /// `id_org` or a helper column of formulas is junk, see `junkColumns`).
    private let mapped: [Bool]
    /// Columns outside `mapped` that held something (their data is ignored; one info line).
    private var junkColumns: [Bool] = []
    /// Error values (`#REF!`, `#N/A`) met in junk columns: counted, not reported per row.
    private var junkErrors = 0
    /// Copy the first column down into the items below it when it is empty there: a CSV
    /// exported from a sheet whose first column was merged down a block of rows keeps the
    /// value only on the block's first row (an XLSX says so with merged ranges instead).
    private let fillsFirstColumn: Bool
    /// The leftmost column with a field.
    private let firstMapped: Int
    /// Hyperlink targets (as written, untrusted) on the title cell (key row·4), the link
    /// column's cell (row·4+1) and the leftmost other cell of the row with one (row·4+2: a
    /// "Lihat" link under a header that names no field).
    private let links: [Int: String]
    /// Links the current row's cells carry themselves (XLSX `HYPERLINK("…")` formulas).
    private var rowLinks: [Int: String]?
    private var lastFirstColumn = ""
    private let width: Int
    private let lastHeaderRow: Int
    private let dataColumns: [Int]
    private let col: [Int]
    private let ticks: Bool
    /// The header labels by column, as an array for the per-row repeated-header check.
    private let headerLabels: [(column: Int, label: String)]
    /// Value caches: units repeat the same bentuk, retensi, category and waktu texts on every
    /// row, and parsing them is the costly part of a row. Bounded so memory stays small.
    private var formCache = ValueCache<InformationForm>()
    private var retentionCache = ValueCache<(RetentionPeriod, Bool)>()
    private var categoryCache = ValueCache<Category?>()
    private var splitCache = ValueCache<(waktu: String, tempat: String)?>()
    /// The first day each time-of-making text can mean (`IndonesianDate.earliestDay`).
    private var madeCache = ValueCache<Date?>()
    private var rowTexts: [String] = []
    /// The current row's waktu cell: a date cell whose serial is a plausible year (1900–2100),
    /// i.e. a year typed into a date-formatted cell (2025 shows as 17/07/1905).
    private var yearInDateCell: (year: Int, shown: String)?
    /// Columns up to the header's last labelled one, or to its record's last field, empty or
    /// not (a CSV row beyond it is shifted; a column under an empty header field is the
    /// table's, without a heading: Excel exports every record as wide as the widest).
    private let headerWidth: Int
    /// How many of the current row's texts sit at their column (see `consume`).
    private var positional = 0
    /// The `missing-value` message and hint of each field, built on first use.
    private var missingValueTexts: [Field: (message: String, hint: String)] = [:]

    /// Fields whose header label is merged across several columns (`ColumnMap.spans`): first
    /// and last column, and what joins their texts.
    private let spans: [(first: Int, last: Int, separator: String)]

    /// Vertical merges (spanning more than one row) by first row, document order kept among
    /// equal first rows; `nextMerge` is the first not yet reached.
    private let merges: [(order: Int, range: MergedRange)]
    private var nextMerge = 0
    /// Merges whose anchor row has been read and whose last row has not: the anchor's text,
    /// copied into the rows below. Sorted by document order.
    private var activeMerges: [(order: Int, range: MergedRange, value: String)] = []

    /// What the builder holds between rows, for tests of bounded memory.
    struct Retained: Equatable {
        /// Vertical merges whose anchor value is kept.
        var activeMerges: Int
        /// Merges not reached yet (known from the start; they do not grow with rows).
        var pendingMerges: Int
        /// Problems held by the sink until the table's first item.
        var heldProblems: Int
        /// Distinct summaries in the duplicate index (the one thing that grows with items).
        var distinctSummaries: Int
        /// Items the sink has not handed over yet (at most `TableSink.batchSize`).
        var queuedItems: Int = 0
    }

    var retained: Retained {
        Retained(activeMerges: activeMerges.count, pendingMerges: merges.count - nextMerge,
                 heldProblems: sink.held.count, distinctSummaries: sink.distinctSummaries,
                 queuedItems: sink.queuedItemCount)
    }

    /// - Parameter mergedRanges: the sheet's merged ranges, known before the rows (XLSX:
    ///   `XLSXWorkbook.mergedRanges(sheet:)`); vertical ones copy their top cell's text into
    ///   the rows they span.
    /// - Parameter start: the category (and sub-group) in force before the first section row:
    ///   a heading above the header row, the title column's header, or the sheet's name.
    init(map: ColumnMap, sheet: String?, factory: ProblemFactory, sink: TableSink, mergedRanges: [MergedRange] = [],
         hyperlinks: [CellHyperlink] = [], start: TableStart = TableStart()) {
        self.map = map
        self.sheet = sheet
        self.factory = factory
        self.sink = sink
        sectionText = start.section
        subgroup = start.subgroup
        let lastColumn = max(map.fields.keys.max() ?? 0, map.spans.values.max() ?? 0)
        var mapped = [Bool](repeating: false, count: lastColumn + 1)
        for c in map.fields.keys { mapped[c] = true }
        for (first, last) in map.spans where first < last {
            for c in first...last { mapped[c] = true }
        }
        self.mapped = mapped
        spans = map.spans.sorted { $0.key < $1.key }.map { first, last in
            (first, last, map.fields[first] == .waktuTempat ? ", " : " ")
        }
        // One link per slot and row (bounded by the reader's cap on hyperlinks).
        let titleColumn = map.column(.ringkasan) ?? -1
        let linkColumn = map.column(.tautan) ?? -1
        var links: [Int: String] = [:]
        var otherColumn: [Int: Int] = [:]
        for h in hyperlinks {
            let slot = h.column == titleColumn ? 0 : h.column == linkColumn ? 1 : 2
            let key = h.row &* 4 &+ slot
            if slot == 2 {
                if let c = otherColumn[h.row], c <= h.column { continue }
                otherColumn[h.row] = h.column
                links[key] = h.target
            } else if links[key] == nil {
                links[key] = h.target
            }
        }
        self.links = links
        firstMapped = map.fields.keys.min() ?? 0
        let first = map.fields[0]
        fillsFirstColumn = mergedRanges.isEmpty && start.fillsFirstColumn
            && (first == .pejabat || first == .penanggungJawab || first == .kategori || first == .subkelompok)
        width = lastColumn + 1
        headerWidth = max(width, (map.labels.keys.max() ?? 0) + 1, map.recordWidth)
        lastHeaderRow = map.headerRows.max() ?? 0
        col = map.columnTable()
        ticks = map.hasTicks
        headerLabels = map.labels.sorted { $0.key < $1.key }.map { (column: $0.key, label: $0.value) }
        let data: [Field] = [.pejabat, .penanggungJawab, .waktu, .tempat, .waktuTempat, .bentuk,
                             .retensi, .bentukCetak, .bentukOnline]
        dataColumns = map.fields.filter { data.contains($0.value) }.map(\.key).sorted()
        merges = mergedRanges.enumerated()
            .filter { $0.element.lastRow > $0.element.firstRow }
            .map { (order: $0.offset, range: $0.element) }
            .sorted { ($0.range.firstRow, $0.order) < ($1.range.firstRow, $1.order) }
        let summaryColumn = col[Field.ringkasan.rawValue]
        sink.describeSummaryColumn(summaryColumn >= 0 ? summaryColumn : nil,
                                   name: summaryColumn >= 0 ? map.labels[summaryColumn] : nil, factory: factory,
                                   sheet: sheet)
    }

    /// Reads one row under the header.
    mutating func consume(_ row: SheetRow) {
        let number = row.number
        // Only a row up to the last header row can be one: most rows skip the search.
        if number <= lastHeaderRow && map.headerRows.contains(number) { return }
        // One array reused for every row (nothing keeps a row's texts once it is classified).
        var texts = rowTexts
        rowTexts = []
        defer { rowTexts = texts }
        texts.removeAll(keepingCapacity: true)
        // A row stored sparse (cells far right of the table, say one at column XFD) is not
        // spelled out to its last column: its cells right of the table's columns, all junk, are
        // kept one slot each after them, in column order. Only merges in those far columns are
        // not applied (see `applyMerges`); a dense row is laid out by column as always.
        let positional = row.storedCellCount >= row.width ? max(width, row.width) : width
        self.positional = positional
        texts.append(contentsOf: repeatElement("", count: positional))
        var errorColumns: [Int] = []
        var any = false
        var tooLong: (column: Int, slot: Int)?
        var lastColumn = -1
        let mapped = self.mapped
        yearInDateCell = nil
        let waktuColumn = has(.waktu)
        for (column, cell) in row.nonEmptyCells {
            var isError = false
            let c: Int
            if column < positional {
                c = column
            } else {
                c = texts.count
                texts.append("")
            }
            switch cell {
            case .empty: continue
            case .string(let s):
                texts[c] = Text.clean(s)
                // A CSV carries Excel's error values and database NULLs as text.
                if let first = texts[c].utf8.first, first == 0x23 || first == 0x4E || first == 0x6E {
                    if Self.isErrorLiteral(texts[c]) {
                        isError = true
                    } else if Self.isNullLiteral(texts[c]) {
                        texts[c] = ""
                    }
                }
            case .error(let e):
                texts[c] = e
                isError = true
            case .dateTime(let dt) where column == waktuColumn && dt.serial.rounded() == dt.serial
                && (1900...2100).contains(dt.serial):
                // Taken as the year the unit typed; the date Excel shows is quoted in the warning.
                yearInDateCell = (Int(dt.serial), Text.clean(CellText.text(cell)))
                texts[c] = String(Int(dt.serial))
            case let other:
                texts[c] = Text.clean(CellText.text(other))
            }
            if texts[c].isEmpty { continue }
            lastColumn = max(lastColumn, column)
            if c >= mapped.count || !mapped[c] {
                // Junk: remembered for one info line; it never makes a row an item.
                if column >= junkColumns.count { junkColumns += repeatElement(false, count: column + 1 - junkColumns.count) }
                junkColumns[column] = true
                if isError {
                    junkErrors += 1
                    texts[c] = ""
                    continue
                }
            } else if isError {
                errorColumns.append(c)
            }
            any = true
            // Longer than a spreadsheet cell: no workbook dip writes from items could carry it.
            if tooLong == nil && XLSXWriter.isTooLong(texts[c]) { tooLong = (column, c) }
        }
        if !any { return }
        if let (c, slot) = tooLong {
            sink.problem(factory.make(
                .cellTooLong, sheet: sheet, row: number, column: c, columnName: map.labels[c],
                message: "Isi sel terlalu panjang (\(Self.grouped(texts[slot].count)) karakter; batas satu sel Excel \(Self.grouped(XLSXWriter.maxCellText)) karakter), sehingga baris ini tidak diambil sebagai informasi.",
                hint: "Persingkat isi sel ini (ringkasan informasi cukup beberapa kalimat), lalu kirim ulang berkasnya."))
            return
        }
        // A CSV (no sheet) row that goes on right of the header: its cells are shifted.
        if sheet == nil && lastColumn >= headerWidth {
            sink.problem(factory.make(
                .rowShifted, sheet: nil, row: number,
                message: "Baris ini berisi \(lastColumn + 1) kolom, sedangkan judul tabel \(headerWidth) kolom: isi sel yang "
                    + "memuat tanda pemisah kolom (misalnya koma) tanpa diapit tanda kutip membuat isi baris ini bergeser, "
                    + "sehingga kolom-kolomnya terbaca di tempat yang salah.",
                hint: "Apit isi sel yang memuat tanda pemisah dengan tanda kutip (\"Rencana strategis, rencana kerja\"), "
                    + "atau simpan ulang dari Excel sebagai \"CSV UTF-8\" (Excel mengapitnya sendiri), atau kirim dalam bentuk .xlsx."))
        }
        if nextMerge < merges.count || !activeMerges.isEmpty {
            applyMerges(&texts, row: number, positional: positional)
        }
        if !spans.isEmpty { joinSpans(&texts) }
        rowLinks = row.links
        classify(number: number, texts: &texts, errorColumns: errorColumns)
    }

    /// Vertical merges: the anchor (top) row's text in the merge's first column is copied into
    /// the empty cells of that column in the non-blank rows the range spans. Merges are taken
    /// in document order within a row, so an overlapping later merge sees an earlier one's
    /// copy, exactly as applying them one after the other to the whole sheet would. Rows are
    /// in ascending order (the spec requires it; the reader merges a row written twice in a
    /// row); a merge whose anchor row is blank, a header row or above the header copies nothing.
    /// Only the first `positional` slots of `texts` are columns (see `consume`).
    private mutating func applyMerges(_ texts: inout [String], row r: Int, positional: Int) {
        activeMerges.removeAll { $0.range.lastRow < r }
        while nextMerge < merges.count && merges[nextMerge].range.firstRow < r { nextMerge += 1 }
        var starting = nextMerge
        while starting < merges.count && merges[starting].range.firstRow == r { starting += 1 }
        let newMerges = merges[nextMerge..<starting]
        nextMerge = starting
        if newMerges.isEmpty {
            for m in activeMerges {
                let c = m.range.firstColumn
                if c < positional && texts[c].isEmpty { texts[c] = m.value }
            }
            return
        }
        // Interleave the active merges (filling this row) and the new ones (anchored here) in
        // document order.
        var work: [(order: Int, range: MergedRange, value: String?)] =
            activeMerges.map { ($0.order, $0.range, $0.value) } + newMerges.map { ($0.order, $0.range, nil) }
        work.sort { $0.order < $1.order }
        var anchored: [(order: Int, range: MergedRange, value: String)] = []
        for m in work {
            let c = m.range.firstColumn
            guard c < positional else { continue }
            if let value = m.value {
                if texts[c].isEmpty { texts[c] = value }
            } else if !texts[c].isEmpty {
                anchored.append((m.order, m.range, texts[c]))
            }
        }
        if !anchored.isEmpty {
            activeMerges += anchored
            activeMerges.sort { $0.order < $1.order }
        }
    }

    /// A field under a header label merged across columns takes the texts of all of them, in
    /// column order ("2026" and "Serang" under one "Waktu dan Tempat" read "2026, Serang").
    private func joinSpans(_ texts: inout [String]) {
        for span in spans where span.first < texts.count {
            var joined = texts[span.first]
            for c in (span.first + 1)...min(span.last, texts.count - 1) where !texts[c].isEmpty {
                joined = joined.isEmpty ? texts[c] : joined + span.separator + texts[c]
                texts[c] = ""
            }
            texts[span.first] = joined
        }
    }

    /// Decides what a non-blank row is (section, sub-group, header, signature, item) and
    /// builds the item.
    private mutating func classify(number: Int, texts: inout [String], errorColumns: [Int]) {
        let col = self.col
        func at(_ f: Field) -> String {
            let c = col[f.rawValue]
            return c >= 0 && c < texts.count ? texts[c] : ""
        }
        // Counted without building arrays or copying texts: most rows are items, and the
        // non-empty texts are only needed for the rarer row shapes below.
        var nonEmptyCount = 0
        var firstNonEmpty = -1
        var mappedCount = 0
        let mapped = self.mapped
        for i in texts.indices where !texts[i].isEmpty {
            if nonEmptyCount == 0 { firstNonEmpty = i }
            nonEmptyCount += 1
            if i < mapped.count && mapped[i] { mappedCount += 1 }
        }
        var nonEmpty: [String] { texts.filter { !$0.isEmpty } }
        // Computed where used, so an item row does not hold a second reference to its texts.
        var nomor: String { at(.nomor) }
        var ringkasan: String { at(.ringkasan) }
        var dataFilled = 0
        for c in dataColumns where c < texts.count && !texts[c].isEmpty { dataFilled += 1 }

        if inSignature && dataFilled < 3 { return }
        if isRepeatedHeader(texts, nomor: nomor) { return }
        if nonEmptyCount >= 3 && Self.isColumnNumber(texts[firstNonEmpty], 1) && Self.isColumnNumberRow(nonEmpty) {
            return
        }
        // A row with text only outside the table's columns (junk columns, or a heading merged
        // from a column left of the table) is read whole, for headings and signatures only;
        // otherwise only the table's columns decide what the row is.
        let strayOnly = mappedCount == 0
        if strayOnly && firstNonEmpty >= firstMapped { return }
        if !strayOnly && mappedCount < nonEmptyCount {
            for i in texts.indices where i >= mapped.count || !mapped[i] { texts[i] = "" }
            nonEmptyCount = mappedCount
        }
        if nomor.isEmpty && ringkasan.isEmpty && dataFilled == nonEmptyCount
            && nonEmpty.allSatisfy({ HeaderMatcher.subField($0) != nil }) && !nonEmpty.allSatisfy(Values.isTick)
        {
            return  // a repeated sub-header (Cetak / Online)
        }
        var allText: String { nonEmpty.joined(separator: " ") }

        // A value in the category column marks an item: section rows do not fill it.
        // A link marks an item too (a table of titles and links has no data columns at all).
        if dataFilled == 0 && nonEmptyCount <= 3 && at(.kategori).isEmpty && at(.tautan).isEmpty {
            let text = allText
            if let _ = Values.category(text), Self.isSectionShape(text, nomor: nomor, ringkasan: ringkasan) {
                sectionText = text
                subgroup = nil
                return
            }
            if Self.isSignature(text) {
                inSignature = true
                return
            }
            if let heading = Self.subgroupHeading(nonEmpty: nonEmpty, nomor: nomor, ringkasan: ringkasan) {
                subgroup = heading
                return
            }
        }
        if strayOnly { return }  // junk beside the table: counted in the ignored-columns line
        if nomor.isEmpty && ringkasan.isEmpty && dataFilled <= 2 {
            if Self.isSignature(allText) {
                inSignature = true
                return
            }
            sink.problem(factory.make(
                .rowIgnored, sheet: sheet, row: number,
                message: "Baris ini tidak dibaca sebagai informasi: tidak ada nomor dan ringkasan isi informasi (\"\(Self.shorten(allText))\").",
                hint: "Jika baris ini memang sebuah informasi, isi kolom Nomor dan Ringkasan Isi Informasi; jika bukan, abaikan pesan ini."))
            return
        }
        if fillsFirstColumn {
            if texts[0].isEmpty { texts[0] = lastFirstColumn } else { lastFirstColumn = texts[0] }
        }
        sink.item(makeItem(number: number, texts: &texts, errorColumns: errorColumns))
    }

    /// The one info line about junk: columns that are not DIP fields but held data, and the
    /// error values in them. Nil when there was none.
    func junkProblem(headerRow: Int) -> Problem? {
        let columns = junkColumns.indices.filter { junkColumns[$0] }
        guard !columns.isEmpty else { return nil }
        let names = columns.prefix(8).map { c -> String in
            if let label = map.labels[c] { return "\"\(Self.shorten(label))\" (\(columnLetters(c)))" }
            return "tanpa judul (\(columnLetters(c)))"
        }
        var message = "Kolom yang bukan unsur DIP diabaikan: " + names.joined(separator: ", ")
            + (columns.count > 8 ? ", dan \(columns.count - 8) kolom lain" : "") + "."
        if junkErrors > 0 {
            message += " Di dalamnya ada \(Self.grouped(junkErrors)) sel berisi nilai galat (misalnya #REF!)."
        }
        return factory.make(
            .columnsIgnored, sheet: sheet, row: headerRow, message: message,
            hint: "Tidak perlu diperbaiki; jika salah satu kolom itu memang unsur DIP, beri judul kolom yang jelas (misalnya \"Ringkasan Isi Informasi\" atau \"Tautan\").")
    }

    /// Excel's error values as text ("#REF!", "#N/A" …), as a CSV export writes them.
    static func isErrorLiteral(_ t: String) -> Bool {
        guard t.utf8.count <= 8, t.hasPrefix("#") else { return false }
        return ["#REF!", "#N/A", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#N/A!"]
            .contains(t.uppercased())
    }

    /// A database NULL exported as text ("NULL", "null").
    static func isNullLiteral(_ t: String) -> Bool {
        t.utf8.count == 4 && t.lowercased() == "null"
    }

    /// A header repeated under a section: three cells equal to the header's labels, or (for a
    /// reworded copy) a non-numeric nomor cell and three recognised labels.
    private func isRepeatedHeader(_ texts: [String], nomor: String) -> Bool {
        var same = 0
        // Lengths first: a data cell rarely has its header label's length, and comparing
        // counts is cheaper than comparing strings.
        for (c, label) in headerLabels
        where c < positional && texts[c].utf8.count == label.utf8.count && texts[c] == label {
            same += 1
            if same >= 3 { return true }
        }
        if let first = nomor.unicodeScalars.first, ("0"..."9").contains(first) { return false }
        let n = Text.fold(nomor)
        guard n.isEmpty || n == "no" || n == "nomor" || n.count > 3 else { return false }
        return ColumnMap.looksLikeHeader(texts)
    }

    /// The column of a field, nil when the sheet has none.
    private func has(_ f: Field) -> Int? {
        let c = col[f.rawValue]
        return c >= 0 ? c : nil
    }

    /// The item of a row classified as one, under the current section and sub-group.
    ///
    /// Each field's text is moved out of `texts` (the row's texts are not used after this),
    /// except when the row has error cells, whose texts the problems quote.
    private mutating func makeItem(number: Int, texts: inout [String], errorColumns: [Int]) -> InformationItem {
        let col = self.col
        let move = errorColumns.isEmpty
        @inline(__always) func at(_ f: Field) -> String {
            let c = col[f.rawValue]
            guard c >= 0 && c < texts.count else { return "" }
            if !move { return texts[c] }
            var s = ""
            swap(&s, &texts[c])
            return s
        }
        var waktu = at(.waktu)
        var tempat = at(.tempat)
        var waktuNormalised: String? = waktu.isEmpty ? nil : waktu
        var tempatNormalised: String? = tempat.isEmpty ? nil : tempat
        if has(.waktuTempat) != nil {
            let combined = at(.waktuTempat)
            if waktu.isEmpty && tempat.isEmpty {
                waktu = combined
                tempat = ""
                if let split = splitCache.value(combined, Values.splitWaktuTempat) {
                    waktuNormalised = split.waktu
                    tempatNormalised = split.tempat
                } else {
                    // Only a time ("2026", "Saat terjadi"): the whole text is the time part.
                    waktuNormalised = !combined.isEmpty && Values.looksLikeTime(combined) ? combined : nil
                    tempatNormalised = nil
                }
            }
        }
        var bentuk = at(.bentuk)
        var form = formCache.value(bentuk, Values.form)
        if ticks {
            let cetak = Values.isTick(at(.bentukCetak))
            let online = Values.isTick(at(.bentukOnline))
            let ticked = InformationForm(printed: cetak, electronic: online)
            if bentuk.isEmpty || ticked.label != "" {
                bentuk = ticked.label
                form = ticked
            }
        }
        var kategoriColumn = at(.kategori)
        var kelompok = at(.subkelompok)
        // A "kelompok" column holding categories ("Informasi Berkala", "SM") is the category
        // column of a list that has no other.
        if kategoriColumn.isEmpty, !kelompok.isEmpty, has(.kategori) == nil,
           Text.words(Text.fold(kelompok)).count <= 4, categoryCache.value(kelompok, Values.category) != nil {
            swap(&kategoriColumn, &kelompok)
        }
        let kategoriFromColumn = !kategoriColumn.isEmpty
        let kategoriText = kategoriFromColumn ? kategoriColumn : sectionText
        let retensi = at(.retensi)
        let (retention, bareYear) = retentionCache.value(retensi) { Values.retention($0) }
        func opt(_ f: Field) -> String? {
            let s = at(f)
            return s.isEmpty ? nil : s
        }
        var unsafeLink: String?
        var tautan: String?
        // In order: the title's hyperlink, the link column's hyperlink, the link column's text,
        // a hyperlink elsewhere in the row.
        func hyperlink(_ slot: Int) {
            guard tautan == nil else { return }
            var found = links.isEmpty ? nil : links[number &* 4 &+ slot]
            if found == nil, let own = rowLinks {
                let title = col[Field.ringkasan.rawValue], link = col[Field.tautan.rawValue]
                switch slot {
                case 0: found = own[title]
                case 1: found = own[link]
                default: found = own.filter { $0.key != title && $0.key != link }.min { $0.key < $1.key }?.value
                }
            }
            guard let target = found else { return }
            tautan = Values.webLink(target)
            if tautan == nil, unsafeLink == nil { unsafeLink = target }
        }
        hyperlink(0)
        hyperlink(1)
        let linkText = at(.tautan)
        if tautan == nil, !linkText.isEmpty {
            tautan = Values.webLink(linkText)
            if tautan == nil, unsafeLink == nil, Values.looksLikeLink(linkText) { unsafeLink = linkText }
        }
        hyperlink(2)
        if tautan != nil { unsafeLink = nil }
        let item = InformationItem(
            source: SourceLocation(file: factory.file, sheet: sheet, row: number),
            nomor: Values.nomor(at(.nomor)), ringkasan: at(.ringkasan),
            pejabatPenguasa: at(.pejabat), penanggungJawab: at(.penanggungJawab),
            waktuPembuatan: waktu, tempatPembuatan: tempat, bentuk: bentuk,
            retensi: retensi, kategoriText: kategoriText, kategori: kategoriText.flatMap { categoryCache.value($0, Values.category) },
            subkelompok: kelompok.isEmpty ? subgroup : kelompok, judul: has(.judul) == has(.ringkasan) ? nil : opt(.judul),
            keterangan: opt(.keterangan), kode: opt(.kode), dasarHukumText: opt(.dasarHukum), tautan: tautan,
            form: form, retention: retention, tempatNormalised: tempatNormalised,
            waktuNormalised: waktuNormalised)
        checkItem(item, texts: texts, errorColumns: errorColumns, kategoriFromColumn: kategoriFromColumn,
                  bareYear: bareYear, unsafeLink: unsafeLink)
        return item
    }

    /// - Parameter texts: the row's texts, complete only when it has error columns.
    private mutating func checkItem(_ item: InformationItem, texts: [String], errorColumns: [Int],
                                    kategoriFromColumn: Bool, bareYear: Bool, unsafeLink: String?) {
        let row = item.source.row
        /// The field (summary first, then title) whose text holds personal-data values, with their kinds.
        func personalDataIn(_ item: InformationItem) -> (Field, [PersonalDataValues.Kind])? {
            let summary = PersonalDataValues.kinds(in: item.ringkasan)
            if !summary.isEmpty { return (.ringkasan, summary) }
            guard let judul = item.judul else { return nil }
            let title = PersonalDataValues.kinds(in: judul)
            return title.isEmpty ? nil : (.judul, title)
        }
        func problem(_ code: ProblemCode, _ f: Field?, _ message: String, _ hint: String) {
            let c = f.flatMap { has($0) }
            sink.problem(factory.make(
                code, sheet: sheet, row: row, column: c,
                columnName: c.flatMap { map.labels[$0] }, message: message, hint: hint))
        }
        // The seven elements in column order of the message list; checked one by one (no
        // per-row array: this runs for every item).
        // The message and hint of a field's missing value are built once per table and shared
        // by every problem (a list of 50,000 near-empty rows holds 300,000 of them).
        func required(_ f: Field, _ value: String, _ name: @autoclosure () -> String) {
            guard value.isEmpty, has(f) != nil else { return }
            if let texts = missingValueTexts[f] {
                problem(.missingValue, f, texts.message, texts.hint)
                return
            }
            let name = name()
            let texts = (message: "Kolom \(name) kosong.",
                         hint: "Isi \(name) untuk informasi ini; setiap informasi dalam DIP wajib memuat ketujuh unsur (Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar Layanan Informasi Publik).")
            missingValueTexts[f] = texts
            problem(.missingValue, f, texts.message, texts.hint)
        }
        required(.nomor, item.nomor, "nomor")
        required(.ringkasan, item.ringkasan, "ringkasan isi informasi")
        required(.pejabat, item.pejabatPenguasa, "pejabat atau unit yang menguasai informasi")
        required(.penanggungJawab, item.penanggungJawab, "penanggung jawab pembuatan atau penerbitan informasi")
        if has(.waktuTempat) != nil && has(.waktu) == nil {
            required(.waktuTempat, item.waktuPembuatan, "waktu dan tempat pembuatan informasi")
        } else {
            required(.waktu, item.waktuPembuatan, "waktu pembuatan informasi")
            if has(.tempat) != nil {
                required(.tempat, item.tempatPembuatan, "tempat pembuatan informasi")
            }
        }
        required(has(.bentuk) == nil && ticks ? .bentukCetak : .bentuk, item.bentuk, "bentuk informasi yang tersedia")
        required(.retensi, item.retensi, "jangka waktu penyimpanan atau retensi arsip")
        for c in errorColumns {
            sink.problem(factory.make(
                .errorValue, sheet: sheet, row: row, column: c, columnName: map.labels[c],
                message: "Sel berisi nilai galat \(texts[c]).",
                hint: "Perbaiki rumus atau ganti dengan teks biasa."))
        }
        if let text = item.kategoriText, !text.isEmpty, item.kategori == nil {
            problem(.unknownCategory, has(.kategori) != nil && kategoriFromColumn ? .kategori : nil,
                    "Jenis informasi \"\(Self.shorten(text))\" tidak dikenali.",
                    "Tulis salah satu: Berkala, Serta Merta, Setiap Saat, atau Dikecualikan.")
        } else if item.kategoriText == nil || item.kategoriText?.isEmpty == true {
            problem(.missingCategory, has(.kategori) != nil ? .kategori : nil,
                    "Jenis informasi (Berkala, Serta Merta, Setiap Saat, Dikecualikan) tidak dinyatakan.",
                    "Tambahkan kolom Jenis Informasi atau baris judul bagian (A. Berkala, B. Serta Merta, …); PPID akan mengusulkan jenisnya.")
        }
        if bareYear {
            problem(.retentionBareYear, .retensi,
                    "Retensi \"\(item.retensi)\" adalah tahun, bukan jangka waktu penyimpanan.",
                    "Tulis lamanya penyimpanan, misalnya \"5 (lima) tahun\", \"Selama berlaku\" atau \"Permanen\".")
        } else if !item.retensi.isEmpty, item.retention == .unknown {
            problem(.retentionUnknown, .retensi,
                    "Retensi \"\(Self.shorten(item.retensi))\" tidak dapat dibaca sebagai jangka waktu.",
                    "Tulis lamanya penyimpanan, misalnya \"5 (lima) tahun\", \"Selama berlaku\", \"Permanen\" atau \"Sampai …\"; "
                        + "Lampiran Keputusan Penetapan DIP mencetak isian ini apa adanya sebagai jangka waktu penyimpanan.")
        }
        // A summary names the information; the DIP or DIK Lampiran and the website print it. A
        // value of personal data written into it is masked there (`PersonalDataValues`), and the
        // unit is told now, at the cell, rather than the PPID at approval.
        if let (field, kinds) = personalDataIn(item) {
            let listed = RowList.joinedWithDan(kinds.map(\.label))
            problem(.personalDataValue, field,
                    "\(field == .judul ? "Judul" : "Ringkasan") informasi memuat \(listed) seseorang.",
                    "Tulis nama informasinya saja, tanpa datanya (misalnya \"Daftar penerima bantuan sosial beserta NIK\" atau "
                        + "\"Surat pengaduan masyarakat\"): ringkasan dicetak dalam Lampiran keputusan PPID dan di situs web; "
                        + "bila informasinya dikecualikan, data pribadi di dalamnya disamarkan, bila terbuka, dicetak apa adanya.")
        }
        if let typed = yearInDateCell {
            problem(.yearInDateCell, .waktu,
                    "Waktu pembuatan diketik sebagai angka \(typed.year) di sel berformat tanggal, sehingga Excel menampilkannya "
                        + "sebagai tanggal \(typed.shown); dibaca sebagai tahun \(typed.year).",
                    "Ubah format sel itu menjadi Teks atau Umum (General) lalu ketik ulang tahunnya, atau tulis tanggal lengkapnya.")
        }
        if let unsafeLink {
            problem(.linkUnsafe, has(.tautan) != nil ? .tautan : .ringkasan,
                    "Tautan \"\(Self.shorten(unsafeLink))\" bukan alamat web (http:// atau https://), sehingga tidak dipakai.",
                    "Tulis alamat lengkap halaman atau dokumennya, misalnya https://ppid.serangkab.go.id/dokumen.pdf, tanpa spasi.")
        }
        if let received = factory.receivedOn {
            // The time part ("Maret 2026" of "Serang, Maret 2026") is judged and quoted.
            let waktu = item.waktuNormalised ?? item.waktuPembuatan
            let made = waktu.isEmpty ? nil : madeCache.value(waktu, IndonesianDate.earliestDay)
            if let made, made > received {
                let clock = Clock(now: received)
                problem(.madeAfterReceipt, has(.waktu) != nil ? .waktu : .waktuTempat,
                        "Waktu pembuatan \"\(Self.shorten(waktu))\" jatuh sesudah tanggal berkas ini diterima (\(clock.indonesianDate())); informasi yang belum dibuat belum dikuasai dan belum dapat dicantumkan dalam DIP.",
                        "Periksa tahun atau tanggalnya (salah ketik?) dan tulis waktu informasi itu benar-benar dibuat, yang tidak mungkin sesudah berkas dikirim. Bila informasinya memang belum dibuat, hapus barisnya sampai informasinya ada. Baris ini tetap diterima sebagai usulan.")
            } else if made == nil, Self.isNoSuchDay(waktu) {
                // "31/02/2026" was taken silently and printed as the time of making in the decree.
                problem(.dateNoSuchDay, has(.waktu) != nil ? .waktu : .waktuTempat,
                        "Waktu pembuatan \"\(Self.shorten(waktu))\" bukan tanggal yang ada di kalender.",
                        "Periksa hari dan bulannya (salah ketik?), lalu tulis tanggal yang benar, misalnya 28/02/2026 atau \"28 Februari 2026\"; Lampiran Keputusan Penetapan DIP mencetak isian ini apa adanya.")
            }
        }
        if !item.bentuk.isEmpty, !item.form.printed, !item.form.electronic {
            problem(.formUnknown, .bentuk,
                    "Bentuk informasi \"\(Self.shorten(item.bentuk))\" tidak dikenali sebagai cetak atau elektronik.",
                    "Tulis misalnya \"Softcopy\", \"Hardcopy\" atau \"Softcopy dan Hardcopy\".")
        }
    }

    /// Whether `waktu` is written as a numeric date (day, month and year, or ISO) that names no
    /// calendar day ("31/02/2026", "2026-13-01"). Only asked of a text no date was read from.
    static func isNoSuchDay(_ waktu: String) -> Bool {
        guard waktu.utf8.contains(where: { $0 == 0x2F || $0 == 0x2D || $0 == 0x2E }),
              waktu.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || "/-. ".unicodeScalars.contains($0) })
        else { return false }
        do { _ = try IndonesianDate.parse(waktu) } catch IndonesianDate.ParseError.noSuchDay { return true } catch {}
        return false
    }

    // MARK: Row shapes

    static func isColumnNumberRow(_ nonEmpty: [String]) -> Bool {
        guard nonEmpty.count >= 3 else { return false }
        for (k, t) in nonEmpty.enumerated() where !isColumnNumber(t, k + 1) { return false }
        return true
    }

    /// "3" or "(3)" for column 3.
    static func isColumnNumber(_ t: String, _ n: Int) -> Bool {
        let digits = t.hasPrefix("(") && t.hasSuffix(")") ? String(t.dropFirst().dropLast()) : t
        return Int(digits) == n
    }

    /// A category heading: "A. INFORMASI … BERKALA", "1. Serta Merta", "BERKALA".
    static func isSectionShape(_ text: String, nomor: String, ringkasan: String) -> Bool {
        // "3 | Laporan berkala keuangan" with empty data cells is an item missing its fields,
        // not a heading: under a plain number the text must read like a category heading.
        if !nomor.isEmpty, !ringkasan.isEmpty, nomor.allSatisfy(\.isNumber) {
            let r = Text.words(Text.fold(ringkasan))
            let headingWords: Set<Substring> = ["informasi", "berkala", "serta", "merta", "sertamerta",
                                                "setiap", "saat", "dikecualikan", "tersedia", "secara"]
            return r.allSatisfy { headingWords.contains($0) } || Text.hasWord(r, "wajib")
                || Text.hasPhrase(r, ["informasi", "yang"])
        }
        let w = Text.words(Text.fold(text))
        if w.count <= 4 { return true }
        if Text.hasWord(w, "informasi") { return true }
        return stripMarker(text) != text
    }

    /// "1. Informasi tentang Profil Badan Publik" as a heading text, or nil.
    static func subgroupHeading(nonEmpty: [String], nomor: String, ringkasan: String) -> String? {
        guard nonEmpty.count <= 2 else { return nil }
        let label = ringkasan.isEmpty ? nonEmpty.last! : ringkasan
        // Text alone in the nomor column (a merged heading row such as "Bidang Pelayanan").
        if ringkasan.isEmpty, nonEmpty.count == 1, label.count > 4, label.contains(where: \.isLetter) {
            return stripMarker(label)
        }
        if nonEmpty.count == 2 && ringkasan.isEmpty && nomor.isEmpty { return nil }
        let stripped = stripMarker(label)
        let w = Text.words(Text.fold(stripped))
        if w.isEmpty { return nil }
        let headingLike = Text.hasPhrase(w, ["informasi", "tentang"]) || w.first.map { Text.similar($0, "ringkasan") } == true
            || BerkalaSubgroup.allCases.contains { Text.fold($0.title) == w.joined(separator: " ") }
            || (w.first.map { Text.similar($0, "informasi") } == true && w.count <= 8 && label != stripped)
        return headingLike ? stripped : nil
    }

    /// Removes a leading "1.", "a.", "I.", "A)", "(1)" marker.
    static func stripMarker(_ text: String) -> String {
        var s = Substring(text)
        if s.first == "(" { s.removeFirst() }
        let marker = s.prefix { $0.isLetter || $0.isNumber }
        let isMarker = !marker.isEmpty && (marker.allSatisfy(\.isNumber) && marker.count <= 3
            || marker.count == 1 || marker.allSatisfy { "IVXLivxl".contains($0) } && marker.count <= 4)
        guard isMarker else { return text }
        let rest = s.dropFirst(marker.count)
        guard let sep = rest.first, sep == "." || sep == ")" else { return text }
        let body = rest.dropFirst().drop { $0 == " " || $0 == "." || $0 == ")" }
        return body.isEmpty ? text : String(body)
    }

    /// "Serang, 12 Maret 2026", "Kepala Dinas …", "NIP 1970…", "Mengetahui,".
    static func isSignature(_ text: String) -> Bool {
        let w = Text.words(Text.fold(text))
        guard let first = w.first else { return false }
        let starters: Set<Substring> = ["nip", "mengetahui", "ditetapkan", "kepala", "plt", "plh",
                                        "sekretaris", "pembina", "penata", "ttd", "pengelola", "camat",
                                        "direktur", "an", "a", "ppid", "menyetujui", "dibuat"]
        if starters.contains(first) { return true }
        let hasMonth = w.contains { Values.monthNames.contains(String($0)) }
        let hasYear = w.contains { $0.count == 4 && Int($0).map { (1990...2100).contains($0) } == true }
        return hasMonth && hasYear && text.contains(",") && w.count <= 6
    }

    /// 37507 as "37.507", the way Indonesian text groups thousands.
    static func grouped(_ n: Int) -> String { IndonesianNumber.grouped(n) }

    static func shorten(_ s: String) -> String {
        s.count <= 60 ? s : String(s.prefix(57)) + "…"
    }
}

/// What is in force when a table's first row is read: the category a heading above the header
/// row, the title column's header or the sheet's name declares, and a sub-group heading between
/// that heading and the header.
struct TableStart {
    var section: String?
    var subgroup: String?
    /// Whether an empty first column continues the value above it (CSV: no merges recorded).
    var fillsFirstColumn = false
}

/// A parsed-value cache for texts that repeat on many rows (bentuk, retensi, category, waktu):
/// a 16-slot direct-mapped front, its slot picked from the text's length and end bytes (no
/// hashing of the whole text), before a dictionary capped at `limit` entries.
struct ValueCache<V> {
    private var front = [(key: String, value: V)?](repeating: nil, count: 16)
    private var table: [String: V] = [:]
    static var limit: Int { 50_000 }

    mutating func value(_ key: String, _ compute: (String) -> V) -> V {
        // Over the contiguous bytes: `utf8.last` on a String walks a generic index path.
        let slot = key.utf8.withContiguousStorageIfAvailable { u -> Int in
            let first = Int(u.first ?? 0)
            let last = Int(u.last ?? 0)
            return (u.count &* 7 &+ first &* 3 &+ last) & 15
        } ?? 0
        if let entry = front[slot], entry.key == key { return entry.value }
        let v: V
        if let known = table[key] {
            v = known
        } else {
            v = compute(key)
            if table.count < Self.limit { table[key] = v }
        }
        front[slot] = (key, v)
        return v
    }
}
