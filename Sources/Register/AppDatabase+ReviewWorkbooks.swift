import DIPCore
import Foundation
import GRDB

/// One consequence test read from a row of a review workbook.
public struct WorkbookTest: Hashable, Sendable {
    public var itemID: String
    public var revision: Int
    public var test: ConsequenceTest
    public var enteredBy: String
    /// Where it was read ("Sheet 'Uji Konsekuensi' baris 4"), for the refusal line.
    public var location: String

    public init(itemID: String, revision: Int, test: ConsequenceTest, enteredBy: String, location: String) {
        self.itemID = itemID
        self.revision = revision
        self.test = test
        self.enteredBy = enteredBy
        self.location = location
    }
}

/// One approve/return decision read from a row of a review workbook.
public struct WorkbookDecision: Hashable, Sendable {
    public var itemID: String
    public var revision: Int
    public var action: DecisionAction
    public var note: String
    public var location: String

    public init(itemID: String, revision: Int, action: DecisionAction, note: String, location: String) {
        self.itemID = itemID
        self.revision = revision
        self.action = action
        self.note = note
        self.location = location
    }
}

/// A completion of a recorded consequence test read from a row of a review workbook: the
/// number the secretariat gave its berita acara, the day of a test recorded without one, or the
/// place the Tim met for a record not yet published (`AppDatabase.completeRecordedTest`).
public struct WorkbookCompletion: Hashable, Sendable {
    public var itemID: String
    public var revision: Int
    public var beritaAcaraNumber: String?
    public var testedOn: Date?
    /// Where the Tim met ("bertempat di …"); refused for a published record, whose signed paper
    /// bears its place.
    public var place: String?
    /// Who recorded it (the row's name, else the reviewer's).
    public var enteredBy: String
    public var location: String
    /// The test the row was made for (`IncompleteRecord.testID`); nil from a workbook made before
    /// the column existed.
    public var testID: Int64?

    public init(itemID: String, revision: Int, beritaAcaraNumber: String?, testedOn: Date?, place: String? = nil,
                enteredBy: String, location: String, testID: Int64? = nil) {
        self.testID = testID
        self.place = place
        self.itemID = itemID
        self.revision = revision
        self.beritaAcaraNumber = beritaAcaraNumber
        self.testedOn = testedOn
        self.enteredBy = enteredBy
        self.location = location
    }
}

/// What applying a review workbook recorded (or, for one applied before, what it recorded then).
public struct ReviewWorkbookApplication: Hashable, Sendable {
    public var testsRecorded = 0
    public var approved = 0
    public var returned = 0
    /// Rule changes applied (new revision) and kept, from the sheet `Aturan Baru` (not kept
    /// in `review_workbooks`: a workbook applied by a stopped run reports them as 0).
    public var ruleChangesApplied = 0
    public var ruleChangesKept = 0
    /// Recorded tests completed with their berita acara number or day (not kept in
    /// `review_workbooks` either).
    public var completionsRecorded = 0
    /// Rows the register refused, one Indonesian sentence each (location, item, reason).
    public var refused: [String] = []
    /// When it was applied (the run's clock).
    public var appliedAt: Date

    public init(appliedAt: Date) { self.appliedAt = appliedAt }
}

extension AppDatabase {
    /// What the workbook with these bytes recorded, if it was applied before.
    public func appliedReviewWorkbook(sha256: String) throws -> ReviewWorkbookApplication? {
        try read { db in try Self.applied(db, sha256: sha256) }
    }

