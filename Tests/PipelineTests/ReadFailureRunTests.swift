import DIPCore
import Foundation
import GRDB
import Logging
import OfficeFormats
import Publish
import Register
import TestSupport
import XCTest
@testable import Pipeline

/// A read of a submission that the system fails (an I/O error of the disk or share under the
/// archive, a copy cut short under the reader) is not the unit's bad file: the unit is told
/// nothing, the file goes back to its inbox folder, the run ends with exit 1, and the next run
/// takes the file once. Faults are made where the readers ask the system for bytes
/// (`ReadFaults`): tests run as root, so permissions cannot make a read fail.
final class ReadFailureRunTests: XCTestCase {
    var ws: HarnessWorkspace!

    override func setUpWithError() throws {
        ws = try HarnessWorkspace()
        ReadFaults.disarmAll()
    }

    override func tearDownWithError() throws {
        ReadFaults.disarmAll()
        try? FileManager.default.removeItem(at: ws.root)
    }

    func runOnce() throws -> RunSummary {
        let options = RunOptions(settleSeconds: 0, clock: Clock(now: Date(timeIntervalSince1970: 1_767_225_600)))
        return try Runner(workspace: ws.workspace, options: options, logger: Logger(label: "test")).run()
    }

    func put(_ unit: String, _ name: String, _ bytes: [UInt8]) throws -> URL {
        let folder = ws.workspace.inbox.appendingPathComponent(unit)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: url.path)
        return url
    }

    /// The register's submissions of `unit`.
    func submissions(_ unit: String) throws -> [String] {
        let db = try DatabaseQueue(path: ws.workspace.registerPath.path)
        return try db.read { try String.fetchAll($0, sql: "SELECT sha256 FROM submissions WHERE unit = ?", arguments: [unit]) }
    }

    /// The unit's feedback, if any was written.
    func feedback(_ unit: String) -> String {
        (try? String(contentsOf: ws.workspace.feedbackFile(unit: unit, ext: "txt"), encoding: .utf8)) ?? ""
    }

    /// The run that failed: exit 1, the file still in the inbox (claimed: what a run killed
    /// after archiving leaves), nothing recorded, nothing told to the unit; the failure says
    /// the system's cause.
    func assertFailedRun(_ summary: RunSummary, inbox url: URL, cause: String,
                         file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(summary.exitCode, 1, file: file, line: line)
        XCTAssertEqual(summary.outcomes.count, 0, "\(summary.outcomes.map(\.status))", file: file, line: line)
        XCTAssertEqual(summary.failures.count, 1, file: file, line: line)
        let reason = summary.failures.first?.reason ?? ""
        XCTAssertTrue(reason.contains(cause), reason, file: file, line: line)
        let claimed = url.deletingLastPathComponent().appendingPathComponent(InboxClaim.prefix + url.lastPathComponent)
        XCTAssertEqual(summary.failures.first?.path, claimed.path, file: file, line: line)
        XCTAssertTrue(FileManager.default.fileExists(atPath: claimed.path), "still in the inbox", file: file, line: line)
        XCTAssertEqual(try submissions("bpbd"), [], file: file, line: line)
        XCTAssertFalse(feedback("bpbd").contains("DITOLAK"), feedback("bpbd"), file: file, line: line)
    }

    /// The next run, reading fine: the file taken once, accepted whole, out of the inbox.
    func assertTakenOnce(_ summary: RunSummary, inbox url: URL, items: Int, sha256: String,
                         file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(summary.failures.count, 0, "\(summary.failures)", file: file, line: line)
        XCTAssertEqual(summary.outcomes.map(\.status), [.accepted], file: file, line: line)
        XCTAssertEqual(summary.outcomes.first?.itemCount, items, file: file, line: line)
        let folder = url.deletingLastPathComponent()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [], file: file, line: line)
        XCTAssertEqual(try submissions("bpbd"), [sha256], "recorded once", file: file, line: line)
        let register = try AppDatabase.open(path: ws.workspace.registerPath.path)
        XCTAssertEqual(try register.currentItems(unit: "bpbd").count, items, file: file, line: line)
        let told = feedback("bpbd")
        XCTAssertTrue(told.contains("DITERIMA") && !told.contains("DITOLAK"), told, file: file, line: line)
        // A third run has nothing to take and records nothing more.
        let third = try runOnce()
        XCTAssertEqual(third.outcomes.count, 0, file: file, line: line)
        XCTAssertEqual(try submissions("bpbd"), [sha256], file: file, line: line)
    }

    func testAnXLSXWhoseSheetTheShareFailsToReadIsTakenAgainByTheNextRun() throws {
        let bytes = try ReadFailureFixtures.xlsx(items: 1_500)
        let url = try put("bpbd", "dip.xlsx", bytes)
        let sha = try DurableFiles.sha256(of: url)
        // The archived copy's sheet cannot be read (EIO) for the whole of the first run.
        ReadFaults.arm(.init(pathSuffix: "/originals/\(sha).xlsx", offset: bytes.count / 3, effect: .fail(EIO)))
        let failed = try runOnce()
        XCTAssertGreaterThan(ReadFaults.hits, 0)
        try assertFailedRun(failed, inbox: url, cause: "Disk atau share jaringan gagal membaca")
        ReadFaults.disarmAll()
        try assertTakenOnce(try runOnce(), inbox: url, items: 1_500, sha256: sha)
    }

    func testACSVCutShortUnderTheReaderIsNotTakenAsAShorterList() throws {
        // The share cuts the archived copy at a record's end while it is read: a clean,
        // shorter CSV, which read as such would have withdrawn 1,000 of the unit's items.
        let (bytes, starts) = ReadFailureFixtures.csv(items: 3_000)
        let url = try put("bpbd", "dip.csv", bytes)
        let sha = try DurableFiles.sha256(of: url)
        ReadFaults.arm(.init(pathSuffix: "/originals/\(sha).csv", offset: starts[2_001], effect: .truncate, times: 1))
        let failed = try runOnce()
        XCTAssertEqual(ReadFaults.hits, 1)
        try assertFailedRun(failed, inbox: url, cause: "berubah selagi dibaca")
        // The damaged copy is gone (the inbox still holds the archived bytes): the next run archives it again.
        XCTAssertFalse(FileManager.default.fileExists(
            atPath: ws.workspace.originals.appendingPathComponent("\(sha).csv").path))
        try assertTakenOnce(try runOnce(), inbox: url, items: 3_000, sha256: sha)
        XCTAssertEqual(try DurableFiles.sha256(of: ws.workspace.originals.appendingPathComponent("\(sha).csv")), sha)
    }

    func testAReadFailureOfOneFileLeavesTheOthersTaken() throws {
        let (bytes, _) = ReadFailureFixtures.csv(items: 6_500)
        XCTAssertGreaterThan(bytes.count, 1 << 20, "more than one 1 MiB chunk")
        let url = try put("bpbd", "dip.csv", bytes)
        let (other, _) = ReadFailureFixtures.csv(items: 5, seed: 9)
        _ = try put("dinkes", "dip.csv", other)
        let sha = try DurableFiles.sha256(of: url)
        ReadFaults.arm(.init(pathSuffix: "/originals/\(sha).csv", offset: (1 << 20) + 1, effect: .fail(EIO)))
        let summary = try runOnce()
        XCTAssertEqual(summary.exitCode, 1)
        XCTAssertEqual(summary.outcomes.map(\.unit), ["dinkes"])
        let claimed = url.deletingLastPathComponent().appendingPathComponent(InboxClaim.prefix + "dip.csv")
        XCTAssertEqual(summary.failures.map(\.path), [claimed.path])
        XCTAssertTrue(FileManager.default.fileExists(atPath: claimed.path))
    }

    func testAReviewWorkbookTheDiskFailsToReadIsNotCalledUnreadableToThePPID() throws {
        // ReviewWorkbookReader wrapped every error as "tidak dapat dibaca" for the PPID; a
        // failure of the system now reaches the review stage as such (left in the inbox, exit 1).
        let url = ws.root.appendingPathComponent("pemeriksaan.xlsx")
        try Data(try ReadFailureFixtures.xlsx(items: 10)).write(to: url)
        ReadFaults.arm(.init(pathSuffix: "/pemeriksaan.xlsx", offset: 100, effect: .fail(EIO)))
        XCTAssertThrowsError(try ReviewWorkbookReader.read(path: url.path)) {
            XCTAssertEqual(($0 as? FileReadError)?.code, EIO, "\($0)")
        }
    }
}
