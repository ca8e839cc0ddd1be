import DIPCore
import Foundation
import Logging
import OfficeFormats
import Publish
@testable import Register
import TestSupport
import XCTest
@testable import Pipeline

/// `dip run` follows the clock for exemption periods: the review pack's sheet and the run's
/// summary name an exemption as its period nears its end and after it ended, though nothing
/// else changed in the register.
final class ExemptionPeriodRunTests: XCTestCase {
    /// The examples decreed on 5 January 2026 with the first pending item exempted for one month
    /// (ends 5 February 2026), the others permanent.
    func publishedWithAOneMonthExemption() throws -> (example: ExampleInboxWorkspace, register: AppDatabase, first: String, draft: Int) {
        try published(firstPeriod: .months(1), text: "1 (satu) bulan")
    }

    /// The examples decreed on 5 January 2026 with the first pending item exempted for
    /// `firstPeriod` (`text`), the others permanent.
    func published(firstPeriod: RetentionPeriod, text: String) throws
        -> (example: ExampleInboxWorkspace, register: AppDatabase, first: String, draft: Int) {
        let example = try ExampleInboxWorkspace("dip-expiry")
        addTeardownBlock { try? FileManager.default.removeItem(at: example.root) }
        _ = try example.run(0)
        let register = try AppDatabase.open(path: example.workspace.registerPath.path)
        let pending = try register.pendingConsequenceTests()
        XCTAssertGreaterThanOrEqual(pending.count, 2)
        for (i, p) in pending.enumerated() {
            // The first for one month, the others permanent (huruf h).
            try register.recordConsequenceTest(
                itemID: p.itemID, revision: p.revision,
                test: ConsequenceTest(
                    specificInformation: p.item.ringkasan, legalBasis: "", grounds: ["17h2"],
                    consequence: "Mengungkap rahasia pribadi.", publicInterest: "Tidak lebih besar.",
                    conclusion: .exemptWhole, period: i == 0 ? firstPeriod : .permanent,
                    periodText: i == 0 ? text : "Permanen", conditionsForOpening: "-",
                    tester: Official(name: "Tim"), testedOn: nil),
                enteredBy: "test", source: .cli, at: Date(timeIntervalSince1970: 1_767_225_700))
        }
        let draft = try XCTUnwrap(try example.run(60).draftVersion)
        try register.approve(version: draft, by: Official(name: "PPID Utama", nip: "197001011995031002"),
                             decreeNumber: "000.9/7/Diskominfosatik/2026", dikDecreeNumber: "000.9/8/Diskominfosatik/2026",
                             decreeDate: try IndonesianDate.parse("5 Januari 2026"), force: true,
                             at: Date(timeIntervalSince1970: 1_767_225_800))
        let published = try example.run(4 * 86_400) // 5 January 2026, 07.00 WIB
        XCTAssertEqual(published.publishedVersion, draft)
        XCTAssertEqual(published.exemptionNotices.map(\.term.itemID), [pending[0].itemID], "listed from the decree on")
        return (example, register, pending[0].itemID, draft)
    }

    /// A period dip cannot date ("selama berlaku") reads the same every day: listed on every
    /// run, but the review pack is not made again (with a new review token) each day for it.
    func testAPeriodDipCannotDateDoesNotRemakeThePackEachDay() throws {
        let (example, _, first, _) = try published(firstPeriod: .whileValid, text: "Selama berlaku")
        let workbook = example.workspace.review.appendingPathComponent("pemeriksaan-dip.xlsx")
        let eleventh = try example.run(10 * 86_400)
        XCTAssertEqual(eleventh.exemptionNotices.map(\.standing), [.needsPerson])
        let sheet = try XCTUnwrap(try sheetTextRows(workbook, named: ReviewFormat.exemptionPeriodsSheet))
        XCTAssertTrue(sheet.contains { $0.contains(first) && $0.contains("Tanggal berakhir tidak dapat dihitung") })
        let before = try Data(contentsOf: workbook)
        let twelfth = try example.run(11 * 86_400)
        XCTAssertEqual(twelfth.exemptionNotices.map(\.standing), [.needsPerson], "still listed on the next day's run")
        XCTAssertEqual(try Data(contentsOf: workbook), before, "the pack was made again though nothing in it changed")
    }

