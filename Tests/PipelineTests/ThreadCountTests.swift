import DIPCore
import Foundation
import Logging
import XCTest
@testable import Pipeline

/// `RunOptions.threads` (`DIP_THREADS`): the stages after the intake make the draft decrees
/// beside the review pack and the consequence-test forms beside the review workbook when a
/// second thread is allowed. The same inputs, rules and clock must give the same files, byte
/// for byte, and the same log events in the same order, on one thread or two.
final class ThreadCountTests: XCTestCase {
    func testOneAndTwoThreadsWriteIdenticalFilesAndLogTheSameEventsInOrder() throws {
        _ = try DipProcess.requireBinary()
        let one = try cycle(threads: 1)
        let two = try cycle(threads: 2)
        // 240 current items, a limit of 250 kept revisions: above nine tenths of it the run
        // makes its documents on one thread (`secondThreadItemLimit`, memory), still the same bytes.
        let near = try cycle(threads: 2, keptRevisionsLimit: 250)
        defer {
            try? FileManager.default.removeItem(at: one)
            try? FileManager.default.removeItem(at: two)
            try? FileManager.default.removeItem(at: near)
        }
        XCTAssertEqual(try outputFiles(one), try outputFiles(near))
        for path in try outputFiles(one) {
            XCTAssertTrue(try Data(contentsOf: one.appendingPathComponent(path)) == Data(contentsOf: near.appendingPathComponent(path)),
                          "\(path) differs between one thread and two near the kept revisions' limit")
        }
        let nearDrafts = try events(near).filter { $0.event == "dokumen draf ditulis" }
        XCTAssertEqual(nearDrafts.count, 2, "\(nearDrafts)")
        XCTAssertTrue(nearDrafts.allSatisfy { $0.line.contains("pembacaan=sekaligus") && !$0.line.contains("bersamaan=") },
                      "\(nearDrafts)")
        let files = try outputFiles(one)
        XCTAssertEqual(files, try outputFiles(two))
        // The cycle made what the threads share out: two drafts' decrees, the review pack,
        // the consequence-test forms, the kept annex rows, a publication.
        for expected in ["reports/review/pemeriksaan-dip.xlsx", "reports/review/index.html",
                         "archive/.cache/keputusan/draf-dip.rows", "reports/situs/index.html"] {
            XCTAssertTrue(files.contains(expected), "\(expected) missing")
        }
        for prefix in ["reports/draf/", "reports/uji-konsekuensi/uji-konsekuensi-", "reports/terbit/v2/", "archive/paket/"] {
            XCTAssertTrue(files.contains { $0.hasPrefix(prefix) }, "nothing under \(prefix)")
        }
        for path in files {
            let a = try Data(contentsOf: one.appendingPathComponent(path))
            let b = try Data(contentsOf: two.appendingPathComponent(path))
            XCTAssertTrue(a == b, "\(path) differs between one thread and two")
        }
        let eventsOne = try events(one), eventsTwo = try events(two)
        XCTAssertEqual(eventsOne.map(\.event), eventsTwo.map(\.event))
        // With two threads, the cold and the update run made their draft beside the review pack
        // (the publishing run makes its pack after the publication, on one thread).
        let drafts = eventsTwo.filter { $0.event == "dokumen draf ditulis" }
        XCTAssertEqual(drafts.count, 2, "\(drafts)")
        XCTAssertEqual(drafts.filter { $0.line.contains("bersamaan=pemeriksaan") }.count, 2, "\(drafts)")
        XCTAssertFalse(eventsOne.contains { $0.line.contains("bersamaan=") })
        // The decree's annex rows are logged before the draft is written, and both before the
        // review page, as on one thread.
        let order = eventsTwo.map(\.event).filter {
            ["lampiran keputusan draf", "dokumen draf ditulis", "halaman pemeriksaan", "paket pemeriksaan ditulis"].contains($0)
        }
        XCTAssertEqual(Array(order.prefix(4)),
                       ["lampiran keputusan draf", "dokumen draf ditulis", "halaman pemeriksaan", "paket pemeriksaan ditulis"])
    }

