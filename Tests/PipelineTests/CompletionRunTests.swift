import DIPCore
import Foundation
import Logging
import OfficeFormats
import Publish
@testable import Register
import TestSupport
import XCTest
@testable import Pipeline

/// Session 28 (w28complete): after a version is published with its berita acara unnumbered, the
/// review workbook lists each record on the sheet Lengkapi Berita Acara; the PPID writes the
/// number the secretariat gave the signed record there, and the next run records it as a
/// completion in the workbook's transaction (no new record, no new draft), refusing with its
/// location what a signed record may not be given (its day).
final class CompletionRunTests: XCTestCase {
    func testThePPIDNumbersAPublishedRecordInTheReviewWorkbook() throws {
        let example = try ExampleInboxWorkspace("dip-complete")
        addTeardownBlock { try? FileManager.default.removeItem(at: example.root) }
        _ = try example.run(0)
        let register = try AppDatabase.open(path: example.workspace.registerPath.path)
        let pending = try register.pendingConsequenceTests()
        XCTAssertGreaterThanOrEqual(pending.count, 2)
        for p in pending {
            try register.recordConsequenceTest(
                itemID: p.itemID, revision: p.revision,
                test: ConsequenceTest(
                    specificInformation: p.item.ringkasan, legalBasis: "", grounds: ["17h2"],
                    consequence: "Mengungkap rahasia pribadi.", publicInterest: "Tidak lebih besar.",
                    conclusion: .exemptWhole, period: .permanent, periodText: "Permanen", conditionsForOpening: "-",
                    tester: Official(name: "Tim"), testedOn: try IndonesianDate.parse("1 Januari 2026")),
                enteredBy: "test", source: .cli, at: Date(timeIntervalSince1970: 1_767_225_700))
        }
        let workbook = example.workspace.review.appendingPathComponent("pemeriksaan-dip.xlsx")
        XCTAssertNil(try sheetTextRows(workbook, named: ReviewFormat.completionSheet), "nothing published yet")
        let draft = try XCTUnwrap(try example.run(60).draftVersion)
        try register.approve(version: draft, by: Official(name: "PPID Utama", nip: "197001011995031002"),
                             decreeNumber: "000.9/7/Diskominfosatik/2026", dikDecreeNumber: "000.9/8/Diskominfosatik/2026",
                             decreeDate: try IndonesianDate.parse("5 Januari 2026"), force: true,
                             at: Date(timeIntervalSince1970: 1_767_225_800))
        XCTAssertEqual(try example.run(4 * 86_400).publishedVersion, draft)

        // Each published record without its number is listed, with what to write.
        let sheet = try XCTUnwrap(try sheetTextRows(workbook, named: ReviewFormat.completionSheet))
        let idc = try XCTUnwrap(sheet[0].firstIndex(of: ReviewFormat.idHeader))
        XCTAssertEqual(Set(sheet.dropFirst().map { $0[idc] }), Set(pending.map(\.itemID)))
        XCTAssertTrue(sheet[1].contains("Terbit dengan DIP versi \(draft), belum bernomor"), "\(sheet[1])")

        let (first, second) = (sheet[1][idc], sheet[2][idc])
        let number = "000.9/10/BA-UK/Diskominfosatik/2026"
        let dropped = example.workspace.inbox.appendingPathComponent("_ppid/pemeriksaan.xlsx")
        try FileManager.default.copyItem(at: workbook, to: dropped)
        let edits = [
            [first, ReviewFormat.beritaAcaraNumberHeader, number],
            [first, ReviewFormat.completionNameHeader, "Dedi Supriadi"],
            [second, ReviewFormat.testedOnHeader, "2/1/2026"],
        ].map { [ReviewFormat.completionSheet] + $0 }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try Checkers.python())
        p.arguments = ["-c", ReviewDecisionsStageTests.editScript, dropped.path,
                       String(decoding: try JSONSerialization.data(withJSONObject: edits), as: UTF8.self)]
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)

        let after = try example.run(4 * 86_400 + 3_600)
        let file = try XCTUnwrap(after.review?.files.first)
        XCTAssertEqual(file.completionsRecorded, 1, "\(file.refused) \(file.problems)")
        XCTAssertEqual(file.refused.count, 1, "\(file.refused)")
        XCTAssertTrue(file.refused[0].hasPrefix("Sheet 'Lengkapi Berita Acara' baris 3 (\(second)): "), file.refused[0])
        XCTAssertTrue(file.refused[0].contains("tanggal pada naskah yang ditandatangani tidak diubah"), file.refused[0])
        let result = try String(contentsOf: file.resultFile, encoding: .utf8)
        XCTAssertTrue(result.contains("Berita acara uji konsekuensi dilengkapi (nomor, tanggal, atau tempat uji): 1"), result)
        XCTAssertNil(after.draftVersion, "a number alone makes no new decree")

        // The record itself, completed from the workbook; not a new test.
        let tests = try register.history(itemID: first).tests
        XCTAssertEqual(tests.count, 1)
        XCTAssertEqual(tests[0].test.beritaAcaraNumber, number)
        XCTAssertEqual(tests[0].completions?.first?.enteredBy, "Dedi Supriadi")
        XCTAssertEqual(tests[0].completions?.first?.source, .workbook)
        // The pack made again lists only the records still without a number.
        let left = try XCTUnwrap(try sheetTextRows(workbook, named: ReviewFormat.completionSheet))
        XCTAssertEqual(Set(left.dropFirst().map { $0[idc] }), Set(pending.map(\.itemID)).subtracting([first]))
    }
}
