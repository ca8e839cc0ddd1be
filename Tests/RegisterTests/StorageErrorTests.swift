import Foundation
import GRDB
import XCTest

@testable import Register

/// A register that cannot be written is said in the IT officer's words: the run's error line
/// was "cannotOpen(path: …, reason: …)" or SQLite's "database or disk is full".
final class StorageErrorTests: XCTestCase {
    func testAFullRegisterIsSaidToBeAFullDisk() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dip-full-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        // SQLite's own "full": the page limit reached, as a full disk ends a write.
        let queue = try DatabaseQueue(path: path)
        var full: Error?
        do {
            try queue.write { db in
                try db.execute(sql: "CREATE TABLE t (x TEXT)")
                try db.execute(sql: "PRAGMA max_page_count = 8")
                for _ in 0..<1000 { try db.execute(sql: "INSERT INTO t VALUES (?)", arguments: [String(repeating: "x", count: 1000)]) }
            }
        } catch {
            full = error
        }
        let error = try XCTUnwrap(full, "the page limit was never reached")
        let text = try XCTUnwrap(RegisterError.storageText(error), "\(error)")
        XCTAssertTrue(text.hasPrefix("Disk penuh: register (archive/register.sqlite) tidak dapat ditulis."), text)
        XCTAssertTrue(text.contains("Kosongkan ruang disk"), text)

        let opened = RegisterError.cannotOpen(
            path: "/srv/dip/archive/register.sqlite",
            reason: "SQLite error 13: database or disk is full - while executing `COMMIT TRANSACTION`")
        let said = try XCTUnwrap(RegisterError.storageText(opened))
        XCTAssertTrue(said.hasPrefix("Disk penuh: register /srv/dip/archive/register.sqlite tidak dapat ditulis."), said)
        XCTAssertFalse(said.contains("cannotOpen("), said)
        // Anything else is left to describe itself.
        XCTAssertNil(RegisterError.storageText(CocoaError(.fileNoSuchFile)))
    }

    /// A full disk at open comes out of SQLite as "disk I/O error" (it cannot make its -shm
    /// file): the walk of session 21 read that on a 1 MB archive with 20 KB left.
    func testAnIOErrorOnOpeningBesideAFullDiskIsSaidToBeAFullDisk() throws {
        let opened = RegisterError.cannotOpen(
            path: "/srv/dip/archive/register.sqlite",
            reason: "SQLite error 10: disk I/O error - while executing `SELECT * FROM sqlite_master LIMIT 1`")
        let full = try XCTUnwrap(RegisterError.storageText(opened, freeBytes: { _ in 20 * 1024 }))
        XCTAssertTrue(full.hasPrefix("Disk penuh: register /srv/dip/archive/register.sqlite tidak dapat dibuka (tersisa 20 KB"), full)
        XCTAssertTrue(full.contains("Kosongkan ruang disk"), full)
        let room = try XCTUnwrap(RegisterError.storageText(opened, freeBytes: { _ in 40 << 30 }))
        XCTAssertTrue(room.contains("gangguan baca/tulis disk"), room)
        XCTAssertFalse(room.contains("Disk penuh"), room)
        // The real free space of a real folder is read.
        XCTAssertNotNil(RegisterError.freeBytes(besides: FileManager.default.temporaryDirectory.appendingPathComponent("x").path))
        XCTAssertNil(RegisterError.storageText(CocoaError(.fileNoSuchFile)))
    }
}
