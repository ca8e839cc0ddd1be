import DIPCore
import Foundation
import XCTest

@testable import Register

/// Kill -9 at random moments: a child process (this test binary, re-invoked on the writer
/// test) records submissions and drafts in a loop; the parent SIGKILLs it, checks that no
/// partial stage is visible, and that the next run completes with no loss or duplicates.
final class CrashSafetyTests: XCTestCase {
    static let childEnvironment = "DIP_REGISTER_CRASH_CHILD_DB"

    /// Two lists the child alternates between: B edits, drops and adds items of A.
    static func list(_ variant: Int, size: Int = 150) -> [(InformationItem, Classification)] {
        (1...size).compactMap { n in
            if variant == 1 && n % 10 == 0 { return nil }  // withdrawn in B
            var text = "Dokumen perencanaan dan laporan kegiatan nomor \(n) tahun anggaran"
            if variant == 1 && n % 7 == 0 { text += " (perubahan)" }
            return Fixture.classified(Fixture.item(String(n), text))
        } + (variant == 1 ? [Fixture.classified(Fixture.item("999", "Daftar aset tetap"))] : [])
    }

    /// The child side: runs only when the parent starts it with the environment variable.
    func testChildWriterLoop() throws {
        guard let path = ProcessInfo.processInfo.environment[Self.childEnvironment] else {
            throw XCTSkip("Dijalankan hanya sebagai proses anak oleh testKillAtRandomMoments.")
        }
        let db = try AppDatabase.open(path: path)
        for i in 0..<5_000 {
            try Fixture.submit(db, Self.list(i % 2), sha: UUID().uuidString, day: i)
            if i % 3 == 0 { _ = try db.makeDraft(clock: Clock(now: Fixture.date(i))) }
        }
    }

    func testKillAtRandomMoments() throws {
        #if os(Linux)
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("register-crash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("register.sqlite").path
        var generator = SystemRandomNumberGenerator()
        var sawWrites = false

        var before = 0
        for round in 0..<6 {
            let child = Process()
            child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
            child.arguments = ["RegisterTests.CrashSafetyTests/testChildWriterLoop"]
            var env = ProcessInfo.processInfo.environment
            env[Self.childEnvironment] = path
            child.environment = env
            child.standardOutput = FileHandle.nullDevice
            child.standardError = FileHandle.nullDevice
            try child.run()
            let delay = Double.random(in: 0.3...1.5, using: &generator)
            Thread.sleep(forTimeInterval: delay)
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()

            let db = try AppDatabase.open(path: path)
            try assertConsistent(db, round: round)
            let written = try Fixture.count(db, "submissions")
            sawWrites = sawWrites || written > before

            // The next run completes: a new list lands whole, and again is a duplicate.
            let sha = "final-\(round)"
            let update = try Fixture.submit(db, Self.list(round % 2), sha: sha, day: 9_000 + round)
            XCTAssertEqual(update.outcome, .accepted)
            XCTAssertEqual(try db.status().units.first?.itemCount, Self.list(round % 2).count)
            XCTAssertEqual(try Fixture.submit(db, Self.list(round % 2), sha: sha).outcome,
                           .duplicate)
            _ = try db.makeDraft(clock: Clock(now: Fixture.date(9_000 + round)))
            XCTAssertNil(try db.makeDraft(clock: Clock(now: Fixture.date(9_000 + round))))
            try assertConsistent(db, round: round)
            before = try Fixture.count(db, "submissions")
        }
        XCTAssertTrue(sawWrites, "the child never wrote: the kills tested nothing")
        #else
        throw XCTSkip("Proses anak dijalankan lewat binari xctest Linux.")
        #endif
    }

    /// Every stage is all-or-nothing: each accepted submission has a state row per item it
    /// listed, current revisions exist, the unit's current list is its last accepted file,
    /// and every version has its items.
    private func assertConsistent(_ db: AppDatabase, round: Int) throws {
        let facts = try db.consistencyFacts()
        XCTAssertEqual(facts.integrity, "ok", "round \(round)")
        XCTAssertEqual(facts.submissionsWithWrongStateCount, 0, "round \(round)")
        XCTAssertEqual(facts.itemsWithMissingRevision, 0, "round \(round)")
        XCTAssertEqual(facts.versionsWithoutItems, 0, "round \(round)")
        XCTAssertEqual(facts.currentItems, facts.lastAcceptedItemCount, "round \(round)")
    }
}
