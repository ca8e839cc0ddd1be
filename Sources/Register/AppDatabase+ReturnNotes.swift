import GRDB

extension AppDatabase {
    /// Every unit's return notes from ONE reading of the register state, keyed by unit code.
    ///
    /// `returnNotes(unit:)` loads the whole current state each time; calling it for every
    /// unit of a run made intake quadratic (3 s per file at 72,000 items).
    public func returnNotesByUnit() throws -> [String: [ReturnNote]] {
        try read { db in
            let state = try currentState(db)
            var notes: [String: [ReturnNote]] = [:]
            for held in state.returned {
                guard let d = held.decision else { continue }
                notes[held.item.unit, default: []].append(ReturnNote(
                    itemID: held.item.id, revision: held.revision.revision,
                    nomor: held.revision.nomor, ringkasan: held.revision.ringkasan,
                    note: d.note, by: d.byName, at: d.at))
            }
            return notes.mapValues { $0.sorted { $0.itemID < $1.itemID } }
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
            for table in ["submissions", "items", "item_revisions", "consequence_tests", "decisions", "versions"] {
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
