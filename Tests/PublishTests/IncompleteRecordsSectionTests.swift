import DIPCore
import Foundation
import OfficeFormats
import Register
import TestSupport
import XCTest

@testable import Publish

/// Session 28 (w28complete): the review workbook lists recorded tests whose berita acara lacks
/// its number (published) or its day (not yet published) on the sheet Lengkapi Berita Acara;
/// the PPID writes the number or the day and who records it, and the reader gives them back as
/// completions, a bad day or a row nobody is named for as a located problem.
final class IncompleteRecordsSectionTests: XCTestCase {
    static let sheet = ReviewFormat.completionSheet

    static func records() -> [IncompleteRecord] {
        let recorded = ReviewFixtures.clock.now.addingTimeInterval(-40 * 86_400)
        return [
            IncompleteRecord(itemID: "dinkes-0005", revision: 1, unit: "dinkes", nomor: "5", ringkasan: "Rekam medis pasien",
                             conclusion: .exemptWhole, testedOn: recorded, recordedAt: recorded, publishedWith: 1,
                             needsNumber: true, needsDay: false, testID: 41),
            IncompleteRecord(itemID: "dinkes-0006", revision: 2, unit: "dinkes", nomor: "6", ringkasan: "Data pribadi pegawai",
                             conclusion: .exemptPart, testedOn: nil, recordedAt: recorded, publishedWith: nil,
                             needsNumber: false, needsDay: true, testID: 42),
            IncompleteRecord(itemID: "dinkes-0007", revision: 1, unit: "dinkes", nomor: "7", ringkasan: "Hasil penyidikan",
                             conclusion: .exemptWhole, testedOn: recorded, recordedAt: recorded, publishedWith: 1,
                             needsNumber: true, needsDay: false),
        ]
    }

    /// openpyxl: edits = [[item id, header, value]] on the sheet Lengkapi Berita Acara, found by
    /// the hidden id column and the header text; the reviewer named on Petunjuk when asked.
    static let script = """
        import json, sys, openpyxl
        path = sys.argv[1]
        edits = json.loads(sys.argv[2])
        wb = openpyxl.load_workbook(path)
        ws = wb["Lengkapi Berita Acara"]
        heads = {c.value: c.column for c in ws[1]}
        idc = heads["ID DIP (jangan diubah)"]
        for item, header, value in edits:
            row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, idc).value == item)
            ws.cell(row, heads[header]).value = value
        if sys.argv[3] == "1":
            p = wb["Petunjuk"]
            for r in range(1, p.max_row + 1):
                if p.cell(r, 1).value == "Nama pemeriksa": p.cell(r, 2).value = "Hj. Siti Pemeriksa, S.Sos."
        wb.save(path)
        """

    func filled(_ edits: [[String]], reviewer: Bool) throws -> ReviewDecisions {
        var input = try ReviewFixtures.input()
        input.incompleteRecords = Self.records()
        let url = try Checkers.temporaryFile("p.xlsx", try ReviewWorkbook.build(input, clock: ReviewFixtures.clock))
        let json = String(decoding: try JSONSerialization.data(withJSONObject: edits), as: UTF8.self)
        try Checkers.runPython(Self.script, [url.path, json, reviewer ? "1" : "0"])
        return try ReviewWorkbookReader.read(path: url.path)
    }

