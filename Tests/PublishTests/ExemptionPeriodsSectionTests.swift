import DIPCore
import Foundation
import OfficeFormats
import Register
import TestSupport
import XCTest

@testable import Publish

/// The review pack names the exemptions whose period has ended, ends soon or cannot be counted,
/// on its own sheet and at the top of the page, and adds nothing when there are none.
final class ExemptionPeriodsSectionTests: XCTestCase {
    func day(_ y: Int, _ m: Int, _ d: Int) -> Date {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = Clock.wib
        return cal.date(from: DateComponents(year: y, month: m, day: d))!
    }

    /// On 1 January 2026 (the fixtures' clock): one ended a month ago, one ending in 14 days,
    /// one "selama berlaku".
    func notices() -> [ExemptionNotice] {
        let unit = WorkUnit(code: "bappeda", name: "Badan Perencanaan Pembangunan Daerah")
        func term(_ id: String, _ text: String, _ period: RetentionPeriod, _ decided: Date) -> ExemptionTerm {
            ExemptionTerm(itemID: id, revision: 2, unit: unit, ringkasan: "Ringkasan \(id)", conclusion: .exemptWhole,
                          period: period, periodText: text, decidedOn: decided, decreeNumber: "000.9/13/Diskominfosatik/2024",
                          decidedInVersion: 2)
        }
        let terms = [
            term("bappeda-0003", "Selama berlaku", .whileValid, day(2024, 12, 1)),
            term("bappeda-0002", "6 (enam) bulan", .months(6), day(2025, 7, 15)),
            term("bappeda-0001", "1 (satu) tahun", .years(1), day(2024, 12, 1)),
            term("bappeda-0004", "5 (lima) tahun", .years(5), day(2024, 12, 1)),
        ]
        return ExemptionPeriods.notices(terms, today: ReviewFixtures.clock.now)
    }

    func testSheetAndPageNameEachExemptionWithItsDatesAndWhatToDo() throws {
        var input = try ReviewFixtures.input()
        input.exemptionNotices = notices()
        XCTAssertEqual(input.exemptionNotices.map(\.term.itemID), ["bappeda-0001", "bappeda-0002", "bappeda-0003"])
        let url = try Checkers.temporaryFile("p.xlsx", try ReviewWorkbook.build(input, clock: ReviewFixtures.clock))
        let wb = try XLSXWorkbook(path: url.path)
        XCTAssertEqual(wb.sheets.map(\.name).prefix(3), ["Petunjuk", "Jangka Waktu Pengecualian", "Berkala"])

        let rows = try ReviewFixtures.rows(url.path, sheet: ReviewFormat.exemptionPeriodsSheet).map { $0.cells.map(ReviewFixtures.text) }
        XCTAssertEqual(rows[0].first, "PERHATIAN: Pengecualian yang Jangka Waktunya Telah atau Akan Berakhir (3)")
        XCTAssertTrue(rows[1][0].contains("berakhir dalam 90 hari"), rows[1][0])
        XCTAssertTrue(rows[1][0].contains("Pasal 20 ayat (1) UU 14/2008"), rows[1][0])
        let header = try XCTUnwrap(rows.first { $0.first == "No" })
        let body = rows.drop { $0.first != "No" }.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        XCTAssertEqual(body.count, 3)
        XCTAssertEqual(body[0]["Kode Informasi"], "bappeda-0001")
        XCTAssertEqual(body[0]["Perangkat Daerah"], "Badan Perencanaan Pembangunan Daerah")
        XCTAssertEqual(body[0]["Jangka Waktu Pengecualian"], "1 (satu) tahun")
        XCTAssertEqual(body[0]["Ditetapkan dengan"],
                       "Keputusan Klasifikasi Nomor 000.9/13/Diskominfosatik/2024 tanggal 1 Desember 2024 (DIP versi 2)")
        // The last day withheld (session 26): a year from 1 December 2024 runs up to and including
        // 30 November 2025; the days are counted from it.
        XCTAssertEqual(body[0]["Berakhir pada"], "30 November 2025")
        XCTAssertEqual(body[0]["Keadaan"], "Telah berakhir 32 hari yang lalu")
        XCTAssertTrue(body[0]["Yang Perlu Dilakukan"]!.hasPrefix("Lakukan uji konsekuensi ulang (barisnya ada di sheet Uji Konsekuensi"))
        XCTAssertEqual(body[0]["Perintah Uji Ulang"], "dip test bappeda-0001 --revision 2 --conclusion …")
        XCTAssertEqual(body[1]["Berakhir pada"], "14 Januari 2026")
        XCTAssertEqual(body[1]["Keadaan"], "Akan berakhir dalam 13 hari")
        XCTAssertTrue(body[1]["Yang Perlu Dilakukan"]!.contains("sebelum jangka waktunya berakhir pada tanggal 14 Januari 2026"),
                      body[1]["Yang Perlu Dilakukan"]!)
        XCTAssertEqual(body[2]["Berakhir pada"], "-")
        XCTAssertEqual(body[2]["Keadaan"], "Tanggal berakhir tidak dapat dihitung")
        XCTAssertTrue(body[2]["Yang Perlu Dilakukan"]!.contains("\"Selama berlaku\""))

        let petunjuk = try ReviewFixtures.rows(url.path, sheet: "Petunjuk").map { ReviewFixtures.text($0.cells.first ?? .empty) }
        XCTAssertEqual(petunjuk[2], "PERHATIAN: 1 pengecualian telah berakhir jangka waktunya, 1 pengecualian akan berakhir "
            + "dalam 90 hari, 1 pengecualian perlu diperiksa jangka waktunya; lihat sheet Jangka Waktu Pengecualian untuk uji "
            + "konsekuensi ulang atau pencabutannya.")

        let page = ReviewPage.html(input, clock: ReviewFixtures.clock)
        let section = try XCTUnwrap(page.range(of: "<section id=\"jangka-waktu-pengecualian\""))
        XCTAssertLessThan(section.lowerBound, try XCTUnwrap(page.range(of: "<nav>")).lowerBound, "above the contents")
        for text in ["bappeda-0001", "Telah berakhir 32 hari yang lalu", "14 Januari 2026", "Akan berakhir dalam 13 hari"] {
            XCTAssertTrue(page.contains(text), text)
        }
        // One pass (workbook and page together) gives the same.
        var written: [UInt8] = []
        _ = try ReviewPack(input).write(clock: ReviewFixtures.clock) { written += $0 }
        XCTAssertEqual(written, Array(page.utf8))
    }

