import DIPCore
import Foundation
import Logging
import Register
import Rules
import XCTest
@testable import Pipeline

/// Issue 19: the intake on two threads (`RunOptions.threads`, `IntakePipeline`) and the rules
/// loaded on two threads give what one thread gives, byte for byte.
final class IntakeThreadsTests: XCTestCase {
    var roots: [URL] = []
    var reviewKey: String?

    override func setUpWithError() throws {
        // The review workbook's secret is random per register; fixed, as in DeterminismTests,
        // so that the register and the review pack compare byte for byte.
        reviewKey = ProcessInfo.processInfo.environment["DIP_REVIEW_KEY"]
        setenv("DIP_REVIEW_KEY", "intake-threads-test-key", 1)
    }

    override func tearDownWithError() throws {
        for root in roots { try? FileManager.default.removeItem(at: root) }
        if let reviewKey { setenv("DIP_REVIEW_KEY", reviewKey, 1) } else { unsetenv("DIP_REVIEW_KEY") }
    }

    static let units = (1...6).map { String(format: "unit-%03d", $0) }

    func workspace() throws -> Workspace {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dip-threads-\(UUID().uuidString)")
        roots.append(root)
        let workspace = Workspace(root: root)
        try WorkspaceSetup.initialise(workspace, clock: Clock(now: Date(timeIntervalSince1970: 1_767_225_600)))
        let unitFile = workspace.rules.appendingPathComponent("unit.yaml")
        var yaml = try String(contentsOf: unitFile, encoding: .utf8)
        for code in Self.units {
            yaml += "  - kode: \(code)\n    nama: Unit Kerja \(code)\n    kepala: Kepala \(code)\n"
        }
        try yaml.write(to: unitFile, atomically: true, encoding: .utf8)
        return workspace
    }

    func run(_ workspace: Workspace, threads: Int, at seconds: TimeInterval) throws -> RunSummary {
        var options = RunOptions(settleSeconds: 0, clock: Clock(now: Date(timeIntervalSince1970: seconds)))
        options.threads = threads
        // The run's log written as `dip run` writes it, to compare its order.
        let sink = LogSink(toStandardError: false)
        sink.attach(folder: workspace.reports.appendingPathComponent("log", isDirectory: true))
        let logger = Logger(label: "dip") { LogfmtHandler(label: $0, sink: sink) }
        return try Runner(workspace: workspace, options: options, logger: logger).run()
    }

    /// A workspace whose inbox holds one small list from each unit, and its intake stage on two threads.
    func twoThreadStage() throws -> (workspace: Workspace, stage: IntakeStage) {
        let ws = try workspace()
        _ = try NearDuplicateInbox.write(into: ws.inbox, units: Self.units, itemsPerUnit: 5, seed: 3)
        var options = RunOptions(settleSeconds: 0, clock: Clock(now: Date(timeIntervalSince1970: 1_767_225_600)))
        options.threads = 2
        return (ws, IntakeStage(workspace: ws, options: options, logger: Logger(label: "test")))
    }

