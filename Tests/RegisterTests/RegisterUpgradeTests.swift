import DIPCore
import Foundation
import GRDB
import TestSupport
import XCTest
@testable import Register

/// Opening a register an earlier dip made migrates it after copying it whole; a new register
/// is only created; a register holding migrations this build does not know is refused.
final class RegisterUpgradeTests: XCTestCase {
    func testAnEarlierRegisterIsCopiedThenMigrated() throws {
        let folder = try Scratch.directory("register-upgrade").appendingPathComponent("archive")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("register.sqlite").path
        let migrations = RegisterMigrations.migrator.migrations
        XCTAssertGreaterThan(migrations.count, 1)
        // As the release before the last migration left it, with one unit on record.
        let earlier = try DatabaseQueue(path: path)
        try RegisterMigrations.migrator.migrate(earlier, upTo: migrations[migrations.count - 2])
        try earlier.write { try $0.execute(sql: "INSERT INTO units (code, name) VALUES ('dinsos', 'Dinas Sosial')") }
        try earlier.close()

        let register = try AppDatabase.open(path: path)
        let upgrade = try XCTUnwrap(register.upgrade)
        XCTAssertEqual(upgrade.applied, [migrations[migrations.count - 1]])
        let copy = try XCTUnwrap(upgrade.backupPath)
        XCTAssertEqual(copy, folder.appendingPathComponent("cadangan-register/register-sebelum-\(migrations.last!).sqlite").path)
        XCTAssertTrue(upgrade.text.contains(copy), upgrade.text)
        XCTAssertTrue(upgrade.text.contains(migrations.last!), upgrade.text)
        let kept = try DatabaseQueue(path: copy)
        try kept.read { db in
            XCTAssertEqual(try String.fetchAll(db, sql: "SELECT name FROM units"), ["Dinas Sosial"])
            XCTAssertEqual(try RegisterMigrations.migrator.appliedMigrations(db), Array(migrations.dropLast()))
        }
        try kept.close()
        // No temporary copy left beside it.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: (copy as NSString).deletingLastPathComponent),
                       [(copy as NSString).lastPathComponent])
        XCTAssertNil(try AppDatabase.open(path: path).upgrade, "migrated once")
    }

    /// A register of the release before session 27 — a published berita acara without its
    /// number, a workbook test without its day — is migrated (copied first), reads its published
    /// version as printed, and takes the number and the day as completions.
    func testARegisterFromBeforeCompletionsIsMigratedAndCompleted() throws {
        let folder = try Scratch.directory("register-before-completions").appendingPathComponent("archive")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("register.sqlite").path
        let migration = "v27-consequence-test-completions"
        XCTAssertEqual(RegisterMigrations.migrator.migrations.last, migration)
        do {
            let db = try AppDatabase.open(path: path)
            var list = Fixture.baseList
            list.append(Fixture.classified(Fixture.item("5", "Rekam medis pasien", kategori: .setiapSaat),
                                           suggested: .dikecualikan, test: true))
            list.append(Fixture.classified(Fixture.item("6", "Data pribadi pegawai", kategori: .setiapSaat),
                                           suggested: .dikecualikan, test: true))
            try Fixture.submit(db, list, sha: "v1")
            try db.recordConsequenceTest(itemID: "dinkes-0005", revision: 1, test: Fixture.test(.exemptWhole),
                                         enteredBy: "Tim", source: .cli, at: Fixture.date(2))
            var undated = Fixture.test(.exemptWhole)
            undated.testedOn = nil
            try db.recordConsequenceTest(itemID: "dinkes-0006", revision: 1, test: undated, enteredBy: "PPID",
                                         source: .workbook, at: Fixture.date(2))
            let draft = try XCTUnwrap(db.makeDraft(clock: Clock(now: Fixture.date(2))))
            try db.approve(version: draft.number, ApprovalRequest(
                decreeNumber: "000.9/12/Diskominfo/2026", dikDecreeNumber: "000.9/13/Diskominfo/2026",
                decreeDate: Fixture.date(3), signatory: Fixture.ppid, force: true), at: Fixture.date(3))
            try db.publish(version: draft.number, at: Fixture.date(3))
        }
        // As the release before this migration left it: without the table, the column, or the
        // migration's row (SQLite drops a column that nothing else refers to).
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "ALTER TABLE version_items DROP COLUMN test_completion")
            try db.execute(sql: "DROP TABLE consequence_test_completions")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [migration])
        }
        try queue.close()

        let register = try AppDatabase.open(path: path)
        XCTAssertEqual(register.upgrade?.applied, [migration])
        XCTAssertNotNil(register.upgrade?.backupPath)
        let printed = try register.version(number: 1)
        XCTAssertEqual(printed.exempted.map(\.id), ["dinkes-0005", "dinkes-0006"])
        XCTAssertNil(printed.exempted[0].consequenceTest?.beritaAcaraNumber)
        XCTAssertEqual(try register.undatedTests(version: 1), [ItemRevisionRef(item: "dinkes-0006", revision: 1)])
        // The published record takes its number; the published undated one keeps the day it bears.
        let numbered = try register.completeRecordedTest(itemID: "dinkes-0005", revision: 1, number: "000.9/3/BA-UK/2026",
                                                         place: nil, testedOn: nil, by: "Siti", at: Fixture.date(4))
        XCTAssertEqual(numbered.publishedWith, 1)
        XCTAssertThrowsError(try register.completeRecordedTest(itemID: "dinkes-0006", revision: 1, number: nil, place: nil,
                                                               testedOn: Fixture.date(1), by: "Siti", at: Fixture.date(4)))
        XCTAssertEqual(try register.version(number: 1), printed, "the published version reads as it was printed")
    }

    /// Creating a register checkpoints its log after each migration: the log held every
    /// migration's schema pages at once (about 480 KB for 23 migrations), so a disk with half a
    /// megabyte free refused even a new register (HostileInboxTests' full-disk case).
    func testANewRegisterKeepsItsLogSmall() throws {
        let folder = try Scratch.directory("register-log")
        let path = folder.appendingPathComponent("register.sqlite").path
        let register = try AppDatabase.open(path: path)
        let log = try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int ?? 0
        XCTAssertLessThan(log, 160 * 1024, "write-ahead log after creating the register")
        withExtendedLifetime(register) {}
    }

    func testANewRegisterIsNoUpgrade() throws {
        let folder = try Scratch.directory("register-new")
        let register = try AppDatabase.open(path: folder.appendingPathComponent("register.sqlite").path)
        XCTAssertNil(register.upgrade)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent(RegisterUpgrade.backupFolderName).path))
    }

    /// A first run killed between two of the new register's migrations (each is a transaction
    /// of its own) leaves some of them and no record: the next run finishes it as a new register,
    /// with no copy in archive/ and no upgrade in the log, as a run never killed would.
    func testARegisterAKilledFirstRunLeftBetweenMigrationsIsNoUpgrade() throws {
        let folder = try Scratch.directory("register-half-new").appendingPathComponent("archive")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("register.sqlite").path
        let migrations = RegisterMigrations.migrator.migrations
        let half = try DatabaseQueue(path: path)
        try RegisterMigrations.migrator.migrate(half, upTo: migrations[migrations.count / 2])
        try half.close()

        let register = try AppDatabase.open(path: path)
        XCTAssertNil(register.upgrade)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent(RegisterUpgrade.backupFolderName).path))
        let queue = try DatabaseQueue(path: path)
        try queue.read { db in
            XCTAssertEqual(try RegisterMigrations.migrator.appliedMigrations(db), migrations)
            XCTAssertFalse(try RegisterMigrations.holdsRecords(db))
        }
        try queue.close()
    }

    func testARegisterALaterDipMigratedIsRefused() throws {
        let folder = try Scratch.directory("register-newer")
        let path = folder.appendingPathComponent("register.sqlite").path
        _ = try AppDatabase.open(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-dari-versi-baru')") }
        try queue.close()
        XCTAssertThrowsError(try AppDatabase.open(path: path)) { error in
            XCTAssertEqual(error as? RegisterError,
                           .madeByNewerProgram(path: path, unknownMigrations: ["v99-dari-versi-baru"]))
            XCTAssertTrue(RegisterError.waitsForAPerson(error))
            XCTAssertTrue((error as? RegisterError)?.message.contains("versi dip yang lebih baru") == true)
        }
    }

    /// The IT officer looks up the names the log's `register dimutakhirkan` line gives in
    /// CHANGELOG.md: every migration has its row there, in the order dip applies them.
    func testEveryMigrationIsExplainedInTheChangelogInOrder() throws {
        let changelog = try String(contentsOf: Checkers.repoRoot.appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
        let rows = changelog.split(separator: "\n").filter { $0.hasPrefix("| `v") }
            .compactMap { $0.split(separator: "`").dropFirst().first.map(String.init) }
        XCTAssertEqual(rows, RegisterMigrations.migrator.migrations,
                       "CHANGELOG.md's table of register migrations must name every migration, in order")
    }
}
