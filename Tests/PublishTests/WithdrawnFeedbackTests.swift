import DIPCore
import Foundation
import OfficeFormats
import Register
import XCTest

@testable import Publish

/// A list that withdraws many items: the feedback workbook said them in one summary cell,
/// which holds 32,767 characters, so a few hundred withdrawn titles were cut ("…") and the
/// unit never learnt the rest. Every withdrawn item now has a row of its own.
final class WithdrawnFeedbackTests: XCTestCase {
    let unit = WorkUnit(code: "dinkes", name: "Dinas Kesehatan")
    let clock = Clock(now: Date(timeIntervalSince1970: 1_767_225_600))

    func withdrawn(_ count: Int) -> [ItemDelta] {
        (1...count).map { k in
            ItemDelta(itemID: String(format: "dinkes-%04d", k), unit: "dinkes", revision: 1, change: .withdrawn, fields: [],
                      ringkasan: k == 7 ? "" : "Laporan pelaksanaan kegiatan pelayanan kesehatan nomor \(k)",
                      nomor: "\(k)")
        }
    }

    func testEveryWithdrawnItemOfALongListIsOnARowOfItsOwn() throws {
        let gone = withdrawn(3_000)
        // What the summary cell used to hold: far beyond a cell.
        XCTAssertGreaterThan(try XCTUnwrap(UnitFeedback.withdrawnText(gone)).utf16.count, XLSXWriter.maxCellText)
        let documents = try UnitFeedback.documents(unit: unit, items: [], problems: [], returnNotes: [], classifications: [],
                                                   withdrawn: gone, clock: clock)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dip-withdrawn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("umpan-balik.xlsx")
        try Data(documents.workbook).write(to: file)
        let workbook = try XLSXWorkbook(path: file.path)

        // The summary counts them and says where they are, in a cell that is not cut.
        let summary = try workbook.rows(sheet: try XCTUnwrap(workbook.sheetIndex(named: "Ringkasan")))
        var summaryTexts: [String] = []
        while let row = try summary.nextRow() {
            for c in 0..<3 { if case .string(let t) = row[c] { summaryTexts.append(t) } }
        }
        let line = try XCTUnwrap(summaryTexts.first { $0.contains("dianggap ditarik") }, "\(summaryTexts)")
        XCTAssertTrue(line.hasPrefix("3.000 informasi dianggap ditarik"), line)
        XCTAssertTrue(line.contains("\"Informasi Ditarik\""), line)
        XCTAssertFalse(summaryTexts.contains { $0.hasSuffix("…") }, "a summary cell was cut")

        let sheet = try workbook.rows(sheet: try XCTUnwrap(workbook.sheetIndex(named: "Informasi Ditarik"), "no sheet of withdrawn items"))
        let header = try XCTUnwrap(try sheet.nextRow())
        XCTAssertEqual((0..<3).map { c -> String in if case .string(let t) = header[c] { return t } else { return "" } },
                       ["Nomor", "Ringkasan Isi Informasi", "ID DIP"])
        var rows: [[String]] = []
        while let row = try sheet.nextRow() {
            rows.append((0..<3).map { c -> String in
                switch row[c] {
                case .string(let t): return t
                case .number(let n): return String(Int(n))
                default: return ""
                }
            })
        }
        XCTAssertEqual(rows.count, 3_000)
        XCTAssertEqual(rows.first, ["1", "Laporan pelaksanaan kegiatan pelayanan kesehatan nomor 1", "dinkes-0001"])
        XCTAssertEqual(rows[6], ["7", "(baris tanpa Ringkasan Isi Informasi)", "dinkes-0007"])
        XCTAssertEqual(rows.last, ["3000", "Laporan pelaksanaan kegiatan pelayanan kesehatan nomor 3000", "dinkes-3000"])

        // The page lists them in a table of that name too, every one.
        XCTAssertTrue(documents.page.contains("<h2>Informasi Ditarik"), String(documents.page.prefix(3000)))
        XCTAssertTrue(documents.page.contains("Laporan pelaksanaan kegiatan pelayanan kesehatan nomor 3000"))
    }

    /// A few are still named in the summary itself, and listed in the sheet as well.
    func testAFewWithdrawnItemsAreNamedInTheSummary() throws {
        let gone = withdrawn(2)
        let c = UnitFeedback.content(unit: unit, items: [], problems: [], returnNotes: [], classifications: [],
                                     withdrawn: gone, citations: .builtIn, clock: clock)
        XCTAssertTrue(c.summary.contains { $0.hasPrefix("Informasi yang dianggap ditarik karena tidak ada lagi dalam daftar ini (2): no. 1 \"Laporan") },
                      "\(c.summary)")
        XCTAssertEqual(c.tables.first { $0.sheet == "Informasi Ditarik" }?.rows.count, 2)
        let none = UnitFeedback.content(unit: unit, items: [], problems: [], returnNotes: [], classifications: [],
                                        citations: .builtIn, clock: clock)
        XCTAssertNil(none.tables.first { $0.sheet == "Informasi Ditarik" }, "no sheet when nothing was withdrawn")
    }
}
