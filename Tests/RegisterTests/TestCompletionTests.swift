import DIPCore
import Foundation
import GRDB
import TestSupport
import XCTest
@testable import Register

/// A recorded test completed afterwards (session 27): the number the secretariat wrote on a
/// published berita acara, or the day a test was recorded without. A completion is its own
/// register row; it never makes a new record, so the record is not printed again.
final class TestCompletionTests: XCTestCase {
    let signatory = Official(name: "Drs. Ahmad Fauzi", nip: "197001011990031001")
    let number = "000.9/3/BA-UK/2026"

    /// Two exempted items tested, published with version 1 without berita acara numbers.
    func publishedRegister(_ db: AppDatabase) throws {
        var list = Fixture.baseList
        list.append(Fixture.classified(Fixture.item("5", "Rekam medis pasien", kategori: .setiapSaat),
                                       suggested: .dikecualikan, test: true))
        list.append(Fixture.classified(Fixture.item("6", "Data pribadi pegawai", kategori: .setiapSaat),
                                       suggested: .dikecualikan, test: true))
        try Fixture.submit(db, list, sha: "v1")
        for item in ["dinkes-0005", "dinkes-0006"] {
            try db.recordConsequenceTest(itemID: item, revision: 1, test: Fixture.test(.exemptWhole),
                                         enteredBy: "Tim", source: .cli, at: Fixture.date(2))
        }
        let draft = try XCTUnwrap(db.makeDraft(clock: Clock(now: Fixture.date(2))))
        try db.approve(version: draft.number, ApprovalRequest(
            decreeNumber: "000.9/12/Diskominfo/2026", dikDecreeNumber: "000.9/13/Diskominfo/2026",
            decreeDate: Fixture.date(3), signatory: signatory, atasan: Official(name: "H. Zaldi", nip: "196801011990031002"),
            force: true), at: Fixture.date(3))
        try db.publish(version: draft.number, at: Fixture.date(3))
    }

    func testAPublishedRecordGetsItsNumberWithoutANewRecord() throws {
        let db = try AppDatabase.inMemory()
        try publishedRegister(db)
        let recorded = try XCTUnwrap(db.history(itemID: "dinkes-0005").tests.last)

        let done = try db.completeRecordedTest(itemID: "dinkes-0005", revision: 1, number: " \(number) ", place: nil,
                                               testedOn: nil, by: "Siti (sekretariat)", at: Fixture.date(4))
        XCTAssertEqual(done.publishedWith, 1)
        XCTAssertEqual(done.testID, recorded.id, "the same record, not a new test")
        XCTAssertNotNil(done.completionID)
        XCTAssertEqual(done.test.beritaAcaraNumber, number)
        // The audit trail: the test as recorded, and who added the number when.
        let history = try db.history(itemID: "dinkes-0005").tests
        XCTAssertEqual(history.count, 1)
        XCTAssertEqual(history[0].test.beritaAcaraNumber, number)
        XCTAssertEqual(history[0].completions?.count, 1)
        XCTAssertEqual(history[0].completions?.first?.enteredBy, "Siti (sekretariat)")
        XCTAssertEqual(history[0].completions?.first?.enteredAt, Fixture.date(4))
        XCTAssertEqual(history[0].completions?.first?.beritaAcaraNumber, number)

        // Published version 1 reads as it was printed; the number alone makes no new decree.
        XCTAssertNil(try db.version(number: 1).exempted.first { $0.id == "dinkes-0005" }?.consequenceTest?.beritaAcaraNumber)
        XCTAssertNil(try db.makeDraft(clock: Clock(now: Fixture.date(4))))

        // The next version, made for another reason, cites the record with its number and does
        // not issue it again.
        var list = Fixture.baseList
        list.append(Fixture.classified(Fixture.item("5", "Rekam medis pasien", kategori: .setiapSaat),
                                       suggested: .dikecualikan, test: true))
        list.append(Fixture.classified(Fixture.item("6", "Data pribadi pegawai", kategori: .setiapSaat),
                                       suggested: .dikecualikan, test: true))
        list.append(Fixture.classified(Fixture.item("7", "Laporan kinerja tahunan", kategori: .berkala), suggested: .berkala))
        try Fixture.submit(db, list, sha: "v2", day: 5)
        let next = try XCTUnwrap(db.makeDraft(clock: Clock(now: Fixture.date(5))))
        XCTAssertEqual(next.exempted.first { $0.id == "dinkes-0005" }?.consequenceTest?.beritaAcaraNumber, number)
        XCTAssertNil(next.exempted.first { $0.id == "dinkes-0006" }?.consequenceTest?.beritaAcaraNumber)
        XCTAssertEqual(try db.itemsWithTestsIssuedBefore(version: next.number), ["dinkes-0005", "dinkes-0006"])
        // Read in chunks as the decree writer reads a large version: the same.
        XCTAssertEqual(try db.versionItems(number: next.number, ids: ["dinkes-0005"]).first?.consequenceTest?.beritaAcaraNumber,
                       number)
        XCTAssertNil(try db.versionItems(number: 1, ids: ["dinkes-0005"]).first?.consequenceTest?.beritaAcaraNumber)
    }