    /// Puts the same mixed inbox into `workspace`: six units' lists (XLSX and CSV, near
    /// titles), a unit sending a second file, a file sent twice under two names, and a file
    /// that is refused.
    func dropFirstRound(_ workspace: Workspace) throws {
        _ = try NearDuplicateInbox.write(into: workspace.inbox, units: Self.units, itemsPerUnit: 40, seed: 7)
        let second = workspace.inbox.appendingPathComponent("unit-001/tambahan.csv")
        try Data(IntakeRunTests.csv.utf8).write(to: second)
        let two = workspace.inbox.appendingPathComponent("unit-002")
        let original = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: two.path).sorted().first)
        try FileManager.default.copyItem(at: two.appendingPathComponent(original), to: two.appendingPathComponent("salinan-" + original))
        try Data("bukan lembar kerja".utf8).write(to: workspace.inbox.appendingPathComponent("unit-003/rusak.xlsx"))
    }

    /// Whatever the run leaves (register, archive, feedback, templates, drafts, review pack),
    /// and the log's events in order without their times and paths.
    func state(_ workspace: Workspace) throws -> (files: [String: Data], events: [String]) {
        var files: [String: Data] = [:]
        for path in try outputFiles(workspace.root) {
            files[path] = try Data(contentsOf: workspace.root.appendingPathComponent(path))
        }
        let log = workspace.root.appendingPathComponent("reports/log")
        var events: [String] = []
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: log.path)) ?? []).sorted() {
            let text = try String(contentsOf: log.appendingPathComponent(name), encoding: .utf8)
            events += text.split(separator: "\n").map {
                $0.replacingOccurrences(of: workspace.root.path, with: "WS")
                    .split(separator: " ").filter { !$0.hasPrefix("ts=") && !$0.hasPrefix("detik") && !$0.hasPrefix("bersamaan=") }.joined(separator: " ")
            }
        }
        return (files, events)
    }

    func testOneAndTwoThreadsGiveIdenticalOutputsRegisterAndLog() throws {
        var states: [(files: [String: Data], events: [String])] = []
        var summaries: [[String]] = []
        for threads in [1, 2] {
            let ws = try workspace()
            try dropFirstRound(ws)
            let first = try run(ws, threads: threads, at: 1_767_225_600)
            // The update round: three units send a revised list.
            _ = try NearDuplicateInbox.write(into: ws.inbox, units: Array(Self.units.prefix(3)), itemsPerUnit: 40,
                                             seed: 7, round: 1)
            let second = try run(ws, threads: threads, at: 1_767_312_000)
            summaries.append((first.outcomes + second.outcomes).map { "\($0.unit)|\($0.fileName)|\($0.status.rawValue)|\($0.itemCount)" })
            states.append(try state(ws))
        }
        XCTAssertEqual(summaries[0].count, 12, "\(summaries[0])")
        XCTAssertEqual(Set(summaries[0].map { $0.split(separator: "|")[2] }), ["diterima", "ditolak", "sama_dengan_sebelumnya"])
        XCTAssertEqual(summaries[0], summaries[1])
        XCTAssertEqual(states[0].files.keys.sorted(), states[1].files.keys.sorted())
        XCTAssertTrue(states[0].files.keys.contains("archive/register.sqlite"))
        XCTAssertTrue(states[0].files.keys.contains { $0.hasPrefix("reports/unit/unit-006/") })
        for (path, bytes) in states[0].files {
            XCTAssertTrue(states[1].files[path] == bytes, "\(path) differs between one and two threads")
        }
        XCTAssertGreaterThan(states[0].events.count, 20)
        XCTAssertEqual(states[0].events, states[1].events, "the log differs between one and two threads")
    }

    /// With two threads the files are prepared on the second thread and recorded on the
    /// caller's, in inbox order, one file ahead at most.
    func testTwoThreadsPrepareOnTheSecondThreadAndRecordInOrderOnTheCaller() throws {
        let (ws, stage) = try twoThreadStage()
        let caller = Thread.current
        let lock = NSLock()
        var preparedOn: [Bool] = []
        var prepared: [String] = []
        var recorded: [String] = []
        var ahead: [Int] = []
        let summary = try stage.run(
            prepare: { outcome in
                lock.lock(); defer { lock.unlock() }
                preparedOn.append(Thread.current == caller)
                prepared.append(outcome.unit)
            },
            record: { outcome in
                XCTAssertTrue(Thread.current == caller)
                lock.lock(); defer { lock.unlock() }
                recorded.append(outcome.unit)
                ahead.append(prepared.count - recorded.count)
            })
        XCTAssertEqual(summary.outcomes.map(\.unit), Self.units)
        XCTAssertEqual(recorded, Self.units)
        XCTAssertEqual(prepared, Self.units)
        XCTAssertEqual(preparedOn, Array(repeating: false, count: Self.units.count), "prepared on the calling thread")
        XCTAssertTrue(ahead.allSatisfy { $0 <= 1 }, "prepared more than one file ahead: \(ahead)")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: ws.inbox.appendingPathComponent("unit-001").path), [])
    }

    /// With two threads a file's `afterRecord` work (its feedback) runs on another thread while
    /// the next file is recorded; the file leaves the inbox only after that work and its `then`
    /// (on the caller), in inbox order. A work that fails stops the run with that file still in
    /// the inbox.
    func testFeedbackWorkRunsBesideTheNextRecordAndBeforeTheFileLeavesTheInbox() throws {
        struct Full: Error {}
        for failing in [false, true] {
            let (ws, stage) = try twoThreadStage()
            let caller = Thread.current
            let lock = NSLock()
            var events: [String] = []
            func note(_ event: String) { lock.lock(); events.append(event); lock.unlock() }
            func inInbox(_ unit: String) -> Bool {
                !((try? FileManager.default.contentsOfDirectory(atPath: ws.inbox.appendingPathComponent(unit).path)) ?? []).isEmpty
            }
            // Each unit's record is signalled; a file's work waits for the next file's record
            // (it must come while the work runs), with a time limit instead of a deadlock.
            let recordedSignals = Dictionary(uniqueKeysWithValues: Self.units.map { ($0, DispatchSemaphore(value: 0)) })
            let run = {
                try stage.run(
                    record: { note("record \($0.unit)"); recordedSignals[$0.unit]!.signal() },
                    afterRecord: { outcome in
                        IntakeStage.AfterRecord(
                            work: {
                                XCTAssertFalse(Thread.current == caller, "work on the calling thread")
                                XCTAssertTrue(inInbox(outcome.unit), "\(outcome.unit) left the inbox before its work")
                                if let i = Self.units.firstIndex(of: outcome.unit), i + 1 < Self.units.count {
                                    XCTAssertEqual(recordedSignals[Self.units[i + 1]]!.wait(timeout: .now() + 20), .success,
                                                   "the next file was not recorded while \(outcome.unit)'s work ran")
                                }
                                if failing && outcome.unit == "unit-003" { throw Full() }
                                note("work \(outcome.unit)")
                            },
                            then: {
                                XCTAssertTrue(Thread.current == caller)
                                note("then \(outcome.unit)")
                            })
                    })
            }
            if failing {
                XCTAssertThrowsError(try run()) { XCTAssertTrue($0 is Full, "\($0)") }
                XCTAssertEqual(events.filter { $0.hasPrefix("then") }, ["then unit-001", "then unit-002"])
                XCTAssertFalse(inInbox("unit-002"))
                XCTAssertTrue(inInbox("unit-003"), "the file whose feedback failed stays for the next run")
                continue
            }
            let summary = try run()
            XCTAssertEqual(summary.outcomes.map(\.unit), Self.units)
            for unit in Self.units {
                XCTAssertFalse(inInbox(unit))
                let work = try XCTUnwrap(events.firstIndex(of: "work \(unit)"))
                let then = try XCTUnwrap(events.firstIndex(of: "then \(unit)"))
                XCTAssertLessThan(work, then, unit)
            }
            XCTAssertEqual(events.filter { $0.hasPrefix("then") }, Self.units.map { "then \($0)" })
            XCTAssertEqual(events.filter { $0.hasPrefix("record") }, Self.units.map { "record \($0)" })
            // The next file was recorded before the previous file's work was done.
            for i in Self.units.indices.dropLast() {
                XCTAssertLessThan(events.firstIndex(of: "record \(Self.units[i + 1])")!, events.firstIndex(of: "work \(Self.units[i])")!)
            }
        }
    }

    /// A file claimed by a stopped run and a newer file of the same name: both are taken in
    /// this run with two threads as with one (the second thread waits until the claimed one is
    /// done instead of finding its claimed name busy).
    func testClaimedFileAndANewerOneOfTheSameNameAreBothTakenWithTwoThreads() throws {
        for threads in [1, 2] {
            let ws = try workspace()
            let folder = ws.inbox.appendingPathComponent("unit-001")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(IntakeRunTests.csv.utf8).write(to: folder.appendingPathComponent(InboxClaim.prefix + "DIP.csv"))
            try Data(IntakeRunTests.csv.replacingOccurrences(of: "Profil Dinas Sosial", with: "Profil Dinas Sosial 2027").utf8)
                .write(to: folder.appendingPathComponent("DIP.csv"))
            let summary = try run(ws, threads: threads, at: 1_767_225_600)
            XCTAssertEqual(summary.outcomes.map(\.status), [.accepted, .accepted], "threads \(threads): \(summary.skipped)")
            XCTAssertEqual(summary.skipped, [], "threads \(threads)")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [], "threads \(threads)")
        }
    }

    /// A claimed file left by a stopped run that cannot be archived (here: gone before its copy,
    /// as a full disk would fail it), after an earlier file whose feedback is still being
    /// written, and a newer file of the same name: the run goes on to the newer file instead of
    /// both threads waiting for each other.
    func testAClaimedFileThatFailsAfterAPendingFileDoesNotStopTheNewerOne() throws {
        let ws = try workspace()
        let first = ws.inbox.appendingPathComponent("unit-001")
        let folder = ws.inbox.appendingPathComponent("unit-002")
        for f in [first, folder] { try FileManager.default.createDirectory(at: f, withIntermediateDirectories: true) }
        try Data(IntakeRunTests.csv.utf8).write(to: first.appendingPathComponent("DIP.csv"))
        let leftover = folder.appendingPathComponent(InboxClaim.prefix + "DIP.csv")
        try Data(IntakeRunTests.csv.replacingOccurrences(of: "Profil Dinas Sosial", with: "Profil Dinas Sosial 2025").utf8)
            .write(to: leftover)
        try Data(IntakeRunTests.csv.replacingOccurrences(of: "Profil Dinas Sosial", with: "Profil Dinas Sosial 2027").utf8)
            .write(to: folder.appendingPathComponent("DIP.csv"))
        var options = RunOptions(settleSeconds: 0, clock: Clock(now: Date(timeIntervalSince1970: 1_767_225_600)))
        options.threads = 2
        let stage = IntakeStage(workspace: ws, options: options, logger: Logger(label: "test"))
        var outcome: Result<RunSummary, Error>?
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            outcome = Result {
                try stage.run(
                    // The first file's preparing removes the claimed file before it is archived.
                    prepare: { if $0.unit == "unit-001" { try? FileManager.default.removeItem(at: leftover) } },
                    afterRecord: { _ in IntakeStage.AfterRecord(work: {}) })
            }
            done.signal()
        }
        thread.start()
        guard done.wait(timeout: .now() + 30) == .success else {
            return XCTFail("the run waits forever after the claimed file failed")
        }
        let summary = try XCTUnwrap(outcome).get()
        XCTAssertEqual(summary.outcomes.map(\.unit), ["unit-001", "unit-002"])
        XCTAssertEqual(summary.failures.map(\.path), [leftover.path])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
    }

    /// A `prepare` that fails stops the run at that file as with one thread: the earlier files
    /// are recorded and removed, that file and the later ones stay in the inbox.
    func testAFailingPrepareStopsAtThatFile() throws {
        struct Broken: Error {}
        let (ws, stage) = try twoThreadStage()
        var recorded: [String] = []
        XCTAssertThrowsError(try stage.run(
            prepare: { if $0.unit == "unit-003" { throw Broken() } },
            record: { recorded.append($0.unit) })) { XCTAssertTrue($0 is Broken, "\($0)") }
        XCTAssertEqual(recorded, ["unit-001", "unit-002"])
        for unit in Self.units {
            let left = try FileManager.default.contentsOfDirectory(atPath: ws.inbox.appendingPathComponent(unit).path)
            XCTAssertEqual(left.isEmpty, ["unit-001", "unit-002"].contains(unit), "\(unit): \(left)")
        }
    }

    /// The rules loaded on two threads classify exactly as those loaded on one.
    func testRulesLoadedOnTwoThreadsEqualOneThread() throws {
        let folder = try RuleSet.readFolder(directory: try workspace().rules)
        let one = try RuleSet.load(files: folder.files, extraIssues: folder.issues, threads: 1)
        let two = try RuleSet.load(files: folder.files, extraIssues: folder.issues, threads: 2)
        XCTAssertEqual(one.precedents.count, two.precedents.count)
        XCTAssertGreaterThan(one.precedents.count, 100)
        XCTAssertEqual(one.loadIssues.map { "\($0)" }, two.loadIssues.map { "\($0)" })
        let titles = one.precedents.prefix(400).map(\.title) + NearDuplicateInbox.firstList(unit: "unit-009", count: 300, seed: 5)
        // The PPID's own decisions: the index and the layer are built anew, on two threads too.
        let decisions = NearDuplicateInbox.firstList(unit: "unit-011", count: 40, seed: 9).enumerated().map { i, title in
            Precedent(title: title, category: i % 3 == 0 ? .dikecualikan : .berkala, grounds: i % 3 == 0 ? ["17b"] : [],
                      body: "PPID", source: "register", origin: .ppid)
        }
        let a = Classifier(ruleSet: one), b = Classifier(ruleSet: two)
        let c = Classifier(ruleSet: one, ppidDecisions: decisions, threads: 1)
        let d = Classifier(ruleSet: one, ppidDecisions: decisions, threads: 2)
        XCTAssertEqual(c.precedentIndex.precedents.count, one.precedents.count + 40)
        for (row, title) in titles.enumerated() {
            let item = InformationItem(
                source: SourceLocation(file: "uji.csv", sheet: nil, row: row + 2), nomor: "\(row + 1)", ringkasan: title,
                pejabatPenguasa: "Sekretariat", penanggungJawab: "Kepala Dinas", waktuPembuatan: "2026",
                tempatPembuatan: "Serang", bentuk: "Softcopy", retensi: "5 tahun", kategoriText: "Berkala", kategori: .berkala)
            XCTAssertEqual(a.classify(item), b.classify(item), title)
            XCTAssertEqual(c.classify(item), d.classify(item), title)
        }
    }
}
