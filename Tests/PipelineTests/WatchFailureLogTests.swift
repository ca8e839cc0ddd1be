import DIPCore
import Foundation
import Logging
@testable import Pipeline
import XCTest

/// A cause that lasts (an archive on a full or read-only disk, broken rules) failed every pass
/// of `dip watch` the same way and was logged at error level at every poll. Now: once, with
/// what the watcher does (`pesan`), then at debug level until it changes; its end is logged.
final class WatchFailureLogTests: XCTestCase {
    var root: URL!
    var workspace: Workspace!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("dip-watchfail-\(UUID().uuidString)")
        workspace = Workspace(root: root)
        _ = try initialiseWithOneSettledSubmission(workspace)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    /// Five passes of the watcher; `fix` runs after the third.
    func watch(fix: () throws -> Void) throws -> CapturedLog {
        let log = CapturedLog()
        let runner = Runner(workspace: workspace, options: RunOptions(settleSeconds: 0, clock: .fromEnvironment()), logger: log.logger)
        var passes = 0
        var fixFailed: Error?
        let stopped = Watcher(runner: runner, pollInterval: 0.05, logger: log.logger).run(maxPasses: 5) { _ in
            passes += 1
            if passes == 3 { do { try fix() } catch { fixFailed = error } }
        }
        XCTAssertNil(stopped)
        if let fixFailed { throw fixFailed }
        XCTAssertEqual(passes, 5)
        return log
    }

    func levels(_ log: CapturedLog, _ event: String) -> [Logger.Level] {
        log.lines.filter { $0.message == event }.map(\.level)
    }

    /// `archive/originals` unusable (here a file where the folder should be; a full or
    /// read-only disk fails the same way): the inbox file cannot be archived, pass after pass.
    func testAFileThatCannotBeArchivedIsLoggedOnceUntilItClears() throws {
        try? FileManager.default.removeItem(at: workspace.originals)
        try Data("bukan folder".utf8).write(to: workspace.originals)
        let log = try watch {
            try FileManager.default.removeItem(at: workspace.originals)
            try FileManager.default.createDirectory(at: workspace.originals, withIntermediateDirectories: true)
        }
        XCTAssertEqual(levels(log, "gagal mengarsipkan berkas"), [.error, .debug, .debug],
                       log.lines.map { "\($0.level) \($0.message) \($0.metadata)" }.joined(separator: "\n"))
        let first = try XCTUnwrap(log.lines.first { $0.message == "gagal mengarsipkan berkas" })
        XCTAssertEqual(first.metadata["pesan"], Watcher.retryNote)
        XCTAssertTrue(first.metadata["path"]?.hasSuffix("dinkes/dip.csv") == true, "\(first.metadata)")
        // The summaries of the passes that only failed again are at debug level too.
        XCTAssertEqual(levels(log, "run selesai"), [.info, .debug, .debug, .info, .debug])
        let cleared = log.lines.filter { $0.message == "berkas tidak lagi gagal" }
        XCTAssertEqual(cleared.map(\.level), [.info])
        XCTAssertEqual(cleared.first?.metadata["gangguan_sebelumnya"], first.metadata["error"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: workspace.inbox.appendingPathComponent("dinkes/dip.csv").path),
                       "taken once the archive works again")
    }

    /// A pass that fails as a whole (broken rules): "putaran gagal" once, and its end.
    func testAFailingPassIsLoggedOnceUntilItClears() throws {
        let rules = workspace.rules.appendingPathComponent("aturan.yaml")
        let good = try Data(contentsOf: rules)
        try Data("aturan: [ ini: bukan yaml yang benar\n".utf8).write(to: rules)
        let log = try watch { try good.write(to: rules) }
        XCTAssertEqual(levels(log, "putaran gagal"), [.error, .debug, .debug],
                       log.lines.map { "\($0.level) \($0.message) \($0.metadata)" }.joined(separator: "\n"))
        XCTAssertEqual(log.lines.first { $0.message == "putaran gagal" }?.metadata["pesan"], Watcher.retryNote)
        XCTAssertEqual(levels(log, "putaran berhasil lagi"), [.info])
        XCTAssertEqual(levels(log, "run selesai"), [.info, .debug])
    }
}

