import DIPCore
import Foundation
import Logging
import Register
import XCTest
@testable import Pipeline

/// Issue 16 #3: a missing, emptied or older register is never silently replaced, and an
/// existing package is never taken as another version's.
final class RegisterGuardTests: XCTestCase {
    var root: URL!
    var workspace: Workspace!
    let clock = Clock(now: Date(timeIntervalSince1970: 1_767_225_600))

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("dip-guard-\(UUID().uuidString)")
        workspace = Workspace(root: root)
        try WorkspaceSetup.initialise(workspace)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    func drop(_ text: String, unit: String = "dinsos", name: String = "DIP.csv", in ws: Workspace? = nil) throws {
        let dir = (ws ?? workspace).inbox.appendingPathComponent(unit)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: dir.appendingPathComponent(name))
    }

    @discardableResult
    func runDip(_ ws: Workspace? = nil, at offset: TimeInterval = 0) throws -> RunSummary {
        let options = RunOptions(settleSeconds: 0, clock: Clock(now: clock.now.addingTimeInterval(offset)))
        return try Runner(workspace: ws ?? workspace, options: options, logger: Logger(label: "test")).run()
    }

    func removeRegister(_ ws: Workspace? = nil) {
        let path = (ws ?? workspace).registerPath.path
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
    }

    func testMissingRegisterWithHistoryIsRefusedWithExit3() throws {
        _ = try DipProcess.requireBinary()
        try drop(IntakeRunTests.csv)
        try runDip()
        removeRegister()
        XCTAssertThrowsError(try runDip()) { error in
            guard case .registerLost? = error as? RunError else { return XCTFail("\(error)") }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: workspace.registerPath.path), "a new register was started")
        let cli = try DipProcess.run(["run", "--workspace", root.path, "--settle-seconds", "0", "--quiet"])
        XCTAssertEqual(cli.exitCode, 3, cli.stderr)
        XCTAssertTrue(cli.stderr.contains("register hilang: pulihkan dari cadangan"), cli.stderr)
        // verify-archive names what the (absent) register does not know.
        let verify = try DipProcess.run(["verify-archive", "--workspace", root.path])
        XCTAssertEqual(verify.exitCode, 1, verify.stdout)
        XCTAssertTrue(verify.stdout.contains("TIDAK DIKENAL REGISTER berkas asli"), verify.stdout)
    }

    /// Session 19: a damaged register (truncated, overwritten) ended `dip run` with exit 1 and
    /// "Run gagal …; run berikutnya melanjutkan. Penyebab: … SQLite error 11: database disk
    /// image is malformed": no later run goes on, and nothing said to restore it. Now exit 3,
    /// "Register rusak … Pulihkan … dari cadangan", the inbox untouched; `dip status` says the same.
    func testADamagedRegisterIsSaidAsSuchWithExit3() throws {
        _ = try DipProcess.requireBinary()
        try drop(IntakeRunTests.csv)
        try runDip()
        let path = workspace.registerPath.path
        for (what, damage) in [("truncated", { (d: Data) in d.prefix(d.count / 3) }), ("overwritten", { (_: Data) in Data(repeating: 0x41, count: 8192) })] {
            let saved = try Data(contentsOf: URL(fileURLWithPath: path))
            defer { try? saved.write(to: URL(fileURLWithPath: path)) }
            for suffix in ["-wal", "-shm"] { unlink(path + suffix) }
            try damage(saved).write(to: URL(fileURLWithPath: path))
            try drop(IntakeRunTests.csv.replacingOccurrences(of: "2025", with: "2024"), name: "baru.csv")
            let cli = try DipProcess.run(["run", "--workspace", root.path, "--settle-seconds", "0"])
            XCTAssertEqual(cli.exitCode, 3, "\(what): \(cli.stderr)")
            XCTAssertTrue(cli.stderr.contains("Register rusak: archive/register.sqlite tidak dapat dibaca sebagai basis data. "
                + "Pulihkan archive/register.sqlite dari cadangan terbaru"), "\(what): \(cli.stderr)")
            XCTAssertFalse(cli.stderr.contains("run berikutnya melanjutkan"), "\(what): \(cli.stderr)")
            XCTAssertTrue(FileManager.default.fileExists(atPath: workspace.inbox.appendingPathComponent("dinsos/baru.csv").path),
                          "\(what): the new file waits in the inbox")
            // With --quiet the dated line says it once (it carried it as `error` and again as `pesan`).
            let quiet = try DipProcess.run(["run", "--workspace", root.path, "--settle-seconds", "0", "--quiet"])
            XCTAssertEqual(quiet.exitCode, 3, "\(what): \(quiet.stderr)")
            XCTAssertEqual(quiet.stderr.components(separatedBy: "Pulihkan archive/register.sqlite").count, 2, "\(what): \(quiet.stderr)")
            XCTAssertTrue(quiet.stderr.contains("level=error event=\"run gagal\" error=\"Register rusak:"), "\(what): \(quiet.stderr)")
            let status = try DipProcess.run(["status", "--workspace", root.path])
            XCTAssertTrue(status.stderr.contains("Register rusak"), "\(what): \(status.stderr)")
        }
    }

    /// Session 19: `dip watch` on a damaged register logged the same error on every poll for
    /// good (and systemd restarted it on failure). It now says it once and exits 3, which the
    /// shipped unit does not restart (RestartPreventExitStatus=3).
    func testWatchStopsWithExit3OnADamagedRegister() throws {
        _ = try DipProcess.requireBinary()
        try drop(IntakeRunTests.csv)
        try runDip()
        let path = workspace.registerPath.path
        for suffix in ["-wal", "-shm"] { unlink(path + suffix) }
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path))
        let watch = try DipProcess.start(["watch", "--workspace", root.path, "--poll-seconds", "1", "--settle-seconds", "1", "--quiet"])
        // A watcher still polling after 30 s is killed: the test then fails on the exit code.
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { if done.wait(timeout: .now() + 30) == .timedOut { kill(watch.pid, SIGKILL) } }
        let result = watch.wait()
        done.signal()
        XCTAssertEqual(result.exitCode, 3, result.stderr)
        // Said once, as the dated line `dip run` writes (with --quiet, only dated lines).
        XCTAssertEqual(result.stderr.components(separatedBy: "Pulihkan archive/register.sqlite").count, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("level=error event=\"run gagal\" error=\"Register rusak:"), result.stderr)
        let unit = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../docs/deploy/dip-watch.service").standardized, encoding: .utf8)
        XCTAssertTrue(unit.contains("\nRestartPreventExitStatus=3\n"), unit)
    }

    func testEmptiedRegisterIsRefused() throws {
        try drop(IntakeRunTests.csv)
        try runDip()
        removeRegister()
        XCTAssertTrue(FileManager.default.createFile(atPath: workspace.registerPath.path, contents: Data()))
        XCTAssertThrowsError(try runDip()) { error in
            guard case .registerLost? = error as? RunError else { return XCTFail("\(error)") }
        }
    }

    func testRegisterFromAnOlderBackupIsRefused() throws {
        try drop(IntakeRunTests.csv)
        try runDip()
        let backup = root.appendingPathComponent("cadangan.sqlite")
        try FileManager.default.copyItem(at: workspace.registerPath, to: backup)
        try drop(IntakeRunTests.csv.replacingOccurrences(of: "Profil Dinas Sosial", with: "Profil Dinas Sosial 2027"))
        try runDip(at: 60)
        removeRegister()
        try FileManager.default.copyItem(at: backup, to: workspace.registerPath)
        XCTAssertThrowsError(try runDip(at: 120)) { error in
            guard case .registerOlder(let things)? = error as? RunError else { return XCTFail("\(error)") }
            XCTAssertEqual(things.count, 1, "\(things)")
        }
        XCTAssertEqual(RegisterGuard.unknown(workspace, history: nil).originals.count, 2)

        // The way on that docs/ops.md gives the IT officer ("Restore"): each original the
        // register does not know is copied back into its unit's folder under a stopped run's
        // claim name (`.dip-diambil-<name>`); the next run finishes it as it finishes any claim,
        // the original staying in archive/. Walked by hand in session 24; kept here so the
        // documented procedure keeps working.
        let register = try AppDatabase.open(path: workspace.registerPath.path)
        let known = try register.history().submissions
        let unknown = RegisterGuard.archivedArrivals(workspace).filter { !known.contains($0.key) }
        XCTAssertEqual(unknown.count, 1, "\(unknown)")
        let sha = String(try XCTUnwrap(unknown.first?.key.split(separator: "/").last))
        let record = try XCTUnwrap(OriginalsArchive(workspace: workspace).record(sha256: sha))
        let receipt = try XCTUnwrap(record.receipts.first)
        try FileManager.default.copyItem(at: workspace.originals.appendingPathComponent(record.storedAs),
                                         to: workspace.inbox.appendingPathComponent(receipt.unit)
                                            .appendingPathComponent(InboxClaim.prefix + receipt.fileName))
        let summary = try runDip(at: 180)
        XCTAssertEqual(summary.outcomes.map(\.status), [.accepted])
        XCTAssertTrue(RegisterGuard.unknown(workspace, history: try register.history()).isEmpty)
        XCTAssertTrue(try register.history().submissions.contains("\(receipt.unit)/\(sha)"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: workspace.originals.appendingPathComponent(record.storedAs).path))
    }

    /// Two workspaces with the same lists; A publishes v1 under decree A. B's register
    /// approves its v1 under decree B while A's package sits in B's archive: B must not take
    /// it as its own. The same package in a workspace whose v1 is that very version is taken.
    func testPackageOfAnotherDecreeIsNeverTakenAsThisVersions() throws {
        let other = Workspace(root: root.appendingPathComponent("b"))
        try WorkspaceSetup.initialise(other)
        let twin = Workspace(root: root.appendingPathComponent("c"))
        try WorkspaceSetup.initialise(twin)
        for ws in [workspace!, other, twin] {
            try drop(IntakeRunTests.csv, in: ws)
            try runDip(ws)
        }
        let official = Official(name: "Drs. H. Ahmad Fauzi", nip: "197001011995031002", title: "PPID Utama")
        func approve(_ ws: Workspace, _ decree: String) throws {
            let register = try AppDatabase.open(path: ws.registerPath.path)
            try register.approve(version: 1, by: official, decreeNumber: decree, decreeDate: clock.now,
                                 force: true, at: clock.now.addingTimeInterval(30))
        }
        try approve(workspace, "000.9/1/PPID/2026")
        try approve(other, "000.9/2/PPID/2026")
        try approve(twin, "000.9/1/PPID/2026")
        XCTAssertEqual(try runDip(at: 60).publishedVersion, 1)
        let package = workspace.packages.appendingPathComponent("dip-v0001.zip")
        for ws in [other, twin] {
            try DurableFiles.createDirectory(ws.packages)
            try FileManager.default.copyItem(at: package, to: ws.packages.appendingPathComponent("dip-v0001.zip"))
        }
        XCTAssertThrowsError(try runDip(other, at: 60)) { error in
            guard case .foreignPackage? = error as? PublishError else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(try AppDatabase.open(path: other.registerPath.path).publishedVersionNumbers(), [])
        XCTAssertEqual(try runDip(twin, at: 60).publishedVersion, 1, "its own package (a stopped run's) is taken")
    }
}