    /// The state is counted to the last day withheld, the day the row's *Berakhir pada* prints
    /// (session 26): on that day the exemption still runs and ends today; the day after, it ended
    /// yesterday.
    func testTheStateCountsToTheLastDayWithheld() throws {
        let clock = ReviewFixtures.clock
        func day(_ text: String) throws -> Date { try IndonesianDate.parse(text) }
        let open = try day("5 Februari 2026")  // the first day without a month set on 5 January
        XCTAssertEqual(ExemptionPeriodsSection.endText(.ending(open), clock: clock), "4 Februari 2026")
        XCTAssertEqual(ExemptionPeriodsSection.state(.ending(open), today: try day("3 Februari 2026"), clock: clock), "Berakhir besok")
        XCTAssertEqual(ExemptionPeriodsSection.state(.ending(open), today: try day("4 Februari 2026").addingTimeInterval(20 * 3600),
                                                     clock: clock), "Berakhir hari ini")
        XCTAssertEqual(ExemptionPeriodsSection.state(.ended(open), today: try day("5 Februari 2026"), clock: clock), "Telah berakhir kemarin")
        XCTAssertEqual(ExemptionPeriodsSection.state(.ended(open), today: try day("7 Februari 2026"), clock: clock),
                       "Telah berakhir 3 hari yang lalu")
    }

    func testNothingIsAddedWhenNoExemptionNeedsAttention() throws {
        let input = try ReviewFixtures.input()
        XCTAssertTrue(input.exemptionNotices.isEmpty)
        let url = try Checkers.temporaryFile("p.xlsx", try ReviewWorkbook.build(input, clock: ReviewFixtures.clock))
        XCTAssertFalse(try XLSXWorkbook(path: url.path).sheets.map(\.name).contains(ReviewFormat.exemptionPeriodsSheet))
        let petunjuk = try ReviewFixtures.rows(url.path, sheet: "Petunjuk").map { ReviewFixtures.text($0.cells.first ?? .empty) }
        XCTAssertFalse(petunjuk.contains { $0.contains("jangka waktunya") })
        XCTAssertFalse(ReviewPage.html(input, clock: ReviewFixtures.clock).contains("jangka-waktu-pengecualian"))
    }

    /// keputusan.json `hariPemberitahuanPengecualian`: absent → 90 days; set → that; out of range → an error
    /// for `dip rules check`.
    func testTheNoticeWindowIsAKeputusanSetting() throws {
        var settings = DecreeSettings.kabupatenSerang
        let encoded = try JSONEncoder().encode(settings)
        XCTAssertFalse(String(decoding: encoded, as: UTF8.self).contains("hariPemberitahuanPengecualian"),
                       "the shipped settings carry no window: the default applies")
        XCTAssertEqual(try JSONDecoder().decode(DecreeSettings.self, from: encoded).exemptionNoticeDays, 90)
        XCTAssertFalse(settings.issues().contains { $0.message.contains("hariPemberitahuanPengecualian") })
        settings.hariPemberitahuanPengecualian = 120
        XCTAssertEqual(settings.exemptionNoticeDays, 120)
        XCTAssertFalse(settings.issues().contains { $0.message.contains("hariPemberitahuanPengecualian") })
        settings.hariPemberitahuanPengecualian = -5
        XCTAssertTrue(settings.issues().contains { $0.error && $0.message.hasPrefix("hariPemberitahuanPengecualian -5 ") },
                      "\(settings.issues())")
        // dip run does not check keputusan.json: a window out of range is the default, as the check says.
        XCTAssertEqual(settings.exemptionNoticeDays, 90, "a negative window")
        settings.hariPemberitahuanPengecualian = 5000
        XCTAssertEqual(settings.exemptionNoticeDays, 90, "a window beyond 3650 days")
        XCTAssertTrue(settings.issues().contains { $0.error && $0.message.contains("dip memakai bawaan 90 hari") })
        settings.hariPemberitahuanPengecualian = 3650
        XCTAssertEqual(settings.exemptionNoticeDays, 3650)
    }
}
