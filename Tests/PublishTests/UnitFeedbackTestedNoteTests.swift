import DIPCore
import Foundation
import OfficeFormats
import Register
import Rules
import TestSupport
import XCTest

@testable import Publish

/// An item the PPID has already tested: its unit's feedback said "Sudah diuji konsekuensi oleh
/// PPID pada 2 Januari 2026 …" and, under it, the rules' note "…: lakukan uji konsekuensi sebelum
/// dipublikasikan." (read in the session 22 walk, Dinas Sosial's list of aid recipients). The
/// note asking for the test is left out once a test is on record; the real classifier makes the
/// notes, so a change of its wording shows here.
final class UnitFeedbackTestedNoteTests: XCTestCase {
    func testATestedItemIsNotAskedForTheTestAgain() throws {
        let classifier = Classifier(ruleSet: try RuleSet.defaults())
        var item = Fixture.item("dinsos-0007", unit: Fixture.dinkes, nomor: "1",
                                ringkasan: "Daftar penerima bantuan sosial beserta NIK dan nomor rekening",
                                category: .setiapSaat).item
        item.kategori = .setiapSaat
        item.kategoriText = "Setiap Saat"
        var withheld = Fixture.item("dinsos-0010", unit: Fixture.dinkes, nomor: "2",
                                    ringkasan: "Rekam medis pasien", category: .dikecualikan).item
        withheld.kategori = .dikecualikan
        withheld.kategoriText = "Dikecualikan"
        withheld.dasarHukumText = "UU 14/2008 Pasal 17 huruf h angka 2"
        for it in [item, withheld] {
            let c = classifier.classify(it)
            XCTAssertTrue(c.needsConsequenceTest, "\(it.ringkasan): \(c.notes)")
            let asking = c.notes.filter(UnitFeedback.asksForTest)
            XCTAssertFalse(asking.isEmpty, "the classifier's note asking for the test is recognised: \(c.notes)")
            XCTAssertEqual(UnitFeedback.unitNotes(c).filter(UnitFeedback.asksForTest), asking, "untested: said")
            XCTAssertEqual(UnitFeedback.unitNotes(c, tested: true).filter(UnitFeedback.asksForTest), [], "tested: left out")

            let tested = TestOnRecord(itemID: "dinsos-0007", revision: 1, nomor: it.nomor, ringkasan: it.ringkasan,
                                      conclusion: .exemptWhole, testedOn: ReviewFixtures.clock.now)
            let d = try UnitFeedback.feedbackDocuments(
                unit: Fixture.dinkes, items: [it], problems: [], returnNotes: [], classifications: [c],
                testsOnRecord: [0: tested], clock: ReviewFixtures.clock)
            XCTAssertTrue(d.page.contains("sudah diuji konsekuensi oleh PPID"), d.page)
            for line in asking { XCTAssertFalse(d.page.contains(WebText.escape(line)), "\(line) on the page") }
            let url = try Checkers.temporaryFile("diuji.xlsx", d.workbook)
            let shown = try XLSXWorkbook(path: url.path).sharedStrings().joined(separator: "\n")
            XCTAssertTrue(shown.contains("sudah diuji konsekuensi oleh PPID"), shown)
            for line in asking { XCTAssertFalse(shown.contains(line), "\(line) in the workbook") }
        }
    }
}
