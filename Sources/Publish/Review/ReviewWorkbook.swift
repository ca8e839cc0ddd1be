import DIPCore
import Foundation
import OfficeFormats
import Register
import Rules

/// The review workbook (*lembar kerja pemeriksaan*) for the PPID and the Tim Pelayanan
/// Informasi: one sheet per category of the draft, the items waiting for a consequence test,
/// the changes since the last decree, the problems per unit and the completeness per unit.
/// Decision and test columns carry dropdowns; hidden columns carry each row's item id and
/// revision and the hidden sheet `_dip` the format marker and draft number, so that the
/// workbook dropped back into `inbox/_ppid/` is read by `ReviewWorkbookReader`.
public enum ReviewWorkbook {
    /// Fill shading input cells, so the reviewer sees where to type.
    static let inputFill = "FFF2CC"
    /// Dropdown validations cover this many rows beyond the data (a reviewer may add none,
    /// but a validation on an empty table still shows the intent).
    static let validationSlack = 0
    /// zlib level 2, not the usual 6: the workbook is made again by every run that changes the
    /// draft, and deflating its sheets at level 6 was a tenth of an update's CPU (0.2 s of
    /// 2.2 s at 1×, 60 units); level 2 takes a quarter of that for a file about a quarter
    /// larger (2.1 → 2.7 MB at 1×). The parts' contents are the same (docs/review.md).
    static let compression = ZipCompression.deflate(level: 2)

    /// The workbook as .xlsx bytes; the same input and clock give the same bytes.
    public static func build(
        draft: DIPVersion?, pending: [PendingTest], diff: VersionDiff,
        problemsByUnit: [String: [Problem]], completeness: CompletenessReport?, token: String? = nil, clock: Clock
    ) throws -> [UInt8] {
        try build(ReviewInput(draft: draft, pending: pending, diff: diff,
                              problemsByUnit: problemsByUnit, completeness: completeness, token: token), clock: clock)
    }

    /// The workbook for a prepared input (unit names for problem-only units included).
    public static func build(_ input: ReviewInput, clock: Clock) throws -> [UInt8] {
        let failure = ReviewReadFailure()
        let bytes = try build(input, tables: ReviewContent.tables(input, failure: failure), clock: clock)
        try failure.check()
        return bytes
    }

    /// - Parameter tap: given each table's rows as they are written (the review page).
    static func build(_ input: ReviewInput, tables: [ReviewTable], clock: Clock, tap: ReviewRowTap? = nil) throws -> [UInt8] {
        try XLSXWriter.write(document(input, tables: tables, clock: clock, tap: tap))
    }

    /// The workbook as `build` makes it, written to `url` as it is zipped (see
    /// `XLSXWriter.write(_:streamingTo:)`).
    static func write(_ input: ReviewInput, tables: [ReviewTable], clock: Clock, tap: ReviewRowTap? = nil,
                      to url: URL) throws {
        try XLSXWriter.write(document(input, tables: tables, clock: clock, tap: tap), streamingTo: url)
    }

    static func document(_ input: ReviewInput, tables: [ReviewTable], clock: Clock, tap: ReviewRowTap?) -> XLSXDocument {
        var sheets = [instructionsSheet(input, clock: clock, contents: contentsLine(tables))]
        if let held = HeldListsSection.sheet(input, clock: clock) { sheets.append(held) }
        if let periods = ExemptionPeriodsSection.sheet(input, clock: clock) { sheets.append(periods) }
        if let changes = RuleChangesSection.table(input) { sheets.append(sheet(changes)) }
        if let records = IncompleteRecordsSection.table(input, clock: clock) { sheets.append(sheet(records)) }
        for (t, table) in tables.enumerated() {
            sheets.append(sheet(table, tap: tap.map { tap in { r, values in tap.row(t, r, values) } }))
        }
        sheets.append(metaSheet(input, clock: clock))
        let doc = XLSXDocument(
            sheets: sheets, title: "Lembar Kerja Pemeriksaan DIP", creator: "dip",
            created: clock.now, timeZone: Clock.wib, longText: .truncate,
            compression: compression)
        return doc
    }

