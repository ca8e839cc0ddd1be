import DIPCore
import Foundation
import GRDB

/// One exemption of a version with the decree that set it: what is needed to tell when its
/// period (*jangka waktu pengecualian*) ends.
///
/// The period runs from the day the PPID set the exemption: Perki 1/2017 Pasal 4 ayat (4) has an
/// exemption tested by a consequence test "ditetapkan dalam bentuk Surat Penetapan
/// Klasifikasi", which states the period (huruf d) and the place and date of setting (huruf f);
/// in dip that is the DIK decree (*Keputusan … tentang Klasifikasi Informasi yang
/// Dikecualikan*) of the first published version that carried the exemption on this same
/// recorded test. A version re-issuing the exemption on the same test does not set it again,
/// so its period is not counted anew; a new test does (docs/publish.md "Exemption periods").
public struct ExemptionTerm: Sendable, Hashable {
    public var itemID: String
    public var revision: Int
    public var unit: WorkUnit
    public var ringkasan: String
    public var conclusion: ConsequenceConclusion
    public var period: RetentionPeriod
    /// The period as the test recorded it ("2 (dua) tahun").
    public var periodText: String
    public var testedOn: Date?
    /// The date of the DIK decree that set the exemption on this test (nil: no published
    /// version carried it yet; the decree being approved will set it).
    public var decidedOn: Date?
    /// That decree's number, when recorded.
    public var decreeNumber: String?
    /// The version whose decree set it.
    public var decidedInVersion: Int?
    /// The test's grounds ("17c", "17h2", …).
    public var grounds: [String]

    /// Whether a ground is one of UU 14/2008 Pasal 17 huruf a–f, the exemptions Pasal 20 ayat (1)
    /// makes not permanent (huruf g–j ones may be; their period is the PPID's own).
    public var hasTemporaryGround: Bool {
        grounds.contains { g in
            g.hasPrefix("17") && g.dropFirst(2).first.map { ("a"..."f").contains($0) } == true
        }
    }

    public init(itemID: String, revision: Int, unit: WorkUnit, ringkasan: String, conclusion: ConsequenceConclusion,
                period: RetentionPeriod, periodText: String, testedOn: Date? = nil, decidedOn: Date? = nil,
                decreeNumber: String? = nil, decidedInVersion: Int? = nil, grounds: [String] = []) {
        self.itemID = itemID
        self.revision = revision
        self.unit = unit
        self.ringkasan = ringkasan
        self.conclusion = conclusion
        self.period = period
        self.periodText = periodText
        self.testedOn = testedOn
        self.decidedOn = decidedOn
        self.decreeNumber = decreeNumber
        self.decidedInVersion = decidedInVersion
        self.grounds = grounds
    }
}

/// Where an exemption in force stands on a day.
public enum ExemptionStanding: Sendable, Hashable {
    /// Its period is over: the date is the first WIB day without it (`ExemptionPeriods.lastDay`
    /// is the last day it ran, the day every text prints).
    case ended(Date)
    /// It ends on this day, within the notice window.
    case ending(Date)
    /// It ends on this day, after the notice window.
    case running(Date)
    /// *Permanen* (UU 14/2008 Pasal 20 ayat (1) allows it only beyond huruf a–f).
    case permanent
    /// *Selama berlaku* or *sampai* an event: dip cannot tell when it ends; a person checks.
    case needsPerson
    /// The period's text is not one dip reads as a period ("sampai waktu yang tidak ditentukan
    /// oleh", "2026", …).
    case unreadable
    /// Not set by a published decree yet: the next decree sets it, and its period runs from then.
    case notDecided
}

/// An exemption that needs the PPID's attention, with where it stands.
public struct ExemptionNotice: Sendable, Hashable {
    public var term: ExemptionTerm
    public var standing: ExemptionStanding

    public init(term: ExemptionTerm, standing: ExemptionStanding) {
        self.term = term
        self.standing = standing
    }
}

