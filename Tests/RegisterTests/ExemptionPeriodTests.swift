import DIPCore
import Foundation
import XCTest
@testable import Register

/// When an exemption's period (*jangka waktu pengecualian*) ends: counted from the date of the
/// DIK decree that set it on its test, in WIB days, on the run's clock.
final class ExemptionPeriodTests: XCTestCase {
    /// WIB midnight of a day, as the register keeps a decree date.
    func day(_ y: Int, _ m: Int, _ d: Int, hour: Int = 0) -> Date {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = Clock.wib
        return cal.date(from: DateComponents(year: y, month: m, day: d, hour: hour))!
    }

    func term(_ period: RetentionPeriod, decided: Date?, id: String = "dinkes-0005", unit: String = "dinkes") -> ExemptionTerm {
        ExemptionTerm(itemID: id, revision: 1, unit: WorkUnit(code: unit, name: unit), ringkasan: "Rincian HPS",
                      conclusion: .exemptWhole, period: period, periodText: "\(period)", decidedOn: decided)
    }

    func testYearsAndMonthsEndOnTheSameDateLaterClampedToTheMonthsEnd() {
        XCTAssertEqual(ExemptionPeriods.endDay(of: .years(2), from: day(2026, 1, 5, hour: 14)), day(2028, 1, 5))
        XCTAssertEqual(ExemptionPeriods.endDay(of: .months(6), from: day(2026, 1, 5)), day(2026, 7, 5))
        // Leap day: one year later there is no 29 February; four years later there is.
        XCTAssertEqual(ExemptionPeriods.endDay(of: .years(1), from: day(2024, 2, 29)), day(2025, 2, 28))
        XCTAssertEqual(ExemptionPeriods.endDay(of: .years(4), from: day(2024, 2, 29)), day(2028, 2, 29))
        // A month from 31 January: the end of February (common and leap year).
        XCTAssertEqual(ExemptionPeriods.endDay(of: .months(1), from: day(2026, 1, 31)), day(2026, 2, 28))
        XCTAssertEqual(ExemptionPeriods.endDay(of: .months(1), from: day(2028, 1, 31)), day(2028, 2, 29))
        XCTAssertEqual(ExemptionPeriods.endDay(of: .months(13), from: day(2026, 1, 5)), day(2027, 2, 5))
        for period: RetentionPeriod in [.permanent, .whileValid, .untilEvent("sampai tender selesai"), .unknown, .years(0)] {
            XCTAssertNil(ExemptionPeriods.endDay(of: period, from: day(2026, 1, 5)), "\(period)")
        }
    }

    /// "Sampai" a calendar time is a date like any other (session 25): it has run out from the day
    /// after the last day its words can mean; an event dip cannot date stays for a person. A new
    /// test whose period ran out before the decree that would set it is found (`endedBeforeSetting`).
    func testAPeriodUntilACalendarTimeEndsTheDayAfter() {
        XCTAssertEqual(ExemptionPeriods.endDay(until: "sampai 31 Desember 2025"), day(2026, 1, 1))
        XCTAssertEqual(ExemptionPeriods.endDay(until: "Sampai dengan tanggal 31-12-2025"), day(2026, 1, 1))
        XCTAssertEqual(ExemptionPeriods.endDay(until: "hingga Desember 2025"), day(2026, 1, 1))
        XCTAssertEqual(ExemptionPeriods.endDay(until: "s.d. akhir tahun 2025"), day(2026, 1, 1))
        XCTAssertEqual(ExemptionPeriods.endDay(until: "sampai Februari 2028"), day(2028, 3, 1))
        for text in ["sampai pengumuman pemenang", "sampai tender 2025 selesai", "Selama berlaku", "31 Desember 2025"] {
            XCTAssertNil(ExemptionPeriods.endDay(until: text), text)
        }
        let until = term(.untilEvent("sampai 31 Desember 2025"), decided: day(2025, 6, 2))
        XCTAssertEqual(ExemptionPeriods.standing(until, today: day(2025, 12, 31, hour: 23)), .ending(day(2026, 1, 1)))
        XCTAssertEqual(ExemptionPeriods.standing(until, today: day(2026, 1, 1)), .ended(day(2026, 1, 1)))
        XCTAssertEqual(ExemptionPeriods.standing(term(.untilEvent("sampai tender selesai"), decided: day(2025, 6, 2)),
                                                 today: day(2026, 1, 1)), .needsPerson)
        var new = term(.untilEvent("sampai 31 Desember 2025"), decided: nil)
        new.periodText = "sampai 31 Desember 2025"
        XCTAssertEqual(ExemptionPeriods.endedBeforeSetting([new], decreeDate: day(2026, 1, 5, hour: 9)).map(\.end), [day(2026, 1, 1)])
        XCTAssertTrue(ExemptionPeriods.endedBeforeSetting([new], decreeDate: day(2025, 12, 31)).isEmpty)
        XCTAssertTrue(ExemptionPeriods.endedBeforeSetting([until], decreeDate: day(2026, 1, 5)).isEmpty,
                      "one set by an earlier decree is the ended re-issue, refused apart")
    }