    /// What the workbook's sheets hold, counted as their rows ("Isi lembar kerja ini: Berkala 11,
    /// Serta Merta 2, …"): the page lists the same counts beside its sections; the workbook said
    /// none, and a PPID officer checking that 20 items in the draft and 3 awaiting their test make
    /// the 23 the units sent had to count rows. Nil without tables.
    static func contentsLine(_ tables: [ReviewTable]) -> String? {
        guard !tables.isEmpty else { return nil }
        let counts = tables.map { "\($0.sheet) \(IndonesianNumber.grouped($0.rowCount))" }
        return "Isi lembar kerja ini (jumlah baris setiap sheet): " + counts.joined(separator: ", ") + "."
    }

    static func instructionsSheet(_ input: ReviewInput, clock: Clock, contents: String? = nil) -> XLSXSheet {
        var lines = ReviewContent.instructions(input, clock: clock)
        // Under the version line: what the sheets hold.
        if let contents { lines.insert(contents, at: 2) }
        // Each instruction spans both columns (the label column alone is too narrow to read).
        var rows: [[XLSXCell]] = [[XLSXCell(lines[0], style: XLSXStyle(bold: true, wrap: true))]]
        for line in lines.dropFirst() { rows.append([XLSXCell(line, style: XLSXStyle(wrap: true, verticalTop: true))]) }
        if let line = ReviewContent.changesSummary(input) {
            // Under the draft's line, what an update changed, before the sheets of every item; the
            // PERHATIAN lines below go above it (inserted at the same place after it).
            rows.insert([XLSXCell(line, style: XLSXStyle(bold: true, wrap: true, verticalTop: true))], at: 2)
        }
        if !input.held.isEmpty {
            // Right under the title and draft lines, before the steps: a held list is not on any sheet.
            rows.insert([XLSXCell("PERHATIAN: \(input.held.count) kiriman daftar ditahan dan belum diterapkan; "
                                  + "lihat sheet \(ReviewFormat.heldSheet) untuk perintah melepas atau menolaknya.",
                                  style: XLSXStyle(bold: true, wrap: true, verticalTop: true))], at: 2)
        }
        if !input.exemptionNotices.isEmpty {
            // Under the title lines too: these exemptions are on no sheet the PPID decides on.
            rows.insert([XLSXCell(ExemptionPeriodsSection.summary(
                input.exemptionNotices, noticeDays: input.exemptionNoticeDays, place: "sheet \(ReviewFormat.exemptionPeriodsSheet)"),
                                  style: XLSXStyle(bold: true, wrap: true, verticalTop: true))], at: 2)
        }
        if let line = IncompleteRecordsSection.summary(input) {
            // Under the title lines too: these records wait for their number or day on their own sheet.
            rows.insert([XLSXCell(line, style: XLSXStyle(bold: true, wrap: true, verticalTop: true))], at: 2)
        }
        if let line = RuleChangesSection.summary(input) {
            // Under the title lines too: these items wait for a choice on their own sheet.
            rows.insert([XLSXCell(line, style: XLSXStyle(bold: true, wrap: true, verticalTop: true))], at: 2)
        }
        let merges = rows.indices.map { MergedRange(firstRow: $0 + 1, lastRow: $0 + 1, firstColumn: 0, lastColumn: 1) }
        rows.append([])
        let input = XLSXStyle(border: true, fill: inputFill, locked: false)
        for label in [ReviewFormat.reviewerNameLabel, ReviewFormat.reviewerNipLabel, ReviewFormat.reviewerTitleLabel] {
            rows.append([XLSXCell(label, style: XLSXStyle(bold: true, border: true)), XLSXCell(.empty, style: input)])
        }
        return XLSXSheet(
            name: ReviewFormat.instructionsSheet, rows: rows,
            columns: [XLSXColumn(width: 28), XLSXColumn(width: 72)],
            print: XLSXPrintSetup(paperSize: 14, landscape: false, fitToWidth: true, titleRows: nil), merges: merges)
    }

