import DIPCore
import Foundation
import XCTest
@testable import Register

/// The berita acara's registered number and place as the register keeps them.
final class BeritaAcaraNumberTests: XCTestCase {
    /// A number copied from a DIK decree's Lampiran carries the zero-width space put after each
    /// "/" so that it wraps; pasted into `dip test` or a review workbook cell (with a no-break
    /// space, as Word copies them) it is recorded as the number typed, so that the register
    /// finds it and the next citation does not double the invisible characters.
    func testNumberPastedFromADecreeIsRecordedWithoutInvisibleCharacters() throws {
        let db = try AppDatabase.inMemory()
        try Fixture.submit(db, [
            Fixture.classified(Fixture.item("1", "Rekam medis pasien", kategori: .setiapSaat), suggested: .dikecualikan, test: true),
            Fixture.classified(Fixture.item("2", "Hasil psikotes pegawai", kategori: .setiapSaat), suggested: .dikecualikan, test: true),
        ], sha: "v1")
        var test = Fixture.test(.exemptWhole)
        test.beritaAcaraNumber = "\u{FEFF}000.9/\u{200B}3/\u{200B}BA-UK/\u{200B}2026\u{00A0}"
        test.place = "Aula\u{00A0}Dinas\u{200B} Kesehatan "
        try db.recordConsequenceTest(itemID: "dinkes-0001", revision: 1, test: test, enteredBy: "operator",
                                     source: .workbook, at: Fixture.date(3))
        let direct = try XCTUnwrap(db.history(itemID: "dinkes-0001").tests.last?.test)
        XCTAssertEqual(direct.beritaAcaraNumber, "000.9/3/BA-UK/2026")
        XCTAssertEqual(direct.place, "Aula Dinas Kesehatan")

        try db.recordConsequenceTest(itemID: "dinkes-0002", revision: 1, test: Fixture.test(.exemptWhole),
                                     enteredBy: "operator", source: .cli, at: Fixture.date(3))
        let (_, completed) = try db.recordBeritaAcara(itemID: "dinkes-0002", revision: 1,
                                                      number: "000.9/\u{200B}4/\u{200B}BA-UK/\u{200B}2026", place: nil,
                                                      at: Fixture.date(4))
        XCTAssertEqual(completed.beritaAcaraNumber, "000.9/4/BA-UK/2026")
        XCTAssertEqual(try db.history(itemID: "dinkes-0002").tests.last?.test.beritaAcaraNumber, "000.9/4/BA-UK/2026")
        // Only invisible characters: nothing to record.
        XCTAssertThrowsError(try db.recordBeritaAcara(itemID: "dinkes-0002", revision: 1, number: "\u{200B} ", place: nil,
                                                      at: Fixture.date(4)))
    }
    /// A review workbook applied again (or a copy of it filled later) repeats a test already
    /// recorded: the recorded row stands with the number given since, instead of a new row
    /// without it (which, once published, the next version would also print again as new).
    /// A test that differs is a new record, without the earlier record's number.
    func testTheSameTestAgainKeepsItsRecordedNumber() throws {
        let db = try AppDatabase.inMemory()
        try Fixture.submit(db, [
            Fixture.classified(Fixture.item("1", "Rekam medis pasien", kategori: .setiapSaat), suggested: .dikecualikan, test: true),
        ], sha: "v1")
        let test = Fixture.test(.exemptWhole)
        let first = try db.recordConsequenceTest(itemID: "dinkes-0001", revision: 1, test: test, enteredBy: "operator",
                                                 source: .cli, at: Fixture.date(3))
        let (numbered, _) = try db.recordBeritaAcara(itemID: "dinkes-0001", revision: 1, number: "000.9/4/BA-UK/2026",
                                                     place: "Aula", at: Fixture.date(4))
        XCTAssertNotEqual(numbered, first)
        // As the review workbook reads it: the same fields, the day at noon, no number or place.
        var again = test
        again.testedOn = test.testedOn.map { IndonesianDate.startOfDay($0).addingTimeInterval(12 * 3600) }
        let repeated = try db.recordConsequenceTest(itemID: "dinkes-0001", revision: 1, test: again, enteredBy: "PPID",
                                                    source: .workbook, at: Fixture.date(5))
        XCTAssertEqual(repeated, numbered)
        let history = try db.history(itemID: "dinkes-0001").tests
        XCTAssertEqual(history.count, 2)
        XCTAssertEqual(history.last?.test.beritaAcaraNumber, "000.9/4/BA-UK/2026")
        XCTAssertEqual(history.last?.test.place, "Aula")

        var corrected = again
        corrected.consequence = "Mengungkap riwayat kesehatan pasien tertentu"
        let changed = try db.recordConsequenceTest(itemID: "dinkes-0001", revision: 1, test: corrected, enteredBy: "PPID",
                                                   source: .workbook, at: Fixture.date(5))
        XCTAssertNotEqual(changed, numbered)
        XCTAssertNil(try db.history(itemID: "dinkes-0001").tests.last?.test.beritaAcaraNumber, "a new record has no number yet")
    }
    /// A copy of an applied review workbook (other bytes, the same tests) records nothing new
    /// and says so: "0 uji konsekuensi dicatat", not the tests again.
    func testACopyOfAnAppliedWorkbookRecordsNoTestAgain() throws {
        let db = try AppDatabase.inMemory()
        try Fixture.submit(db, [
            Fixture.classified(Fixture.item("1", "Rekam medis pasien", kategori: .setiapSaat), suggested: .dikecualikan, test: true),
        ], sha: "v1")
        let tests = [WorkbookTest(itemID: "dinkes-0001", revision: 1, test: Fixture.test(.exemptWhole), enteredBy: "PPID",
                                  location: "Sheet 'Uji Konsekuensi' baris 2")]
        let first = try XCTUnwrap(try db.applyReviewWorkbook(sha256: "a", fileName: "a.xlsx", token: nil, tests: tests,
                                                             decisions: [], reviewer: nil, at: Fixture.date(3)))
        XCTAssertEqual(first.testsRecorded, 1)
        let copy = try XCTUnwrap(try db.applyReviewWorkbook(sha256: "b", fileName: "b.xlsx", token: nil, tests: tests,
                                                            decisions: [], reviewer: nil, at: Fixture.date(4)))
        XCTAssertEqual(copy.testsRecorded, 0)
        XCTAssertEqual(try db.history(itemID: "dinkes-0001").tests.count, 1)
    }
}