/// When exemption periods end, counted on the run's clock (WIB days).
public enum ExemptionPeriods {
    /// Days before the end of a period from which dip lists the exemption, when keputusan.json
    /// sets none (`hariPemberitahuanPengecualian`). Permenpora 14/2023 Pasal 55 ayat (1), a
    /// regulation modelled on the Komisi Informasi's standard, has the PPID set an exemption whose
    /// period ends as public "paling lama 30 (tiga puluh) hari kerja sebelum berakhirnya jangka
    /// waktu pengecualiannya": about six calendar weeks, before which the Tim must also have met
    /// to test again. 90 calendar days leaves that time.
    public static let defaultNoticeDays = 90

    static var calendar: Calendar { Clock.wibCalendar }

    /// The WIB day a period set on `decided` ends: the same date N years or months later (a
    /// period set on 29 February ends on 28 February of a common year; one set on 31 January
    /// for a month ends on the last day of February). Nil for a period without a date of its
    /// own (permanent, while valid, until an event, unreadable).
    public static func endDay(of period: RetentionPeriod, from decided: Date) -> Date? {
        let start = IndonesianDate.startOfDay(decided)
        switch period {
        case .years(let n) where n > 0: return calendar.date(byAdding: .year, value: n, to: start)
        case .months(let n) where n > 0: return calendar.date(byAdding: .month, value: n, to: start)
        default: return nil
        }
    }

    /// The WIB day from which a period "sampai <a calendar time>" has run out, whatever decree
    /// set it: the day after the last day its words can mean ("sampai 31 Desember 2025",
    /// "hingga tanggal 31-12-2025" → 1 January 2026; "sampai Desember 2025", "s.d. akhir tahun
    /// 2025" → 1 January 2026, the latest reading, so nothing is called ended that may still
    /// run). Nil for an event dip cannot date ("sampai pengumuman pemenang"): a person checks.
    public static func endDay(until text: String) -> Date? {
        var words = text.lowercased().replacingOccurrences(of: ",", with: " ")
            .split(whereSeparator: \.isWhitespace).map(String.init)
        let lead: Set<String> = ["sampai", "hingga", "dengan", "s.d.", "s.d", "s/d", "sd", "tanggal", "tgl.", "tgl", "akhir",
                                 "bulan", "tahun", "berakhirnya"]
        guard let first = words.first, ["sampai", "hingga", "s.d.", "s.d", "s/d"].contains(first) else { return nil }
        while let w = words.first, lead.contains(w) { words.removeFirst() }
        guard !words.isEmpty, words.count <= 3 else { return nil }
        let rest = words.joined(separator: " ")
        let cal = calendar
        var last: Date?
        if let day = try? IndonesianDate.parse(rest) {
            last = day
        } else if let first = IndonesianDate.earliestDay(of: rest) {
            // "Desember 2025" (its first day) → that month's last day; "2025" → 31 December.
            let unit: Calendar.Component = words.count == 1 ? .year : .month
            last = cal.date(byAdding: unit, value: 1, to: first).flatMap { cal.date(byAdding: .day, value: -1, to: $0) }
        }
        return last.flatMap { cal.date(byAdding: .day, value: 1, to: IndonesianDate.startOfDay($0)) }
    }

    /// The day a period ends for any kind of period dip can date: N years or months from `setOn`
    /// (`endDay(of:from:)`; nil while no decree has set it), or "sampai <a calendar time>" whatever
    /// decree set it (`endDay(until:)`). As everywhere in this type, the *first* WIB day without
    /// the exemption; print it with `lastDay`/`untilText`.
    public static func endDay(of period: RetentionPeriod, setOn: Date?) -> Date? {
        switch period {
        case .untilEvent(let text): return endDay(until: text)
        case .years, .months: return setOn.flatMap { endDay(of: period, from: $0) }
        default: return nil
        }
    }