    func testCompletingAPublishedRecordIsRefusedWithAReason() throws {
        let db = try AppDatabase.inMemory()
        try publishedRegister(db)
        func refusal(_ item: String = "dinkes-0005", number: String? = nil, place: String? = nil, day: Date? = nil,
                     by: String? = "Siti") -> String {
            do {
                _ = try db.completeRecordedTest(itemID: item, revision: 1, number: number, place: place, testedOn: day,
                                                by: by, at: Fixture.date(4))
                return "recorded"
            } catch let error as RegisterError {
                return error.message
            } catch {
                return "\(error)"
            }
        }
        // Who adds a number to a signed record is on record.
        XCTAssertTrue(refusal(number: number, by: nil).contains("Isi --name dengan nama petugas"), refusal(number: number, by: nil))
        // The day and place the signed record bears are not changed.
        XCTAssertTrue(refusal(place: "Aula").contains("sudah diterbitkan dengan DIP versi 1; tempat uji pada naskah yang terbit tidak diubah"))
        XCTAssertTrue(refusal(day: Fixture.date(1)).contains("tanggal pada naskah yang ditandatangani tidak diubah"))
        XCTAssertEqual(refusal(number: number), "recorded")
        // A number given once stays; the same number again is said, not recorded twice.
        XCTAssertTrue(refusal(number: "000.9/4/BA-UK/2026").contains("sudah bernomor \(number) (diterbitkan dengan DIP versi 1)"))
        XCTAssertTrue(refusal(number: number).contains("sudah tercatat dengan Nomor \(number)"))
        // Another record's number, however spaced or cased.
        XCTAssertTrue(refusal("dinkes-0006", number: "000.9/3/ba-uk/2026 ")
            .contains("sudah dipakai berita acara uji konsekuensi dinkes-0005 revisi 1"), refusal("dinkes-0006", number: number))
        // An unknown record: an item without a test, an unknown item.
        XCTAssertTrue(refusal("dinkes-0001", number: "000.9/5/BA-UK/2026").contains("belum memiliki uji konsekuensi yang tercatat"))
        XCTAssertThrowsError(try db.completeRecordedTest(itemID: "dinkes-0099", revision: 1, number: "x", place: nil,
                                                         testedOn: nil, by: "Siti", at: Fixture.date(4)))
        XCTAssertEqual(try Fixture.count(db, "consequence_test_completions"), 1)
        XCTAssertEqual(try Fixture.count(db, "consequence_tests"), 2)
        // A new test recorded with another record's number is refused too.
        var numbered = Fixture.test(.exemptWhole, day: 3)
        numbered.beritaAcaraNumber = number
        XCTAssertThrowsError(try db.recordConsequenceTest(itemID: "dinkes-0006", revision: 1, test: numbered, enteredBy: "Tim",
                                                          source: .cli, at: Fixture.date(4))) {
            XCTAssertTrue(($0 as? RegisterError)?.message.contains("sudah dipakai") == true, "\($0)")
        }
    }

