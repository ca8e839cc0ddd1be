import DIPCore
import Foundation
import GRDB

extension AppDatabase {
    /// Items waiting for a consequence test on their current revision, by unit and position.
    public func pendingConsequenceTests() throws -> [PendingTest] {
        try read { db in try Self.pendingTests(db, state: try currentState(db)) }
    }

    static func pendingTests(_ db: Database, state: CurrentState) throws -> [PendingTest] {
        var units: [String: WorkUnit] = [:]
        for unit in try UnitRecord.fetchAll(db) { units[unit.code] = unit.unit }
        let content = try CurrentState.content(db, items: state.pendingTests.map(\.item.id))
        return try state.pendingTests.map { held in
            guard let c = content[held.item.id] else { throw RegisterError.unknownItem(held.item.id) }
            return PendingTest(
                itemID: held.item.id, revision: held.revision,
                unit: units[held.item.unit] ?? WorkUnit(code: held.item.unit, name: held.item.unit),
                item: c.revision.information, classification: c.classification)
        }.sorted { ($0.unit.code, $0.itemID) < ($1.unit.code, $1.itemID) }
    }

    /// Records a consequence test of one revision of an item. One transaction.
    ///
    /// - Parameters:
    ///   - itemID: The register id ("dinkes-0007").
    ///   - revision: The revision the tester saw (printed on the form or the draft).
    ///   - test: The test; its conclusion must not be *menunggu*.
    ///   - enteredBy: Who typed it in.
    ///   - source: Command line or review workbook.
    ///   - at: When it was entered (the run's clock).
    /// - Returns: The test's row id.
    /// - Throws: `RegisterError.staleRevision` when the item changed since the form was made;
    ///   `.itemWithdrawn`, `.unknownItem`, `.invalidInput`.
    @discardableResult
    public func recordConsequenceTest(
        itemID: String, revision: Int, test: ConsequenceTest, enteredBy: String,
        source: EntrySource, at date: Date
    ) throws -> Int64 {
        try Self.validate(test, itemID: itemID)
        return try write { db in
            if let number = ConsequenceTest.recordedText(test.beritaAcaraNumber),
               let other = try Self.recordCarrying(number: number, otherThan: itemID, revision: revision, db) {
                throw RegisterError.invalidInput(
                    "Nomor berita acara \"\(number)\" sudah dipakai berita acara uji konsekuensi \(other); setiap berita acara "
                        + "bernomor sendiri. Periksa nomor yang diberikan sekretariat untuk \(itemID) revisi \(revision).")
            }
            return try Self.insertTest(db, itemID: itemID, revision: revision, test: test, enteredBy: enteredBy,
                                source: source, at: date)
        }
    }

    /// Records the registered number of the berita acara of the latest test of a revision,
    /// and/or the place where the Tim met (`completeRecordedTest` without a day or a name).
    @discardableResult
    public func recordBeritaAcara(
        itemID: String, revision: Int, number: String?, place: String?, at date: Date
    ) throws -> (id: Int64, test: ConsequenceTest) {
        let done = try completeRecordedTest(itemID: itemID, revision: revision, number: number, place: place,
                                            testedOn: nil, by: nil, at: date)
        return (done.testID, done.test)
    }

    /// What `completeRecordedTest` recorded.
    public struct CompletedTest: Sendable {
        /// The test row that now carries the record (a new row when the record was not yet
        /// issued and its number or place was given; the same test otherwise).
        public var testID: Int64
        /// The test as now recorded, completion included.
        public var test: ConsequenceTest
        /// The version that published the record, when it was published: its number was
        /// added by a completion, and the record is not printed again.
        public var publishedWith: Int?
        /// The completion row written, if any (a number of a published record, a day).
        public var completionID: Int64?
    }

    /// Completes the latest test of a revision with what is given after the test: the berita
    /// acara's registered number (the secretariat numbers it when it is signed), the place the
    /// Tim met, or the day of the test a recorded test lacks (review-workbook tests recorded
    /// before session 26 carry none). One transaction.
    ///
    /// - A record not yet issued with a published version: a number or place is recorded as
    ///   before (the same test again as a new row; the earlier row stays as it was); a day is a
    ///   completion (`consequence_test_completions`) naming `by` and `at`.
    /// - A record already published: only its number may be added, once, as a completion. The
    ///   record is not printed again; the versions made from then on cite it with its number.
    ///   Its place and day are what the signed record bears and are refused.
    ///
    /// - Throws: `.invalidInput` when nothing is given, the revision has no test, the record
    ///   already has a number (published) or a day, the number is another record's, `by` is
    ///   missing for a completion, or the day is later than `at`; `.staleRevision`,
    ///   `.itemWithdrawn`, `.unknownItem`.
    @discardableResult
    public func completeRecordedTest(
        itemID: String, revision: Int, number: String?, place: String?, testedOn: Date?, by name: String?,
        at date: Date, source: EntrySource = .cli
    ) throws -> CompletedTest {
        try write { db in
            try Self.completeTest(db, itemID: itemID, revision: revision, number: number, place: place, testedOn: testedOn,
                                  by: name, at: date, source: source)
        }
    }

