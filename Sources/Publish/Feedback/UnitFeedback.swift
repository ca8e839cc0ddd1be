import DIPCore
import Foundation
import OfficeFormats
import Register
import Rules

/// How a file a unit sent this run was taken, for its feedback.
public struct FeedbackFile: Hashable, Sendable {
    public enum Status: Hashable, Sendable { case accepted, refused, duplicate, held }
    public var fileName: String
    public var status: Status
    /// For an accepted file "N informasi dibaca dari sheet 'X'"; for a refused one, why.
    public var detail: String

    public init(fileName: String, status: Status, detail: String) {
        self.fileName = fileName
        self.status = status
        self.detail = detail
    }

    /// "DITERIMA", "DITOLAK" or "SAMA": the word the text feedback uses too.
    public var statusText: String {
        switch status {
        case .accepted: return "DITERIMA"
        case .refused: return "DITOLAK"
        case .duplicate: return "SAMA dengan berkas yang sudah diterima"
        case .held: return "DITAHAN menunggu keputusan PPID"
        }
    }
}

/// Feedback for one unit (*umpan balik*): its own rows, each with the problems found in it,
/// the suggested classification and the PPID's return notes, plus the problems of the file
/// as a whole. As XLSX (`reports/unit/<unit>/umpan-balik-<unit>.xlsx`) and HTML (`.html`).
public enum UnitFeedback {
    static let summarySheet = "Ringkasan"
    static let itemsSheet = "Daftar"
    static let fileProblemsSheet = "Masalah Berkas"
    static let infoSheet = "Untuk Diketahui"
    static let notesSheet = "Catatan PPID"
    static let withdrawnSheet = "Informasi Ditarik"

    /// The feedback workbook.
    ///
    /// - Parameters:
    ///   - items: The rows read from the unit's last file.
    ///   - problems: The problems of that file; those on an item's row are shown with it.
    ///   - returnNotes: `AppDatabase.returnNotes(unit:)`.
    ///   - classifications: One per item, in the same order (may be empty).
    public static func workbook(
        unit: WorkUnit, items: [InformationItem], problems: [Problem], returnNotes: [ReturnNote],
        classifications: [Classification], files: [FeedbackFile] = [], citations: LegalCitations = .builtIn,
        clock: Clock
    ) throws -> [UInt8] {
        try workbook(unit: unit, content(unit: unit, items: items, problems: problems, returnNotes: returnNotes,
                                         classifications: classifications, files: files, citations: citations,
                                         clock: clock), clock: clock)
    }

    /// The workbook and the page together, from one reading of the rows (`content` made once:
    /// a run writes both for every unit that sent a file).
    public static func documents(
        unit: WorkUnit, items: [InformationItem], problems: [Problem], returnNotes: [ReturnNote],
        classifications: [Classification], testsOnRecord: [Int: TestOnRecord] = [:], withdrawn: [ItemDelta] = [],
        files: [FeedbackFile] = [], citations: LegalCitations = .builtIn, clock: Clock
    ) throws -> (workbook: [UInt8], page: String) {
        let d = try feedbackDocuments(unit: unit, items: items, problems: problems, returnNotes: returnNotes,
                                      classifications: classifications, testsOnRecord: testsOnRecord, withdrawn: withdrawn,
                                      files: files, citations: citations, clock: clock)
        return (d.workbook, d.page)
    }

    /// The workbook and the page, with the codes the page gave to the lines its rows repeat.
    public struct FeedbackDocuments: Sendable {
        public var workbook: [UInt8]
        public var page: String
        /// The page's "C1", "C2"…: the unit's text feedback cites the same lines by the same
        /// codes (`FeedbackReport.text(…, codes:)`).
        public var codes: RepeatedNotes
    }

    /// `documents`, with the page's codes.
    public static func feedbackDocuments(
        unit: WorkUnit, items: [InformationItem], problems: [Problem], returnNotes: [ReturnNote],
        classifications: [Classification], testsOnRecord: [Int: TestOnRecord] = [:], withdrawn: [ItemDelta] = [],
        files: [FeedbackFile] = [], citations: LegalCitations = .builtIn, clock: Clock
    ) throws -> FeedbackDocuments {
        let c = content(unit: unit, items: items, problems: problems, returnNotes: returnNotes,
                        classifications: classifications, testsOnRecord: testsOnRecord, withdrawn: withdrawn,
                        files: files, citations: citations, clock: clock)
        let (page, codes) = pageAndCodes(unit: unit, c)
        return FeedbackDocuments(workbook: try workbook(unit: unit, c, clock: clock), page: page, codes: codes)
    }

    typealias Content = (summary: [String], files: Table, tables: [Table])

