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

    /// "Preseden" is a word for lawyers and for the rules' editors: a unit clerk read "Preseden:
    /// mirip dengan 'Tugas Pokok dan Fungsi' …" and "preseden kuat menyarankan …" without knowing
    /// what a precedent is here (session 24). Every note of the real classifier that names
    /// precedents reaches the unit in plain words: another body's list, a similar title.
    func testUnitNotesSayOtherBodiesListsNotPreseden() throws {
        let classifier = Classifier(ruleSet: try RuleSet.defaults())
        // Titles that make the classifier's precedent notes: similar titles, a weak precedent vote,
        // no precedent at all, rules and precedents disagreeing.
        let titles = ["Profil Dinas Sosial: alamat, tugas pokok dan fungsi", "Xyzzy plugh",
                      "Kwitansi perjalanan dinas pegawai", "Hasil Penelitian", "Nomor Rekening"]
        var named = Set<String>()
        for title in titles {
            let c = classifier.classify(Fixture.item("x-1", unit: Fixture.dinkes, nomor: "1", ringkasan: title,
                                                     category: .berkala).item)
            for note in c.notes where note.range(of: "preseden", options: .caseInsensitive) != nil {
                named.insert(String(note.prefix(20)))
            }
            for note in UnitFeedback.unitNotes(c) {
                XCTAssertNil(note.range(of: "preseden", options: .caseInsensitive), note)
            }
            let page = try UnitFeedback.feedbackDocuments(unit: Fixture.dinkes, items: [Fixture.item(
                "x-1", unit: Fixture.dinkes, nomor: "1", ringkasan: title, category: .berkala).item],
                problems: [], returnNotes: [], classifications: [c], clock: ReviewFixtures.clock).page
            XCTAssertNil(page.range(of: "preseden", options: .caseInsensitive), page)
        }
        // The notes did name precedents: the check above had something to read.
        XCTAssertGreaterThanOrEqual(named.count, 3, "\(named)")
        XCTAssertEqual(UnitFeedback.unitNote("Preseden: mirip dengan 'Tugas dan Fungsi' (kemiripan 53%) — diumumkan berkala "
                                             + "oleh 5 badan publik [sumber: a/b:c.php]."),
                       "Judul mirip: 'Tugas dan Fungsi' (kemiripan 53%) — diumumkan berkala "
                       + "oleh 5 badan publik.")
        XCTAssertEqual(UnitFeedback.unitNote("Aturan menyarankan Setiap Saat, preseden menyarankan Berkala (diumumkan berkala "
                                             + "menurut 82% bobot 7 preseden terdekat dari 2 badan publik); aturan PPID yang berlaku."),
                       "Aturan menyarankan Setiap Saat, judul yang mirip di badan publik lain menyarankan Berkala "
                       + "(diumumkan berkala menurut 82% bobot 7 judul paling mirip dari 2 badan publik); aturan PPID yang berlaku.")
    }
}