    /// `completeRecordedTest` inside the caller's transaction (a review workbook's completions
    /// are recorded with the rest of the workbook, `applyReviewWorkbook`).
    static func completeTest(
        _ db: Database, itemID: String, revision: Int, number: String?, place: String?, testedOn: Date?, by name: String?,
        at date: Date, source: EntrySource, madeFor testID: Int64? = nil
    ) throws -> CompletedTest {
        let given = ConsequenceTest.recordedText
        let number = given(number), place = given(place), name = given(name)
        guard number != nil || place != nil || testedOn != nil else {
            throw RegisterError.invalidInput(
                "Nomor berita acara, tanggal uji, atau tempat uji untuk \(itemID) kosong; tidak ada yang dicatat.")
        }
        let clock = Clock(now: date)
        try Self.checkCurrent(db, itemID: itemID, revision: revision)
        guard let earlier = try RegisterQueries.latestTest(db, item: itemID, revision: revision), let earlierID = earlier.id else {
            throw RegisterError.invalidInput(
                "\(itemID) revisi \(revision) belum memiliki uji konsekuensi yang tercatat: catat ujinya dahulu "
                    + "(`dip test` dengan --conclusion dan isian lainnya), nomor berita acaranya boleh disertakan.")
        }
        // A row of a review workbook completes the test it showed: when a newer test of the same
        // revision was recorded after the workbook was made, its number or day belongs to the older
        // paper and is not written on the newer one.
        if let testID, testID != earlierID {
            throw RegisterError.invalidInput(
                "Uji konsekuensi \(itemID) revisi \(revision) dicatat ulang sesudah lembar kerja ini dibuat; nomor atau "
                    + "tanggal pada baris ini untuk berita acara yang lama dan tidak dicatat. Lengkapi dari lembar kerja "
                    + "pemeriksaan yang terbaru di reports/review/.")
        }
        if let number, let other = try Self.recordCarrying(number: number, otherThan: itemID, revision: revision, db) {
            throw RegisterError.invalidInput(
                "Nomor berita acara \"\(number)\" sudah dipakai berita acara uji konsekuensi \(other); setiap berita acara "
                    + "bernomor sendiri. Periksa nomor yang diberikan sekretariat untuk \(itemID) revisi \(revision).")
        }
        let published = try Int.fetchOne(db, sql: """
            SELECT MIN(v.number) FROM version_items i JOIN versions v ON v.number = i.version
            WHERE i.test = ? AND v.status = 'published'
            """, arguments: [earlierID])
        let record = "Berita acara uji konsekuensi \(itemID) revisi \(revision)"
        func completion(number: String?, day: Date?) throws -> TestCompletionRecord {
            guard let name else {
                throw RegisterError.invalidInput(
                    "Isi --name dengan nama petugas yang mencatat \(number != nil ? "nomor berita acara" : "tanggal uji") ini: "
                        + "register mencatat siapa yang melengkapi berita acara dan kapan.")
            }
            var c = TestCompletionRecord(id: nil, test: earlierID, beritaAcaraNumber: number, testedAt: day,
                                         enteredBy: name, enteredAt: date, source: source)
            try c.insert(db)
            return c
        }
        if let published {
            // The signed record bears its day and place; only the number written on its
            // dotted NOMOR line by hand is added.
            if place != nil {
                throw RegisterError.invalidInput(
                    "\(record) sudah diterbitkan dengan DIP versi \(published); tempat uji pada naskah yang terbit tidak diubah. "
                        + "Bila ujinya diulang, catat uji baru dengan `dip test`.")
            }
            if testedOn != nil {
                throw RegisterError.invalidInput(
                    "\(record) sudah diterbitkan dengan DIP versi \(published) bertanggal "
                        + "\(clock.indonesianDate(earlier.test.testedOn ?? earlier.enteredAt)); tanggal pada naskah yang "
                        + "ditandatangani tidak diubah. Bila tanggal itu bukan tanggal rapat Tim, catat ulang ujinya sebagai uji "
                        + "baru dengan `dip test … --conclusion … --tested-on`: berita acara baru dicetak bersama versi berikutnya.")
            }
            guard let number else { throw RegisterError.invalidInput("\(record): tidak ada yang dicatat.") }
            if let had = earlier.beritaAcaraNumber {
                throw RegisterError.invalidInput(
                    had == number
                        ? "\(record) sudah tercatat dengan Nomor \(had); tidak ada yang dicatat."
                        : "\(record) sudah bernomor \(had) (diterbitkan dengan DIP versi \(published)); nomor yang sudah "
                            + "diberikan tidak diganti. Bila nomor itu salah, catat uji baru dengan `dip test`.")
            }
            let c = try completion(number: number, day: nil)
            return CompletedTest(testID: earlierID, test: earlier.completed(by: [c]).test,
                                 publishedWith: published, completionID: c.id)
        }
        var current = earlier
        var completionID: Int64?
        if let day = testedOn {
            if let had = earlier.testedAt {
                throw RegisterError.invalidInput(
                    "Uji konsekuensi \(itemID) revisi \(revision) sudah bertanggal \(clock.indonesianDate(had)); tanggal yang "
                        + "sudah dicatat tidak diganti. Bila tanggal itu salah, catat ulang ujinya dengan `dip test … "
                        + "--conclusion … --tested-on`.")
            }
            if IndonesianDate.isLaterDay(day, than: date) {
                throw RegisterError.invalidInput(
                    "Tanggal uji konsekuensi \(itemID) (\(clock.indonesianDate(day))) sesudah hari ini "
                        + "(\(clock.indonesianDate(date))); tulis tanggal rapat Tim yang sebenarnya.")
            }
            if let why = ExemptionPeriods.periodOverProblem(earlier.periodText, conclusion: earlier.conclusion,
                                                            testedOn: day, clock: clock) {
                throw RegisterError.invalidInput(why + ": catat ulang ujinya dengan jangka waktu yang benar.")
            }
            let c = try completion(number: nil, day: day)
            current = current.completed(by: [c])
            completionID = c.id
        }
        guard number != nil || place != nil else {
            return CompletedTest(testID: earlierID, test: current.test, publishedWith: nil, completionID: completionID)
        }
        var test = current.test
        // Still undated: the copy stays so (not dated with the recording day it prints).
        if current.testedAt == nil { test.testedOn = nil }
        if let n = number { test.beritaAcaraNumber = n }
        if let p = place { test.place = p }
        // The row carrying the number or place is entered by whoever gave it, when named (the
        // workbook row's name, `dip test --name`): the history printed the test's first recorder
        // for a place the PPID wrote on the review workbook (session 29).
        let id = try Self.insertTest(db, itemID: itemID, revision: revision, test: test, enteredBy: name ?? earlier.enteredBy,
                                     source: source, at: date)
        return CompletedTest(testID: id, test: test, publishedWith: nil, completionID: completionID)
    }