    /// The review workbook's completions are recorded in the workbook's own transaction, with
    /// the same checks as `dip test`: a refused row is listed and leaves nothing, the others are
    /// recorded as completions from the workbook, and the same bytes again record nothing.
    func testAReviewWorkbookCompletesPublishedRecordsInItsTransaction() throws {
        let db = try AppDatabase.inMemory()
        try publishedRegister(db)
        let recorded = try XCTUnwrap(db.history(itemID: "dinkes-0005").tests.last)
        let completions = [
            WorkbookCompletion(itemID: "dinkes-0005", revision: 1, beritaAcaraNumber: " \(number) ", testedOn: nil,
                               enteredBy: "Siti (sekretariat)", location: "Sheet 'Lengkapi Berita Acara' baris 2"),
            // The day of a signed record is not changed: refused, and its number is not recorded either.
            WorkbookCompletion(itemID: "dinkes-0006", revision: 1, beritaAcaraNumber: "000.9/4/BA-UK/2026",
                               testedOn: Fixture.date(1), enteredBy: "Siti", location: "Sheet 'Lengkapi Berita Acara' baris 3"),
        ]
        let applied = try XCTUnwrap(db.applyReviewWorkbook(
            sha256: "c", fileName: "c.xlsx", token: nil, tests: [], decisions: [], completions: completions,
            reviewer: nil, at: Fixture.date(4)))
        XCTAssertEqual(applied.completionsRecorded, 1)
        XCTAssertEqual(applied.refused.count, 1)
        XCTAssertTrue(applied.refused[0].hasPrefix("Sheet 'Lengkapi Berita Acara' baris 3 (dinkes-0006): "), applied.refused[0])
        XCTAssertTrue(applied.refused[0].contains("tanggal pada naskah yang ditandatangani tidak diubah"), applied.refused[0])

        let history = try db.history(itemID: "dinkes-0005").tests
        XCTAssertEqual(history.count, 1, "the same record, not a new test")
        XCTAssertEqual(history[0].id, recorded.id)
        XCTAssertEqual(history[0].test.beritaAcaraNumber, number)
        XCTAssertEqual(history[0].completions?.first?.enteredBy, "Siti (sekretariat)")
        XCTAssertEqual(history[0].completions?.first?.source, .workbook)
        XCTAssertNil(try db.history(itemID: "dinkes-0006").tests.last?.completions?.first)
        XCTAssertNil(try db.makeDraft(clock: Clock(now: Fixture.date(4))), "a number alone makes no new decree")
        XCTAssertNil(try db.applyReviewWorkbook(sha256: "c", fileName: "c.xlsx", token: nil, tests: [], decisions: [],
                                                completions: completions, reviewer: nil, at: Fixture.date(5)))
        XCTAssertEqual(try db.history(itemID: "dinkes-0005").tests[0].completions?.count, 1)
    }

