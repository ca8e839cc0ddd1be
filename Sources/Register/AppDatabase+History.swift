import Foundation
import GRDB

/// What the register knows of the archive's history, to tell a register that was lost,
/// emptied or restored from an older backup (issue 16 #3) from one that is current.
public struct RegisterHistory: Hashable, Sendable {
    /// "unit/sha256" of every submission recorded.
    public var submissions: Set<String>
    /// SHA-256 of every review workbook applied.
    public var reviewWorkbooks: Set<String>
    /// Status of every version by number ("draft", "approved", "published").
    public var versions: [Int: String]
    /// Decree number of every approved or published version.
    public var decreeNumbers: [Int: String]

    /// Nothing recorded at all: a new (or emptied) register.
    public var isEmpty: Bool { submissions.isEmpty && reviewWorkbooks.isEmpty && versions.isEmpty }
}

extension AppDatabase {
    public func history() throws -> RegisterHistory {
        try read { db in
            var versions: [Int: String] = [:]
            var decrees: [Int: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT number, status, decree_number FROM versions") {
                versions[row["number"]] = row["status"]
                if let decree: String = row["decree_number"] { decrees[row["number"]] = decree }
            }
            return RegisterHistory(
                // A held file (issue 16 #7) is an arrival the register knows, applied or not.
                submissions: Set(try String.fetchAll(db, sql: """
                    SELECT unit || '/' || sha256 FROM submissions
                    UNION SELECT unit || '/' || sha256 FROM held_submissions
                    """)),
                reviewWorkbooks: Set(try String.fetchAll(db, sql: "SELECT sha256 FROM review_workbooks")),
                versions: versions, decreeNumbers: decrees)
        }
    }
}