    /// The record ("dinkes-0007 revisi 1") other than the tests of `itemID` revision `revision`
    /// whose berita acara carries `number`, recorded with its test or added since; compared
    /// without spaces or case, as decree numbers are. Tests of the same revision may share one
    /// (a test recorded again on the record already numbered).
    static func recordCarrying(number: String, otherThan itemID: String, revision: Int, _ db: Database) throws -> String? {
        func key(_ s: String) -> String { String(s.unicodeScalars.filter { !CharacterSet.whitespaces.contains($0) }).lowercased() }
        let wanted = key(ConsequenceTest.recordedText(number) ?? number)
        let rows = try Row.fetchAll(db, sql: """
            SELECT item, revision, berita_acara_number AS number FROM consequence_tests
            WHERE berita_acara_number IS NOT NULL AND NOT (item = ? AND revision = ?)
            UNION ALL
            SELECT t.item, t.revision, c.berita_acara_number FROM consequence_test_completions c
            JOIN consequence_tests t ON t.id = c.test
            WHERE c.berita_acara_number IS NOT NULL AND NOT (t.item = ? AND t.revision = ?)
            """, arguments: [itemID, revision, itemID, revision])
        for row in rows where key(row["number"]) == wanted {
            return "\(row["item"] as String) revisi \(row["revision"] as Int)"
        }
        return nil
    }