/// The same through `dip watch --quiet` (as a cron mail or the journal shows it): the error
/// once on stderr, and the line saying it is over.
final class WatchFailureQuietTests: XCTestCase {
    func testQuietWatchShowsTheFailureOnceAndItsEnd() throws {
        _ = try DipProcess.requireBinary()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dip-watchquiet-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = Workspace(root: root)
        try WorkspaceSetup.initialise(workspace)
        let rules = workspace.rules.appendingPathComponent("aturan.yaml")
        let good = try Data(contentsOf: rules)
        try Data("aturan: [ ini: bukan yaml yang benar\n".utf8).write(to: rules)
        let watch = try DipProcess.start(["watch", "--workspace", root.path, "--poll-seconds", "1", "--settle-seconds", "0",
                                          "--quiet"])
        var stopped = false
        defer { if !stopped { kill(watch.pid, SIGKILL); _ = watch.wait() } }
        // Several failing passes (each logs at least a debug line to the file), then the fix.
        func failedPasses() -> Int {
            operatorLogText(workspace).components(separatedBy: "event=\"putaran gagal\"").count - 1
        }
        var deadline = Date().addingTimeInterval(60)
        while failedPasses() < 1 && Date() < deadline { usleep(200_000) }
        sleep(5)  // the passes after the first, logged at debug level (not in the file without --verbose)
        try good.write(to: rules)
        deadline = Date().addingTimeInterval(60)
        func recovered() -> Bool { operatorLogText(workspace).contains(Watcher.recoveredEvent) }
        while !recovered() && Date() < deadline { usleep(200_000) }
        XCTAssertEqual(kill(watch.pid, SIGTERM), 0)
        let result = watch.wait()
        stopped = true
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        let lines = result.stderr.split(separator: "\n")
        XCTAssertEqual(lines.filter { $0.contains("event=\"putaran gagal\"") }.count, 1, result.stderr)
        XCTAssertTrue(lines.first { $0.contains("event=\"putaran gagal\"") }?.contains("level=error") == true, result.stderr)
        XCTAssertEqual(lines.filter { $0.contains("event=\"\(Watcher.recoveredEvent)\"") }.count, 1, result.stderr)
        let watchLine = try XCTUnwrap(lines.last { $0.contains("event=\"watch berhenti\"") }, result.stderr)
        let passes = watchLine.components(separatedBy: "putaran=").last.flatMap { Int($0.prefix { $0.isNumber }) } ?? 0
        // At least one failing pass after the first (a failing pass takes well under the 5 s),
        // and the one that succeeded.
        XCTAssertGreaterThanOrEqual(passes, 3, "several passes ran, the failure said once: \(result.stderr)")
    }
}

/// A stop signal that arrives during a pass stopped the watcher only after the next wait, the
/// whole poll interval (`systemctl stop` waited up to --poll-seconds; `make determinism` met
/// it as a watcher that never stopped within its 600 s poll).
final class WatchStopTests: XCTestCase {
    func testSIGTERMDuringAPassStopsTheWatcherWhenThePassEnds() throws {
        _ = try DipProcess.requireBinary()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dip-watchstop-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = Workspace(root: root)
        let url = try initialiseWithOneSettledSubmission(workspace)
        let watch = try DipProcess.start(["watch", "--workspace", root.path, "--poll-seconds", "600", "--settle-seconds", "0"])
        var reaped = false
        defer { if !reaped { kill(watch.pid, SIGKILL); _ = watch.wait() } }
        func logged(_ event: String) -> Bool { operatorLogText(workspace).contains("event=\"\(event)\"") }
        var deadline = Date().addingTimeInterval(60)
        while !logged("watch dimulai") && Date() < deadline { usleep(20_000) }
        XCTAssertFalse(logged("run selesai"), "the signal is meant to arrive during the first pass")
        XCTAssertEqual(kill(watch.pid, SIGTERM), 0)
        // Exited (a zombie until reaped) well before the 600 s poll interval.
        func exited() -> Bool {
            let stat = (try? String(contentsOfFile: "/proc/\(watch.pid)/stat", encoding: .utf8)) ?? ""
            return stat.split(separator: ")").last?.split(separator: " ").first == "Z"
        }
        deadline = Date().addingTimeInterval(90)
        while !exited() && Date() < deadline { usleep(100_000) }
        XCTAssertTrue(exited(), "dip watch still running 90 s after SIGTERM (poll interval 600 s)")
        let result = watch.wait()
        reaped = true
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("event=\"run selesai\""), "the pass under way finished: \(result.stderr)")
        XCTAssertTrue(result.stderr.contains("event=\"watch berhenti\" putaran=1"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path), "the file the pass took is done")
    }
}

/// A new workspace at `workspace` with one good CSV from unit "dinkes", settled (an hour old),
/// ready for a pass to take; returns the file.
private func initialiseWithOneSettledSubmission(_ workspace: Workspace) throws -> URL {
    try WorkspaceSetup.initialise(workspace)
    let folder = workspace.inbox.appendingPathComponent("dinkes")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent("dip.csv")
    try Data(HostileInboxTests.goodCSV).write(to: url)
    try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: url.path)
    return url
}

/// Every operator log file of the workspace, read now (empty while none is written).
private func operatorLogText(_ workspace: Workspace) -> String {
    let log = workspace.reports.appendingPathComponent("log")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: log.path)) ?? []
    return names.sorted().map { (try? String(contentsOf: log.appendingPathComponent($0), encoding: .utf8)) ?? "" }
        .joined(separator: "\n")
}