    func testTheSheetListsEachRecordWithWhatToWriteAndOnlyWhenOneWaits() throws {
        let plain = try ReviewFixtures.input()
        let without = try Checkers.temporaryFile("p.xlsx", try ReviewWorkbook.build(plain, clock: ReviewFixtures.clock))
        XCTAssertNil(try XLSXWorkbook(path: without.path).sheetIndex(named: Self.sheet), "no record waits: no sheet")
        XCTAssertFalse(ReviewPage.html(plain, clock: ReviewFixtures.clock).contains("belum lengkap"))

        var input = plain
        input.incompleteRecords = Self.records()
        input.units = [WorkUnit(code: "dinkes", name: "Dinas Kesehatan")]
        let url = try Checkers.temporaryFile("p.xlsx", try ReviewWorkbook.build(input, clock: ReviewFixtures.clock))
        let rows = try ReviewFixtures.rows(url.path, sheet: Self.sheet).map { $0.cells.map(ReviewWorkbookReader.text) }
        XCTAssertEqual(rows.count, 4, "header and three records: \(rows)")
        let header = rows[0]
        for column in [ReviewFormat.beritaAcaraNumberHeader, ReviewFormat.testedOnHeader, ReviewFormat.completionNameHeader,
                       ReviewFormat.idHeader, ReviewFormat.revisionHeader, "Yang Perlu Diisi"] {
            XCTAssertTrue(header.contains(column), "\(column) in \(header)")
        }
        let ask = try XCTUnwrap(header.firstIndex(of: "Yang Perlu Diisi"))
        XCTAssertEqual(rows[1][1], "Dinas Kesehatan")
        XCTAssertTrue(rows[1].contains("Terbit dengan DIP versi 1, belum bernomor"), "\(rows[1])")
        XCTAssertTrue(rows[1][ask].contains("nomor yang tertulis pada naskah yang ditandatangani"), rows[1][ask])
        XCTAssertFalse(rows[1][ask].contains("tanggal rapat Tim"), "a published record's day is not asked for")
        XCTAssertTrue(rows[2].contains("Belum terbit"), "\(rows[2])")
        XCTAssertTrue(rows[2][ask].contains("tanggal rapat Tim yang menguji"), rows[2][ask])
        XCTAssertTrue(rows[2].contains { $0.hasPrefix("belum diisi (dicatat ") }, "\(rows[2])")
        // Told on the instructions sheet and at the top of the page.
        let petunjuk = try ReviewFixtures.rows(url.path, sheet: ReviewFormat.instructionsSheet)
            .map { ReviewWorkbookReader.text($0.cells.first ?? .empty) }
        XCTAssertTrue(petunjuk.contains { $0.hasPrefix("PERHATIAN: 3 berita acara uji konsekuensi yang tercatat belum bernomor") },
                      "\(petunjuk)")
        let page = ReviewPage.html(input, clock: ReviewFixtures.clock)
        XCTAssertTrue(page.contains("Berita acara uji konsekuensi yang belum lengkap (3)"))
        XCTAssertTrue(page.contains("sheet Lengkapi Berita Acara"))
    }