    /// Refuses a test without a conclusion, or an exemption without a legal basis.
    static func validate(_ test: ConsequenceTest, itemID: String) throws {
        guard test.conclusion != .pending else {
            throw RegisterError.invalidInput(
                "Kesimpulan uji konsekuensi untuk \(itemID) belum diisi (terbuka, "
                    + "dikecualikan sebagian, atau dikecualikan seluruhnya).")
        }
        if test.conclusion != .open,
            test.legalBasis.trimmingCharacters(in: .whitespaces).isEmpty && test.grounds.isEmpty
        {
            throw RegisterError.invalidInput(
                "Uji konsekuensi untuk \(itemID) menyimpulkan dikecualikan tanpa dasar hukum "
                    + "(Pasal 17 UU 14/2008); isi dasar hukumnya.")
        }
    }

    /// Inserts a checked test inside the caller's transaction.
    static func insertTest(
        _ db: Database, itemID: String, revision: Int, test: ConsequenceTest, enteredBy: String,
        source: EntrySource, at date: Date
    ) throws -> Int64 {
        try validate(test, itemID: itemID)
        // A test is recorded after it took place: one dated on a later day than its recording
        // would give the berita acara, and the DIK decree resting on it, a date still to come.
        if let on = test.testedOn, IndonesianDate.isLaterDay(on, than: date) {
            let clock = Clock(now: date)
            throw RegisterError.invalidInput(
                "Tanggal uji konsekuensi \(itemID) (\(clock.indonesianDate(on))) sesudah hari pencatatannya "
                    + "(\(clock.indonesianDate(date))); uji dicatat setelah dilakukan, tulis tanggal uji yang sebenarnya.")
        }
        try checkCurrent(db, itemID: itemID, revision: revision)
        // The same test again (a review workbook applied a second time, a copy of it filled
        // later, `dip test` repeated): the recorded row stands, with the berita acara number and
        // place recorded for it since. A new row dropped that number and, once the record was
        // published, made it a new record that the next version printed again.
        if let latest = try RegisterQueries.latestTest(db, item: itemID, revision: revision), let id = latest.id,
           sameRecord(test, as: latest.test) {
            return id
        }
        var record = try ConsequenceTestRecord(
            item: itemID, revision: revision, test: test, enteredBy: enteredBy,
            enteredAt: date, source: source)
        try record.insert(db)
        return record.id!
    }

    /// Whether `test` is the record `recorded` already is: every field the same, the test's day
    /// the same WIB day (a workbook date is noon, a typed one midnight), and a number or place
    /// left empty taken as the one recorded.
    static func sameRecord(_ test: ConsequenceTest, as recorded: ConsequenceTest) -> Bool {
        var t = test
        t.beritaAcaraNumber = ConsequenceTest.recordedText(t.beritaAcaraNumber) ?? recorded.beritaAcaraNumber
        t.place = ConsequenceTest.recordedText(t.place) ?? recorded.place
        if t.testedOn == nil { t.testedOn = recorded.testedOn }
        if let a = t.testedOn, let b = recorded.testedOn, IndonesianDate.startOfDay(a) == IndonesianDate.startOfDay(b) {
            t.testedOn = b
        }
        return t == recorded
    }

    /// The PPID sends a revision of an item back to its unit with a correction note. The item
    /// stays out of versions until the unit sends a new revision; the note is in
    /// `returnNotes(unit:)` until then. One transaction.
    ///
    /// - Throws: `RegisterError.staleRevision` when the item changed since the draft.
    public func returnItem(
        itemID: String, revision: Int, note: String, by official: Official, at date: Date,
        source: EntrySource = .cli
    ) throws {
        let text = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw RegisterError.invalidInput(
                "Catatan perbaikan wajib diisi saat mengembalikan \(itemID).")
        }
        try recordDecision(
            itemID: itemID, revision: revision, action: .return, note: text, by: official,
            at: date, source: source)
    }

    /// Records a PPID decision on one revision of an item (approve undoes an earlier return
    /// of the same revision). One transaction.
    ///
    /// - Throws: `RegisterError.staleRevision` when the item changed since the draft.
    public func recordDecision(
        itemID: String, revision: Int, action: DecisionAction, note: String,
        by official: Official, at date: Date, source: EntrySource
    ) throws {
        try write { db in
            try Self.insertDecision(db, itemID: itemID, revision: revision, action: action, note: note,
                                    by: official, at: date, source: source)
        }
    }

    /// Inserts a checked decision inside the caller's transaction.
    static func insertDecision(
        _ db: Database, itemID: String, revision: Int, action: DecisionAction, note: String,
        by official: Official, at date: Date, source: EntrySource
    ) throws {
        let name = official.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else {
            throw RegisterError.invalidInput("Nama pejabat yang memutuskan wajib diisi.")
        }
        try checkCurrent(db, itemID: itemID, revision: revision)
        var record = DecisionRecord(
            id: nil, item: itemID, revision: revision, action: action, note: note,
            byName: name, byNip: official.nip, at: date, source: source)
        try record.insert(db)
    }

    /// Refuses a decision on an unknown, withdrawn or changed item.
    static func checkCurrent(_ db: Database, itemID: String, revision: Int) throws {
        let item = try RegisterQueries.item(db, id: itemID)
        if item.withdrawnAt != nil { throw RegisterError.itemWithdrawn(itemID) }
        if item.currentRevision != revision {
            throw RegisterError.staleRevision(
                item: itemID, given: revision, current: item.currentRevision)
        }
    }
}