    func testTheReviewPackAndTheSummaryFollowTheClockToThePeriodsEnd() throws {
        let (example, _, first, draft) = try publishedWithAOneMonthExemption()
        let workbook = example.workspace.review.appendingPathComponent("pemeriksaan-dip.xlsx")
        func row() throws -> [String] {
            let sheet = try XCTUnwrap(try sheetTextRows(workbook, named: ReviewFormat.exemptionPeriodsSheet))
            let header = try XCTUnwrap(sheet.firstIndex { $0.first == "No" })
            XCTAssertEqual(sheet.count, header + 2, "one exemption listed")
            return sheet[header + 1]
        }
        // 11 and 12 January: the same register, the pack made again with the day's count.
        let eleventh = try example.run(10 * 86_400)
        XCTAssertEqual(eleventh.exemptionNotices.map(\.standing), [.ending(try IndonesianDate.parse("5 Februari 2026"))])
        var r = try row()
        // Counted to the last day withheld, 4 February (a month from 5 January), which the row prints.
        XCTAssertTrue(r.contains("Akan berakhir dalam 24 hari"), r.joined(separator: " | "))
        XCTAssertTrue(r.contains("4 Februari 2026"), r.joined(separator: " | "))
        XCTAssertTrue(r.contains("Keputusan Klasifikasi Nomor 000.9/8/Diskominfosatik/2026 tanggal 5 Januari 2026 (DIP versi \(draft))"))
        _ = try example.run(11 * 86_400)
        r = try row()
        XCTAssertTrue(r.contains("Akan berakhir dalam 23 hari"), r.joined(separator: " | "))
        // 6 February: its last day was 4 February.
        let ended = try example.run(36 * 86_400)
        XCTAssertEqual(ended.exemptionNotices.map(\.standing), [.ended(try IndonesianDate.parse("5 Februari 2026"))])
        r = try row()
        XCTAssertTrue(r.contains("Telah berakhir 2 hari yang lalu"), r.joined(separator: " | "))
        let page = try String(contentsOf: example.workspace.review.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("Telah berakhir 2 hari yang lalu"))
    }