    func testFilledRowsAreReadBackAndABadDayOrNoNameIsALocatedProblem() throws {
        let read = try filled([
            ["dinkes-0005", ReviewFormat.beritaAcaraNumberHeader, " 000.9/10/BA-UK/2026 "],
            ["dinkes-0005", ReviewFormat.completionNameHeader, "Dedi Supriadi"],
            ["dinkes-0006", ReviewFormat.testedOnHeader, "2 Januari 2026"],
            ["dinkes-0007", ReviewFormat.testedOnHeader, "31/02/2026"],
        ], reviewer: true)
        XCTAssertEqual(read.completions.map(\.itemID), ["dinkes-0005", "dinkes-0006"])
        XCTAssertEqual(read.completions[0].beritaAcaraNumber, "000.9/10/BA-UK/2026")
        XCTAssertNil(read.completions[0].testedOn)
        XCTAssertEqual(read.completions[0].enteredBy, "Dedi Supriadi")
        XCTAssertEqual(read.completions[0].revision, 1)
        XCTAssertEqual(read.completions[0].sheet, Self.sheet)
        XCTAssertEqual(read.completions[1].revision, 2)
        XCTAssertEqual(read.completions.map(\.testID), [41, 42], "the hidden column names the test each row completes")
        XCTAssertNil(read.completions[1].beritaAcaraNumber)
        XCTAssertEqual(read.completions[1].enteredBy, "Hj. Siti Pemeriksa, S.Sos.", "no name in the row: the reviewer")
        XCTAssertEqual(Clock.wibCalendar.dateComponents([.year, .month, .day], from: try XCTUnwrap(read.completions[1].testedOn)),
                       DateComponents(year: 2026, month: 1, day: 2))
        let bad = try XCTUnwrap(read.problems.first { $0.sheet == Self.sheet })
        XCTAssertEqual(read.problems.filter { $0.sheet == Self.sheet }.count, 1)
        XCTAssertEqual(bad.row, 4)
        XCTAssertEqual(bad.columnName, ReviewFormat.testedOnHeader)
        XCTAssertTrue(bad.message.contains("Tanggal uji '31/02/2026' tidak dapat dibaca"), bad.message)
        XCTAssertTrue(bad.hint.contains("26/11/2026"), bad.hint)

        // Nobody named, in the row or as the reviewer: not read, said at the name cell.
        let unnamed = try filled([["dinkes-0005", ReviewFormat.beritaAcaraNumberHeader, "000.9/10/BA-UK/2026"]], reviewer: false)
        XCTAssertEqual(unnamed.completions, [])
        let problem = try XCTUnwrap(unnamed.problems.first { $0.sheet == Self.sheet })
        XCTAssertEqual(problem.row, 2)
        XCTAssertEqual(problem.columnName, ReviewFormat.completionNameHeader)
        XCTAssertNotNil(problem.column)
        XCTAssertTrue(problem.message.contains("Nama petugas yang mencatat belum diisi"), problem.message)
        // Rows left empty are no completion and no problem.
        let none = try filled([], reviewer: true)
        XCTAssertEqual(none.completions, [])
        XCTAssertFalse(none.problems.contains { $0.sheet == Self.sheet })
    }

    /// Session 29: a record not yet published may be given the place the Tim met (its berita
    /// acara prints it after "bertempat di"; without it, the decrees' city); a published record
    /// is not asked (its signed paper names one). A place that is no name is a located problem.
    func testThePlaceOfARecordNotYetPublishedIsAskedReadBackAndCheckedAtItsCell() throws {
        var input = try ReviewFixtures.input()
        input.incompleteRecords = Self.records()
        input.incompleteRecords[1].place = nil
        let url = try Checkers.temporaryFile("p.xlsx", try ReviewWorkbook.build(input, clock: ReviewFixtures.clock))
        let rows = try ReviewFixtures.rows(url.path, sheet: Self.sheet).map { $0.cells.map(ReviewWorkbookReader.text) }
        XCTAssertTrue(rows[0].contains(ReviewFormat.placeHeader), "\(rows[0])")
        let ask = try XCTUnwrap(rows[0].firstIndex(of: "Yang Perlu Diisi"))
        XCTAssertFalse(rows[1][ask].contains(ReviewFormat.placeHeader), "published: its place is not asked: \(rows[1][ask])")
        XCTAssertTrue(rows[2][ask].contains("Isi Tempat Uji bila Tim tidak rapat di kota tempat keputusan ditetapkan"),
                      rows[2][ask])
        input.incompleteRecords[1].place = "Aula Bappeda"
        XCTAssertTrue(IncompleteRecordsSection.toFill(input.incompleteRecords[1]).contains("Tempat uji tercatat: Aula Bappeda"))

        let read = try filled([
            ["dinkes-0006", ReviewFormat.testedOnHeader, "2 Januari 2026"],
            ["dinkes-0006", ReviewFormat.placeHeader, " Aula Bappeda Kabupaten Serang "],
        ], reviewer: true)
        XCTAssertEqual(read.completions.map(\.itemID), ["dinkes-0006"], "\(read.problems)")
        XCTAssertEqual(read.completions.first?.place, "Aula Bappeda Kabupaten Serang")
        XCTAssertNotNil(read.completions.first?.testedOn)
        // A place alone is a completion too (the register refuses it for a published record).
        let alone = try filled([["dinkes-0005", ReviewFormat.placeHeader, "Ruang Rapat Dinkes"]], reviewer: true)
        XCTAssertEqual(alone.completions.map(\.place), ["Ruang Rapat Dinkes"])
        XCTAssertNil(alone.completions.first?.beritaAcaraNumber)

        for bad in ["……", "2 Januari 2026", "26/11/2026", "12", "bertempat di Aula Bappeda", "di Aula Bappeda"] {
            let read = try filled([
                ["dinkes-0006", ReviewFormat.testedOnHeader, "2 Januari 2026"],
                ["dinkes-0006", ReviewFormat.placeHeader, bad],
            ], reviewer: true)
            XCTAssertEqual(read.completions, [], "\(bad): the row is not completed")
            let problem = try XCTUnwrap(read.problems.first { $0.sheet == Self.sheet }, bad)
            XCTAssertEqual(problem.row, 3, bad)
            XCTAssertEqual(problem.columnName, ReviewFormat.placeHeader, bad)
            XCTAssertNotNil(problem.column, bad)
            XCTAssertTrue(problem.message.hasPrefix("Tempat uji '\(bad)'"), problem.message)
            XCTAssertTrue(problem.message.hasSuffix("Berita acara baris ini tidak dilengkapi."), problem.message)
            XCTAssertTrue(problem.hint.contains("bertempat di"), problem.hint)
        }
    }

