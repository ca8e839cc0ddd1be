import DIPCore
import Foundation
import GRDB

/// The register: an SQLite database in `<workspace>/archive/register.sqlite` holding units,
/// submissions, items with every revision, consequence tests, decisions and numbered DIP
/// versions.
///
/// Each intention-named method is one write transaction, so a process killed at any moment
/// leaves either all of a stage or none of it.
public struct AppDatabase: Sendable {
    private let writer: any DatabaseWriter
    /// The register's current state, kept between queries until a write changes it.
    private let stateCache = CurrentStateCache()
    /// The last version's items, kept because versions' rows never change.
    let versionCache = VersionItemsCache()

    /// What opening this register changed: the migrations a register made by an earlier dip
    /// took, and where its copy from before them was kept; nil when nothing was migrated (or
    /// the register was new).
    public let upgrade: RegisterUpgrade?

    private init(writer: any DatabaseWriter, path: String? = nil) throws {
        self.writer = writer
        upgrade = try RegisterMigrations.upgrade(writer, path: path)
    }

    /// The connection settings shared by files and tests: foreign keys, a busy timeout so a
    /// second `dip` waits instead of failing, WAL for files.
    private static func configuration(wal: Bool) -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        if wal { config.journalMode = .wal }
        config.label = "register"
        return config
    }

    /// Opens (creating when needed) and migrates the register at `path`. A register made by an
    /// earlier dip is first copied to `archive/cadangan-register/` (`upgrade` says so); one
    /// a later dip migrated is refused (`RegisterError.madeByNewerProgram`), never written.
    ///
    /// - Throws: `RegisterError.cannotOpen` when the file cannot be opened or migrated.
    public static func open(path: String) throws -> AppDatabase {
        do {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true)
            }
            let queue = try DatabaseQueue(path: path, configuration: configuration(wal: true))
            return try AppDatabase(writer: queue, path: path)
        } catch let error as RegisterError {
            throw error
        } catch {
            throw RegisterError.cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// An empty register in memory, with the same schema and settings (for tests).
    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(writer: DatabaseQueue(configuration: configuration(wal: false)))
    }

    /// The register path of a workspace: `<workspace>/archive/register.sqlite`.
    public static func path(workspace: String) -> String {
        URL(fileURLWithPath: workspace).appendingPathComponent("archive")
            .appendingPathComponent("register.sqlite").path
    }

    // MARK: - Plumbing for the extensions

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.write(body)
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.read(body)
    }

    /// The current state of every unit's items (see `CurrentState.current`).
    func currentState(_ db: Database) throws -> CurrentState {
        try CurrentState.current(db, cache: stateCache)
    }

    /// The current revision of every current item, read once and kept until a write changes
    /// the register (see `CurrentStateCache.content`). Only for readers of every item.
    func currentContent(_ db: Database) throws -> [String: CurrentState.Content] {
        let stamp = try CurrentStateCache.stamp(db)
        if let content = stateCache.content(for: stamp) { return content }
        let content = try CurrentState.content(db, units: nil)
        stateCache.storeContent(content, stamp: stamp)
        return content
    }

    /// `currentContent` if it is kept for the register as it is now.
    func keptCurrentContent(_ db: Database) throws -> [String: CurrentState.Content]? {
        // The stamp (six counts over the item tables) only when something is kept: the
        // chunked readers ask for every chunk, and its counts were a third of a chunk's read.
        guard stateCache.holdsContent else { return nil }
        return stateCache.content(for: try CurrentStateCache.stamp(db))
    }
}

extension AppDatabase {
    /// The number of rows of a register table, for checks and the benchmark.
    ///
    /// - Throws: `RegisterError.invalidInput` for a name that is not a register table.
    public func rowCount(table: String) throws -> Int {
        let tables: Set<String> = [
            "units", "submissions", "submission_problems", "items", "item_revisions",
            "item_states", "consequence_tests", "decisions", "versions", "version_items", "approval_events",
            "held_submissions", "rule_passes", "rule_reevaluations", "rule_reevaluation_decisions",
            "consequence_test_completions",
        ]
        guard tables.contains(table) else {
            throw RegisterError.invalidInput("Tabel \(table) tidak dikenal.")
        }
        return try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }
}

extension AppDatabase {
    /// SQLite's journal mode ("wal" for file registers), for checks.
    public func journalMode() throws -> String {
        try read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }
}

/// Cross-table invariants of the register, checked after crashes (tests, `dip status`).
public struct ConsistencyFacts: Codable, Hashable, Sendable {
    /// SQLite's `PRAGMA integrity_check` answer ("ok").
    public var integrity: String
    /// Accepted submissions whose state rows do not cover exactly the items they listed.
    public var submissionsWithWrongStateCount: Int
    /// Items whose current revision has no row.
    public var itemsWithMissingRevision: Int
    /// Versions with no items (a version is written with its items in one transaction).
    public var versionsWithoutItems: Int
    /// Current (not withdrawn) items of all units.
    public var currentItems: Int
    /// Sum over units of the item count of their last accepted submission.
    public var lastAcceptedItemCount: Int
}

extension AppDatabase {
    /// Checks the invariants every completed stage leaves.
    public func consistencyFacts() throws -> ConsistencyFacts {
        try read { db in
            ConsistencyFacts(
                integrity: try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "",
                submissionsWithWrongStateCount: try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM submissions s WHERE s.outcome = 'accepted' AND
                      s.item_count <> (SELECT COUNT(*) FROM item_states t
                                       WHERE t.submission = s.id AND t.change <> 'ditarik')
                    """) ?? -1,
                itemsWithMissingRevision: try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM items i WHERE NOT EXISTS (
                      SELECT 1 FROM item_revisions r
                      WHERE r.item = i.id AND r.revision = i.current_revision)
                    """) ?? -1,
                versionsWithoutItems: try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM versions v WHERE NOT EXISTS (
                      SELECT 1 FROM version_items x WHERE x.version = v.number)
                    """) ?? -1,
                currentItems: try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM items WHERE withdrawn_at IS NULL") ?? -1,
                lastAcceptedItemCount: try Int.fetchOne(db, sql: """
                    SELECT COALESCE(SUM(s.item_count), 0) FROM submissions s
                    WHERE s.outcome = 'accepted' AND s.id = (
                      SELECT MAX(id) FROM submissions x
                      WHERE x.unit = s.unit AND x.outcome = 'accepted')
                    """) ?? -1)
        }
    }
}