    /// A workbook row completes the test it was made for: when a newer test of the same revision
    /// was recorded after the workbook was made (`dip test`), the row's number belongs to the
    /// older paper; it is refused and the newer test keeps no number.
    func testAWorkbookRowMadeForAnOlderTestIsRefused() throws {
        let db = try AppDatabase.inMemory()
        try publishedRegister(db)
        let listed = try XCTUnwrap(db.incompleteRecords().first { $0.itemID == "dinkes-0005" })
        let shown = try XCTUnwrap(listed.testID)
        XCTAssertEqual(shown, try XCTUnwrap(db.history(itemID: "dinkes-0005").tests.last?.id))
        try db.recordConsequenceTest(itemID: "dinkes-0005", revision: 1, test: Fixture.test(.exemptWhole, day: 3),
                                     enteredBy: "Tim", source: .cli, at: Fixture.date(4))
        let newer = try XCTUnwrap(db.history(itemID: "dinkes-0005").tests.last)
        XCTAssertNotEqual(newer.id, shown)
        let row = WorkbookCompletion(itemID: "dinkes-0005", revision: 1, beritaAcaraNumber: number, testedOn: nil,
                                     enteredBy: "Siti", location: "Sheet 'Lengkapi Berita Acara' baris 2", testID: shown)
        let applied = try XCTUnwrap(db.applyReviewWorkbook(
            sha256: "d", fileName: "d.xlsx", token: nil, tests: [], decisions: [], completions: [row],
            reviewer: nil, at: Fixture.date(5)))
        XCTAssertEqual(applied.completionsRecorded, 0)
        XCTAssertEqual(applied.refused.count, 1)
        XCTAssertTrue(applied.refused.first?.contains("dicatat ulang sesudah lembar kerja ini dibuat") == true, "\(applied.refused)")
        XCTAssertNil(try db.history(itemID: "dinkes-0005").tests.last?.test.beritaAcaraNumber)
        // The same row made for the newer test completes it.
        var current = row
        current.testID = newer.id
        let again = try XCTUnwrap(db.applyReviewWorkbook(
            sha256: "e", fileName: "e.xlsx", token: nil, tests: [], decisions: [], completions: [current],
            reviewer: nil, at: Fixture.date(5)))
        XCTAssertEqual(again.completionsRecorded, 1, "\(again.refused)")
        XCTAssertEqual(try db.history(itemID: "dinkes-0005").tests.last?.test.beritaAcaraNumber, number)
    }

    /// Session 29: a workbook row gives the place the Tim met to a record not yet published,
    /// with its day, in the workbook's transaction (the draft made after prints it); a place for a
    /// published record is refused at its row, as `dip test --place` is: the signed paper bears
    /// one (the recorded place, else the decrees' city).
    func testAWorkbookRowGivesThePlaceOfARecordNotYetPublished() throws {
        let (db, _) = try registerWithAnUndatedTest()
        let listed = try XCTUnwrap(db.incompleteRecords().first)
        XCTAssertNil(listed.place)
        let row = WorkbookCompletion(itemID: "dinkes-0005", revision: 1, beritaAcaraNumber: nil, testedOn: Fixture.date(1),
                                     place: "Aula Bappeda", enteredBy: "Siti", location: "Sheet 'Lengkapi Berita Acara' baris 2",
                                     testID: listed.testID)
        let applied = try XCTUnwrap(db.applyReviewWorkbook(
            sha256: "p", fileName: "p.xlsx", token: nil, tests: [], decisions: [], completions: [row],
            reviewer: nil, at: Fixture.date(4)))
        XCTAssertEqual(applied.completionsRecorded, 1, "\(applied.refused)")
        let latest = try XCTUnwrap(db.history(itemID: "dinkes-0005").tests.last)
        XCTAssertEqual(latest.test.place, "Aula Bappeda")
        XCTAssertEqual(latest.test.testedOn, Fixture.date(1))
        XCTAssertEqual(latest.enteredBy, "Siti", "the history names who gave the place, not the test's first recorder")
        XCTAssertEqual(latest.source, .workbook)
        XCTAssertEqual(try db.incompleteRecords(), [], "dated and placed: nothing left to complete")
        let draft = try XCTUnwrap(db.makeDraft(clock: Clock(now: Fixture.date(4))))
        XCTAssertEqual(draft.exempted.first?.consequenceTest?.place, "Aula Bappeda")
        XCTAssertEqual(draft.exempted.first?.consequenceTest?.testedOn, Fixture.date(1))

        // A place alone keeps an undated record undated (and listed, with its place).
        let (alone, _) = try registerWithAnUndatedTest()
        let shown = try XCTUnwrap(alone.incompleteRecords().first)
        let placed = try XCTUnwrap(alone.applyReviewWorkbook(
            sha256: "q", fileName: "q.xlsx", token: nil, tests: [], decisions: [],
            completions: [WorkbookCompletion(itemID: "dinkes-0005", revision: 1, beritaAcaraNumber: nil, testedOn: nil,
                                             place: "Ruang Rapat Dinkes", enteredBy: "Siti", location: "baris 2",
                                             testID: shown.testID)],
            reviewer: nil, at: Fixture.date(4)))
        XCTAssertEqual(placed.completionsRecorded, 1, "\(placed.refused)")
        let still = try XCTUnwrap(alone.incompleteRecords().first)
        XCTAssertTrue(still.needsDay)
        XCTAssertEqual(still.place, "Ruang Rapat Dinkes")

        // Published: refused at its row, nothing recorded.
        let published = try AppDatabase.inMemory()
        try publishedRegister(published)
        let refused = try XCTUnwrap(published.applyReviewWorkbook(
            sha256: "r", fileName: "r.xlsx", token: nil, tests: [], decisions: [],
            completions: [WorkbookCompletion(itemID: "dinkes-0005", revision: 1, beritaAcaraNumber: number, testedOn: nil,
                                             place: "Aula Bappeda", enteredBy: "Siti",
                                             location: "Sheet 'Lengkapi Berita Acara' baris 2")],
            reviewer: nil, at: Fixture.date(4)))
        XCTAssertEqual(refused.completionsRecorded, 0)
        XCTAssertEqual(refused.refused.count, 1)
        XCTAssertTrue(refused.refused[0].hasPrefix("Sheet 'Lengkapi Berita Acara' baris 2 (dinkes-0005): "), refused.refused[0])
        XCTAssertTrue(refused.refused[0].contains("tempat uji pada naskah yang terbit tidak diubah"), refused.refused[0])
        XCTAssertNil(try published.history(itemID: "dinkes-0005").tests.last?.test.beritaAcaraNumber,
                     "the row's number is not recorded either")
        XCTAssertNil(try published.history(itemID: "dinkes-0005").tests.last?.test.place)
    }

