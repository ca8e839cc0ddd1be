import DIPCore
import Foundation
import GRDB

/// Lists held for the PPID because they would withdraw most of a unit's items (issue 16 #7).
///
/// `recordSubmission(holdPolicy:)` holds them; the PPID releases (applies) or refuses one
/// with `dip release`; a newer list from the unit, or its current list sent again, supersedes
/// it. Each of these is one transaction.
extension AppDatabase {
    /// The unit's held list waiting for the PPID, if any (at most one: a newer one supersedes).
    public func pendingHold(unit: String) throws -> HeldSubmission? {
        try read { db in try Self.pendingHoldRecord(db, unit: unit)?.held }
    }

    /// Every held list waiting for the PPID, by unit.
    public func pendingHolds() throws -> [HeldSubmission] {
        try read { db in
            try HeldSubmissionRecord.filter(Column("status") == HoldStatus.held.rawValue)
                .order(Column("unit"), Column("id")).fetchAll(db).map(\.held)
        }
    }

    /// Each unit's newest hold that is not superseded, when the unit sent nothing after the
    /// PPID decided on it: what the unit's notice tells (pending, released or refused).
    public func holdsToTell() throws -> [HeldSubmission] {
        try read { db in
            try HeldSubmissionRecord.fetchAll(db, sql: """
                SELECT h.* FROM held_submissions h
                WHERE h.status != 'superseded'
                  AND h.id = (SELECT MAX(id) FROM held_submissions WHERE unit = h.unit AND status != 'superseded')
                  AND NOT EXISTS (SELECT 1 FROM held_submissions n WHERE n.unit = h.unit AND n.id > h.id)
                  AND (h.status = 'held' OR NOT EXISTS (
                        SELECT 1 FROM submissions s WHERE s.unit = h.unit AND s.received_at > h.decided_at))
                ORDER BY h.unit
                """).map(\.held)
        }
    }

    /// Applies the unit's held list (the PPID's `dip release`): a `submissions` row as any
    /// accepted file, its items made the unit's list, the hold marked released with who and
    /// when, in ONE transaction. `sha256` must name the held file (read again from the
    /// archive by the caller); `items` are its rows with their classification.
    public func releaseHeld(
        unit: String, sha256: String, items: [(InformationItem, Classification)], problems: [Problem],
        by: Official, at: Date, note: String = ""
    ) throws -> SubmissionUpdate {
        try write { db in
            guard var held = try Self.pendingHoldRecord(db, unit: unit) else {
                throw RegisterError.invalidInput("Unit \(unit) tidak mempunyai kiriman yang ditahan.")
            }
            guard held.sha256 == sha256 else {
                throw RegisterError.invalidInput(
                    "Kiriman yang ditahan untuk unit \(unit) berubah (sekarang \(held.fileName)); ulangi perintah.")
            }
            guard !by.name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw RegisterError.invalidInput("Nama PPID wajib diisi.")
            }
            var submission = SubmissionRecord(
                id: nil, unit: unit, sha256: held.sha256, fileName: held.fileName,
                archivedPath: held.archivedPath, receivedAt: at, outcome: "accepted", reason: nil,
                problemCount: Problem.toFix(problems), itemCount: items.count)
            try submission.insert(db)
            for (ordinal, problem) in problems.enumerated() {
                var record = ProblemRecord(submission: submission.id!, ordinal: ordinal + 1, problem: problem)
                try record.insert(db)
            }
            let plan = try Self.planList(db, unit: unit, items: items)
            let update = try Self.applyList(db, unit: unit, submissionID: submission.id!, receivedAt: at,
                                            items: items, plan: plan)
            held.status = HoldStatus.released.rawValue
            held.decidedByName = by.name
            held.decidedByNip = by.nip
            held.decidedAt = at
            held.note = note
            held.appliedSubmission = submission.id!
            try held.update(db)
            return update
        }
    }

    /// Discards the unit's held list (the PPID's `dip release --refuse`): its list stays as
    /// it was; who and when are recorded. Returns the hold as refused.
    public func refuseHeld(unit: String, by: Official, at: Date, note: String = "") throws -> HeldSubmission {
        try write { db in
            guard var held = try Self.pendingHoldRecord(db, unit: unit) else {
                throw RegisterError.invalidInput("Unit \(unit) tidak mempunyai kiriman yang ditahan.")
            }
            guard !by.name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw RegisterError.invalidInput("Nama PPID wajib diisi.")
            }
            held.status = HoldStatus.refused.rawValue
            held.decidedByName = by.name
            held.decidedByNip = by.nip
            held.decidedAt = at
            held.note = note
            try held.update(db)
            return held.held
        }
    }

    /// The unit sent a file it had sent before (`sha256`): when that file was accepted, the
    /// unit confirms a list it already has, which answers its held one (superseded).
    /// Returns the superseded hold.
    public func supersedeHoldByResend(unit: String, sha256: String, fileName: String, at: Date) throws -> HeldSubmission? {
        try write { db in
            guard let hold = try Self.pendingHoldRecord(db, unit: unit),
                  try Bool.fetchOne(db, sql: """
                      SELECT EXISTS(SELECT 1 FROM submissions WHERE unit = ? AND sha256 = ? AND outcome = 'accepted')
                      """, arguments: [unit, sha256]) == true
            else { return nil }
            try Self.supersedeHold(db, unit: unit, at: at, note: "digantikan oleh kiriman ulang \(fileName)")
            var superseded = hold.held
            superseded.status = .superseded
            return superseded
        }
    }

    static func pendingHoldRecord(_ db: Database, unit: String) throws -> HeldSubmissionRecord? {
        try HeldSubmissionRecord
            .filter(Column("unit") == unit && Column("status") == HoldStatus.held.rawValue)
            .order(Column("id").desc).fetchOne(db)
    }

    /// Marks the unit's held list superseded (inside the caller's transaction).
    static func supersedeHold(_ db: Database, unit: String, at: Date, note: String) throws {
        try db.execute(sql: """
            UPDATE held_submissions SET status = 'superseded', decided_at = ?, note = ?
            WHERE unit = ? AND status = 'held'
            """, arguments: [at, note, unit])
    }
}