    /// The sheet's instructions and Petunjuk name every hidden column the sheet has (ID Uji was
    /// named by neither), and Petunjuk names ID Uji only while the sheet is there.
    func testTheInstructionsNameEveryHiddenColumn() throws {
        var input = try ReviewFixtures.input()
        input.incompleteRecords = Self.records()
        let url = try Checkers.temporaryFile("p.xlsx", try ReviewWorkbook.build(input, clock: ReviewFixtures.clock))
        let sheetTexts = try ReviewFixtures.rows(url.path, sheet: Self.sheet).map { $0.cells.map(ReviewWorkbookReader.text) }
        let table = try XCTUnwrap(IncompleteRecordsSection.table(input, clock: ReviewFixtures.clock))
        let hidden = table.columns.filter(\.hidden).map { ReviewFormat.hiddenName($0.header) }
        XCTAssertEqual(hidden, ["ID DIP", "Revisi", "ID Uji"])
        let petunjuk = try ReviewFixtures.rows(url.path, sheet: ReviewFormat.instructionsSheet)
            .map { ReviewWorkbookReader.text($0.cells.first ?? .empty) }
        let line = try XCTUnwrap(petunjuk.first { $0.hasPrefix("Jangan mengubah kolom tersembunyi") }, "\(petunjuk)")
        // The sheet starts with its header row (the reader needs it first): it is explained by its
        // PERHATIAN line on Petunjuk and its column Yang Perlu Diisi.
        let sheetLine = try XCTUnwrap(petunjuk.first { $0.hasPrefix("PERHATIAN: 3 berita acara") }, "\(petunjuk)")
        XCTAssertEqual(sheetTexts[0].first, "No", "the header row first")
        for name in hidden {
            XCTAssertTrue(table.intro.contains(name), "\(name) in the sheet's intro: \(table.intro)")
            XCTAssertTrue(sheetLine.contains(name), "\(name) in the sheet's line on Petunjuk: \(sheetLine)")
            XCTAssertTrue(line.contains(name), "\(name) on Petunjuk: \(line)")
        }
        let plain = try ReviewFixtures.input()
        let without = try XCTUnwrap(ReviewContent.instructions(plain, clock: ReviewFixtures.clock)
            .first { $0.hasPrefix("Jangan mengubah kolom tersembunyi") })
        XCTAssertEqual(without, "Jangan mengubah kolom tersembunyi (ID DIP dan Revisi) maupun nama sheet. Keputusan untuk "
            + "informasi yang sudah berubah sejak lembar ini dibuat akan ditolak.", "no sheet to complete: as before")
    }
}
