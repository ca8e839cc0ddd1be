import Foundation
import OfficeFormats
import Publish

/// A synthetic PPID reviewer, like `SyntheticInbox` for the units: takes the review workbook a
/// run wrote (`reports/review/pemeriksaan-dip.xlsx`), fills it in as the PPID would (the
/// reviewer named; on each decision sheet but the test sheet every third row approved, every
/// seventh returned with a note) and drops it into `inbox/_ppid/`, aged an hour so the next
/// run takes it at once. The crash harness and the determinism bench both drive the SOP's
/// review step through it. Deterministic: the same workbook in, the same bytes out.
public enum FilledReviewWorkbook {
    /// The name the filled workbook is dropped under.
    public static let fileName = "pemeriksaan-dip (isi).xlsx"

    /// Fills the workspace's review workbook and drops it into `inbox/_ppid/`.
    public static func drop(into workspace: Workspace) throws {
        let book = try XLSXWorkbook(path: workspace.review.appendingPathComponent("pemeriksaan-dip.xlsx").path)
        var sheets: [XLSXSheet] = []
        for (index, info) in book.sheets.enumerated() {
            let reader = try book.rows(sheet: index)
            var rows: [[XLSXCell]] = []
            var header: [String] = []
            while let row = try reader.nextRow() {
                var cells = row.cells.map { cell -> XLSXCell in
                    switch cell {
                    case .number(let d): return XLSXCell(.number(d))
                    case .empty: return XLSXCell(.empty)
                    default: return XLSXCell(text(cell))
                    }
                }
                if rows.isEmpty { header = row.cells.map(text) }
                let n = rows.count
                func set(_ column: String, _ value: String) {
                    guard let i = header.firstIndex(of: column) else { return }
                    while cells.count <= i { cells.append(XLSXCell(.empty)) }
                    cells[i] = XLSXCell(value)
                }
                if info.name == ReviewFormat.instructionsSheet,
                   text(row[0]).lowercased() == ReviewFormat.reviewerNameLabel.lowercased() {
                    while cells.count < 2 { cells.append(XLSXCell(.empty)) }
                    cells[1] = XLSXCell("Hj. Siti Pemeriksa")
                } else if n > 0, header.contains(ReviewFormat.decisionHeader), info.name != ReviewFormat.testSheet {
                    if n % 7 == 0 {
                        set(ReviewFormat.decisionHeader, ReviewFormat.returnToUnit)
                        set(ReviewFormat.noteHeader, "Perbaiki ringkasan baris \(n).")
                    } else if n % 3 == 0 {
                        set(ReviewFormat.decisionHeader, ReviewFormat.approve)
                    }
                }
                rows.append(cells)
            }
            sheets.append(XLSXSheet(name: info.name, rows: rows, hidden: info.state != .visible))
        }
        let bytes = try XLSXWriter.write(XLSXDocument(sheets: sheets, created: Date(timeIntervalSince1970: 1_767_225_600)))
        let folder = workspace.inbox.appendingPathComponent(Workspace.ppidInboxFolder, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(fileName)
        try Data(bytes).write(to: url)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: url.path)
    }

    /// A cell as the reviewer reads it.
    public static func text(_ cell: CellValue) -> String {
        switch cell {
        case .empty: return ""
        case .string(let s): return s
        case .number(let d): return d == d.rounded() ? String(Int64(d)) : String(d)
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .error(let e): return e
        case .dateTime(let dt): return String(dt.serial)
        case .isoDateTime(let s): return s
        }
    }
}
