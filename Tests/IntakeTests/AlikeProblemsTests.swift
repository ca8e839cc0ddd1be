import DIPCore
import Foundation
import TestSupport
import XCTest

@testable import Intake

/// The collector keeps `alikeProblemsKept` problems of one code in one column of a sheet and
/// summarises the rest in one problem with the count, the row range and what to do.
final class AlikeProblemsTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = try Scratch.directory("alike")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    /// 5,000 rows holding only a number: six empty DIP columns and an empty Jenis column per
    /// row (35,000 problems) are kept as 200 per column plus one summary each.
    func testNumberOnlyRowsAreSummarisedPerColumn() throws {
        let path = dir.appendingPathComponent("nomor-saja.csv").path
        var text = LayoutTests.header + "\n"
        for k in 1...5_000 { text += "\(k);;;;;;;\n" }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let r = readSubmission(at: path)
        XCTAssertEqual(r.status, .accepted, r.reason ?? "")
        XCTAssertEqual(r.items.count, 5_000)
        let fields = 7
        // Problems of the whole file (no row: the guessed delimiter) are not summarised.
        let fileNotes = r.problems.filter { $0.row == nil }
        XCTAssertTrue(fileNotes.allSatisfy { $0.severity == .info }, "\(fileNotes)")
        XCTAssertLessThanOrEqual(r.problems.count - fileNotes.count, alikeProblemsKept * fields + fields)
        let summaries = r.problems.filter { $0.alsoInRows != nil }
        XCTAssertEqual(summaries.count, fields)
        XCTAssertEqual(Set(summaries.map(\.column)).count, fields)
        for s in summaries {
            // Data rows are 2...5001; the first 200 of each column are listed (2...201).
            XCTAssertEqual(s.alsoInRows, 4_800)
            XCTAssertEqual(s.row, 202)
            XCTAssertTrue(s.message.contains("4.800 baris lain (baris 202–5001)"), s.message)
            // The range is every row: not named a second time ("Baris itu: 202–5001").
            XCTAssertFalse(s.message.contains("Baris itu"), s.message)
            XCTAssertTrue(s.message.contains("nomor-saja.csv"), s.message)
            XCTAssertEqual(s.severity, ProblemCode(rawValue: s.code)?.severity)
        }
        let pj = try XCTUnwrap(summaries.first { $0.columnName == "Penanggung Jawab" })
        XCTAssertEqual(pj.code, "missing-value")
        XCTAssertTrue(pj.message.contains("juga tanpa isi pada kolom \"Penanggung Jawab\""), pj.message)
        XCTAssertEqual(pj.hint, "Isi kolom itu untuk semua baris, lalu kirim ulang.")
        XCTAssertEqual(summaries.filter { $0.code == "missing-category" }.count, 1)
        // Counts stay the number of problems found, not of lines kept.
        XCTAssertEqual(r.problems.reduce(0) { $0 + $1.standsFor }, 35_000 + fileNotes.count)
        let report = checkReportText([r])
        XCTAssertTrue(report.contains("Masalah: 0 galat, 30000 peringatan, \(5_000 + fileNotes.count) catatan"), report)
        XCTAssertTrue(report.contains("4.800 baris lain (baris 202–5001)"), report)
    }

    /// Up to the cap nothing changes: 200 alike problems are all kept one by one.
    func testUpToTheCapEveryProblemIsKept() throws {
        let path = dir.appendingPathComponent("kecil.csv").path
        var text = LayoutTests.header + "\n"
        for k in 1...alikeProblemsKept { text += "\(k);Laporan \(k);;Kepala;2026;Softcopy;5 tahun;Berkala\n" }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let r = readSubmission(at: path)
        XCTAssertEqual(r.problems.filter { $0.code == "missing-value" }.count, alikeProblemsKept)
        XCTAssertTrue(r.problems.allSatisfy { $0.alsoInRows == nil })
    }

    /// A summary keeps the severity of what it summarises (an error stays an error), its row
    /// range runs from the first to the last row not kept, rows out of order included, and
    /// problems without a row are never summarised.
    func testSummaryKeepsSeverityAndRowRange() {
        var c = ProblemCollector()
        let rows = Array(10..<(10 + alikeProblemsKept)) + [900, 450, 700]
        for row in rows {
            c.add(Problem(file: "a.xlsx", sheet: "DIP", row: row, column: "C", columnName: "Pejabat",
                          severity: .error, code: "some-error", message: "Salah.", hint: "Perbaiki."))
        }
        for _ in 0..<(alikeProblemsKept + 5) {
            c.add(Problem(file: "a.xlsx", severity: .info, code: "file-note", message: "Catatan.", hint: ""))
        }
        // Another column of the same code is counted on its own.
        c.add(Problem(file: "a.xlsx", sheet: "DIP", row: 5, column: "D", severity: .error,
                      code: "some-error", message: "Salah.", hint: "Perbaiki."))
        let problems = c.finish()
        XCTAssertEqual(problems.count, alikeProblemsKept + (alikeProblemsKept + 5) + 1 + 1)
        let s = try! XCTUnwrap(problems.last)
        XCTAssertEqual(s.severity, .error)
        XCTAssertEqual(s.code, "some-error")
        XCTAssertEqual(s.alsoInRows, 3)
        XCTAssertEqual(s.row, 450)
        XCTAssertTrue(s.message.hasPrefix("… dan 3 baris lain (baris 450–900) pada berkas \"a.xlsx\", sheet \"DIP\""), s.message)
        XCTAssertTrue(s.message.contains("pada kolom \"Pejabat\""), s.message)
        // Session 19: every row not listed one by one is still named, compactly.
        XCTAssertTrue(s.message.contains("Baris itu: 450, 700, 900. "), s.message)
        XCTAssertEqual(c.last?.code, "some-error")
    }
}
