import DIPCore
import Foundation
import Rules
import XCTest
@testable import Publish

/// The articles the DIK decree and the berita acara cite for what they say (session 28, read as a
/// Bagian Hukum reads them): the weighing of the public interest is UU 14/2008 Pasal 2 ayat (4)
/// ("… setelah dipertimbangkan dengan saksama bahwa menutup Informasi Publik dapat melindungi
/// kepentingan yang lebih besar daripada membukanya atau sebaliknya"), not Pasal 17 (the grounds)
/// or Pasal 19 (the duty to test) alone; the stages of the test are Perki 1/2021 Pasal 49.
final class DecreeCitationTests: XCTestCase {
    let settings = DecreeSettings.kabupatenSerang
    let clock = DecreeFixtures.clock

    func text(_ bytes: [UInt8]) throws -> String {
        visibleText(try docxParts(bytes)[2].text).joined(separator: " ")
    }

    func testThePublicInterestTestCitesPasal2Ayat4AndTheStagesPerki49() throws {
        let v = try DecreeFixtures.sampleVersion()
        XCTAssertFalse(v.exempted.isEmpty)
        let dik = try text(try DecreeWriter.klasifikasiDIK(version: v, settings: settings, citations: .builtIn, clock: clock))
        XCTAssertTrue(dik.contains("ditetapkan berdasarkan Uji Konsekuensi dan pertimbangan kepentingan publik sesuai dengan "
            + "Pasal 2 ayat (4), Pasal 17, dan Pasal 19 Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik,"), dik)
        XCTAssertFalse(dik.contains("sesuai dengan Pasal 17 dan Pasal 19"), dik)

        let record = try text(try ConsequenceTestForm.document(items: v.exempted, settings: settings, citations: .builtIn,
                                                               clock: clock))
        XCTAssertTrue(record.contains("telah dilakukan uji konsekuensi sebagaimana dimaksud dalam Pasal 19 Undang-Undang Nomor 14 "
            + "Tahun 2008 tentang Keterbukaan Informasi Publik, dengan mempertimbangkan kepentingan publik sebagaimana dimaksud "
            + "dalam Pasal 2 ayat (4) Undang-Undang tersebut, menurut tahapan dan tata cara sebagaimana diatur dalam Pasal 49 "
            + "Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar Layanan Informasi Publik, atas informasi yang "
            + "dikuasai oleh "), record)
        // The blank form (a test not held yet) says the same of the test it is for.
        var pending = v.exempted
        for i in pending.indices { pending[i].consequenceTest = nil }
        let form = try text(try ConsequenceTestForm.document(items: pending, settings: settings, citations: .builtIn, clock: clock))
        XCTAssertTrue(form.contains("Pasal 2 ayat (4) Undang-Undang tersebut, menurut tahapan dan tata cara"), form)
    }

    /// The review workbook's *Uji Konsekuensi* sheet, where the Tim writes each test, names the same
    /// articles for its columns as the berita acara prints.
    func testTheTestSheetNamesTheArticlesOfItsColumns() {
        let table = ReviewContent.testTable(ReviewFixtures.pending(), citations: .builtIn)
        XCTAssertTrue(table.intro.contains("(UU 14/2008 Pasal 17 dan Pasal 19; Pertimbangan Kepentingan Publik: Pasal 2 ayat (4); "
            + "tahapan uji: Perki 1/2021 Pasal 49)"), table.intro)
    }
}
