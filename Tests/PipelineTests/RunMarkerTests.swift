import Foundation
import XCTest
@testable import Pipeline

/// A `dip run` stopped before its end (SIGTERM from a shutdown, `kill -9`, a power cut) could
/// log nothing: the IT officer saw a night without `run selesai` and no word of why. The run
/// now keeps a marker in its lock file while it runs; the next run finds it and says what
/// happened and that it completes the work (session 24 hand-over walk, docs/ops.md).
final class RunMarkerTests: XCTestCase {
    func testARunStoppedMidwayIsNamedByTheNextRun() throws {
        let example = try ExampleInboxWorkspace("dip-marker")
        defer { try? FileManager.default.removeItem(at: example.root) }
        let path = example.root.path
        let lockFile = example.workspace.lockFile.path
        let first = try DipProcess.start(["run", "--workspace", path, "--settle-seconds", "0", "--quiet"])
        // The marker is written as soon as the run holds the lock: stop it then.
        let deadline = Date().addingTimeInterval(120)
        var marker = ""
        while Date() < deadline {
            marker = (try? String(contentsOfFile: lockFile, encoding: .utf8)) ?? ""
            if !marker.isEmpty { break }
            usleep(10_000)
        }
        XCTAssertTrue(marker.hasPrefix("pid=\(first.pid) mulai="), marker)
        kill(first.pid, SIGTERM)
        let stopped = first.wait()
        XCTAssertEqual(stopped.signal, SIGTERM, "exit \(String(describing: stopped.exitCode)): \(stopped.stderr)")
        XCTAssertFalse(stopped.stderr.contains("run selesai"), stopped.stderr)

        // The next run says so (on stderr with --quiet, as in cron, and in the log) and completes.
        let next = try DipProcess.run(["run", "--workspace", path, "--settle-seconds", "0", "--quiet"])
        let line = try XCTUnwrap(next.stderr.split(separator: "\n").first { $0.contains(Runner.interruptedEvent) },
                                 next.stderr)
        XCTAssertTrue(line.contains("level=warning"), String(line))
        XCTAssertTrue(line.contains("sebelumnya=\"pid=\(first.pid) mulai="), String(line))
        XCTAssertTrue(line.contains("Tidak ada kiriman yang hilang"), String(line))
        // Logged as the run starts: it says what this run will do, not that it has done it.
        XCTAssertTrue(line.contains("run ini melanjutkan pekerjaan yang tertunda"), String(line))
        XCTAssertTrue(next.stderr.contains("event=\"run selesai\""), next.stderr)
        XCTAssertTrue([0, 2].contains(next.exitCode ?? -1), "\(String(describing: next.exitCode)): \(next.stderr)")
        // Ended: the lock file is empty again, and a later run has nothing to report.
        XCTAssertEqual(try Data(contentsOf: example.workspace.lockFile).count, 0)
        let third = try DipProcess.run(["run", "--workspace", path, "--settle-seconds", "0", "--quiet"])
        XCTAssertFalse(third.stderr.contains(Runner.interruptedEvent), third.stderr)
        XCTAssertEqual(try Data(contentsOf: example.workspace.lockFile).count, 0)
    }

    /// A run that fails (here: broken rules, exit 3) has logged its own line: it leaves no
    /// marker for the next run to misreport as a stopped run.
    func testAFailedRunLeavesNoMarker() throws {
        let example = try ExampleInboxWorkspace("dip-marker-fail")
        defer { try? FileManager.default.removeItem(at: example.root) }
        let rules = example.workspace.rules.appendingPathComponent("aturan.yaml")
        let good = try Data(contentsOf: rules)
        try Data("aturan: [tidak: valid".utf8).write(to: rules)
        let failed = try DipProcess.run(["run", "--workspace", example.root.path, "--settle-seconds", "0", "--quiet"])
        XCTAssertEqual(failed.exitCode, 3, failed.stderr)
        XCTAssertEqual(try Data(contentsOf: example.workspace.lockFile).count, 0)
        try good.write(to: rules)
        let next = try DipProcess.run(["run", "--workspace", example.root.path, "--settle-seconds", "0", "--quiet"])
        XCTAssertFalse(next.stderr.contains(Runner.interruptedEvent), next.stderr)
    }
}