    /// The review pack fails before its commit point and the draft made beside it cannot be
    /// committed either: the run fails with the draft's error, as on one thread (which stops
    /// at the draft, before the pack), and the pack's error is logged.
    func testADraftThatFailsBesideAFailingReviewPackIsTheRunsError() throws {
        func failingRun(threads: Int) throws -> (error: String, log: [String]) {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("dip-threads-fail-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: root) }
            let workspace = Workspace(root: root)
            try WorkspaceSetup.initialise(workspace)
            let dir = workspace.inbox.appendingPathComponent("dinsos")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try Data(IntakeRunTests.csv.utf8).write(to: dir.appendingPathComponent("DIP.csv"))
            // A folder where the draft's stamp goes, a file where the review pack's folder goes.
            try FileManager.default.createDirectory(at: workspace.archive.appendingPathComponent(".draf-stamp/x"),
                                                    withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: workspace.review)
            try Data().write(to: workspace.review)
            var options = RunOptions(settleSeconds: 0, clock: Clock(now: Date(timeIntervalSince1970: 1_767_225_600)))
            options.threads = threads
            let handler = CollectingHandler()
            do {
                _ = try Runner(workspace: workspace, options: options, logger: Logger(label: "t") { _ in handler }).run()
                XCTFail("the run did not fail with \(threads) threads")
                return ("", handler.messages)
            } catch {
                return ("\(error)".replacingOccurrences(of: root.path, with: "<ruang kerja>"), handler.messages)
            }
        }
        let one = try failingRun(threads: 1)
        XCTAssertTrue(one.error.contains(".draf-stamp"), one.error)
        XCTAssertFalse(one.log.contains("paket pemeriksaan gagal"), "\(one.log)")
        let two = try failingRun(threads: 2)
        XCTAssertEqual(two.error, one.error)
        XCTAssertTrue(two.log.contains("paket pemeriksaan gagal"), "\(two.log)")
    }

    /// A small near-duplicate regency: cold run, two units' revised lists, approval, the
    /// publishing run, a warm run; every run with `DIP_THREADS` = `threads`.
    private func cycle(threads: Int, keptRevisionsLimit: Int? = nil) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dip-threads-\(UUID().uuidString)")
        var env = ["DIP_REVIEW_KEY": "threads-test-key", "DIP_THREADS": String(threads)]
        if let keptRevisionsLimit { env["DIP_KEPT_REVISIONS_LIMIT"] = String(keptRevisionsLimit) }
        let initialised = try DipProcess.run(["init", root.path], environment: env)
        XCTAssertEqual(initialised.exitCode, 0, initialised.stderr)
        let workspace = Workspace(root: root)
        let units = (1...6).map { String(format: "unit-%03d", $0) }
        let unitFile = workspace.rules.appendingPathComponent("unit.yaml")
        var yaml = try String(contentsOf: unitFile, encoding: .utf8)
        for code in units {
            yaml += "  - kode: \(code)\n    nama: Unit Kerja \(code)\n    kepala: Kepala \(code)\n    ppid_pelaksana: Sekretaris \(code)\n"
        }
        try yaml.write(to: unitFile, atomically: true, encoding: .utf8)
        _ = try NearDuplicateInbox.write(into: workspace.inbox, units: units, itemsPerUnit: 40, seed: 11)
        func run(_ epoch: String) throws {
            let result = try DipProcess.run(["run", "--workspace", root.path, "--settle-seconds", "0", "--quiet"],
                                            environment: env.merging(["SOURCE_DATE_EPOCH": epoch]) { $1 })
            XCTAssertTrue(result.exitCode == 0 || result.exitCode == 2, result.stderr)
        }
        try run("1767225600")
        _ = try NearDuplicateInbox.write(into: workspace.inbox, units: ["unit-002", "unit-005"], itemsPerUnit: 40,
                                         seed: 11, round: 1)
        try run("1767225600")
        let approve = try DipProcess.run(
            ["approve", "--workspace", root.path, "--name", "Drs. H. Ahmad Fauzi", "--nip", "197001011995031002",
             "--decree-number", "000.9/12/PPID/2026", "--decree-date", "2026-01-01", "--force-unreviewed"],
            environment: env.merging(["SOURCE_DATE_EPOCH": "1767229200"]) { $1 })
        XCTAssertEqual(approve.exitCode, 0, approve.stderr)
        try run("1767232800")
        try run("1767232800")
        return root
    }

    /// The operator's log as (event, line), in order.
    private func events(_ root: URL) throws -> [(event: String, line: String)] {
        let folder = root.appendingPathComponent("reports/log")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().flatMap { name in
            try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").compactMap { line in
                guard let start = line.range(of: "event=\"") else { return nil }
                let rest = line[start.upperBound...]
                guard let end = rest.firstIndex(of: "\"") else { return nil }
                return (String(rest[..<end]), String(line))
            }
        }
    }
}