    /// The last WIB day an exemption is withheld, when `end` is the first day without it (what
    /// `endDay` and `ExemptionStanding` carry). Every text dip prints names this day: a period
    /// "sampai 31 Desember 2026" is read, by a Bagian Hukum and by dip, as withheld up to and
    /// including 31 December (*sampai dengan*), and a period of one year set on 5 January 2026
    /// runs from that day up to and including 4 January 2027 (day one is the decree's own day,
    /// as "berlaku selama 1 (satu) tahun terhitung mulai tanggal 1 Januari sampai dengan tanggal 31
    /// Desember" reads). Printing the first day without it ("berakhir pada tanggal 1 Januari 2027"
    /// under "sampai 31 Desember 2026") made the decree contradict the test it rests on.
    public static func lastDay(_ end: Date) -> Date {
        calendar.date(byAdding: .day, value: -1, to: IndonesianDate.startOfDay(end)) ?? end
    }

    /// "sampai dengan tanggal 4 Februari 2026": the one wording of a period's last day in the DIK
    /// Lampiran and the website (docs/publish.md "Session 26").
    public static func untilText(_ end: Date, clock: Clock) -> String {
        "sampai dengan tanggal \(clock.indonesianDate(lastDay(end)))"
    }

    /// "berakhir pada tanggal 4 Februari 2026" (the last day), for notices of a period that ends or
    /// ended: the same day `untilText` names.
    public static func endsText(_ end: Date, clock: Clock) -> String {
        "berakhir pada tanggal \(clock.indonesianDate(lastDay(end)))"
    }

    /// Where `term` stands on `today`'s WIB day with a notice window of `noticeDays` days.
    public static func standing(_ term: ExemptionTerm, today: Date, noticeDays: Int = defaultNoticeDays) -> ExemptionStanding {
        guard let decided = term.decidedOn else { return .notDecided }
        let end: Date
        switch term.period {
        case .permanent: return .permanent
        case .whileValid: return .needsPerson
        case .untilEvent(let text):
            // A calendar time after "sampai" is a date like any other; an event is for a person.
            guard let day = endDay(until: text) else { return .needsPerson }
            end = day
        // A JRA reference is a retention, never an exemption period: no end day can be counted.
        case .unknown, .retentionSchedule: return .unreadable
        case .years(let n), .months(let n):
            guard n > 0, let day = endDay(of: term.period, from: decided) else { return .unreadable }
            end = day
        }
        let day = IndonesianDate.startOfDay(today)
        if end <= day { return .ended(end) }
        let horizon = calendar.date(byAdding: .day, value: max(0, noticeDays), to: day) ?? day
        return end <= horizon ? .ending(end) : .running(end)
    }

    /// Why a test concluding an exemption cannot be recorded with `periodText`: its period
    /// "sampai <a calendar time>" has run out by the day of the test (`testedOn`), so any decree
    /// setting it would set an exemption already over; nil otherwise (an open conclusion, a period
    /// of years, an event).
    public static func periodOverProblem(_ periodText: String, conclusion: ConsequenceConclusion, testedOn: Date,
                                         clock: Clock) -> String? {
        guard conclusion == .exemptWhole || conclusion == .exemptPart, let end = endDay(until: periodText),
              end <= IndonesianDate.startOfDay(testedOn) else { return nil }
        return "Jangka waktu pengecualian \"\(periodText)\" sudah \(endsText(end, clock: clock)), sebelum tanggal "
            + "uji \(clock.indonesianDate(testedOn)): keputusan yang menetapkannya akan menetapkan pengecualian yang sudah berakhir"
    }