    /// What the review workbook lists to complete: a published record without its number (not
    /// its day: the signed paper bears one), an unpublished record without its day; a record
    /// once completed is no longer listed.
    func testIncompleteRecordsAreThePublishedUnnumberedAndTheUndatedNotPublished() throws {
        let db = try AppDatabase.inMemory()
        try publishedRegister(db)
        let listed = try db.incompleteRecords()
        XCTAssertEqual(listed.map(\.itemID), ["dinkes-0005", "dinkes-0006"])
        XCTAssertEqual(listed.map(\.publishedWith), [1, 1])
        XCTAssertEqual(listed.map(\.needsNumber), [true, true])
        XCTAssertEqual(listed.map(\.needsDay), [false, false])
        XCTAssertEqual(listed.first?.ringkasan, "Rekam medis pasien")
        XCTAssertEqual(listed.first?.conclusion, .exemptWhole)
        try db.completeRecordedTest(itemID: "dinkes-0005", revision: 1, number: number, place: nil, testedOn: nil,
                                    by: "Siti", at: Fixture.date(4))
        XCTAssertEqual(try db.incompleteRecords().map(\.itemID), ["dinkes-0006"])

        let (undated, _) = try registerWithAnUndatedTest()
        let day = try XCTUnwrap(undated.incompleteRecords().first)
        XCTAssertEqual(day.itemID, "dinkes-0005")
        XCTAssertNil(day.publishedWith)
        XCTAssertNil(day.testedOn)
        XCTAssertTrue(day.needsDay)
        XCTAssertFalse(day.needsNumber)
        try undated.completeRecordedTest(itemID: "dinkes-0005", revision: 1, number: nil, place: nil,
                                         testedOn: Fixture.date(1), by: "PPID", at: Fixture.date(4))
        XCTAssertEqual(try undated.incompleteRecords(), [])
    }

