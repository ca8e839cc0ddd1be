import DIPCore
import Foundation
import OfficeFormats
import Register
import Rules

/// The review pack as one static HTML page (`reports/review/index.html`): the same tables as
/// the review workbook, readable offline (no scripts, no external files) and printable
/// (landscape, table headers repeated on each page).
public enum ReviewPage {
    public static func html(
        draft: DIPVersion?, pending: [PendingTest], diff: VersionDiff,
        problemsByUnit: [String: [Problem]], completeness: CompletenessReport?, clock: Clock
    ) -> String {
        html(ReviewInput(draft: draft, pending: pending, diff: diff, problemsByUnit: problemsByUnit,
                         completeness: completeness), clock: clock)
    }

    public static func html(_ input: ReviewInput, clock: Clock) -> String {
        var page: [UInt8] = []
        // The only error `write` passes on is the emitter's, and this one cannot fail.
        try! write(input, tables: ReviewContent.tables(input), clock: clock) { page += $0 }
        return String(decoding: page, as: UTF8.self)
    }

    /// Emits the page in pieces of UTF-8, a table row at a time, so a big draft's page is never
    /// held whole in memory (as one String it was a quarter of a run's peak). Rows found in
    /// `kept` are copied instead of rendered.
    static func write(
        _ input: ReviewInput, tables: [ReviewTable], clock: Clock, kept: KeptRows? = nil,
        to emit: ([UInt8]) throws -> Void
    ) throws {
        try withoutActuallyEscaping(emit) { emit in
            let writer = ReviewPageWriter(tables: tables, kept: kept, emit: emit)
            try writer.start(input, clock: clock)
            try writer.finish()
        }
    }
}

/// The review page written as its tables' rows are made: `start` emits the head and the
/// contents, `row` each row of a table (tables in order, rows in order), `finish` the rest.
/// A table whose rows were not given (and the rest of one given in part) is written from its
/// own rows, so the page is whole whoever drives it: `ReviewPack.write` gives it the rows the
/// workbook makes, so each row is made once for both.
final class ReviewPageWriter: @unchecked Sendable {
    let tables: [ReviewTable]
    let kept: KeptRows?
    let emit: ([UInt8]) throws -> Void
    /// The table being written and the next row it expects.
    private var table = -1
    private var next = 0
    private var shown: [Int] = []
    private var labels: [[UInt8]] = []
    /// Whether the table being written is shown as cards (`HTMLTables.wideColumns`).
    private var wide = false
    private var out: [UInt8] = []

    init(tables: [ReviewTable], kept: KeptRows?, emit: @escaping ([UInt8]) throws -> Void) {
        self.tables = tables
        self.kept = kept
        self.emit = emit
    }

    private func emitText(_ text: String) throws { try emit(Array(text.utf8)) }

    func start(_ input: ReviewInput, clock: Clock) throws {
        let lines = ReviewContent.instructions(input, clock: clock)
        try emitText(HTMLTables.pageHead(title: "Pemeriksaan Daftar Informasi Publik"))
        var header = "<header><h1>\(HTMLTables.escape(lines[0]))</h1>\n<p>\(HTMLTables.escape(lines[1]))</p>\n"
        header += "<p>Halaman ini berisi hal yang sama dengan lembar kerja pemeriksaan (Excel). "
            + "Keputusan diisi pada lembar kerja tersebut, bukan di halaman ini.</p>\n"
        if let line = ReviewContent.changesSummary(input),
           let t = tables.firstIndex(where: { $0.sheet == ReviewFormat.changesSheet }) {
            // The workbook's sheet is the page's section: the line links to it.
            let said = line.replacingOccurrences(of: "sheet \(ReviewFormat.changesSheet)", with: "\u{1}")
                .split(separator: "\u{1}", omittingEmptySubsequences: false).map { HTMLTables.escape(String($0)) }
            header += "<p><strong>" + said.joined(separator: "<a href=\"#t\(t + 1)\">bagian \(HTMLTables.escape(tables[t].title))</a>")
                + "</strong></p>\n"
        }
        header += HeldListsSection.html(input, clock: clock)
        header += ExemptionPeriodsSection.html(input, clock: clock)
        header += RuleChangesSection.html(input)
        header += IncompleteRecordsSection.html(input, clock: clock)
        header += "<nav><ul>\n"
        for (i, t) in tables.enumerated() {
            header += "<li><a href=\"#t\(i + 1)\">\(HTMLTables.escape(t.title))</a> (\(t.rowCount))</li>\n"
        }
        header += "</ul></nav></header>\n<main>\n"
        try emitText(header)
    }