    /// Every text names the last day an exemption is withheld (session 26): "sampai 31 Desember
    /// 2026" is withheld up to and including 31 December, as a Bagian Hukum reads it, and a year set
    /// on 5 January 2026 up to and including 4 January 2027 — the same reading for both kinds of
    /// period, in the same words ("sampai dengan tanggal …", "berakhir pada tanggal …").
    func testTextsNameTheLastDayWithheldForEveryKindOfPeriod() {
        let clock = Clock(now: day(2026, 1, 1))
        let until = ExemptionPeriods.endDay(of: .untilEvent("sampai 31 Desember 2026"), setOn: nil)
        XCTAssertEqual(until, day(2027, 1, 1), "the first day without it, as `standing` counts")
        XCTAssertEqual(until.map(ExemptionPeriods.lastDay), day(2026, 12, 31))
        XCTAssertEqual(until.map { ExemptionPeriods.untilText($0, clock: clock) }, "sampai dengan tanggal 31 Desember 2026")
        XCTAssertEqual(until.map { ExemptionPeriods.endsText($0, clock: clock) }, "berakhir pada tanggal 31 Desember 2026")
        let year = ExemptionPeriods.endDay(of: .years(1), setOn: day(2026, 1, 5, hour: 10))
        XCTAssertEqual(year.map { ExemptionPeriods.untilText($0, clock: clock) }, "sampai dengan tanggal 4 Januari 2027")
        XCTAssertEqual(ExemptionPeriods.endDay(until: "sampai 4 Januari 2027"), year,
                       "a year from 5 January 2026 and \"sampai 4 Januari 2027\" are the same period")
        XCTAssertEqual(ExemptionPeriods.endDay(of: .months(1), setOn: day(2026, 1, 5)).map { ExemptionPeriods.untilText($0, clock: clock) },
                       "sampai dengan tanggal 4 Februari 2026")
        XCTAssertNil(ExemptionPeriods.endDay(of: .years(1), setOn: nil), "not set yet: no start to count from")
        XCTAssertNil(ExemptionPeriods.endDay(of: .untilEvent("sampai tender selesai"), setOn: day(2026, 1, 5)))
        XCTAssertNil(ExemptionPeriods.endDay(of: .permanent, setOn: day(2026, 1, 5)))
        // The test's problem names its last day, not the day after it.
        XCTAssertEqual(ExemptionPeriods.periodOverProblem("sampai 31 Desember 2025", conclusion: .exemptWhole,
                                                          testedOn: day(2026, 1, 5), clock: clock),
                       "Jangka waktu pengecualian \"sampai 31 Desember 2025\" sudah berakhir pada tanggal 31 Desember 2025, sebelum "
                           + "tanggal uji 5 Januari 2026: keputusan yang menetapkannya akan menetapkan pengecualian yang sudah berakhir")
        XCTAssertNil(ExemptionPeriods.periodOverProblem("sampai 31 Desember 2025", conclusion: .exemptWhole,
                                                        testedOn: day(2025, 12, 31, hour: 20), clock: clock),
                     "on its last day the period still runs")
    }