    /// A test recorded without its day (a review workbook before session 26) is dated by a
    /// completion: the draft resting on it is outdated, the next one prints the day, and
    /// `undatedTests` (what `dip approve` refuses) no longer names it.
    func testAnUndatedTestIsDatedByACompletion() throws {
        let (db, testID) = try registerWithAnUndatedTest()
        let draft = try XCTUnwrap(db.makeDraft(clock: Clock(now: Fixture.date(3))))
        XCTAssertEqual(try db.undatedTests(version: draft.number), [ItemRevisionRef(item: "dinkes-0005", revision: 1)])
        // Printed with the day it was recorded until dated.
        XCTAssertEqual(draft.exempted.first?.consequenceTest?.testedOn, Fixture.date(3))

        XCTAssertThrowsError(try db.completeRecordedTest(itemID: "dinkes-0005", revision: 1, number: nil, place: nil,
                                                         testedOn: Fixture.date(5), by: "PPID", at: Fixture.date(4))) {
            XCTAssertTrue(($0 as? RegisterError)?.message.contains("sesudah hari ini") == true, "\($0)")
        }
        let done = try db.completeRecordedTest(itemID: "dinkes-0005", revision: 1, number: nil, place: nil,
                                               testedOn: Fixture.date(1), by: "PPID", at: Fixture.date(4))
        XCTAssertEqual(done.testID, testID)
        XCTAssertNil(done.publishedWith)
        XCTAssertEqual(done.test.testedOn, Fixture.date(1))
        XCTAssertThrowsError(try db.approve(version: draft.number, ApprovalRequest(
            decreeNumber: "000.9/12/Diskominfo/2026", dikDecreeNumber: "000.9/13/Diskominfo/2026", decreeDate: Fixture.date(4),
            signatory: signatory, force: true), at: Fixture.date(4))) {
            XCTAssertEqual($0 as? RegisterError, .draftOutdated(number: draft.number, items: ["dinkes-0005"]))
        }
        let dated = try XCTUnwrap(db.makeDraft(clock: Clock(now: Fixture.date(4))))
        XCTAssertEqual(dated.exempted.first?.consequenceTest?.testedOn, Fixture.date(1))
        XCTAssertEqual(try db.undatedTests(version: dated.number), [])
        XCTAssertEqual(try db.undatedTests(version: draft.number), [ItemRevisionRef(item: "dinkes-0005", revision: 1)],
                       "the earlier draft reads as it was made")
        // Dated once; a number given afterwards keeps the day.
        XCTAssertThrowsError(try db.completeRecordedTest(itemID: "dinkes-0005", revision: 1, number: nil, place: nil,
                                                         testedOn: Fixture.date(2), by: "PPID", at: Fixture.date(4))) {
            XCTAssertTrue(($0 as? RegisterError)?.message.contains("sudah bertanggal") == true, "\($0)")
        }
        let numbered = try db.recordBeritaAcara(itemID: "dinkes-0005", revision: 1, number: number, place: nil, at: Fixture.date(4))
        XCTAssertEqual(numbered.test.testedOn, Fixture.date(1))
        XCTAssertEqual(numbered.test.beritaAcaraNumber, number)
    }

    /// A number added to an undated record not yet issued (the number's old path, a new row)
    /// leaves it undated: not dated with the day it was recorded, which `dip approve` would then
    /// no longer name.
    func testNumberingAnUndatedRecordKeepsItUndated() throws {
        let (db, _) = try registerWithAnUndatedTest()
        try db.recordBeritaAcara(itemID: "dinkes-0005", revision: 1, number: number, place: nil, at: Fixture.date(4))
        let draft = try XCTUnwrap(db.makeDraft(clock: Clock(now: Fixture.date(4))))
        XCTAssertEqual(try db.undatedTests(version: draft.number), [ItemRevisionRef(item: "dinkes-0005", revision: 1)])
    }

    /// A register whose item dinkes-0005 revision 1 holds a test recorded from a workbook on day 3
    /// without its day (as before session 26); returns the test's id.
    private func registerWithAnUndatedTest() throws -> (AppDatabase, Int64) {
        let db = try AppDatabase.inMemory()
        var list = Fixture.baseList
        list.append(Fixture.classified(Fixture.item("5", "Rekam medis pasien", kategori: .setiapSaat),
                                       suggested: .dikecualikan, test: true))
        try Fixture.submit(db, list, sha: "v1")
        var undated = Fixture.test(.exemptWhole)
        undated.testedOn = nil
        let testID = try db.recordConsequenceTest(itemID: "dinkes-0005", revision: 1, test: undated, enteredBy: "PPID",
                                                  source: .workbook, at: Fixture.date(3))
        return (db, testID)
    }
}