/// The second thread a run may use (`WorkLane`) and the setting that allows it.
final class WorkLaneTests: XCTestCase {
    func testTwoThreadsRunATaskElsewhereAndOneRunsItAtOnce() throws {
        let caller = Thread.current
        let lane = WorkLane(threads: 2)
        XCTAssertTrue(lane.isConcurrent)
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let task = lane.start { () -> Bool in
            started.signal()
            release.wait()
            return Thread.current != caller
        }
        // The task is under way while this thread goes on (it waits for this thread's word).
        XCTAssertEqual(started.wait(timeout: .now() + 10), .success)
        release.signal()
        XCTAssertTrue(try task.wait())
        XCTAssertTrue(try task.wait(), "a second wait gives the same result")

        let inline = WorkLane(threads: 1)
        XCTAssertFalse(inline.isConcurrent)
        var ran = 0
        let done = inline.start { () -> Bool in ran += 1; return Thread.current == caller }
        XCTAssertEqual(ran, 0, "with one thread the task waits to be waited for")
        XCTAssertTrue(try done.wait(), "and then runs on the waiting thread")
        XCTAssertTrue(try done.wait())
        XCTAssertEqual(ran, 1, "once")
        let dropped = inline.start { () -> Bool in ran += 1; return true }
        dropped.settle()
        XCTAssertEqual(ran, 1, "a task not begun is dropped when the run stops before needing it")
        // Settling a task under way waits for it to end.
        let finished = DispatchSemaphore(value: 0)
        let busy = WorkLane(threads: 2).start { () -> Int in usleep(50_000); finished.signal(); return 1 }
        busy.settle()
        XCTAssertEqual(finished.wait(timeout: .now()), .success, "settle returned before the task ended")
    }

    /// More threads allowed (`DIP_THREADS=4`) still give the lane one extra thread: its tasks
    /// run one after another there, never two beside the run's own work.
    func testMoreThreadsStillRunTheLaneTasksOnOneThread() throws {
        let lane = WorkLane(threads: 4)
        let first = lane.start { Thread.current }
        let second = lane.start { Thread.current }
        XCTAssertTrue(try first.wait() === second.wait())
    }

    func testATaskErrorIsThrownByWait() {
        struct Broken: Error {}
        for threads in [1, 2] {
            let task = WorkLane(threads: threads).start { () -> Int in throw Broken() }
            XCTAssertThrowsError(try task.wait()) { XCTAssertTrue($0 is Broken) }
        }
    }

    func testBufferedLogLinesAreWrittenInOrderWhenReplayed() {
        let log = BufferedLog()
        log.info("satu", metadata: ["n": "1"])
        log.info("dua", metadata: ["n": "2"])
        let handler = CollectingHandler()
        let logger = Logger(label: "t") { _ in handler }
        log.replay(into: logger)
        XCTAssertEqual(handler.messages, ["satu", "dua"])
        log.replay(into: logger)
        XCTAssertEqual(handler.messages, ["satu", "dua"], "replayed lines are not written twice")
    }

    func testDIPThreadsSetting() {
        XCTAssertEqual(RunOptions.threads(fromEnvironment: nil).threads, nil)
        XCTAssertNil(RunOptions.threads(fromEnvironment: "").problem)
        XCTAssertEqual(RunOptions.threads(fromEnvironment: "1").threads, 1)
        XCTAssertEqual(RunOptions.threads(fromEnvironment: " 2 ").threads, 2)
        // `echo 2 > …` (a script, an EnvironmentFile) leaves a newline.
        XCTAssertEqual(RunOptions.threads(fromEnvironment: "2\n").threads, 2)
        XCTAssertEqual(RunOptions.threads(fromEnvironment: "\t1\r\n").threads, 1)
        XCTAssertNil(RunOptions.threads(fromEnvironment: "2\n").problem)
        XCTAssertNil(RunOptions.threads(fromEnvironment: "\n").problem)
        for bad in ["0", "-1", "dua", "65", "1.5"] {
            let parsed = RunOptions.threads(fromEnvironment: bad)
            XCTAssertNil(parsed.threads, bad)
            XCTAssertTrue(parsed.problem?.contains("DIP_THREADS=\(bad)") == true, "\(parsed)")
        }
        let defaults = RunOptions(clock: Clock(now: Date())).threads
        XCTAssertEqual(defaults, min(2, ProcessInfo.processInfo.activeProcessorCount))
    }
}


private final class CollectingHandler: LogHandler, @unchecked Sendable {
    var messages: [String] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
             file: String, function: String, line: UInt) {
        messages.append(message.description)
    }
}