    func testStandingAtTheBoundaries() {
        let decided = day(2025, 3, 10)  // one year: ends 10 March 2026
        let t = term(.years(1), decided: decided)
        // The end day itself: ended (at any hour of the WIB day, even just after midnight WIB).
        XCTAssertEqual(ExemptionPeriods.standing(t, today: day(2026, 3, 10, hour: 0)), .ended(day(2026, 3, 10)))
        XCTAssertEqual(ExemptionPeriods.standing(t, today: day(2026, 3, 10, hour: 23)), .ended(day(2026, 3, 10)))
        XCTAssertEqual(ExemptionPeriods.standing(t, today: day(2026, 3, 11)), .ended(day(2026, 3, 10)))
        // 23.30 WIB on 9 March is 16.30 UTC: still the day before.
        XCTAssertEqual(ExemptionPeriods.standing(t, today: day(2026, 3, 9, hour: 23)), .ending(day(2026, 3, 10)))
        // The notice window: exactly 90 days ahead is within, 91 is not; the window is a setting.
        XCTAssertEqual(ExemptionPeriods.standing(t, today: day(2025, 12, 10)), .ending(day(2026, 3, 10)))
        XCTAssertEqual(ExemptionPeriods.standing(t, today: day(2025, 12, 9)), .running(day(2026, 3, 10)))
        XCTAssertEqual(ExemptionPeriods.standing(t, today: day(2025, 12, 9), noticeDays: 91), .ending(day(2026, 3, 10)))
        XCTAssertEqual(ExemptionPeriods.standing(t, today: day(2026, 3, 9), noticeDays: 0), .running(day(2026, 3, 10)))
        // Leap day: set 29 February 2024 for a year, ended on 28 February 2025.
        let leap = term(.years(1), decided: day(2024, 2, 29))
        XCTAssertEqual(ExemptionPeriods.standing(leap, today: day(2025, 2, 27)), .ending(day(2025, 2, 28)))
        XCTAssertEqual(ExemptionPeriods.standing(leap, today: day(2025, 2, 28)), .ended(day(2025, 2, 28)))
        // Permanent never ends; a period without a date needs a person; unreadable text is said so.
        XCTAssertEqual(ExemptionPeriods.standing(term(.permanent, decided: day(1990, 1, 1)), today: day(2090, 1, 1)), .permanent)
        XCTAssertEqual(ExemptionPeriods.standing(term(.whileValid, decided: decided), today: day(2026, 3, 10)), .needsPerson)
        XCTAssertEqual(ExemptionPeriods.standing(term(.untilEvent("sampai pengumuman pemenang"), decided: decided),
                                                 today: day(2026, 3, 10)), .needsPerson)
        XCTAssertEqual(ExemptionPeriods.standing(term(.unknown, decided: decided), today: day(2026, 3, 10)), .unreadable)
        XCTAssertEqual(ExemptionPeriods.standing(term(.years(0), decided: decided), today: day(2026, 3, 10)), .unreadable)
        // Not set by a published decree yet: its period has not started.
        XCTAssertEqual(ExemptionPeriods.standing(term(.years(1), decided: nil), today: day(2090, 1, 1)), .notDecided)
    }

    func testNoticesListEndedThenEndingThenForAPersonLeavingOutTheRest() {
        let today = day(2026, 6, 1)
        let terms = [
            term(.years(5), decided: day(2025, 1, 1), id: "a-0001", unit: "a"),          // running
            term(.months(6), decided: day(2026, 1, 2), id: "b-0002", unit: "b"),         // ends 2 July: ending
            term(.whileValid, decided: day(2025, 1, 1), id: "a-0003", unit: "a"),        // person
            term(.years(1), decided: day(2025, 5, 1), id: "c-0004", unit: "c"),          // ended 1 May
            term(.permanent, decided: day(2020, 1, 1), id: "a-0005", unit: "a"),         // never
            term(.unknown, decided: day(2025, 1, 1), id: "a-0006", unit: "a"),           // unreadable
            term(.months(1), decided: day(2026, 4, 20), id: "b-0007", unit: "b"),        // ended 20 May
            term(.years(1), decided: nil, id: "a-0008", unit: "a"),                      // not decreed
        ]
        let notices = ExemptionPeriods.notices(terms, today: today)
        XCTAssertEqual(notices.map(\.term.itemID), ["c-0004", "b-0007", "b-0002", "a-0003", "a-0006"])
        XCTAssertEqual(notices.map(\.standing), [
            .ended(day(2026, 5, 1)), .ended(day(2026, 5, 20)), .ending(day(2026, 7, 2)), .needsPerson, .unreadable,
        ])
    }

