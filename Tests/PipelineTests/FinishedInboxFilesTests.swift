import Foundation
@testable import Pipeline
import XCTest

/// `FinishedInboxFiles.sweep` hashed every kept inbox copy on every pass (`dip watch` polls
/// every minute, a copy is kept an hour). Now a kept file is hashed again only when its
/// `lstat` changed since the sweep that last hashed it, and a change of the same size is
/// still seen (ctime).
final class FinishedInboxFilesTests: XCTestCase {
    var root: URL!
    var workspace: Workspace!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("dip-finished-\(UUID().uuidString)")
        workspace = Workspace(root: root)
        try WorkspaceSetup.initialise(workspace)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    /// A finished file moved into the kept folder, as `IntakeRun.complete` does.
    func keepFile(_ bytes: String) throws -> URL {
        let folder = workspace.inbox.appendingPathComponent("dinkes")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let claimed = folder.appendingPathComponent(InboxClaim.prefix + "dip.csv")
        try Data(bytes.utf8).write(to: claimed)
        let sha = try DurableFiles.sha256(of: claimed)
        let finished = FinishedInboxFiles(workspace: workspace)
        XCTAssertTrue(finished.keep(claimed, unit: "dinkes", fileName: "dip.csv", sha256: sha))
        return finished.folder.appendingPathComponent("dinkes")
            .appendingPathComponent(FinishedInboxFiles.keptName(fileName: "dip.csv", sha256: sha))
    }

    /// Sweeps (nothing old enough to remove) and returns the changes and how many files it hashed.
    func sweep(at now: Date) -> (changes: [FinishedInboxFiles.Change], hashed: Int) {
        var hashed = 0
        let changes = FinishedInboxFiles(workspace: workspace).sweep(keepSeconds: 3600, now: now) { url in
            hashed += 1
            return try DurableFiles.sha256(of: url)
        }
        return (changes, hashed)
    }

    func testAnUnchangedKeptFileIsHashedOnceNotOnEveryPass() throws {
        let kept = try keepFile("No,Ringkasan\n1,Profil dinas\n")
        // Sweeps a little later than the move (the test cannot wait for ctime to age).
        let later = Date().addingTimeInterval(10)
        let first = sweep(at: later)
        XCTAssertEqual(first.changes, [])
        XCTAssertEqual(first.hashed, 1, "never hashed since it was kept")
        for pass in 1...3 {
            let next = sweep(at: later.addingTimeInterval(Double(60 * pass)))
            XCTAssertEqual(next.changes, [])
            XCTAssertEqual(next.hashed, 0, "pass \(pass): unchanged since hashed, not hashed again")
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: kept.path))
    }

    /// A writer that rewrites the kept file in place with new bytes of the same length and
    /// puts its mtime back: the size and mtime match the record, ctime does not.
    func testTheSameSizeWrittenInPlaceWithItsOldMtimeIsStillSeen() throws {
        let kept = try keepFile("No,Ringkasan\n1,Profil dinas\n")
        let later = Date().addingTimeInterval(10)
        XCTAssertEqual(sweep(at: later).hashed, 1)
        var before = stat()
        XCTAssertEqual(lstat(kept.path, &before), 0)
        // Past the file system's clock tick in which the record's lstat was taken.
        usleep(50_000)
        let handle = try FileHandle(forWritingTo: kept)
        handle.write(Data("No,Ringkasan\n1,Profil DINAS\n".utf8))
        try handle.close()
        var times = [before.st_atim, before.st_mtim]
        XCTAssertEqual(utimensat(AT_FDCWD, kept.path, &times, 0), 0)
        var after = stat()
        XCTAssertEqual(lstat(kept.path, &after), 0)
        XCTAssertEqual(after.st_size, before.st_size)
        XCTAssertEqual(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec)

        let next = sweep(at: later.addingTimeInterval(60))
        XCTAssertEqual(next.hashed, 1, "ctime changed: hashed again")
        XCTAssertEqual(next.changes, [FinishedInboxFiles.Change(unit: "dinkes", fileName: "dip.csv", kind: .returned)])
        let back = workspace.inbox.appendingPathComponent("dinkes/dip.csv")
        XCTAssertEqual(try String(contentsOf: back, encoding: .utf8), "No,Ringkasan\n1,Profil DINAS\n")
        let left = try FileManager.default.contentsOfDirectory(atPath: FinishedInboxFiles(workspace: workspace).folder.path)
        XCTAssertEqual(left, [], "the kept file and its record are gone with it")
    }

    /// A file whose ctime is within the settle margin of the sweep is hashed every time: a
    /// write in the same tick of the file system's clock would keep that ctime.
    func testAFileChangedJustBeforeTheSweepIsNotTrustedByItsStat() throws {
        _ = try keepFile("No,Ringkasan\n1,Profil dinas\n")
        XCTAssertEqual(sweep(at: Date()).hashed, 1)
        XCTAssertEqual(sweep(at: Date()).hashed, 1, "ctime of this very moment: no record yet")
        XCTAssertEqual(sweep(at: Date().addingTimeInterval(10)).hashed, 1)
        XCTAssertEqual(sweep(at: Date().addingTimeInterval(20)).hashed, 0)
    }

    /// A damaged record costs a hash; a record left without its file is removed.
    func testADamagedOrOrphanedRecordIsHarmless() throws {
        let kept = try keepFile("No,Ringkasan\n1,Profil dinas\n")
        let later = Date().addingTimeInterval(10)
        XCTAssertEqual(sweep(at: later).hashed, 1)
        let record = kept.deletingLastPathComponent()
            .appendingPathComponent(FinishedInboxFiles.Fingerprint.recordName(of: kept.lastPathComponent))
        XCTAssertTrue(FileManager.default.fileExists(atPath: record.path))
        try Data("rusak".utf8).write(to: record)
        XCTAssertEqual(sweep(at: later.addingTimeInterval(60)).hashed, 1)
        XCTAssertEqual(sweep(at: later.addingTimeInterval(120)).hashed, 0)
        XCTAssertEqual(unlink(kept.path), 0)
        XCTAssertEqual(sweep(at: later.addingTimeInterval(180)).hashed, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: kept.deletingLastPathComponent().path),
                       "the orphaned record removed, then the emptied unit folder")
    }

    /// The `lstat` records are the one machine-specific file in the kept folder: the
    /// determinism checks leave them out, and nothing else.
    func testOnlyTheKeptFilesLstatRecordsAreMachineState() {
        let kept = FinishedInboxFiles.keptName(fileName: "DIP Satpol PP.xlsx", sha256: String(repeating: "a", count: 64))
        let record = FinishedInboxFiles.Fingerprint.recordName(of: kept)
        XCTAssertTrue(FinishedInboxFiles.isLstatRecord(relativePath: "archive/.inbox-selesai/satpolpp/\(record)"))
        XCTAssertFalse(FinishedInboxFiles.isLstatRecord(relativePath: "archive/.inbox-selesai/satpolpp/\(kept)"))
        XCTAssertFalse(FinishedInboxFiles.isLstatRecord(relativePath: "archive/originals/satpolpp/\(record)"))
        XCTAssertFalse(FinishedInboxFiles.isLstatRecord(relativePath: "reports/unit/satpolpp/laporan.stat"))
    }
}