    /// Row `r` of table `t`, whose texts are `values` (all columns, as the table makes them).
    func row(_ t: Int, _ r: Int, _ values: [String]) throws {
        try advance(to: t)
        // Rows not given so far are made here (never when driven in order).
        while next < r { try write(next, tables[t].row(next)); next += 1 }
        guard r == next else { return }
        try write(r, values)
        next += 1
    }

    func finish() throws {
        try advance(to: tables.count)
        try emitText("</main>\n")
        try emitText(HTMLTables.pageTail)
    }

    /// Closes the open table and writes whole the tables before `t`, then opens `t`.
    private func advance(to t: Int) throws {
        precondition(t >= table, "review page tables are written in order")
        guard t > table else { return }
        if table >= 0 { try close() }
        while table + 1 < t {
            try open(table + 1)
            try close()
        }
        if t < tables.count { try open(t) }
    }

    private func open(_ t: Int) throws {
        table = t
        next = 0
        let table = tables[t]
        // Input columns are empty here and ids are shown, so the page can be checked
        // against the workbook row by row.
        shown = table.columns.indices.filter {
            !table.columns[$0].input || table.columns[$0].header == ReviewFormat.legalBasisHeader
        }
        try emitText("<section id=\"t\(t + 1)\">\n<h2>\(HTMLTables.escape(table.title))</h2>\n<p>\(HTMLTables.escape(table.intro))</p>\n")
        let headers = shown.map { table.columns[$0].header.replacingOccurrences(of: " (jangan diubah)", with: "") }
        if table.rowCount == 0 {
            try emitText("<p class=\"empty\">\(HTMLTables.escape(ReviewWorkbook.emptyTableText))</p>\n")
        } else {
            // The workbook's column widths as shares (`tableOpen`): without them the automatic layout
            // squeezed a short column ("Peringatan" broken over three lines in "Tingkat" at 1366 px).
            try emitText(HTMLTables.tableStart(headers: headers, widths: shown.map { table.columns[$0].width }))
            labels = HTMLTables.labelBytes(headers: headers)
            wide = headers.count > HTMLTables.wideColumns
        }
    }

    private func close() throws {
        let t = tables[table]
        while next < t.rowCount { try write(next, t.row(next)); next += 1 }
        if t.rowCount > 0 { try emitText(HTMLTables.tableEnd) }
        try emitText("</section>\n")
    }

    private func write(_ r: Int, _ row: [String]) throws {
        out.removeAll(keepingCapacity: true)
        let values = shown.map { $0 < row.count ? row[$0] : "" }
        ReviewPage.row(tables[table], r, values: values, labels: labels, wide: wide, kept: kept, into: &out)
        try emit(out)
    }
}

/// The review pack's workbook and page from one set of tables, whose rows are made while
/// they are written: each table reads its items from the register a chunk at a time
/// (`ReviewInput.categoryItems`), so no table holds the draft's rows.
public struct ReviewPack {
    let input: ReviewInput
    let tables: [ReviewTable]
    /// A failed read of a category table's items (`ReviewInput.categoryItems`), thrown once written.
    let failure = ReviewReadFailure()

    public init(_ input: ReviewInput) {
        self.input = input
        self.tables = ReviewContent.tables(input, failure: failure)
    }

    /// The review workbook (.xlsx bytes) alone. A run uses `write`, which makes the workbook and
    /// the page in one pass; this separate pass is kept as the reference the tests compare
    /// `write` with (ReviewPackTests, ReviewKeptRowsTests).
    public func workbook(clock: Clock) throws -> [UInt8] {
        let bytes = try ReviewWorkbook.build(input, tables: tables, clock: clock)
        try failure.check()
        return bytes
    }

    /// The review page alone, emitted in pieces of UTF-8; rows found in `kept.page` are copied.
    /// Like `workbook`, the separate-pass reference for the tests; a run uses `write`.
    public func writePage(clock: Clock, kept: ReviewKeptRows = ReviewKeptRows(),
                          to emit: ([UInt8]) throws -> Void) throws {
        try ReviewPage.write(input, tables: tables, clock: clock, kept: kept.page, to: emit)
        try failure.check()
    }