    /// The terminal's advice: a test again for a period that ended or ends soon; only a check for
    /// periods dip cannot date, which are lawful and listed on every run.
    func testWhatToDoAsksATestOnlyOfPeriodsThatEndOrEnded() {
        let today = day(2026, 6, 1)
        let person = ExemptionPeriods.notices([term(.whileValid, decided: day(2025, 1, 1))], today: today)
        XCTAssertEqual(person.map(\.standing), [.needsPerson])
        XCTAssertFalse(ExemptionPeriods.whatToDo(person).contains("menguji ulang atau mencabut"), ExemptionPeriods.whatToDo(person))
        XCTAssertTrue(ExemptionPeriods.whatToDo(person).contains("memeriksa apakah keadaan atau peristiwa"))
        let ended = ExemptionPeriods.notices([term(.whileValid, decided: day(2025, 1, 1), id: "a-0001"),
                                              term(.years(1), decided: day(2025, 5, 1), id: "c-0004")], today: today)
        XCTAssertEqual(ExemptionPeriods.whatToDo(ended), "PPID perlu menguji ulang atau mencabutnya")
    }

    /// The register dates an exemption by the decree that first set it on its test: a later
    /// version re-issuing it on the same test keeps that date; a new test starts none until a
    /// decree sets it.
    func testRegisterDatesAnExemptionByTheDecreeThatSetItOnItsTest() throws {
        let db = try AppDatabase.inMemory()
        var list = Fixture.baseList
        list.append(Fixture.classified(Fixture.item("5", "Rincian HPS sebelum tender", kategori: .setiapSaat),
                                       suggested: .dikecualikan, test: true))
        try Fixture.submit(db, list, sha: "v1")
        var test = Fixture.test(.exemptWhole)
        test.period = .years(1)
        test.periodText = "1 (satu) tahun"
        try db.recordConsequenceTest(itemID: "dinkes-0005", revision: 1, test: test,
                                     enteredBy: "Tim", source: .cli, at: Fixture.date(2))
        let first = try XCTUnwrap(db.makeDraft(clock: Clock(now: Fixture.date(2))))
        XCTAssertEqual(try db.exemptionTerms(version: first.number).map(\.decidedOn), [nil], "a draft sets nothing")
        try db.approve(version: first.number, ApprovalRequest(
            decreeNumber: "000.9/12/Diskominfo/2026", dikDecreeNumber: "000.9/13/Diskominfo/2026",
            decreeDate: IndonesianDate.startOfDay(Fixture.date(3)), signatory: Fixture.ppid, atasan: Fixture.ppid, force: true),
            at: Fixture.date(3))
        try db.publish(version: first.number, at: Fixture.date(3))
        let decided = IndonesianDate.startOfDay(Fixture.date(3))

        let set = try db.exemptionTerms(version: first.number)
        XCTAssertEqual(set.count, 1)
        XCTAssertEqual(set[0].itemID, "dinkes-0005")
        XCTAssertEqual(set[0].unit.name, "Dinas Kesehatan")
        XCTAssertEqual(set[0].ringkasan, "Rincian HPS sebelum tender")
        XCTAssertEqual(set[0].period, .years(1))
        XCTAssertEqual(set[0].periodText, "1 (satu) tahun")
        XCTAssertEqual(set[0].decidedOn, decided)
        XCTAssertEqual(set[0].decreeNumber, "000.9/13/Diskominfo/2026")
        XCTAssertEqual(set[0].decidedInVersion, first.number)

        // A later list: the next draft carries the exemption on the same test, set by v1's decree.
        try Fixture.submit(db, list + [Fixture.classified(Fixture.item("6", "Profil Puskesmas"))], sha: "v2", day: 4)
        let second = try XCTUnwrap(db.makeDraft(clock: Clock(now: Fixture.date(4))))
        XCTAssertEqual(try db.newestVersionNumber(), second.number)
        let carried = try db.exemptionTerms(version: second.number)
        XCTAssertEqual(carried.map(\.decidedOn), [decided])
        XCTAssertEqual(carried.map(\.decidedInVersion), [first.number])
        let end = try XCTUnwrap(ExemptionPeriods.endDay(of: .years(1), from: decided))
        XCTAssertEqual(ExemptionPeriods.notices(carried, today: end).map(\.standing), [.ended(end)])

        // Tested again: the new record is set by no decree yet, so nothing has ended.
        var again = test
        again.testedOn = end
        try db.recordConsequenceTest(itemID: "dinkes-0005", revision: 1, test: again,
                                     enteredBy: "Tim", source: .cli, at: end)
        let third = try XCTUnwrap(db.makeDraft(clock: Clock(now: end)))
        let retested = try db.exemptionTerms(version: third.number)
        XCTAssertEqual(retested.map(\.decidedOn), [nil])
        XCTAssertEqual(ExemptionPeriods.notices(retested, today: end), [])
    }
}