    /// - Parameter tap: given each row's texts (0-based row, as the table numbers them) when
    ///   the writer makes the row.
    static func sheet(_ table: ReviewTable, tap: (@Sendable (Int, [String]) -> Void)? = nil) -> XLSXSheet {
        let inputStyle = XLSXStyle(wrap: true, border: true, fill: inputFill, verticalTop: true, locked: false)
        // A sheet whose column is fitted to its texts may make its rows twice (`XLSXColumn.fitLimit`):
        // the page is given each row once.
        let tapped = TappedRows()
        // Rows are made while the sheet is written: as cells, a draft's tables were a quarter
        // of a run's peak memory.
        let row: @Sendable (Int) -> [XLSXCell] = { r in
            guard r > 0 else { return table.columns.map { XLSXCell($0.header, style: .header) } }
            // An empty table prints its headers and the page's sentence under them, not a page of
            // headers alone (read as a page left blank by mistake); the reader skips the row, as
            // it has no decision.
            guard table.rowCount > 0 else { return [XLSXCell(emptyTableText, style: XLSXStyle(verticalTop: true))] }
            let values = table.row(r - 1)
            if let tap, tapped.first(r - 1) { tap(r - 1, values) }
            var cells: [XLSXCell] = []
            cells.reserveCapacity(table.columns.count)
            for (i, column) in table.columns.enumerated() {
                let text = i < values.count ? values[i] : ""
                let style = column.input ? inputStyle : .body
                if column.numeric, let n = Double(text) {
                    cells.append(XLSXCell(.number(n), style: style))
                } else {
                    cells.append(XLSXCell(text.isEmpty ? .empty : .string(text), style: style))
                }
            }
            return cells
        }
        let last = max(2, table.rowCount + 1 + validationSlack)
        var validations: [XLSXListValidation] = []
        for (i, column) in table.columns.enumerated() where !column.options.isEmpty {
            let letter = columnLetters(i)
            validations.append(XLSXListValidation(
                range: "\(letter)2:\(letter)\(last)", options: column.options,
                errorMessage: "Pilih salah satu: " + column.options.joined(separator: ", ")))
        }
        return XLSXSheet(
            name: table.sheet, rowCount: max(table.rowCount, 1) + 1, row: row,
            columns: table.columns.map { XLSXColumn(width: $0.width, hidden: $0.hidden, fitLimit: $0.fitLimit) },
            frozenRows: 1, frozenColumns: columnsThroughSummary(table.columns.map(\.header)), autoFilter: true,
            print: .f4Landscape, validations: validations)
    }

    /// What an empty table says, in the workbook and on the page.
    public static let emptyTableText = "Tidak ada data."

    static func metaSheet(_ input: ReviewInput, clock: Clock) -> XLSXSheet {
        let rows: [[XLSXCell]] = [
            [XLSXCell("format"), XLSXCell(ReviewFormat.marker)],
            [XLSXCell("versi_draf"), input.draft.map { XLSXCell(.number(Double($0.number))) } ?? XLSXCell(.empty)],
            [XLSXCell("dibuat"), XLSXCell(clock.rfc3339())],
        ] + (input.token.map { [[XLSXCell("token"), XLSXCell($0)]] } ?? [])
        return XLSXSheet(name: ReviewFormat.metaSheet, rows: rows, hidden: true)
    }
}

/// The rows of a sheet already given to the page: the writer makes a sheet's rows in order,
/// and a second time only from the first row again (a fitted column widened).
final class TappedRows: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0

    /// True the first time row `r` is made.
    func first(_ r: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard r == next else { return false }
        next += 1
        return true
    }
}
