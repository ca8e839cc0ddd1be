import DIPCore
import Foundation
import Intake
import OfficeFormats
import XCTest

@testable import Publish

/// Feedback on a list whose alike problems were summarised (`Problem.alsoInRows`) still
/// counts every row that needs fixing, not only the rows listed one by one.
final class AlikeProblemsFeedbackTests: XCTestCase {
    /// A semicolon CSV list named `name` with the DIP columns and `rows`, read as dip reads a
    /// unit's file; its folder (removed after the test) for files written beside it.
    func list(_ name: String, rows: [String]) throws -> (dir: URL, result: SubmissionResult) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("alike-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let header = "No;Ringkasan Isi Informasi;Pejabat yang Menguasai Informasi;Penanggung Jawab;Waktu dan Tempat;"
            + "Bentuk Informasi;Retensi;Jenis Informasi"
        let path = dir.appendingPathComponent(name).path
        try Data(([header] + rows).map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: path))
        return (dir, readSubmission(at: path))
    }

    func testRowsToFixCountTheRowsASummaryStandsFor() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("alike-fb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("tanpa-pejabat.csv").path
        var text = "No;Ringkasan Isi Informasi;Pejabat yang Menguasai Informasi;Penanggung Jawab;Waktu dan Tempat;Bentuk Informasi;Retensi;Jenis Informasi\n"
        for k in 1...300 { text += "\(k);Laporan kegiatan \(k);;Kepala;2026;Softcopy;5 tahun;Berkala\n" }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let r = readSubmission(at: path)
        XCTAssertEqual(r.items.count, 300)
        XCTAssertEqual(r.problems.filter { $0.alsoInRows == 100 }.count, 1, "\(r.problems.suffix(2))")
        let html = UnitFeedback.html(unit: WorkUnit(code: "dinkes", name: "Dinas Kesehatan"), items: r.items,
                                     problems: r.problems, returnNotes: [], classifications: [],
                                     clock: Clock(now: Date(timeIntervalSince1970: 1_767_225_600)))
        // Every row the summary stands for is marked (session 20), so the count is exact.
        XCTAssertTrue(html.contains("300 informasi dibaca; 300 baris perlu diperbaiki;"), html)
        // Counts grouped the Indonesian way (a 20,000-row list read "20000 informasi dibaca").
        let long = (0..<5).flatMap { n in r.items.map { var i = $0; i.source.row += 300 * n; return i } }
        let longHTML = UnitFeedback.html(unit: WorkUnit(code: "dinkes", name: "Dinas Kesehatan"), items: long,
                                         problems: r.problems, returnNotes: [], classifications: [],
                                         clock: Clock(now: Date(timeIntervalSince1970: 1_767_225_600)))
        XCTAssertTrue(longHTML.contains("1.500 informasi dibaca;"), longHTML)
        XCTAssertTrue(html.contains("100 baris lain (baris 202–301)"), html)
        // The rows the summary stands for say it briefly and point to the summary: the page says so.
        XCTAssertTrue(html.contains("baris lain yang memilikinya menyebutnya singkat (kolom &quot;Masalah pada Baris "
            + "Ini&quot;) dan saran perbaikannya ada pada ringkasan di baris 202."), html)
        XCTAssertFalse(html.contains("belum tentu bebas"), html)
        // Session 19: the row problem on 200 rows (with its hint) is written once in the page,
        // in the table of repeated notes; each of the 200 rows names its code.
        let problem = try XCTUnwrap(r.problems.first { $0.row == 2 && $0.severity != .info })
        let line = HTMLTables.cell("• \(UnitFeedback.columnLead(problem))\(problem.message) Saran: \(problem.hint)")
        XCTAssertEqual(html.components(separatedBy: line).count, 2, "written \(html.components(separatedBy: line).count - 1) times")
        XCTAssertTrue(html.contains("<td data-label=\"Kode\">C1</td><td data-label=\"Catatan\">\(line)</td>"
            + "<td data-label=\"Jumlah Baris\">200</td>"), html)
        XCTAssertEqual(html.components(separatedBy: "<td>Catatan berulang: C1</td>").count,
                       201, "every row with the problem names it")
        // The items table's cells are labelled for phones by the page's CSS, not cell by cell.
        XCTAssertTrue(html.contains("table.daftar td:nth-child(3)::before{content:\"Ringkasan Isi Informasi\"}"), html)
        XCTAssertTrue(html.contains("<table class=\"kolom daftar\">"), html)
        XCTAssertFalse(html.contains("data-label=\"Ringkasan Isi Informasi\""), html)
        // The workbook keeps the line on every row (filtered by column, it must stand alone).
        let c = UnitFeedback.content(unit: WorkUnit(code: "dinkes", name: "Dinas Kesehatan"), items: r.items,
                                     problems: r.problems, returnNotes: [], classifications: [], citations: .builtIn,
                                     clock: Clock(now: Date(timeIntervalSince1970: 1_767_225_600)))
        XCTAssertEqual(c.tables[0].rows.filter { $0[6].contains(problem.hint) }.count, 200)
        XCTAssertEqual(c.tables[0].rows.filter { $0[6].isEmpty }.count, 0, "a row without its problem")
        XCTAssertEqual(c.tables[0].rows[250][6], "• \(UnitFeedback.columnLead(problem))\(problem.message) (Masalah yang sama pada banyak baris; "
            + "saran perbaikannya pada ringkasan di baris 202.)")
    }

    /// Rows whose retention and form texts each differ (so the messages quoting them differ)
    /// are marked with a short line in the unit's own language, never the register's code
    /// ("Masalah yang sama (kode retention-unknown)" was written on such rows).
    func testTheShortLineOfDifferingMessagesIsIndonesianNotACode() throws {
        let (_, r) = try list("tiga-ratus.csv", rows: (1...300).map { k in
            "\(k);Laporan kegiatan \(k);Sekretaris;Kepala;2026;Map \(k);Lemari \(k);Berkala"
        })
        XCTAssertEqual(r.items.count, 300)
        let summaries = r.problems.filter { $0.alsoInRows != nil }
        let codes = Set(summaries.map(\.code))
        XCTAssertTrue(codes.isSuperset(of: ["retention-unknown", "form-unknown"]), "\(codes)")
        for summary in summaries {
            let line = try XCTUnwrap(summary.rowText, summary.code)
            XCTAssertFalse(line.contains(summary.code), line)
            XCTAssertFalse(line.contains("kode"), line)
        }
        XCTAssertEqual(summaries.first { $0.code == "retention-unknown" }?.rowText,
                       "Retensi tidak dapat dibaca sebagai jangka waktu.")
    }

    /// Session 19's workbook left the problems column blank on every row after the first 200
    /// with one problem: a clerk filtering it for the problem missed them. Each such row now
    /// says it briefly, one shared string per summary, so the workbook barely grows.
    func testEveryRowOfALongListSaysItsProblemInTheWorkbook() throws {
        // Every row lacks its pejabat; every third row has a year for retention (messages
        // quoting the value differ: the summary's short form stands for them).
        let (dir, r) = try list("sepuluh-ribu.csv", rows: (1...10_000).map { k in
            "\(k);Laporan kegiatan \(k);;Kepala;2026;Softcopy;\(k % 3 == 0 ? "20\(k % 90 + 10)" : "5 tahun");Berkala"
        })
        XCTAssertEqual(r.items.count, 10_000)
        let summaries = r.problems.filter { $0.alsoInRows != nil }
        XCTAssertEqual(summaries.count, 2, "\(summaries)")
        let bareYear = try XCTUnwrap(summaries.first { $0.code == "retention-bare-year" })
        XCTAssertEqual(bareYear.rowText, "Retensi ditulis sebagai tahun, bukan jangka waktu penyimpanan.")
        XCTAssertTrue(bareYear.namesEverySummarisedRow)
        let unit = WorkUnit(code: "dinkes", name: "Dinas Kesehatan")
        let clock = Clock(now: Date(timeIntervalSince1970: 1_767_225_600))
        let bytes = try UnitFeedback.workbook(unit: unit, items: r.items, problems: r.problems, returnNotes: [],
                                              classifications: [], clock: clock)
        // Read back as a spreadsheet program would: every row of sheet Daftar has its problem.
        let file = dir.appendingPathComponent("umpan-balik.xlsx")
        try Data(bytes).write(to: file)
        let workbook = try XLSXWorkbook(path: file.path)
        let reader = try workbook.rows(sheet: try XCTUnwrap(workbook.sheetIndex(named: "Daftar")))
        var rows = 0, blank = 0, bareYearRows = 0
        _ = try reader.nextRow()  // header
        while let row = try reader.nextRow() {
            rows += 1
            guard case .string(let problems) = row[6] else { blank += 1; continue }
            if !problems.lowercased().contains("pejabat") { blank += 1 }
            if problems.contains("Retensi") { bareYearRows += 1 }
        }
        XCTAssertEqual(rows, 10_000)
        XCTAssertEqual(blank, 0, "rows without their missing-pejabat problem")
        XCTAssertEqual(bareYearRows, 3_333)
        // The same workbook with the summaries' rows unknown (as before): the size it grew by.
        let unmarked = r.problems.map { p -> Problem in var p = p; p.summarisedRows = nil; return p }
        let before = try UnitFeedback.workbook(unit: unit, items: r.items, problems: unmarked, returnNotes: [],
                                               classifications: [], clock: clock)
        print("umpan balik 10.000 baris: \(before.count) → \(bytes.count) bytes")
        XCTAssertLessThan(Double(bytes.count), Double(before.count) * 1.2, "\(before.count) → \(bytes.count)")
    }

    /// Rows listed for other problems can outnumber a summary's: the count stays a floor. A
    /// 1,500-row list with 900 rows to fix read "522 baris perlu diperbaiki", as if exact.
    func testTheCountIsAFloorWhenOtherProblemsOutnumberASummary() throws {
        let items = (2...401).map { row in
            InformationItem(
                source: SourceLocation(file: "d.csv", sheet: nil, row: row), nomor: "\(row - 1)", ringkasan: "Laporan \(row)",
                pejabatPenguasa: "", penanggungJawab: "", waktuPembuatan: "2025", tempatPembuatan: "Serang",
                bentuk: "Cetak", retensi: "5 tahun", kategoriText: "Berkala", kategori: .berkala,
                form: InformationForm(printed: true, electronic: false), retention: .years(5))
        }
        func problem(_ row: Int, _ column: String) -> Problem {
            Problem(file: "d.csv", row: row, column: column, severity: .warning, code: "missing-value",
                    message: "Kolom \(column) kosong.", hint: "Isi.")
        }
        // Column D on rows 2–251 one by one; column C on rows 2–201 and a summary of rows 300–309.
        var summary = problem(300, "C")
        summary.message = "… dan 10 baris lain (baris 300–309) juga tanpa isi."
        summary.alsoInRows = 10
        let problems = (2...251).map { problem($0, "D") } + (2...201).map { problem($0, "C") } + [summary]
        let html = UnitFeedback.html(unit: WorkUnit(code: "dinkes", name: "Dinas Kesehatan"), items: items,
                                     problems: problems, returnNotes: [], classifications: [],
                                     clock: Clock(now: Date(timeIntervalSince1970: 1_767_225_600)))
        XCTAssertTrue(html.contains("400 informasi dibaca; sedikitnya 251 baris perlu diperbaiki;"), html)
        // Notes to know count the rows a summary of them stands for, as the problems do.
        var noteSummary = Problem(file: "d.csv", row: 202, column: "I", severity: .info, code: "no-category",
                                  message: "… dan 100 baris lain juga belum menyatakan jenis informasi.", hint: "")
        noteSummary.alsoInRows = 100
        let notes = (2...201).map {
            Problem(file: "d.csv", row: $0, column: "I", severity: .info, code: "no-category",
                    message: "Jenis informasi tidak dinyatakan.", hint: "")
        } + [noteSummary]
        let withNotes = UnitFeedback.html(unit: WorkUnit(code: "dinkes", name: "Dinas Kesehatan"), items: items,
                                          problems: notes, returnNotes: [], classifications: [],
                                          clock: Clock(now: Date(timeIntervalSince1970: 1_767_225_600)))
        XCTAssertTrue(withNotes.contains("<p>300 catatan untuk diketahui (tidak perlu diperbaiki).</p>"), withNotes)
    }
}