/// A consequence test on record for the current revision of one of a unit's items, as the unit's
/// feedback tells it ("Sudah diuji konsekuensi oleh PPID …") instead of asking for a test again.
public struct TestOnRecord: Codable, Hashable, Sendable {
    public var itemID: String
    public var revision: Int
    /// The number and summary as the unit's newest list has them (how its feedback finds the row).
    public var nomor: String
    public var ringkasan: String
    public var conclusion: ConsequenceConclusion
    public var testedOn: Date?

    public init(itemID: String, revision: Int, nomor: String, ringkasan: String, conclusion: ConsequenceConclusion,
                testedOn: Date?) {
        self.itemID = itemID
        self.revision = revision
        self.nomor = nomor
        self.ringkasan = ringkasan
        self.conclusion = conclusion
        self.testedOn = testedOn
    }

    /// For each of `items` (a unit's rows), the test on record of the item with its number and
    /// summary, by the row's index, as the return notes are found (`UnitFeedback.content`).
    public static func byRow(_ tests: [TestOnRecord], items: [InformationItem]) -> [Int: TestOnRecord] {
        guard !tests.isEmpty else { return [:] }
        struct Key: Hashable { var nomor: String, ringkasan: String }
        let byKey = Dictionary(tests.map { (Key(nomor: $0.nomor, ringkasan: $0.ringkasan), $0) }) { a, _ in a }
        var out: [Int: TestOnRecord] = [:]
        for (i, item) in items.enumerated() {
            if let t = byKey[Key(nomor: item.nomor, ringkasan: item.ringkasan)] { out[i] = t }
        }
        return out
    }
}

extension AppDatabase {
    /// The newest consequence test of the current revision of each of `unit`'s current items
    /// that has one (a test is asked for again only when the item changes: a new revision).
    /// The unit's feedback says these items were tested, where the rules alone would ask for a test.
    public func testsOnRecord(unit: String) throws -> [TestOnRecord] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT t.item, t.revision, t.conclusion, r.ringkasan, r.nomor,
                       COALESCE(t.tested_at, (SELECT c.tested_at FROM consequence_test_completions c
                                              WHERE c.test = t.id AND c.tested_at IS NOT NULL)) AS tested_at,
                       (SELECT s.nomor FROM item_states s WHERE s.item = t.item AND s.change <> 'ditarik'
                        ORDER BY s.submission DESC LIMIT 1) AS list_nomor
                FROM consequence_tests t
                JOIN items i ON i.id = t.item AND t.revision = i.current_revision
                JOIN item_revisions r ON r.item = t.item AND r.revision = t.revision
                WHERE i.unit = ? AND i.withdrawn_at IS NULL
                ORDER BY t.id
                """, arguments: [unit])
            var newest: [String: TestOnRecord] = [:]
            for row in rows {
                guard let conclusion = ConsequenceConclusion(rawValue: row["conclusion"]), conclusion != .pending else { continue }
                let listNomor: String? = row["list_nomor"]
                let id: String = row["item"]
                newest[id] = TestOnRecord(  // ascending id: the newest wins
                    itemID: id, revision: row["revision"], nomor: listNomor ?? row["nomor"], ringkasan: row["ringkasan"],
                    conclusion: conclusion, testedOn: row["tested_at"])
            }
            return newest.values.sorted { $0.itemID < $1.itemID }
        }
    }
}