    static func workbook(unit: WorkUnit, _ c: Content, clock: Clock) throws -> [UInt8] {
        // First sheet: what to do, then each file's status.
        var summaryRows: [[XLSXCell]] = [[XLSXCell("Umpan Balik Daftar Informasi Publik – \(unit.name)",
                                                   style: XLSXStyle(bold: true, wrap: true))]]
        for line in c.summary { summaryRows.append([XLSXCell(line, style: XLSXStyle(wrap: true, verticalTop: true))]) }
        let merges = summaryRows.indices.map { MergedRange(firstRow: $0 + 1, lastRow: $0 + 1, firstColumn: 0, lastColumn: 2) }
        summaryRows.append([])
        summaryRows.append(c.files.headers.map { XLSXCell($0, style: .header) })
        if c.files.rows.isEmpty {
            summaryRows.append([XLSXCell(c.files.empty, style: .body), XLSXCell(.empty, style: .body), XLSXCell(.empty, style: .body)])
        }
        for r in c.files.rows { summaryRows.append(r.map { XLSXCell($0.isEmpty ? .empty : .string($0), style: .body) }) }
        var sheets: [XLSXSheet] = [XLSXSheet(
            name: summarySheet, rows: summaryRows, columns: c.files.widths.map { XLSXColumn(width: $0) },
            print: XLSXPrintSetup(paperSize: 14, landscape: false, fitToWidth: true, titleRows: nil), merges: merges)]
        for t in c.tables {
            var rows = [t.headers.map { XLSXCell($0, style: .header) }]
            for r in t.rows { rows.append(r.map { XLSXCell($0.isEmpty ? .empty : .string($0), style: .body) }) }
            // A printed sheet of headers alone read as a page left blank by mistake: the page's
            // sentence for an empty table ("Tidak ada masalah pada berkas …") goes under them.
            if t.rows.isEmpty && !t.empty.isEmpty {
                rows.append([XLSXCell(t.empty, style: XLSXStyle(wrap: false, border: false, verticalTop: true))])
            }
            sheets.append(XLSXSheet(
                name: t.sheet, rows: rows, columns: fittedWidths(t).map { XLSXColumn(width: $0) }, frozenRows: 1,
                frozenColumns: columnsThroughSummary(t.headers), autoFilter: true, print: .f4Landscape))
        }
        let doc = XLSXDocument(sheets: sheets, title: "Umpan Balik DIP – \(unit.name)", creator: "dip",
                               created: clock.now, timeZone: Clock.wib, longText: .truncate)
        return try XLSXWriter.write(doc)
    }

    /// "Kolom H (Jangka Waktu Penyimpanan): " before a row's problem in the workbook and page: the
    /// row is the table's, but a row with two problems ("Waktu pembuatan …", "Retensi …") left the
    /// clerk to find each cell by the field's name; the text feedback names the column, so do
    /// these (session 24). Empty for a problem of the whole row.
    static func columnLead(_ p: Problem) -> String {
        guard let column = p.column, !column.isEmpty else { return "" }
        let name = p.columnName?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return name.isEmpty ? "Kolom \(column): " : "Kolom \(column) (\(name)): "
    }

    /// The widest a feedback column grows to show a long text whole (`XLSXRowHeight.widthFitting`).
    static let widestColumn = 110.0

    /// The table's column widths, each widened where a cell's text would need a row taller than
    /// a spreadsheet shows: a long classification explanation (rules, grounds, precedents) in
    /// the 40-wide column was cut after 31 lines, on screen and on paper.
    static func fittedWidths(_ t: Table) -> [Double] {
        t.widths.enumerated().map { c, width in
            XLSXRowHeight.widthFitting(t.rows.lazy.map { c < $0.count ? $0[c] : "" }, width: width,
                                       limit: max(width, widestColumn))
        }
    }

    /// The same feedback as a self-contained HTML page.
    public static func html(
        unit: WorkUnit, items: [InformationItem], problems: [Problem], returnNotes: [ReturnNote],
        classifications: [Classification], files: [FeedbackFile] = [], citations: LegalCitations = .builtIn,
        clock: Clock
    ) -> String {
        html(unit: unit, content(unit: unit, items: items, problems: problems, returnNotes: returnNotes,
                                 classifications: classifications, files: files, citations: citations, clock: clock))
    }

    static func html(unit: WorkUnit, _ c: Content) -> String {
        pageAndCodes(unit: unit, c).page
    }