    /// The exemption whose period ended is asked for again on the *Uji Konsekuensi* sheet, with
    /// why; the PPID tests it there (*Terbuka*), drops the workbook back, and the next draft opens
    /// it: nothing is listed any more.
    func testAnEndedExemptionIsTestedAgainFromTheReviewWorkbook() throws {
        let (example, register, first, _) = try publishedWithAOneMonthExemption()
        _ = try example.run(36 * 86_400) // 6 February 2026: ended yesterday
        let workbook = example.workspace.review.appendingPathComponent("pemeriksaan-dip.xlsx")
        let sheet = try XCTUnwrap(try sheetTextRows(workbook, named: ReviewFormat.testSheet))
        let header = sheet[0]
        let idc = try XCTUnwrap(header.firstIndex(of: ReviewFormat.idHeader))
        let reason = try XCTUnwrap(header.firstIndex(of: "Alasan Perlu Uji"))
        let row = try XCTUnwrap(sheet.first { $0.count > idc && $0[idc] == first }, "no test row for \(first)")
        XCTAssertTrue(row[reason].hasPrefix("Uji ulang: jangka waktu pengecualian \"1 (satu) bulan\" sejak Keputusan "
            + "Klasifikasi Nomor 000.9/8/Diskominfosatik/2026 tanggal 5 Januari 2026 telah berakhir pada tanggal 4 Februari 2026."),
                      row[reason])

        // The unit's blank form for the Tim's meeting carries it too, with why.
        let unit = String(first.prefix { $0 != "-" })
        let form = example.workspace.reports.appendingPathComponent("uji-konsekuensi/uji-konsekuensi-\(unit).docx")
        let archive = try ZipArchive(path: form.path)
        let xml = String(decoding: try archive.readAll(try XCTUnwrap(try archive.entry(named: "word/document.xml"))), as: UTF8.self)
        XCTAssertTrue(xml.contains("\(first) (revisi 1); Uji ulang: jangka waktu pengecualian"), "no re-test on the form")

        let dropped = example.workspace.inbox.appendingPathComponent("_ppid/pemeriksaan.xlsx")
        try FileManager.default.copyItem(at: workbook, to: dropped)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try Checkers.python())
        let edits = [
            ["Konsekuensi apabila Dibuka", "Tidak ada lagi rahasia yang terlindungi"],
            ["Pertimbangan Kepentingan Publik", "Pengawasan penyaluran bantuan"],
            ["Kesimpulan", "Terbuka"],
            ["Nama Penguji", "Siti Aminah, S.Sos."],
            ["Tanggal Uji", "6/2/2026"],
        ].map { [ReviewFormat.testSheet, first] + $0 }
        p.arguments = ["-c", ReviewDecisionsStageTests.editScript, dropped.path,
                       String(decoding: try JSONSerialization.data(withJSONObject: edits), as: UTF8.self)]
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        let after = try example.run(36 * 86_400 + 3_600)
        XCTAssertEqual(after.review?.files.first?.testsRecorded, 1, "\(String(describing: after.review?.files.first?.refused))")
        XCTAssertEqual(try register.pendingConsequenceTests().map(\.itemID).contains(first), false)
        XCTAssertEqual(after.exemptionNotices, [], "the new draft opens it")
        XCTAssertNil(try sheetTextRows(workbook, named: ReviewFormat.exemptionPeriodsSheet))
    }

    /// The archive package keeps, with the decrees, who approved them and what the approval overrode
    /// (session 24): `register/persetujuan-vN.json`, the version's approval history as the register
    /// holds it, each override under its own name.
    func testTheArchiveKeepsTheApprovalAndItsOverrides() throws {
        let (example, register, _, draft) = try publishedWithAOneMonthExemption()
        let name = ArchivePackager.packageName(forVersion: draft)
        let package = try ZipArchive(path: example.workspace.packages.appendingPathComponent(name + ".zip").path)
        let entry = try XCTUnwrap(try package.entry(named: "\(name)/data/register/persetujuan-v\(draft).json"),
                                  "the package has no approval record")
        let records = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(try package.readAll(entry))) as? [[String: Any]])
        XCTAssertEqual(records.count, 1)
        let approval = try XCTUnwrap(records.first)
        XCTAssertEqual(approval["decreeNumber"] as? String, "000.9/7/Diskominfosatik/2026")
        XCTAssertEqual(approval["dikDecreeNumber"] as? String, "000.9/8/Diskominfosatik/2026")
        XCTAssertEqual((approval["by"] as? [String: Any])?["name"] as? String, "PPID Utama")
        let readiness = try register.approvalHistory(version: draft)
        XCTAssertEqual((approval["forced"] as? NSNumber)?.boolValue, readiness.first?.forced)
        XCTAssertEqual((approval["endedExemptionsReissued"] as? [Any])?.count, 0, "nothing re-issued past its period")
    }

    /// The website is written again when a period "sampai" a date is over, as for a period of
    /// years (session 26: its stamp counted years and months only, so the page kept such a title
    /// as withheld after its last day).
    func testTheWebsiteStampCountsAPeriodUntilADate() throws {
        let term = ExemptionTerm(itemID: "dinkes-0005", revision: 1, unit: WorkUnit(code: "dinkes", name: "Dinas Kesehatan"),
                                 ringkasan: "Rincian HPS", conclusion: .exemptWhole,
                                 period: .untilEvent("sampai 31 Desember 2026"), periodText: "sampai 31 Desember 2026",
                                 decidedOn: try IndonesianDate.parse("5 Januari 2026"), decreeNumber: "000.9/8/2026", decidedInVersion: 2)
        func stamp(_ day: String) throws -> String {
            PublishStage.websiteStamp(version: 2, terms: [term], decreeDate: nil,
                                      clock: Clock(now: try IndonesianDate.parse(day).addingTimeInterval(20 * 3600)))
        }
        XCTAssertEqual(try stamp("31 Desember 2026"), "v2 \n", "its last day: not over")
        XCTAssertEqual(try stamp("1 Januari 2027"), "v2 dinkes-0005#1\n")
    }

    /// Read as a Bagian Hukum and a citizen read them (session 21): the signed DIK decree says
    /// when each exemption's period ends, and the website, written when the decree was
    /// published, says so once it has ended instead of listing the title as withheld, with no
    /// end in sight, until the next decree.
    func testTheDecreeAndTheWebsiteStateWhenAPeriodEnds() throws {
        let (example, _, first, draft) = try publishedWithAOneMonthExemption()
        // The published DIK decree's Lampiran: the period, from when and until when.
        let decree = example.workspace.reports.appendingPathComponent("terbit/v\(draft)/keputusan-klasifikasi-dik-v\(draft).docx")
        let archive = try ZipArchive(path: decree.path)
        let xml = String(decoding: try archive.readAll(try XCTUnwrap(try archive.entry(named: "word/document.xml"))), as: UTF8.self)
        XCTAssertTrue(xml.contains("sejak tanggal Keputusan ini ditetapkan sampai dengan tanggal 4 Februari 2026"),
                      "the DIK Lampiran does not say when the one-month exemption ends")

        let page = example.workspace.reports.appendingPathComponent("situs/index.html")
        var html = try String(contentsOf: page, encoding: .utf8)
        XCTAssertTrue(html.contains("1 (satu) bulan<br>sejak 5 Januari 2026 sampai dengan tanggal 4 Februari 2026"), html)
        XCTAssertFalse(html.contains("telah berakhir"), "ended before its end")
        // 11 January: nothing ended, the page is not written again.
        let before = try Data(contentsOf: page)
        _ = try example.run(10 * 86_400)
        XCTAssertEqual(try Data(contentsOf: page), before)
        // 6 February: the period's last day was 4 February; the page written on publication said nothing.
        _ = try example.run(36 * 86_400)
        html = try String(contentsOf: page, encoding: .utf8)
        XCTAssertTrue(html.contains("Jangka waktu pengecualian ini telah berakhir pada tanggal 4 Februari 2026; pengecualiannya belum ditetapkan kembali berdasarkan uji konsekuensi baru."),
                      "the website still lists \(first) as withheld with no word of its ended period")
        // Said once, in the period's cell (a phone's card shows it under the title's).
        XCTAssertEqual(html.components(separatedBy: "tanggal 4 Februari 2026").count - 1, 2, html) // the dates and the note
        XCTAssertFalse(html.contains("5 Februari 2026"), "never the day after the last")
        XCTAssertEqual(html.components(separatedBy: "telah berakhir").count - 1, 1, html)
        // The next day: the same page (rewritten only when what ended changes).
        let after = try Data(contentsOf: page)
        _ = try example.run(37 * 86_400)
        XCTAssertEqual(try Data(contentsOf: page), after)
    }
}