    /// The workbook and the page in one pass: each row is made once, when the workbook
    /// writes it, and given to the page too (the same bytes as `workbook` and `writePage`:
    /// `ReviewPackTests`). The page is emitted in pieces while the workbook is made; the
    /// workbook's bytes are returned.
    public func write(clock: Clock, kept: ReviewKeptRows = ReviewKeptRows(),
                      page emit: ([UInt8]) throws -> Void) throws -> [UInt8] {
        var workbook: [UInt8] = []
        try write(clock: clock, kept: kept, page: emit) { tap in
            workbook = try ReviewWorkbook.build(input, tables: tables, clock: clock, tap: tap)
        }
        return workbook
    }

    /// `write(clock:kept:page:)` with the workbook written to `workbookURL` as it is zipped
    /// (under a temporary name beside it, renamed when complete) instead of returned: the
    /// same bytes, never whole in memory.
    public func write(clock: Clock, kept: ReviewKeptRows = ReviewKeptRows(), workbookTo workbookURL: URL,
                      page emit: ([UInt8]) throws -> Void) throws {
        try write(clock: clock, kept: kept, page: emit) { tap in
            try ReviewWorkbook.write(input, tables: tables, clock: clock, tap: tap, to: workbookURL)
        }
    }

    private func write(clock: Clock, kept: ReviewKeptRows, page emit: ([UInt8]) throws -> Void,
                       workbook: (ReviewRowTap) throws -> Void) throws {
        try withoutActuallyEscaping(emit) { emit in
            let page = ReviewPageWriter(tables: tables, kept: kept.page, emit: emit)
            try page.start(input, clock: clock)
            let tap = ReviewRowTap(page)
            try workbook(tap)
            try failure.check()
            if let failure = tap.failure { throw failure }
            try page.finish()
            try failure.check()
        }
    }
}

/// Hands the rows the workbook makes to the page writer (the workbook's row callback cannot
/// throw: the first error is kept and thrown once the workbook is made).
final class ReviewRowTap: @unchecked Sendable {
    let page: ReviewPageWriter
    private(set) var failure: Error?

    init(_ page: ReviewPageWriter) { self.page = page }

    func row(_ t: Int, _ r: Int, _ values: [String]) {
        guard failure == nil else { return }
        do { try page.row(t, r, values) } catch { failure = error }
    }
}

/// Small helpers for the offline report pages (review page, unit feedback).
enum HTMLTables {
    static func escape(_ s: String) -> String {
        // A clean value is its own escape (xmlSafe would rebuild it scalar by scalar).
        WebText.isClean(s) ? s : WebText.escape(WebText.xmlSafe(s))
    }