    /// The exemptions a decree dated `decreeDate` would set for the first time (no published
    /// decree carries them on their test yet) although the period their test recorded ran out
    /// before that date ("sampai 31 Desember 2025" for a decree of 5 January 2026), each with the
    /// day from which it has run out. Such a decree would set an exemption already over: the test
    /// is recorded again with its real period.
    public static func endedBeforeSetting(_ terms: [ExemptionTerm], decreeDate: Date) -> [(term: ExemptionTerm, end: Date)] {
        let day = IndonesianDate.startOfDay(decreeDate)
        return terms.compactMap { t in
            guard t.decidedOn == nil, case .untilEvent(let text) = t.period, let end = endDay(until: text), end <= day
            else { return nil }
            return (t, end)
        }
    }

    /// The exemptions in force (set by a published decree) whose period has ended by `today`,
    /// ends within `noticeDays`, or cannot be counted by dip (while valid, until an event,
    /// unreadable): ended first, then ending, each by end day; then the ones for a person to
    /// check; ties by unit and item id. Permanent and not yet decreed exemptions are not listed.
    public static func notices(_ terms: [ExemptionTerm], today: Date,
                               noticeDays: Int = defaultNoticeDays) -> [ExemptionNotice] {
        func rank(_ s: ExemptionStanding) -> (Int, Date) {
            switch s {
            case .ended(let d): return (0, d)
            case .ending(let d): return (1, d)
            case .needsPerson: return (2, .distantPast)
            case .unreadable: return (3, .distantPast)
            default: return (9, .distantPast)
            }
        }
        return terms.map { ExemptionNotice(term: $0, standing: standing($0, today: today, noticeDays: noticeDays)) }
            .filter { rank($0.standing).0 < 9 }
            .sorted { a, b in
                let ra = rank(a.standing), rb = rank(b.standing)
                if ra.0 != rb.0 { return ra.0 < rb.0 }
                if ra.1 != rb.1 { return ra.1 < rb.1 }
                if a.term.unit.code != b.term.unit.code { return a.term.unit.code < b.term.unit.code }
                return a.term.itemID < b.term.itemID
            }
    }
}

extension ExemptionPeriods {
    /// How many notices have ended, are ending, and need a person (while valid, until an
    /// event, unreadable).
    public static func counts(_ notices: [ExemptionNotice]) -> (ended: Int, ending: Int, person: Int) {
        var ended = 0, ending = 0, person = 0
        for n in notices {
            switch n.standing {
            case .ended: ended += 1
            case .ending: ending += 1
            default: person += 1
            }
        }
        return (ended, ending, person)
    }

    /// "2 pengecualian telah berakhir jangka waktunya, 1 akan berakhir dalam 90 hari, 1 jangka
    /// waktunya perlu diperiksa" (the parts with none left out).
    public static func countsText(_ notices: [ExemptionNotice], noticeDays: Int) -> String {
        let c = counts(notices)
        var parts: [String] = []
        if c.ended > 0 { parts.append("\(c.ended) pengecualian telah berakhir jangka waktunya") }
        if c.ending > 0 { parts.append("\(c.ending) pengecualian akan berakhir dalam \(noticeDays) hari") }
        if c.person > 0 { parts.append("\(c.person) pengecualian perlu diperiksa jangka waktunya") }
        return parts.joined(separator: ", ")
    }

    /// What the PPID does about `notices`, for the terminal: a period that has ended or ends soon
    /// is tested again; one dip cannot date ("selama berlaku", "sampai …") is only checked, as
    /// it is lawful and listed on every run.
    public static func whatToDo(_ notices: [ExemptionNotice]) -> String {
        let c = counts(notices)
        if c.ended + c.ending > 0 { return "PPID perlu menguji ulang atau mencabutnya" }
        return "PPID perlu memeriksa apakah keadaan atau peristiwa yang membatasi jangka waktunya sudah terjadi "
            + "(bila sudah, uji ulang)"
    }
}

extension AppDatabase {
    /// The newest version's number (draft, approved or published): the exemptions the next
    /// decree carries, or the ones in force when nothing newer waits.
    public func newestVersionNumber() throws -> Int? {
        try read { db in try Int.fetchOne(db, sql: "SELECT MAX(number) FROM versions") }
    }