    static func pageAndCodes(unit: WorkUnit, _ c: Content) -> (page: String, codes: RepeatedNotes) {
        // Written as bytes, each table row by `HTMLTables.rowBytes` (one pass per cell where
        // that gives `cell`'s bytes): the same page as `table(headers:rows:empty:)` joined as
        // strings (`UnitFeedbackPageTests`), which was a fifth of the feedback's time.
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        func add(_ s: String) { out.append(contentsOf: s.utf8) }
        let itemsHeaders = c.tables.first { $0.sheet == itemsSheet }?.headers ?? []
        add(HTMLTables.pageHead(title: "Umpan Balik DIP – \(unit.name)",
                                extraCSS: HTMLTables.columnLabelCSS(cssClass: itemsClass, headers: itemsHeaders)))
        add("<header><h1>\(HTMLTables.escape("Umpan Balik Daftar Informasi Publik – \(unit.name)"))</h1>\n")
        for line in c.summary { add("<p>\(HTMLTables.escape(line))</p>\n") }
        add("</header>\n<main>\n")
        var tables = c.tables
        var codes = RepeatedNotes(rows: [])
        if let i = tables.firstIndex(where: { $0.sheet == itemsSheet }), let (items, repeated, coded) = compacted(tables[i]) {
            tables[i] = items
            tables.insert(repeated, at: i)
            codes = coded
        }
        for t in [c.files] + tables {
            add("<section>\n<h2>\(HTMLTables.escape(t.title))</h2>\n")
            if t.rows.isEmpty {
                add(HTMLTables.table(headers: t.headers, rows: [], empty: t.empty))
            } else {
                // The items table (one row per item: 20,000 on a long list) is labelled by the
                // page's CSS, not cell by cell.
                let byCSS = t.sheet == itemsSheet
                add(HTMLTables.tableStart(headers: t.headers, widths: t.widths, cssClass: byCSS ? itemsClass : nil))
                let labels = byCSS ? [] : HTMLTables.labelBytes(headers: t.headers)
                let wide = t.headers.count > HTMLTables.wideColumns
                for row in t.rows { HTMLTables.rowBytes(row, labels: labels, wide: wide, into: &out) }
                add(HTMLTables.tableEnd)
            }
            add("</section>\n")
        }
        add("</main>\n")
        add(HTMLTables.pageTail)
        return (String(decoding: out, as: UTF8.self), codes)
    }

    /// The CSS class of the items table on the page (`HTMLTables.columnLabelCSS`).
    static let itemsClass = "daftar"

    /// The columns of the items table whose lines repeat from row to row: the explanation
    /// of the classification and the row's problems.
    static let repeatingColumns = [5, 6]