    /// Escaped text with line breaks kept.
    static func cell(_ s: String) -> String {
        if WebText.isClean(s) && !s.utf8.contains(0x0A) { return s }
        let escaped = escape(s)
        // Foundation's replace was most of the review page's remaining time (every cell with
        // a markup character or a dash passed here). Where the LF bytes are exactly what its
        // search finds (XLSXWriter.lineFeedBytesDecide), replace them byte by byte.
        guard XLSXWriter.lineFeedBytesDecide(escaped) else {
            return escaped.replacingOccurrences(of: "\n", with: "<br>")
        }
        guard escaped.utf8.contains(0x0A) else { return escaped }
        var out: [UInt8] = []
        out.reserveCapacity(escaped.utf8.count + 16)
        for b in escaped.utf8 {
            if b == 0x0A { out.append(contentsOf: [0x3C, 0x62, 0x72, 0x3E]) } else { out.append(b) }  // <br>
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func table(headers: [String], rows: [[String]], empty: String, widths: [Double]? = nil,
                      cssClass: String? = nil, commandColumns: Set<Int> = []) -> String {
        var out = ""
        table(headers: headers, rowCount: rows.count, row: { rows[$0] }, empty: empty, widths: widths,
              cssClass: cssClass, commandColumns: commandColumns) { out += $0 }
        return out
    }

    /// A command to copy ("dip test dinsos-0007 --revision 1 --conclusion …"): in a card cell it
    /// broke after "--" (a cell may break anywhere, and a browser breaks after a hyphen), so the
    /// officer read "--" at a line's end and "conclusion" on the next. Each word is kept whole
    /// (`code.perintah span`), the line breaks only at the spaces between them, and the copied
    /// text is the command as written.
    static func commandCell(_ s: String) -> String {
        "<code class=\"perintah\">" + s.split(separator: " ", omittingEmptySubsequences: false)
            .map { "<span>" + escape(String($0)) + "</span>" }.joined(separator: " ") + "</code>"
    }

    /// `<table …>` up to the header row's `<tr>`. With `widths` (the workbook's column widths)
    /// a table that stays a table on a laptop gets its columns in those proportions
    /// (`table.kolom`, fixed layout): laid out by content, a long text starved the short
    /// columns, whose words broke a letter or two a line ("DIT/OL/AK", "Sta/tus"), because a
    /// cell may break anywhere (`overflow-wrap:anywhere`, kept so ids and links never widen
    /// the page). On a phone every table is stacked rows and the widths do not apply.
    static func tableOpen(headers: [String], widths: [Double]?, cssClass: String? = nil) -> String {
        let extra = cssClass.map { " \($0)" } ?? ""
        if headers.count > wideColumns { return "<table class=\"lebar\(extra)\">\n<thead><tr>" }
        guard let widths, widths.count == headers.count, widths.allSatisfy({ $0 > 0 }) else {
            return cssClass.map { "<table class=\"\($0)\">\n<thead><tr>" } ?? "<table>\n<thead><tr>"
        }
        var out = "<table class=\"kolom\(extra)\">\n<colgroup>"
        // Short columns (numbers, categories, statuses) are as wide in em as in the workbook,
        // the others share what is left in the workbook's proportions: as shares of the whole
        // page the short ones were too narrow for their one word at 1366 px and on paper
        // ("Dikecualika/n", "Nomo/r": a cell may break anywhere, see above).
        let fixed = widths.map { $0 <= shortColumn ? ($0 * emPerCharacter + cellPaddingEm) : nil }
        let fixedTotal = fixed.reduce(0) { $0 + ($1 ?? 0) }
        let rest = zip(widths, fixed).reduce(0) { $0 + ($1.1 == nil ? $1.0 : 0) }
        if rest > 0 && fixedTotal > 0 && fixedTotal <= shortColumnsAtMost {
            for (w, f) in zip(widths, fixed) {
                if let f {
                    out += "<col style=\"width:\(String(format: "%.1f", f))em\">"
                } else {
                    out += "<col style=\"width:calc(\(String(format: "%.3f", w / rest)) * (100% - "
                        + "\(String(format: "%.1f", fixedTotal))em))\">"
                }
            }
            return out + "</colgroup>\n<thead><tr>"
        }
        // At least 12 characters' share: a workbook column 7 wide holds "Baris", the same share
        // of a page beside wide text columns did not.
        let shares = widths.map { max($0, 12) }
        let total = shares.reduce(0, +)
        for w in shares { out += "<col style=\"width:\(String(format: "%.1f", w * 100 / total))%\">" }
        return out + "</colgroup>\n<thead><tr>"
    }

    /// A workbook column at most this wide is given its width in em on the page (`tableOpen`).
    static let shortColumn = 20.0
    /// Em per workbook character (Arial's digit is 0.556 em), and the cell's padding in em.
    static let emPerCharacter = 0.6
    static let cellPaddingEm = 0.8
    /// Short columns take at most this many em together (Daftar's four: 33.8), so the text
    /// columns keep some 430 px at 1000 px, below which the table is stacked.
    static let shortColumnsAtMost = 36.0

    /// A table emitted a row at a time.
    static func table(
        headers: [String], rowCount: Int, row: (Int) -> [String], empty: String, widths: [Double]? = nil,
        cssClass: String? = nil, commandColumns: Set<Int> = [], to emit: (String) throws -> Void
    ) rethrows {
        if rowCount == 0 { return try emit("<p class=\"empty\">\(escape(empty))</p>\n") }
        // A wide table becomes one card per row on a laptop and on a phone; every cell
        // carries its column's name for the card (see `css`), or a table with `cssClass`
        // gets the names from the page's CSS (`columnLabelCSS`).
        let labels = cssClass != nil ? [] : headers.map { " data-label=\"\(escape($0))\"" }
        let wide = headers.count > wideColumns
        var out = tableOpen(headers: headers, widths: widths, cssClass: cssClass)
        for h in headers { out += "<th scope=\"col\">\(escape(h))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        try emit(out)
        for r in 0..<rowCount {
            out.removeAll(keepingCapacity: true)
            out += "<tr>"
            for (c, value) in row(r).enumerated() {
                // On a card a long text (an explanation, a summary) spans the card's width: in
                // one grid column of 15 em a 300-character explanation ran to some 30 lines.
                // A command spans the card too, to stay on one line where the screen allows.
                let command = commandColumns.contains(c)
                let span = wide && (command || value.count > longCardText) ? " class=\"panjang\"" : ""
                out += c < labels.count ? "<td\(labels[c])\(span)>" : "<td\(span)>"
                out += command ? commandCell(value) : cell(value)
                out += "</td>"
            }
            out += "</tr>\n"
            try emit(out)
        }
        try emit("</tbody>\n</table>\n")
    }

    /// Tables with more columns than this are shown as cards.
    static let wideColumns = 8
    /// A card's cell longer than this many characters (about three lines of a 15 em grid
    /// column) spans the whole card (`td.panjang`).
    static let longCardText = 90

    /// Screen: tables up to `wideColumns` columns stay tables on a laptop and become stacked
    /// label–value rows on a phone (those with column widths, `table.kolom`, below 1000 px: their
    /// short columns keep a width in em, `tableOpen`, which leaves the text columns too little
    /// on a narrower screen); wider tables (the review's 19 columns) are a card per row with
    /// the fields in a grid, on every screen and on paper (as a table, laid out by content, the
    /// long explanation starved the short columns even at 1920 px: "Berkal/a", "Bar/u"; printed on
    /// F4 every header and most values broke into syllables: "Perang/kat", "Ceta/k"), one field
    /// per line on a phone. Long words (ids, links) break instead of widening the page. Print
    /// keeps the other tables.
    static let css = """
        body{font-family:"Liberation Sans",Arial,sans-serif;font-size:11pt;margin:1.5em;color:#111}
        h1{font-size:16pt}h2{font-size:13pt;margin-top:1.5em;border-bottom:1px solid #999}
        table{border-collapse:collapse;width:100%;margin:.5em 0}table.kolom{table-layout:fixed}
        th,td{border:1px solid #777;padding:3px 5px;vertical-align:top;text-align:left;overflow-wrap:anywhere}
        th{background:#d9d9d9}tbody tr:nth-child(even){background:#f5f5f5}
        .empty{font-style:italic;color:#555}
        code.perintah{font-family:"Liberation Mono","DejaVu Sans Mono",monospace;font-size:.92em}code.perintah span{white-space:nowrap}
        details{margin:.3em 0 .6em}summary{cursor:pointer;color:#1a4f8b}
        td::before{content:attr(data-label);display:none;font-weight:bold;font-size:9.5pt;color:#444}
        @media all{
        table.lebar,table.lebar tbody{display:block}table.lebar thead{display:none}
        table.lebar tr{display:grid;grid-template-columns:repeat(auto-fill,minmax(15em,1fr));gap:2px 10px;
        border:1px solid #777;border-left:4px solid #5b7fa6;margin:0 0 .8em;padding:6px 8px;background:#fff}
        table.lebar td{display:block;border:0;padding:2px 0}table.lebar td:empty{display:none}
        table.lebar td.panjang{grid-column:1/-1}
        table.lebar td::before{display:block}}
        @media screen and (max-width:1000px){
        table.kolom,table.kolom tbody,table.kolom tr{display:block}table.kolom thead{display:none}
        table.kolom tr{border:1px solid #777;margin:0 0 .8em;padding:6px 8px}
        table.kolom td{display:block;border:0;padding:2px 0}table.kolom td:empty{display:none}
        table.kolom td::before{display:block}}
        @media screen and (max-width:700px){
        body{margin:.6em;font-size:12pt}
        table,tbody,tr{display:block}thead{display:none}
        tr{border:1px solid #777;margin:0 0 .8em;padding:6px 8px}table.lebar tr{grid-template-columns:1fr}
        td{display:block;border:0;padding:2px 0}td:empty{display:none}td::before{display:block}}
        @page{size:330mm 215mm;margin:12mm}
        @media print{nav{display:none}thead{display:table-header-group}tr{page-break-inside:avoid}
        section{page-break-before:always}section:first-of-type{page-break-before:auto}}
        """

    static func page(title: String, body: String, extraCSS: String = "") -> String {
        pageHead(title: title, extraCSS: extraCSS) + body + pageTail
    }

    /// CSS giving the cells of `table.<cssClass>` their column names for the stacked layout
    /// (what each cell's `data-label` does otherwise): a long table's cells then carry no
    /// attribute, which was a third of a 20,000-row unit feedback page (session 19).
    static func columnLabelCSS(cssClass: String, headers: [String]) -> String {
        headers.enumerated().map { i, header in
            let quoted = header.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "table.\(cssClass) td:nth-child(\(i + 1))::before{content:\"\(quoted)\"}"
        }.joined(separator: "\n")
    }

    static func pageHead(title: String, extraCSS: String = "") -> String {
        """
        <!DOCTYPE html>
        <html lang="id">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        \(css)\(extraCSS.isEmpty ? "" : "\n" + extraCSS)
        </style>
        </head>
        <body>

        """
    }

    static let pageTail = "</body>\n</html>\n"
}