    static func applied(_ db: Database, sha256: String) throws -> ReviewWorkbookApplication? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT applied_at, tests, approved, returned, refused FROM review_workbooks WHERE sha256 = ?
            """, arguments: [sha256]) else { return nil }
        var result = ReviewWorkbookApplication(appliedAt: row["applied_at"])
        result.testsRecorded = row["tests"]
        result.approved = row["approved"]
        result.returned = row["returned"]
        let refused: String = row["refused"]
        result.refused = refused.isEmpty ? [] : refused.components(separatedBy: "\n")
        return result
    }

    /// Applies a review workbook's completions of recorded tests, its tests, then its decisions,
    /// and records that the workbook (by SHA-256) was applied, all in one transaction: a run killed meanwhile leaves none of
    /// it, and the next run applies the whole workbook. A row the register refuses (stale
    /// revision, withdrawn item, missing legal basis) is listed and skipped; any other error
    /// (I/O, a busy or damaged register) rolls everything back and is thrown, so the file
    /// can be applied whole on a later run.
    ///
    /// - Returns: nil when these bytes were applied before (nothing is applied twice).
    public func applyReviewWorkbook(
        sha256: String, fileName: String, token: String?, tests: [WorkbookTest],
        decisions: [WorkbookDecision], ruleChoices: [WorkbookRuleChoice] = [], completions: [WorkbookCompletion] = [],
        reviewer: Official?, at date: Date
    ) throws -> ReviewWorkbookApplication? {
        try write { db in
            if try Self.applied(db, sha256: sha256) != nil { return nil }
            var result = ReviewWorkbookApplication(appliedAt: date)
            // Before the tests: a row completes the record the workbook showed, not a test of the
            // same revision recorded from the same workbook.
            for entry in completions {
                do {
                    // A refused row leaves nothing of it (a day recorded before its number was refused).
                    try db.inSavepoint {
                        try Self.completeTest(db, itemID: entry.itemID, revision: entry.revision, number: entry.beritaAcaraNumber,
                                              place: entry.place, testedOn: entry.testedOn, by: entry.enteredBy, at: date, source: .workbook,
                                              madeFor: entry.testID)
                        return .commit
                    }
                    result.completionsRecorded += 1
                } catch let error as RegisterError {
                    result.refused.append("\(entry.location) (\(entry.itemID)): \(error.message)")
                }
            }
            for entry in tests {
                do {
                    // A test already recorded as it stands (a copy of an applied workbook) is
                    // kept, not recorded again (`insertTest`), and not counted as recorded.
                    let before = try RegisterQueries.latestTest(db, item: entry.itemID, revision: entry.revision)?.id
                    let id = try Self.insertTest(db, itemID: entry.itemID, revision: entry.revision, test: entry.test,
                                                 enteredBy: entry.enteredBy, source: .workbook, at: date)
                    if id != before { result.testsRecorded += 1 }
                } catch let error as RegisterError {
                    result.refused.append("\(entry.location) (\(entry.itemID)): \(error.message)")
                }
            }
            if let reviewer {
                for entry in decisions {
                    do {
                        try Self.insertDecision(db, itemID: entry.itemID, revision: entry.revision, action: entry.action,
                                                note: entry.note, by: reviewer, at: date, source: .workbook)
                        if entry.action == .approve { result.approved += 1 } else { result.returned += 1 }
                    } catch let error as RegisterError {
                        result.refused.append("\(entry.location) (\(entry.itemID)): \(error.message)")
                    }
                }
                // After the decisions: one on the same revision is recorded before a new
                // revision (the new rules applied) supersedes it.
                for entry in ruleChoices {
                    do {
                        try Self.insertRuleChoice(db, itemID: entry.itemID, revision: entry.revision, action: entry.action,
                                                  note: entry.note, by: reviewer, at: date, source: .workbook)
                        if entry.action == .apply { result.ruleChangesApplied += 1 } else { result.ruleChangesKept += 1 }
                    } catch let error as RegisterError {
                        result.refused.append("\(entry.location) (\(entry.itemID)): \(error.message)")
                    }
                }
            }
            try db.execute(sql: """
                INSERT INTO review_workbooks (sha256, file_name, token, applied_at, tests, approved, returned, refused)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [sha256, fileName, token, date, result.testsRecorded, result.approved,
                                 result.returned, result.refused.joined(separator: "\n")])
            return result
        }
    }

    // MARK: - Review workbook tokens

    /// The register's secret for review-workbook tokens, made once (by `make`, from the
    /// system's random source unless the caller fixes it) and kept in the register.
    public func reviewSecret(make: () -> String) throws -> String {
        try write { db in
            if let value = try String.fetchOne(db, sql: "SELECT value FROM register_secrets WHERE name = 'review'") {
                return value
            }
            let value = make()
            try db.execute(sql: "INSERT INTO register_secrets (name, value) VALUES ('review', ?)", arguments: [value])
            return value
        }
    }

    /// Records a token written into a review workbook; only workbooks carrying an issued
    /// token may decide.
    public func issueReviewToken(_ token: String, draftVersion: Int?, at date: Date) throws {
        try write { db in
            try db.execute(sql: """
                INSERT OR IGNORE INTO review_tokens (token, draft_version, issued_at) VALUES (?, ?, ?)
                """, arguments: [token, draftVersion, date])
        }
    }

    /// Whether dip issued this token for a review workbook.
    public func isIssuedReviewToken(_ token: String) throws -> Bool {
        try read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM review_tokens WHERE token = ?)", arguments: [token]) ?? false
        }
    }
}
