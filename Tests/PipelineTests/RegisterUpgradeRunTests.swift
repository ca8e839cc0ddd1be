import Foundation
import GRDB
import XCTest
@testable import Pipeline
import Register

/// An upgrade of dip on a workspace an earlier dip made (docs/ops.md §6, session 25 walk):
/// the register's migrations apply at the first run, a copy of the register from before is
/// kept under `archive/cadangan-register/`, and the run says so (also with `--quiet`, as in
/// cron); an older dip put back on a register a later one migrated refuses it (exit 3).
final class RegisterUpgradeRunTests: XCTestCase {
    /// The register as the release before `v24-approval-ended-exemptions` left it: that
    /// migration's column and its row in `grdb_migrations` taken out of a register this build made.
    func makeEarlierRegister(_ path: String) throws -> (items: Int, submissions: Int) {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.write { db in
            try db.execute(sql: "ALTER TABLE approval_events DROP COLUMN ended_exemptions_reissued")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v24-approval-ended-exemptions'")
            return (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM items") ?? 0,
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM submissions") ?? 0)
        }
    }

    func testTheFirstRunOfANewDipMigratesTheRegisterKeepsACopyAndSaysSo() throws {
        let example = try ExampleInboxWorkspace("dip-upgrade")
        defer { try? FileManager.default.removeItem(at: example.root) }
        let path = example.root.path
        let first = try DipProcess.run(["run", "--workspace", path, "--settle-seconds", "0", "--quiet"])
        XCTAssertTrue([0, 2].contains(first.exitCode ?? -1), first.stderr)
        XCTAssertFalse(first.stderr.contains(Runner.registerUpgradedEvent), "a new register is no upgrade: \(first.stderr)")
        let register = example.workspace.registerPath.path
        let before = try makeEarlierRegister(register)
        XCTAssertGreaterThan(before.items, 0)

        let upgraded = try DipProcess.run(["run", "--workspace", path, "--settle-seconds", "0", "--quiet"])
        XCTAssertEqual(upgraded.exitCode, 0, upgraded.stderr)
        let line = try XCTUnwrap(upgraded.stderr.split(separator: "\n").first { $0.contains(Runner.registerUpgradedEvent) },
                                 upgraded.stderr)
        XCTAssertTrue(line.contains("perubahan=v24-approval-ended-exemptions"), String(line))
        XCTAssertTrue(line.contains("Register dimutakhirkan untuk versi dip ini"), String(line))
        let copy = example.workspace.archive.appendingPathComponent(
            "cadangan-register/register-sebelum-v24-approval-ended-exemptions.sqlite")
        XCTAssertTrue(line.contains(copy.path), String(line))
        XCTAssertTrue(upgraded.stderr.contains("versi_dip="), upgraded.stderr)

        // The copy is the register as the earlier dip left it; the register has every item still.
        let kept = try DatabaseQueue(path: copy.path)
        try kept.read { db in
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM items"), before.items)
            XCTAssertFalse(try String.fetchSet(db, sql: "SELECT identifier FROM grdb_migrations")
                .contains("v24-approval-ended-exemptions"))
        }
        try kept.close()
        let now = try DatabaseQueue(path: register)
        try now.read { db in
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM items"), before.items)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM submissions"), before.submissions)
            XCTAssertTrue(try db.columns(in: "approval_events").contains { $0.name == "ended_exemptions_reissued" })
        }
        try now.close()

        // Said once: the next run has nothing to migrate.
        let next = try DipProcess.run(["run", "--workspace", path, "--settle-seconds", "0", "--quiet"])
        XCTAssertEqual(next.exitCode, 0, next.stderr)
        XCTAssertFalse(next.stderr.contains(Runner.registerUpgradedEvent), next.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: copy.path))
    }

    func testAnotherCommandFirstAfterTheUpgradeMigratesAndSaysSoToo() throws {
        let example = try ExampleInboxWorkspace("dip-upgrade-status")
        defer { try? FileManager.default.removeItem(at: example.root) }
        let path = example.root.path
        _ = try DipProcess.run(["run", "--workspace", path, "--settle-seconds", "0", "--quiet"])
        _ = try makeEarlierRegister(example.workspace.registerPath.path)
        let status = try DipProcess.run(["status", "--workspace", path, "--format", "json"])
        XCTAssertEqual(status.exitCode, 0, status.stderr)
        XCTAssertTrue(status.stderr.contains("dip: Register dimutakhirkan untuk versi dip ini"), status.stderr)
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)), "JSON stays clean: \(status.stdout)")
    }

    func testARegisterALaterDipMigratedIsRefusedAndLeftAsItIs() throws {
        let example = try ExampleInboxWorkspace("dip-upgrade-newer")
        defer { try? FileManager.default.removeItem(at: example.root) }
        let path = example.root.path
        _ = try DipProcess.run(["run", "--workspace", path, "--settle-seconds", "0", "--quiet"])
        let register = example.workspace.registerPath.path
        let queue = try DatabaseQueue(path: register)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-dari-versi-baru')") }
        try queue.close()
        try Data("judul\nData Baru\n".utf8).write(to: example.workspace.inbox.appendingPathComponent("dinsos/baru.csv"))

        let refused = try DipProcess.run(["run", "--workspace", path, "--settle-seconds", "0", "--quiet"])
        XCTAssertEqual(refused.exitCode, 3, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("sudah dimutakhirkan oleh versi dip yang lebih baru"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("v99-dari-versi-baru"), refused.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: example.workspace.inbox.appendingPathComponent("dinsos/baru.csv").path),
                      "nothing taken in")
        let status = try DipProcess.run(["status", "--workspace", path])
        XCTAssertEqual(status.exitCode, 3, status.stderr)
        XCTAssertTrue(Watcher.needsAPerson(RegisterError.madeByNewerProgram(path: register, unknownMigrations: ["v99"])))
    }
}
