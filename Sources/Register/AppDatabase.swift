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

    private init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try RegisterMigrations.migrator.migrate(writer)
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

    /// Opens (creating when needed) and migrates the register at `path`.
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
            return try AppDatabase(writer: queue)
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
}

extension AppDatabase {
    /// The number of rows of a register table, for checks and the benchmark.
    ///
    /// - Throws: `RegisterError.invalidInput` for a name that is not a register table.
    public func rowCount(table: String) throws -> Int {
        let tables: Set<String> = [
            "units", "submissions", "submission_problems", "items", "item_revisions",
            "item_states", "consequence_tests", "decisions", "versions", "version_items",
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
