import DIPCore
import Foundation
import GRDB

/// A recorded consequence test whose berita acara still lacks what a completion may add
/// (`AppDatabase.completeRecordedTest`): the number of a record already published, or the day
/// of a test recorded without one and not yet published. The review workbook lists them for
/// the PPID to fill (session 28).
public struct IncompleteRecord: Hashable, Sendable {
    public var itemID: String
    public var revision: Int
    public var unit: String
    public var nomor: String
    public var ringkasan: String
    public var conclusion: ConsequenceConclusion
    /// The day of the test as recorded or completed; nil when recorded without one.
    public var testedOn: Date?
    /// Where the Tim met as recorded; nil when none was (the berita acara then names the
    /// decrees' city, keputusan.json `city`).
    public var place: String?
    /// When the test was recorded.
    public var recordedAt: Date
    /// The first published version that issued the record; nil when not published.
    public var publishedWith: Int?
    /// The register's id of the test the record is (`consequence_tests.id`): a completion made
    /// for it is refused when a newer test of the same revision was recorded meanwhile.
    public var testID: Int64?
    /// The record has no berita acara number yet.
    public var needsNumber: Bool
    /// The record has no day of its own and may still be dated (not published).
    public var needsDay: Bool

    public init(itemID: String, revision: Int, unit: String, nomor: String, ringkasan: String,
                conclusion: ConsequenceConclusion, testedOn: Date?, recordedAt: Date, publishedWith: Int?,
                needsNumber: Bool, needsDay: Bool, testID: Int64? = nil, place: String? = nil) {
        self.testID = testID
        self.place = place
        self.itemID = itemID
        self.revision = revision
        self.unit = unit
        self.nomor = nomor
        self.ringkasan = ringkasan
        self.conclusion = conclusion
        self.testedOn = testedOn
        self.recordedAt = recordedAt
        self.publishedWith = publishedWith
        self.needsNumber = needsNumber
        self.needsDay = needsDay
    }
}

extension AppDatabase {
    /// The latest tests of current revisions that a completion may still complete: published
    /// without a berita acara number (the secretariat numbers the signed paper by hand), or
    /// recorded without a day and not yet published (`dip approve` refuses a version issuing
    /// it). A published record without a day is not listed: the day it bears is not changed.
    /// By unit and item.
    public func incompleteRecords() throws -> [IncompleteRecord] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT i.id AS item, i.unit AS unit, i.current_revision AS revision,
                       (SELECT MIN(v.number) FROM version_items vi JOIN versions v ON v.number = vi.version
                        WHERE vi.test = t.id AND v.status = 'published') AS published
                FROM items i JOIN consequence_tests t ON t.item = i.id AND t.revision = i.current_revision
                WHERE i.withdrawn_at IS NULL
                  AND t.id = (SELECT MAX(id) FROM consequence_tests WHERE item = i.id AND revision = i.current_revision)
                ORDER BY i.unit, i.seq
                """)
            var found: [(row: Row, test: ConsequenceTestRecord, number: Bool, day: Bool)] = []
            for row in rows {
                guard let test = try RegisterQueries.latestTest(db, item: row["item"], revision: row["revision"]) else { continue }
                let published: Int? = row["published"]
                let number = test.beritaAcaraNumber == nil && published != nil
                let day = test.testedAt == nil && published == nil
                if number || day { found.append((row, test, number, day)) }
            }
            let content = try CurrentState.content(db, items: found.map { $0.row["item"] })
            return found.compactMap { f in
                guard let c = content[f.row["item"]] else { return nil }
                return IncompleteRecord(
                    itemID: f.row["item"], revision: f.row["revision"], unit: f.row["unit"], nomor: c.revision.nomor,
                    ringkasan: c.revision.ringkasan, conclusion: f.test.conclusion, testedOn: f.test.testedAt,
                    recordedAt: f.test.enteredAt, publishedWith: f.row["published"], needsNumber: f.number, needsDay: f.day,
                    testID: f.test.id, place: f.test.place)
            }
        }
    }
}
