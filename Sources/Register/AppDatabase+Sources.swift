import DIPCore
import Foundation
import GRDB

/// A submitted file kept in the archive, as the register knows it.
public struct SourceSubmission: Hashable, Sendable {
    public var unit: String
    public var fileName: String
    public var sha256: String
    public var archivedPath: String
    public var receivedAt: Date
}

extension AppDatabase {
    /// The original files behind a version: for each unit with items in it, the unit's
    /// newest accepted submission at the time the version was made (a unit's newest file is
    /// its full list). Sorted by unit.
    public func sourceSubmissions(version: Int) throws -> [SourceSubmission] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT s.unit, s.file_name, s.sha256, s.archived_path, s.received_at
                FROM submissions s
                JOIN versions v ON v.number = ?
                WHERE s.outcome = 'accepted'
                  AND s.unit IN (SELECT DISTINCT i.unit FROM version_items vi
                                 JOIN items i ON i.id = vi.item WHERE vi.version = v.number)
                  AND s.id = (SELECT MAX(s2.id) FROM submissions s2
                              WHERE s2.unit = s.unit AND s2.outcome = 'accepted'
                                AND s2.received_at <= v.created_at)
                ORDER BY s.unit
                """, arguments: [version])
            return rows.map { row in
                SourceSubmission(unit: row["unit"], fileName: row["file_name"], sha256: row["sha256"],
                                 archivedPath: row["archived_path"], receivedAt: row["received_at"])
            }
        }
    }

    /// Whether this unit already delivered exactly these bytes (then the file is a duplicate).
    public func hasSubmission(unit: String, sha256: String) throws -> Bool {
        try read { db in
            // A held file counts: it is the same arrival, judged already.
            try Bool.fetchOne(db, sql: """
                SELECT EXISTS(SELECT 1 FROM submissions WHERE unit = ? AND sha256 = ?)
                    OR EXISTS(SELECT 1 FROM held_submissions WHERE unit = ? AND sha256 = ?)
                """, arguments: [unit, sha256, unit, sha256]) ?? false
        }
    }
}