    /// The items table with the lines many rows share (`RepeatedNotes`) replaced by their
    /// codes, and the table of those lines; nil when no line repeats enough. The page only:
    /// the workbook (compressed, filtered by column) keeps every line on its row.
    static func compacted(_ t: Table) -> (items: Table, repeated: Table, codes: RepeatedNotes)? {
        // Split in the standard library, once per cell: Foundation's components(separatedBy:)
        // bridges through NSString on Linux and was most of the page's cost on a regency's run
        // (session 19).
        func lines(_ cell: String) -> [String] {
            cell.isEmpty ? [] : cell.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        let split = t.rows.map { row in repeatingColumns.map { lines(row[$0]) } }
        let repeated = RepeatedNotes(rows: split.map { $0.flatMap { $0 } })
        guard !repeated.isEmpty else { return nil }
        var items = t
        for r in items.rows.indices {
            for (c, column) in repeatingColumns.enumerated() {
                let all = split[r][c]
                let coded = all.map { (line: $0, code: repeated.code($0)) }
                let codes = coded.compactMap(\.code)
                guard !codes.isEmpty else { continue }
                items.rows[r][column] = (["Catatan berulang: " + codes.joined(separator: ", ")]
                    + coded.filter { $0.code == nil }.map(\.line)).joined(separator: "\n")
            }
        }
        let table = Table(
            sheet: "", title: "Catatan yang Berulang (ditulis sekali; baris di bawah menyebut kodenya)",
            headers: ["Kode", "Catatan", "Jumlah Baris"], widths: [10, 90, 14],
            rows: repeated.labelled.map { [$0.code, $0.text, IndonesianNumber.grouped($0.rows)] }, empty: "")
        return (items, table, repeated)
    }

    struct Table {
        var sheet: String
        var title: String
        var headers: [String]
        var widths: [Double]
        var rows: [[String]]
        var empty: String
    }

    static func content(
        unit: WorkUnit, items: [InformationItem], problems: [Problem], returnNotes: [ReturnNote],
        classifications: [Classification], testsOnRecord: [Int: TestOnRecord] = [:], withdrawn: [ItemDelta] = [],
        files: [FeedbackFile] = [], citations: LegalCitations, clock: Clock
    ) -> Content {
        // Problems on a row that holds an item go with that item; the rest concern the file.
        var byRow: [String: [Problem]] = [:]
        func key(_ sheet: String?, _ row: Int) -> String { "\(sheet ?? "")\u{1}\(row)" }
        let itemRows = Set(items.map { key($0.source.sheet, $0.source.row) })
        var fileProblems: [Problem] = []
        // Informational notes (a CSV dialect guessed, a sheet not read) ask for nothing.
        let infos = problems.filter { $0.severity == .info }
        for p in problems where p.severity != .info {
            if let row = p.row, itemRows.contains(key(p.sheet, row)) {
                byRow[key(p.sheet, row), default: []].append(p)
            } else {
                fileProblems.append(p)
            }
        }
        // A summary of alike problems stands for rows beyond the first 200 listed one by one:
        // each of them gets the summary's short line, which points to the summary's row (one
        // text per summary, so the workbook's shared strings hold it once). Only rows holding an
        // item are in the table; a summary with rows not known or not in it leaves the caveat
        // below.
        var shortLines: [String: [String]] = [:]
        var everySummarisedRowMarked = true
        for p in problems where p.severity != .info && p.alsoInRows != nil {
            guard let first = p.row, let runs = p.summarisedRows, p.namesEverySummarisedRow else {
                everySummarisedRowMarked = false
                continue
            }
            let line = "• \(columnLead(p))\(p.rowText ?? p.message) (Masalah yang sama pada banyak baris; saran perbaikannya "
                + "pada ringkasan di baris \(first).)"
            for run in runs {
                for row in run where row != first {
                    let k = key(p.sheet, row)
                    guard itemRows.contains(k) else { everySummarisedRowMarked = false; continue }
                    shortLines[k, default: []].append(line)
                }
            }
        }
        func notes(for item: InformationItem) -> [ReturnNote] {
            returnNotes.filter { $0.nomor == item.nomor && $0.ringkasan == item.ringkasan }
        }
        let rows = items.enumerated().map { (i, item) -> [String] in
            let c = i < classifications.count ? classifications[i] : nil
            let suggested = c.flatMap { $0.suggested }.map { s -> String in
                var t = s.shortLabel
                // "Berkala (B)" left a unit clerk to guess what B is: the sub-group is named, as
                // the review pack names it.
                if s == .berkala, let g = c?.subgroup { t += " – sub-kelompok \(g.rawValue) (\(g.title))" }
                if c?.needsConsequenceTest == true {
                    t += testsOnRecord[i].map { "; " + testedText($0, clock: clock) } ?? "; perlu uji konsekuensi oleh PPID"
                }
                return t
            } ?? ""
            let rowKey = key(item.source.sheet, item.source.row)
            let rowProblems = (byRow[rowKey] ?? []).map {
                "• \(columnLead($0))\($0.message)" + ($0.hint.isEmpty ? "" : " Saran: \($0.hint)")
            } + (shortLines[rowKey] ?? [])
            let ppid = notes(for: item).map { "\($0.note) (\($0.by), \(clock.indonesianDate($0.at)))" }
            return [
                "\(item.source.row)", item.nomor, item.ringkasan, item.kategoriText ?? "", suggested,
                c.map { plainExplanation($0, tested: testsOnRecord[i] != nil, title: ownTitle(item), citations: citations) } ?? "",
                rowProblems.joined(separator: "\n"),
                ppid.joined(separator: "\n"),
            ]
        }
        // A summary of alike problems (`Problem.alsoInRows`) sits on the first row it stands
        // for; the rows after it are not listed, so they are counted from it: at least the
        // rows listed for that code and column plus the rows it stands for ("sedikitnya").
        let listedRows = rows.filter { !$0[6].isEmpty }.count
        var withProblems = listedRows
        for s in problems where s.severity != .info {
            guard let more = s.alsoInRows else { continue }
            let listed = problems.filter {
                $0.alsoInRows == nil && $0.sheet == s.sheet && $0.column == s.column && $0.code == s.code
            }.count
            withProblems = max(withProblems, listed + more)
        }
        // Any summary leaves rows uncounted that no other problem lists: the count is a floor
        // even when other columns' rows outnumber it (a list of 1,500 rows with 900 to fix read
        // "522 baris perlu diperbaiki").
        // Exact again when every row a summary stands for carries its short line.
        let summarised = !everySummarisedRowMarked
        let rowsToFix = (summarised ? "sedikitnya " : "") + IndonesianNumber.grouped(withProblems)
        let refused = files.filter { $0.status == .refused || $0.status == .held }
        var summary = [
            "Dibuat \(clock.indonesianDate()). \(IndonesianNumber.grouped(items.count)) informasi dibaca; "
                + "\(rowsToFix) baris perlu diperbaiki; \(IndonesianNumber.grouped(fileProblems.count)) masalah pada berkas; "
                + "\(IndonesianNumber.grouped(returnNotes.count)) informasi dikembalikan oleh PPID.",
        ]
        if files.isEmpty {
            summary.append("Tidak ada berkas baru dari unit Anda pada proses ini; umpan balik ini memuat daftar Anda yang tercatat dan catatan PPID terbaru.")
        }
        if let said = withdrawnSummary(withdrawn) { summary.append(said) }
        if withProblems == 0 && fileProblems.isEmpty && returnNotes.isEmpty && refused.isEmpty {
            summary.append("Tidak ada yang perlu diperbaiki.")
        } else {
            summary.append("Perbaiki berkas Anda sesuai catatan berikut lalu kirim ulang daftar lengkap ke folder inbox/\(unit.code)/.")
        }
        // The rows a summary stands for carry nothing in the problems column: said, so that a
        // row left blank there is not read as a row without problems.
        let summaryRows = problems.filter { $0.severity != .info && $0.alsoInRows != nil }.compactMap(\.row)
        let rowsText = RowList.andList(summaryRows)
        if !summaryRows.isEmpty && everySummarisedRowMarked {
            summary.append("Masalah yang sama pada banyak baris ditulis lengkap hanya pada baris-baris pertamanya; "
                + "baris lain yang memilikinya menyebutnya singkat (kolom \"Masalah pada Baris Ini\") dan saran "
                + "perbaikannya ada pada ringkasan di baris \(rowsText).")
        } else if !summaryRows.isEmpty {
            summary.append("Masalah yang sama pada banyak baris ditulis satu per satu hanya pada baris-baris pertamanya; "
                + "baris lain yang memilikinya disebut dalam ringkasan pada baris \(rowsText) (kolom \"Masalah pada Baris Ini\"). "
                + "Baris yang kolom itu kosong belum tentu bebas dari masalah tersebut.")
        }
        if !infos.isEmpty {
            // A summary counts for the rows it stands for, as the problems to fix do ("202 catatan"
            // for 4,001 rows' notes, beside "… dan 3.800 baris lain").
            summary.append("\(IndonesianNumber.grouped(infos.reduce(0) { $0 + $1.standsFor })) catatan untuk diketahui "
                + "(tidak perlu diperbaiki).")
        }
        let fileTable = Table(
            sheet: summarySheet, title: "Status Berkas", headers: ["Berkas", "Status", "Keterangan"],
            widths: [30, 16, 60], rows: files.map { [$0.fileName, $0.statusText, $0.detail] },
            empty: "Tidak ada berkas baru pada proses ini.")
        var tables = [
            Table(sheet: itemsSheet, title: "Daftar Informasi dan Catatannya",
                  headers: ["Baris", "Nomor", "Ringkasan Isi Informasi", "Kategori dari Unit", "Usulan Klasifikasi",
                            "Penjelasan Klasifikasi", "Masalah pada Baris Ini", "Catatan PPID"],
                  widths: [7, 8, 48, 16, 20, 40, 48, 36], rows: rows, empty: "Tidak ada informasi yang terbaca."),
            Table(sheet: fileProblemsSheet, title: "Masalah pada Berkas",
                  headers: ["Berkas", "Lokasi", "Tingkat", "Masalah", "Saran Perbaikan"],
                  widths: [24, 28, 12, 48, 40],
                  rows: fileProblems.map { [$0.file, $0.locationText, ReviewContent.severityLabel($0.severity),
                                           $0.message, $0.hint] },
                  empty: "Tidak ada masalah pada berkas secara keseluruhan."),
            Table(sheet: infoSheet, title: "Untuk Diketahui (tidak perlu diperbaiki)",
                  headers: ["Berkas", "Lokasi", "Catatan"],
                  widths: [24, 28, 70],
                  rows: infos.map { [$0.file, $0.locationText, $0.message] },
                  empty: "Tidak ada catatan."),
            Table(sheet: notesSheet, title: "Informasi yang Dikembalikan PPID",
                  headers: ["ID DIP", "Revisi", "Nomor", "Ringkasan Isi Informasi", "Catatan Perbaikan", "Oleh", "Tanggal"],
                  widths: [16, 8, 8, 48, 48, 20, 16],
                  rows: returnNotes.sorted { $0.itemID < $1.itemID }.map {
                      [$0.itemID, "\($0.revision)", $0.nomor, $0.ringkasan, $0.note, $0.by, clock.indonesianDate($0.at)]
                  },
                  empty: "Tidak ada informasi yang dikembalikan."),
        ]
        // Every withdrawn item on a row of its own: the summary's one cell holds 32,767
        // characters, and a list that withdrew a few hundred items was cut there ("…"), the
        // rest never told to the unit.
        if !withdrawn.isEmpty {
            tables.append(Table(
                sheet: withdrawnSheet, title: "Informasi Ditarik (dianggap ditarik karena tidak ada lagi dalam daftar terakhir)",
                headers: ["Nomor", "Ringkasan Isi Informasi", "ID DIP"], widths: [10, 80, 18],
                rows: withdrawn.map { [$0.nomor ?? "", $0.ringkasan.isEmpty ? withdrawnWithoutSummary : $0.ringkasan, $0.itemID] },
                empty: ""))
        }
        return (summary, fileTable, tables)
    }

    /// How many withdrawn items the summary names one by one; a longer list is counted there
    /// and listed in the "Informasi Ditarik" table only.
    public static let withdrawnNamedInSummary = 10

    static let withdrawnWithoutSummary = "(baris tanpa Ringkasan Isi Informasi)"

    /// The summary's line on the withdrawn items: `withdrawnText` for a few, else their count
    /// and where they are listed (the workbook's sheet and the page's table of that name).
    static func withdrawnSummary(_ withdrawn: [ItemDelta]) -> String? {
        guard withdrawn.count > withdrawnNamedInSummary else { return withdrawnText(withdrawn) }
        return "\(IndonesianNumber.grouped(withdrawn.count)) informasi dianggap ditarik karena tidak ada lagi dalam "
            + "daftar ini; semuanya tercantum satu per baris pada \"\(withdrawnSheet)\". Bila ada yang tidak sengaja "
            + "terhapus, tambahkan kembali barisnya lalu kirim ulang daftar lengkap."
    }

    /// The items the unit's new list withdrew (rows no longer in it), as its feedback says them:
    /// a row deleted by mistake withdraws an item from the DIP, and the unit was never told which.
    /// Nil when none.
    public static func withdrawnText(_ withdrawn: [ItemDelta]) -> String? {
        guard !withdrawn.isEmpty else { return nil }
        let named = withdrawn.map(withdrawnName)
        return "Informasi yang dianggap ditarik karena tidak ada lagi dalam daftar ini "
            + "(\(IndonesianNumber.grouped(withdrawn.count))): " + named.joined(separator: "; ")
            + ". Bila tidak sengaja terhapus, tambahkan kembali barisnya lalu kirim ulang daftar lengkap."
    }

    /// One withdrawn item as the text names it: `no. 3 "Profil dinas"`.
    public static func withdrawnName(_ d: ItemDelta) -> String {
        (d.nomor.map { $0.isEmpty ? "" : "no. \($0) " } ?? "")
            // A row whose summary was empty is named as such, not as a pair of quotes.
            + (d.ringkasan.isEmpty ? withdrawnWithoutSummary
                : "\"\(d.ringkasan.split(whereSeparator: \.isNewline).joined(separator: " "))\"")
    }

    /// An item the rules flag whose current revision the PPID already tested, as its unit reads
    /// it: "Perlu uji konsekuensi oleh PPID" there asked again for a test on record (a published
    /// item sent back unchanged read as not yet tested).
    public static func testedText(_ t: TestOnRecord, clock: Clock) -> String {
        let when = t.testedOn.map { " pada \(clock.indonesianDate($0))" } ?? ""
        // An exemption is also tested again when its period ends (the review pack and the unit's
        // blank forms then ask for it, `ExemptionPeriods`): "only if changed" would contradict them.
        let again = t.conclusion == .open ? "bila isinya diubah" : "bila isinya diubah atau jangka waktu pengecualiannya berakhir"
        return "sudah diuji konsekuensi oleh PPID\(when), kesimpulan: \(t.conclusion.label.lowercased()) (diuji lagi \(again))"
    }

    /// A classification note as unit staff read it: a precedent's note without its
    /// "[sumber: owner/repository:path/file.php]", a reference into the corpus that means
    /// nothing to them (the PPID's review pack keeps it, for whoever checks the precedent).
    /// Likewise the PPID's own precedent's "[register: uji konsekuensi dinkes-0007, 2026-03-02]".
    /// The classifier's word for another body's decision, *preseden*, is a lawyer's and an
    /// engineer's word: unit staff read "Judul serupa di badan publik lain: …" instead
    /// (`plainWording`, session 24).
    public static func unitNote(_ note: String) -> String {
        plainWording(withoutReference(note))
    }

    static func withoutReference(_ note: String) -> String {
        guard note.hasSuffix("].") else { return note }
        for reference in [" [sumber: ", " [register: "] {
            if let start = note.lastByteRange(of: reference) { return String(note[..<start.lowerBound]) + "." }
        }
        return note
    }

    /// The classifier's phrases naming precedents (Rules/Classifier.swift, PrecedentVerdict.swift),
    /// each in words a unit clerk reads without a glossary; longer phrases first. A phrase the
    /// classifier gains later still loses the word (the last two), if less gracefully.
    static let plainPhrases: [(String, String)] = [
        ("Preseden: mirip dengan '", "Judul mirip: '"),
        ("Preseden terdekat dikecualikan tetapi judulnya tidak cukup sama", "Judul paling mirip di badan publik lain dikecualikan, tetapi tidak cukup sama"),
        ("preseden terdekat condong dikecualikan", "judul paling mirip di badan publik lain condong dikecualikan"),
        ("preseden kuat memakai", "judul yang sangat mirip di badan publik lain memakai"),
        ("preseden kuat menyarankan", "judul yang sangat mirip di badan publik lain menyarankan"),
        ("preseden tidak cukup kuat", "judul di badan publik lain tidak cukup mirip"),
        ("preseden yang mirip hanya sedikit", "judul yang mirip di badan publik lain hanya sedikit"),
        ("tidak ada preseden yang mirip", "tidak ada judul yang mirip di badan publik lain"),
        ("aturan atau preseden yang sama", "aturan atau judul yang sama di badan publik lain"),
        ("preseden menyarankan", "judul yang mirip di badan publik lain menyarankan"),
        (" preseden terdekat dari ", " judul paling mirip dari "),
        ("Preseden", "Judul serupa"),
        ("preseden", "judul serupa"),
    ]

    /// The classifier's opening of a note on the PPID's own decision (`PrecedentVerdict.explanationLine`).
    static let ownDecisionOpening = "Keputusan PPID sendiri: mirip dengan '"

    /// A note on the PPID's own decision as a unit clerk reads it: "Keputusan PPID atas judul
    /// mirip 'X' (kemiripan 80%) — …", and at 100 % "Keputusan PPID atas judul yang sama: …". Under
    /// every unchanged row of an update the clerk read "mirip dengan '<the row's own title>'
    /// (kemiripan 100%)": the PPID's approval of that very item said as a look-alike (session 26).
    ///
    /// - Parameter title: the item's own title (`ownTitle`), when known: a decision at 100 % on
    ///   another wording is "judul mirip" with its title quoted. The PPID's own decisions are
    ///   compared without the names of units ("Data rekam medis pasien Kecamatan Ciruas" is 100 %
    ///   like the decision on "Data rekam medis pasien Kecamatan Cikande", docs/classification.md
    ///   §53): "judul yang sama" would tell the clerk of one unit that the PPID decided its own item.
    static func plainOwnDecision(_ note: String, title: String? = nil) -> String {
        guard note.hasPrefix(ownDecisionOpening) else { return note }
        if let same = note.firstByteRange(of: "' (kemiripan 100%) — ", in: note.startIndex..<note.endIndex),
           title.map({ sameWording(String(note[note.index(note.startIndex, offsetBy: ownDecisionOpening.count)..<same.lowerBound]), $0) }) ?? true {
            return "Keputusan PPID atas judul yang sama: " + note[same.upperBound...]
        }
        return "Keputusan PPID atas judul mirip '" + note.dropFirst(ownDecisionOpening.count)
    }

    /// Two titles with the same words in the same order, whatever their case, punctuation and
    /// numbers (a year, a serial number): one item's title sent again.
    static func sameWording(_ a: String, _ b: String) -> Bool {
        func words(_ text: String) -> [String] { TextNormalizer.tokens(text).filter { !$0.allSatisfy(\.isNumber) } }
        return words(a) == words(b)
    }

    /// The title the PPID's decisions on an item quote (`PPIDDecision`: the judul, else the ringkasan).
    public static func ownTitle(_ item: InformationItem) -> String {
        if let judul = item.judul, !judul.trimmingCharacters(in: .whitespaces).isEmpty { return judul }
        return item.ringkasan
    }

    static func plainWording(_ note: String, ownDecisions: Bool = false, title: String? = nil) -> String {
        let note = plainOwnDecision(note, title: title)
        // Every phrase holds "preseden" or "Preseden"; a byte search, not Foundation's (see
        // `String.replacingBytes`): this runs on every note of every item of a run.
        guard note.firstByteRange(of: "reseden", in: note.startIndex..<note.endIndex) != nil else { return note }
        let plain = plainPhrases.reduce(note) { $0.replacingBytes(of: $1.0, with: $1.1) }
        // When the PPID's own decisions are among the item's precedents they may be the very
        // titles that voted (near enough, only they vote): "di badan publik lain" would then
        // tell the unit another body decided what its own PPID did (session 24 audit).
        return ownDecisions ? plain.replacingBytes(of: " di badan publik lain", with: "") : plain
    }

    /// Whether the PPID's own decisions (the register) are among the item's precedents.
    static func hasOwnDecisions(_ c: Classification) -> Bool {
        c.precedents.contains { $0.origin == Precedent.Origin.ppid.rawValue }
    }

    /// The notes of a classification as unit staff read them (`unitNote`), without a withheld
    /// precedent that neither supports what the unit is told nor is close enough to put the
    /// item to review: a withheld title at 30–35 % similarity beside an open item ("Peta rawan
    /// bencana" → "… — dikecualikan oleh …") reads to unit staff as "your item looks withheld"
    /// when nobody proposes to withhold it. A withheld precedent's note stays when the item is
    /// flagged for a consequence test or suggested dikecualikan, or when the precedent is at
    /// least `PrecedentPolicy.strongSimilarity` similar (the engine's own level at which a
    /// precedent contradicts the unit's category or an open rule and asks for review). Another
    /// body's open title stays at that level too, or when no rule fired and the suggestion is not
    /// the unit's own category (sessions 24–25). The review
    /// pack, `dip rules explain` and the JSON keep every note.
    ///
    /// - Parameter tested: the PPID has tested the item's current revision: the rules' note asking
    ///   for that test ("… lakukan uji konsekuensi sebelum dipublikasikan.") is left out, for the
    ///   feedback says the test was done (a unit read both, one under the other).
    /// - Parameter title: the item's own title (`ownTitle`), when known (`plainOwnDecision`).
    public static func unitNotes(_ c: Classification, tested: Bool = false, title: String? = nil) -> [String] {
        let own = hasOwnDecisions(c)
        return c.notes.filter { unitSees(precedentNote: $0, of: c) && !(tested && asksForTest($0)) }
            .map { plainWording(withoutReference($0), ownDecisions: own, title: title) }
    }

    /// A note of the classifier asking the PPID for a consequence test (Rules/Classifier.swift:
    /// "Dinyatakan dikecualikan: wajib uji konsekuensi …", "…: lakukan uji konsekuensi [dengan
    /// dasar …] sebelum dipublikasikan."); `UnitFeedbackTestedNoteTests` runs the classifier to
    /// keep the two in step.
    static func asksForTest(_ note: String) -> Bool {
        note.hasPrefix("Dinyatakan dikecualikan: wajib uji konsekuensi")
            || (note.contains(": lakukan uji konsekuensi") && note.hasSuffix("sebelum dipublikasikan."))
    }

    static func unitSees(precedentNote note: String, of c: Classification) -> Bool {
        // Withheld precedents set aside by an open word ("standar", "jumlah"): the unit is shown
        // none of them, and the note named the rules file (kamus.yaml) to a unit clerk.
        if note.hasPrefix(Classifier.setAsideNotePrefix) { return false }
        guard let (percent, category) = PrecedentNote.read(note) else { return true }
        // Percent as printed (rounded), against the engine's strong level in whole percent.
        let strong = percent >= Int((PrecedentPolicy.standard.strongSimilarity * 100).rounded())
        if category != .dikecualikan {
            // Another body's open title less similar than that, beside an item a rule explained,
            // asks nothing of the clerk and often shares one word ("Peta Jabatan LLDikti
            // Wilayah IV", 43 %, and "DPA 2021 UPTD PPD CIKANDE", 42 %, beside "Profil Kecamatan
            // Cikande dan peta wilayah", session 24). Kept when no rule fired and dip suggests
            // another category than the unit's own (the titles are then the suggestion's only
            // reason), and for the PPID's own decisions. When no rule fired and dip keeps the
            // unit's category, such titles only share a word or two ("Informasi Bantuan Sosial
            // penanganan Covid-19", 43 %, serta merta, beside "Rekapitulasi jumlah penerima
            // bantuan sosial per desa", setiap saat, session 25): the unit reads "Mengikuti
            // kategori yang Anda isi." instead.
            if strong || !note.hasPrefix("Preseden: mirip dengan '") { return true }
            return c.hits.isEmpty && (c.declared == nil || c.suggested != c.declared)
        }
        if c.needsConsequenceTest || c.suggested == .dikecualikan { return true }
        return strong
    }

    /// The classification explained for unit staff: what the rules saw, in words, with the
    /// exemption grounds cited in full; no rule ids.
    static func plainExplanation(_ c: Classification, tested: Bool = false, title: String? = nil, citations: LegalCitations) -> String {
        var lines = c.hits.map(\.description)
        if !c.exemptionGrounds.isEmpty {
            lines.append("Dasar pengecualian: " + citations.citation(codes: c.exemptionGrounds))
        }
        lines += unitNotes(c, tested: tested, title: title)
        if c.needsReview { lines.append("Akan ditinjau oleh PPID.") }
        if c.missingLegalBasis { lines.append("Dasar hukum pengecualian belum disebutkan.") }
        if lines.isEmpty { lines.append("Mengikuti kategori yang Anda isi.") }
        return lines.joined(separator: "\n")
    }
}
