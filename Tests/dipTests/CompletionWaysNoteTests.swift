import DIPCore
import Foundation
import XCTest
@testable import dip

/// `dip approve` names the records the next DIK decree cites still without a number, and the way
/// to add it; since session 28 the review workbook's sheet Lengkapi Berita Acara does it without a
/// terminal, which the note did not say (session 29).
final class CompletionWaysNoteTests: XCTestCase {
    func testTheUnnumberedIssuedRecordsNoteNamesTheCommandAndTheWorkbookSheet() throws {
        let clock = Clock(now: Date(timeIntervalSince1970: 1_767_600_000))
        var item = testedItem(["17h3"], conclusion: .exemptWhole)
        item.consequenceTest?.testedOn = Date(timeIntervalSince1970: 1_767_300_000)
        let version = DIPVersion(number: 3, status: .draft, createdAt: clock.now, decreeNumber: nil, decreeDate: nil,
                                 approvedBy: nil, approvedAt: nil, items: [], exempted: [item],
                                 previousDecreeNumber: nil, previousDecreeDate: nil)
        let note = try XCTUnwrap(DIP.Approve.unnumberedIssuedRecordsNote(version, issued: ["dinsos-0007"], clock: clock))
        XCTAssertTrue(note.hasPrefix("Perhatian: Keputusan Klasifikasi DIK mengutip 1 berita acara uji konsekuensi yang sudah "
            + "terbit tanpa nomor: dinsos-0007 revisi 1"), note)
        XCTAssertTrue(note.contains("`dip test dinsos-0007 --revision 1 --berita-acara-number \"…\" --name \"…\"`, atau isi sheet "
            + "Lengkapi Berita Acara pada lembar kerja pemeriksaan (reports/review/pemeriksaan-dip.xlsx) dan letakkan berkasnya "
            + "di inbox/_ppid/, lalu `dip run`"), note)
        XCTAssertNil(DIP.Approve.unnumberedIssuedRecordsNote(version, issued: [], clock: clock), "not issued before: another note")
    }
}