    /// The items of `notices` as tests to record again, on their current revision (an item since
    /// changed or withdrawn is left out: its next version is tested anew anyway), each with
    /// `reason(notice)` as its `retestReason`; by unit, then item id.
    public func retests(_ notices: [ExemptionNotice], reason: (ExemptionNotice) -> String) throws -> [PendingTest] {
        guard !notices.isEmpty else { return [] }
        return try read { db in
            var units: [String: WorkUnit] = [:]
            for unit in try UnitRecord.fetchAll(db) { units[unit.code] = unit.unit }
            let content = try CurrentState.content(db, items: notices.map(\.term.itemID))
            return notices.compactMap { n -> PendingTest? in
                guard let c = content[n.term.itemID], c.revision.revision == n.term.revision else { return nil }
                return PendingTest(itemID: n.term.itemID, revision: n.term.revision,
                                   unit: units[n.term.unit.code] ?? n.term.unit, item: c.revision.information,
                                   classification: c.classification, retestReason: reason(n))
            }.sorted { ($0.unit.code, $0.itemID) < ($1.unit.code, $1.itemID) }
        }
    }

    /// The exempted items of `version` (in whole or in part) with their tests and the decree that
    /// set each (`ExemptionTerm.decidedOn`): the first published version whose DIK carried the
    /// item exempted on the same recorded test, dated by its decree (its publication when an
    /// older register has no decree date). By unit, then item id.
    public func exemptionTerms(version: Int) throws -> [ExemptionTerm] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT v.item, v.revision, v.test, i.unit, u.name AS unit_name, r.ringkasan,
                       t.conclusion, t.period, t.period_text, t.grounds,
                       COALESCE(t.tested_at, (SELECT c.tested_at FROM consequence_test_completions c
                                              WHERE c.test = t.id AND c.tested_at IS NOT NULL
                                                AND c.id <= v.test_completion)) AS tested_at
                FROM version_items v
                JOIN items i ON i.id = v.item
                LEFT JOIN units u ON u.code = i.unit
                JOIN item_revisions r ON r.item = v.item AND r.revision = v.revision
                JOIN consequence_tests t ON t.id = v.test
                WHERE v.version = ? AND v.exempted = 1
                ORDER BY i.unit, v.item
                """, arguments: [version])
            // Every published version that carried one of these tests exempted: the earliest
            // decree date per test is when the exemption was set.
            var setting: [Int64: (date: Date, number: String?, version: Int)] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT p.test, pv.number, pv.decree_date, pv.published_at, pv.dik_decree_number
                FROM version_items p
                JOIN versions pv ON pv.number = p.version AND pv.status = 'published'
                WHERE p.exempted = 1 AND p.test IN (
                    SELECT test FROM version_items WHERE version = ? AND exempted = 1 AND test IS NOT NULL)
                ORDER BY pv.number
                """, arguments: [version]) {
                let test: Int64 = row["test"]
                guard let date = (row["decree_date"] as Date?) ?? (row["published_at"] as Date?) else { continue }
                if let known = setting[test], known.date <= date { continue }
                setting[test] = (date, row["dik_decree_number"], row["number"])
            }
            return rows.map { row in
                let test: Int64 = row["test"]
                let unit: String = row["unit"]
                let set = setting[test]
                return ExemptionTerm(
                    itemID: row["item"], revision: row["revision"],
                    unit: WorkUnit(code: unit, name: (row["unit_name"] as String?) ?? unit),
                    ringkasan: row["ringkasan"],
                    conclusion: ConsequenceConclusion(rawValue: row["conclusion"]) ?? .exemptWhole,
                    period: PeriodColumn.decode(row["period"]), periodText: row["period_text"],
                    testedOn: row["tested_at"], decidedOn: set?.date, decreeNumber: set?.number,
                    decidedInVersion: set?.version,
                    grounds: ((row["grounds"] as String?) ?? "").split(separator: ",").map(String.init))
            }
        }
    }
}
