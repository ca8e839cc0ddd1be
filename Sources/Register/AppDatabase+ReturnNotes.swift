import Foundation
import GRDB

extension AppDatabase {
    /// Every unit's return notes, keyed by unit code.
    ///
    /// Asked twice per run (before the first file and after intake), so it reads only the
    /// return decisions, not the whole current state (0.9 s at 36,000 items, with no note
    /// to find in most runs). The same rule as `CurrentState.load`: an item is returned when
    /// the newest decision on its current revision is a return.
    public func returnNotesByUnit() throws -> [String: [ReturnNote]] {
        try read { db in
            var notes: [String: [ReturnNote]] = [:]
            for (unit, note) in try Self.returnNotes(db, unit: nil) {
                notes[unit, default: []].append(note)
            }
            return notes
        }
    }

    /// The correction notes on a unit's items that the unit has not answered with a new
    /// revision yet, for its next feedback; sorted by item id.
    public func returnNotes(unit: String) throws -> [ReturnNote] {
        try read { db in try Self.returnNotes(db, unit: unit).map(\.note) }
    }

    /// The return notes of one unit (or every unit), sorted by unit and item id.
    static func returnNotes(_ db: Database, unit: String?) throws -> [(unit: String, note: ReturnNote)] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT d.*, i.unit AS held_unit, r.nomor AS held_nomor, r.ringkasan AS held_ringkasan
            FROM decisions d
            JOIN items i ON i.id = d.item AND d.revision = i.current_revision
            JOIN item_revisions r ON r.item = d.item AND r.revision = d.revision
            WHERE i.withdrawn_at IS NULL AND d.action = 'return' AND (?1 IS NULL OR i.unit = ?1)
              AND d.id = (SELECT MAX(n.id) FROM decisions n WHERE n.item = d.item AND n.revision = d.revision)
            ORDER BY i.unit, d.item
            """, arguments: [unit])
        return try rows.map { row in
            let d = try DecisionRecord(row: row)
            return (row["held_unit"], ReturnNote(
                itemID: d.item, revision: d.revision, nomor: row["held_nomor"],
                ringkasan: row["held_ringkasan"], note: d.note, by: d.byName, at: d.at))
        }
    }
}

extension AppDatabase {
    /// A cheap fingerprint of everything a new draft depends on: row counts of the tables
    /// that only grow (submissions, revisions, tests, decisions) and each version's status.
    /// Equal stamps mean `makeDraft` would find nothing new, so a warm run can skip the
    /// whole-register read.
    public func changeStamp() throws -> String {
        try read { db in
            var parts: [String] = []
            for table in ["submissions", "items", "item_revisions", "consequence_tests", "decisions", "versions",
                          "consequence_test_completions"] {
                parts.append("\(table)=\(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0)")
            }
            let withdrawn = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM items WHERE withdrawn_at IS NOT NULL") ?? 0
            parts.append("withdrawn=\(withdrawn)")
            let statuses = try String.fetchAll(db, sql: "SELECT number || ':' || status FROM versions ORDER BY number")
            parts.append("versions=" + statuses.joined(separator: ","))
            return parts.joined(separator: " ")
        }
    }
}

/// The PPID's newest decision on an item's current revision.
public struct StandingDecision: Hashable, Sendable {
    public var itemID: String
    public var revision: Int
    public var action: DecisionAction
    public var note: String
    public var by: String
    public var at: Date
}

extension AppDatabase {
    /// The newest decision on each current, not withdrawn item's current revision, by item
    /// id: what the review workbook shows as already decided. A new revision from the unit
    /// starts without one.
    public func standingDecisions() throws -> [String: StandingDecision] {
        try read { db in
            let rows = try DecisionRecord.fetchAll(db, sql: """
                SELECT d.* FROM decisions d
                JOIN items i ON i.id = d.item AND d.revision = i.current_revision
                WHERE i.withdrawn_at IS NULL
                  AND d.id = (SELECT MAX(n.id) FROM decisions n WHERE n.item = d.item AND n.revision = d.revision)
                """)
            var out: [String: StandingDecision] = [:]
            for d in rows {
                out[d.item] = StandingDecision(itemID: d.item, revision: d.revision, action: d.action, note: d.note,
                                               by: d.byName, at: d.at)
            }
            return out
        }
    }
}
