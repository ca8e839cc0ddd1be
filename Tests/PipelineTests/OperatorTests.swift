import Foundation
import Logging
import XCTest
@testable import Pipeline

/// What the IT officer relies on: exit codes, the log file, `dip watch` start and stop.
final class OperatorTests: XCTestCase {
    var ws: HarnessWorkspace!

    override func setUpWithError() throws {
        ws = try HarnessWorkspace()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: ws.root)
    }

    /// Issue 16 #6: stderr on a full disk (the README's cron line appends it to a file on
    /// the same disk): dip never traps; it ends with its documented exit code.
    func testWritingToAFullStderrNeverTraps() throws {
        let binary = try DipProcess.requireBinary()
        guard let full = FileHandle(forWritingAtPath: "/dev/full") else { throw XCTSkip("no /dev/full") }
        func run(_ args: [String]) throws -> (Int32, Process.TerminationReason) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: binary)
            p.arguments = args
            p.standardOutput = full
            p.standardError = full
            try p.run()
            p.waitUntilExit()
            return (p.terminationStatus, p.terminationReason)
        }
        let missing = try run(["run", "--workspace", ws.root.appendingPathComponent("tidak-ada").path])
        XCTAssertEqual(missing.1, .exit, "killed by a signal (\(missing.0))")
        XCTAssertEqual(missing.0, 3)
        _ = try SyntheticInbox.write(into: ws.workspace.inbox, units: Array(ws.units().prefix(2)), itemsPerUnit: 30)
        let done = try run(ws.runArgs)
        XCTAssertEqual(done.1, .exit, "killed by a signal (\(done.0))")
        XCTAssertEqual(done.0, 2)
    }

    /// Issue 16 #9: `dip return` (like `dip test` and `dip approve`) waits while a run holds
    /// the workspace, so a run's draft stamp always summarises what it read.
    func testRegisterCommandsWaitForARunningRun() throws {
        _ = try SyntheticInbox.write(into: ws.workspace.inbox, units: Array(ws.units().prefix(1)), itemsPerUnit: 5)
        _ = try DipProcess.run(ws.runArgs)
        let unit = try ws.units()[0]
        var lock: RunLock? = try RunLock(workspace: ws.workspace, wait: false)
        let child = try DipProcess.start(["return", "\(unit)-0001", "--workspace", ws.root.path, "--revision", "1",
                                          "--note", "Perbaiki.", "--name", "Hj. Siti"])
        usleep(1_500_000)
        var status: Int32 = 0
        XCTAssertEqual(waitpid(child.pid, &status, WNOHANG), 0, "wrote the register while a run held the workspace")
        XCTAssertNotNil(lock)
        lock = nil
        let result = child.wait()
        XCTAssertEqual(result.exitCode, 0, result.stderr)
    }

    func testExitCodesOfDipRun() throws {
        // 0: nothing to do.
        let idle = try DipProcess.run(ws.runArgs)
        XCTAssertEqual(idle.exitCode, 0, idle.stderr)
        // 0: a clean CSV. Its note on the dialect read is worth knowing, not a problem: the unit
        // reads "Tidak ada yang perlu diperbaiki", and so the run counts 0 masalah (1 catatan).
        let unit = try ws.units()[0]
        let folder = ws.workspace.inbox.appendingPathComponent(unit)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(HostileInboxTests.goodCSV).write(to: folder.appendingPathComponent("dip.csv"))
        let clean = try DipProcess.run(ws.runArgs)
        XCTAssertEqual(clean.exitCode, 0, clean.stderr)
        // (--quiet: the counts are the summary line's; the undated sentences are not printed.)
        XCTAssertTrue(clean.stderr.contains(" diterima=1 ") && clean.stderr.contains(" ditolak=0 ")
                      && clean.stderr.contains(" duplikat=0 "), clean.stderr)
        XCTAssertEqual(clean.stdout, "", "--quiet printed undated lines")
        XCTAssertTrue(clean.stderr.contains(" masalah=0 ") && clean.stderr.contains(" catatan=1 ")
                      && clean.stderr.contains(" kode_keluar=0 "), clean.stderr)
        // 2: finished, but the synthetic lists have malformed rows.
        _ = try SyntheticInbox.write(into: ws.workspace.inbox, units: Array(ws.units().prefix(2)), itemsPerUnit: 30)
        let problems = try DipProcess.run(ws.runArgs)
        XCTAssertEqual(problems.exitCode, 2, problems.stderr)
        // 4: another process holds the lock; the message says so in Indonesian.
        do {
            let lock = try RunLock(workspace: ws.workspace, wait: false)
            let locked = try DipProcess.run(ws.runArgs)
            XCTAssertEqual(locked.exitCode, 4, locked.stderr)
            XCTAssertTrue(locked.stderr.contains("sedang dipakai oleh proses dip lain"), locked.stderr)
            // Issue 16 #16: a busy workspace is not a failure: logged at info, so the README's
            // `grep level=error` does not report it.
            XCTAssertFalse(locked.stderr.contains("level=error"), locked.stderr)
            let logFolder = ws.workspace.reports.appendingPathComponent("log")
            let logText = try FileManager.default.contentsOfDirectory(atPath: logFolder.path)
                .map { try String(contentsOf: logFolder.appendingPathComponent($0), encoding: .utf8) }.joined()
            XCTAssertTrue(logText.contains("level=info event=\"workspace sedang dipakai, run dilewati\""), logText)
            XCTAssertFalse(logText.contains("level=error event=\"run gagal\""), logText)
            withExtendedLifetime(lock) {}
        }
        // 3: not a workspace.
        let missing = try DipProcess.run(["run", "--workspace", ws.root.appendingPathComponent("tidak-ada").path])
        XCTAssertEqual(missing.exitCode, 3, missing.stderr)
        XCTAssertTrue(missing.stderr.contains("bukan workspace dip"), missing.stderr)
    }

    func testLogIsLogfmtOnStderrAndInTheDailyFileWithASummary() throws {
        _ = try SyntheticInbox.write(into: ws.workspace.inbox, units: Array(ws.units().prefix(2)), itemsPerUnit: 10)
        let result = try DipProcess.run(ws.runArgs.filter { $0 != "--quiet" })
        XCTAssertTrue(result.exitCode == 0 || result.exitCode == 2, result.stderr)
        let logFolder = ws.workspace.reports.appendingPathComponent("log")
        let files = try FileManager.default.contentsOfDirectory(atPath: logFolder.path)
        XCTAssertEqual(files.count, 1)
        let log = try XCTUnwrap(files.first, "no log file in \(logFolder.path)")
        XCTAssertTrue(log.hasPrefix("dip-") && log.hasSuffix(".log"), log)
        let text = try String(contentsOf: logFolder.appendingPathComponent(log), encoding: .utf8)
        let lines = text.split(separator: "\n")
        XCTAssertFalse(lines.isEmpty)
        for line in lines {
            XCTAssertTrue(line.hasPrefix("ts=") && line.contains(" level=") && line.contains(" event="), String(line))
        }
        let summary = try XCTUnwrap(lines.last { $0.contains("event=\"run selesai\"") })
        for key in ["diterima=", "ditolak=", "ditahan=", "masalah=", "detik=", "detik_terima=", "detik_draf=", "detik_terbit="] {
            XCTAssertTrue(summary.contains(key), "\(key) missing in \(summary)")
        }
        // The log of an unattended run says how it ended: the exit code the process returned.
        let code = try XCTUnwrap(result.exitCode)
        XCTAssertTrue(summary.contains(" kode_keluar=\(code) "), "kode_keluar=\(code) missing in \(summary)")
        XCTAssertEqual(lines.filter { $0.contains("event=\"berkas diproses\"") }.count, 2)
        // stderr carries the same lines (no progress bar: stderr is not a terminal here).
        XCTAssertTrue(result.stderr.contains("event=\"run selesai\""), result.stderr)
        XCTAssertFalse(result.stderr.contains("[1/2]"))
        // --quiet keeps the summary and drops the per-file lines from stderr only.
        _ = try SyntheticInbox.write(into: ws.workspace.inbox, units: Array(ws.units().prefix(2)), itemsPerUnit: 10, round: 1)
        let quiet = try DipProcess.run(ws.runArgs)
        XCTAssertTrue(quiet.stderr.contains("event=\"run selesai\""), quiet.stderr)
        XCTAssertFalse(quiet.stderr.contains("event=\"berkas diproses\""), quiet.stderr)
        let after = try String(contentsOf: logFolder.appendingPathComponent(log), encoding: .utf8)
        XCTAssertEqual(after.split(separator: "\n").filter { $0.contains("event=\"berkas diproses\"") }.count, 4)
    }

    /// Session 19: `dip run --quiet` in cron (`>>cron.log 2>&1`) printed its human sentences
    /// ("Selesai: …", "Umpan balik unit: …", "Draf DIP versi …", the busy-workspace and failure
    /// sentences) without a time among the dated logfmt lines. With --quiet every line is dated.
    func testQuietPrintsOnlyDatedLines() throws {
        func assertDated(_ result: DipProcess.Result, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertEqual(result.stdout, "", "\(what): stdout", file: file, line: line)
            let lines = result.stderr.split(separator: "\n")
            XCTAssertFalse(lines.isEmpty, "\(what): nothing on stderr", file: file, line: line)
            for text in lines {
                XCTAssertTrue(text.hasPrefix("ts=") && text.contains(" level=") && text.contains(" event="),
                              "\(what): undated line \(text)", file: file, line: line)
            }
        }
        // A run with problems that drafts a version (exit 2): summary and draft lines, dated.
        _ = try SyntheticInbox.write(into: ws.workspace.inbox, units: Array(ws.units().prefix(2)), itemsPerUnit: 30)
        let problems = try DipProcess.run(ws.runArgs)
        XCTAssertEqual(problems.exitCode, 2, problems.stderr)
        assertDated(problems, "run with problems")
        XCTAssertTrue(problems.stderr.contains("event=\"draf DIP baru\""), problems.stderr)
        // A busy workspace (exit 4): the sentence rides on the dated line.
        do {
            let lock = try RunLock(workspace: ws.workspace, wait: false)
            let locked = try DipProcess.run(ws.runArgs)
            XCTAssertEqual(locked.exitCode, 4, locked.stderr)
            assertDated(locked, "busy workspace")
            XCTAssertTrue(locked.stderr.contains("sedang dipakai oleh proses dip lain"), locked.stderr)
            withExtendedLifetime(lock) {}
        }
        // Not a workspace (exit 3), for run and watch.
        let missing = ws.root.appendingPathComponent("tidak-ada").path
        let run = try DipProcess.run(["run", "--workspace", missing, "--quiet"])
        XCTAssertEqual(run.exitCode, 3, run.stderr)
        assertDated(run, "run, not a workspace")
        XCTAssertTrue(run.stderr.contains("bukan workspace dip"), run.stderr)
        let watch = try DipProcess.run(["watch", "--workspace", missing, "--quiet"])
        XCTAssertEqual(watch.exitCode, 3, watch.stderr)
        assertDated(watch, "watch, not a workspace")
        // The cause under the key `run gagal` uses, for one grep.
        XCTAssertTrue(run.stderr.contains(" error=\"") && watch.stderr.contains(" error=\"")
                      && watch.stderr.contains("bukan workspace dip"), watch.stderr)
        // Without --quiet the sentences are there for a person at the terminal.
        let loud = try DipProcess.run(["run", "--workspace", ws.root.path, "--settle-seconds", "0"])
        XCTAssertTrue(loud.stdout.contains("Selesai: 0 diterima"), loud.stdout)
        XCTAssertFalse(loud.stdout.contains("Umpan balik unit"), "no unit was told: \(loud.stdout)")
        // The units told are named by their folders, not by a "<unit>" placeholder.
        let units = Array(try ws.units().prefix(2))
        _ = try SyntheticInbox.write(into: ws.workspace.inbox, units: units, itemsPerUnit: 5, round: 1)
        let told = try DipProcess.run(["run", "--workspace", ws.root.path, "--settle-seconds", "0"])
        XCTAssertTrue(told.stdout.contains("Umpan balik unit di \(ws.workspace.outboxes.path)/: "
            + units.sorted().map { "\($0)/" }.joined(separator: ", ") + "\n"), told.stdout)
        XCTAssertFalse(told.stdout.contains("<unit>"), told.stdout)
    }

    /// Session 19's `--quiet` printed nothing about a review workbook the run took but did not
    /// wholly apply (the terminal's "… baris ditolak (lihat …/hasil-*.txt)" is left out): a cron
    /// mail said nothing while the PPID's decisions waited. A dated warning names the file and
    /// its result file.
    func testQuietShowsAReviewWorkbookNotWhollyApplied() throws {
        let folder = ws.workspace.inbox.appendingPathComponent(Workspace.ppidInboxFolder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("bukan lembar kerja".utf8).write(to: folder.appendingPathComponent("pemeriksaan.xlsx"))
        let quiet = try DipProcess.run(ws.runArgs)
        XCTAssertEqual(quiet.stdout, "")
        // The PPID must act (its hasil file says what): exit 2, as for a unit's refused file.
        XCTAssertEqual(quiet.exitCode, 2)
        let line = try XCTUnwrap(quiet.stderr.split(separator: "\n").first {
            $0.contains("event=\"\(reviewNotAppliedEvent)\"")
        }, quiet.stderr)
        XCTAssertTrue(line.hasPrefix("ts=") && line.contains("level=warning") && line.contains("berkas=pemeriksaan.xlsx")
                      && line.contains("dikenali=tidak") && line.contains("hasil-pemeriksaan.txt"), String(line))
        // A workbook still open in a spreadsheet program (its lock file beside it) is said too.
        try Data("x".utf8).write(to: folder.appendingPathComponent("keputusan.xlsx"))
        try Data("kunci".utf8).write(to: folder.appendingPathComponent("~$keputusan.xlsx"))
        let open = try DipProcess.run(ws.runArgs)
        let openLine = try XCTUnwrap(open.stderr.split(separator: "\n").first {
            $0.contains("event=\"\(reviewStillOpenEvent)\"")
        }, open.stderr)
        XCTAssertTrue(openLine.contains("level=warning") && openLine.contains("berkas=keputusan.xlsx"), String(openLine))
    }

    func testLogfmtQuotesAndEscapes() {
        let line = LogfmtHandler.format(date: Date(timeIntervalSince1970: 0), level: .info, event: "berkas diproses",
                                        metadata: ["berkas": "baris\nbaru \"x\".csv", "unit": "dinkes"])
        XCTAssertEqual(line, "ts=1970-01-01T07:00:00.000+07:00 level=info event=\"berkas diproses\" berkas=\"baris\\nbaru \\\"x\\\".csv\" unit=dinkes")
    }

    func testWatchTakesAFileOnceCompleteAndStopsCleanlyOnSIGTERM() throws {
        // A sub-folder left in a unit folder: warned about once, not on every poll.
        let stray = ws.workspace.inbox.appendingPathComponent("dinkes/arsip lama")
        try FileManager.default.createDirectory(at: stray, withIntermediateDirectories: true)
        // --verbose: each idle pass's summary, logged at debug level, is shown too, so the test
        // can count passes as they happen.
        let watch = try DipProcess.start(["watch", "--workspace", ws.root.path, "--poll-seconds", "1", "--settle-seconds", "1",
                                          "--verbose"])
        var stopped = false
        defer { if !stopped { kill(watch.pid, SIGKILL); _ = watch.wait() } }
        // A file written in three steps, 0.5 s apart: taken only once complete.
        let folder = ws.workspace.inbox.appendingPathComponent("bpbd")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("dip.csv")
        let bytes = HostileInboxTests.goodCSV
        let thirds = [0, bytes.count / 3, 2 * bytes.count / 3, bytes.count]
        XCTAssertTrue(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        for i in 0..<3 {
            try handle.write(contentsOf: Data(bytes[thirds[i]..<thirds[i + 1]]))
            usleep(500_000)
        }
        try handle.close()
        let sha = try DurableFiles.sha256(of: url)
        let deadline = Date().addingTimeInterval(30)
        // Done when the unit folder is empty: the file leaves its name when claimed (renamed),
        // before it is archived, and its claimed name only after it is recorded.
        func taken() -> Bool { ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? ["?"]).isEmpty }
        while !taken() && Date() < deadline { usleep(200_000) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path), "watch did not take the file within 30 s")
        // Exactly one archived original: the complete file, never a partial one.
        let originals = try FileManager.default.contentsOfDirectory(atPath: ws.workspace.originals.path).filter { $0.hasSuffix(".csv") }
        XCTAssertEqual(originals, ["\(sha).csv"])
        // Idle polls (nothing new, the stray folder already told) until the watcher has made
        // four passes, counted from their summaries rather than timed: under load a pass of the
        // debug binary takes seconds, and a fixed 3.5 s wait saw 1 to 3 passes (6 of 8 runs
        // failed with eight helpers' builds beside them). 120 s bounds a watcher that stopped polling.
        func summaries() -> [Substring] {
            ((try? String(contentsOf: watch.err, encoding: .utf8)) ?? "").split(separator: "\n")
                .filter { $0.contains("event=\"run selesai\"") }
        }
        let idleDeadline = Date().addingTimeInterval(120)
        while summaries().count < 4 && Date() < idleDeadline { usleep(200_000) }
        XCTAssertEqual(kill(watch.pid, SIGTERM), 0)
        let result = watch.wait()
        stopped = true
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("event=\"watch berhenti\""), result.stderr)
        XCTAssertTrue(result.stderr.contains("event=\"watch dimulai\""), result.stderr)
        let strayLines = result.stderr.split(separator: "\n").filter { $0.contains("arsip lama") && !$0.contains("level=debug") }
        XCTAssertEqual(strayLines.count, 1, result.stderr)
        XCTAssertTrue(strayLines.first?.contains("level=warning") ?? false, result.stderr)
        // Idle passes log their summary at debug level (a watcher polling every minute wrote
        // 1,440 of them a day at info): fewer info summaries than passes, the file's pass
        // among them, and the idle ones at debug, having taken nothing.
        let lines = result.stderr.split(separator: "\n").filter { $0.contains("event=\"run selesai\"") }
        let passes = result.stderr.range(of: #"putaran=(\d+)"#, options: .regularExpression)
            .flatMap { Int(result.stderr[$0].dropFirst("putaran=".count)) } ?? 0
        XCTAssertGreaterThanOrEqual(passes, 4, result.stderr)
        XCTAssertEqual(lines.count, passes, "one summary a pass: \(result.stderr)")
        let info = lines.filter { $0.contains("level=info") }
        XCTAssertLessThan(info.count, passes, result.stderr)
        XCTAssertEqual(info.filter { $0.contains(" diterima=1 ") }.count, 1, result.stderr)
        let idle = lines.filter { !$0.contains("level=info") }
        XCTAssertFalse(idle.isEmpty, result.stderr)
        XCTAssertTrue(idle.allSatisfy { $0.contains("level=debug") && $0.contains(" diterima=0 ") }, result.stderr)
    }
}
