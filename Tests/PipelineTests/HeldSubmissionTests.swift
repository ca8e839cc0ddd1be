import DIPCore
import Foundation
import Intake
import Logging
import OfficeFormats
import Publish
import Register
import TestSupport
import XCTest
@testable import Pipeline

/// Issue 16 #7 (second half): a list that would withdraw most of a unit's items (a copy
/// taken half-written withdrew 990 items) is held for the PPID, never applied on its own;
/// `dip release` applies or refuses it; a newer list supersedes it.
final class HeldSubmissionTests: XCTestCase {
    var root: URL!
    var workspace: Workspace!
    var day = 0
    let log = CapturedLog()

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("dip-hold-\(UUID().uuidString)")
        workspace = Workspace(root: root)
        try WorkspaceSetup.initialise(workspace)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    /// A word nobody else in the list shares, so items never match each other by similarity.
    static func word(_ n: Int) -> String {
        let consonants = Array("bdgklmnprstwj"), vowels = Array("aiueo")
        var out = ""
        var x = n * 7919 + 104_729
        for _ in 0..<4 {
            out.append(consonants[x % consonants.count]); x /= consonants.count
            out.append(vowels[x % vowels.count]); x /= vowels.count
            x += n * 31 + 17
        }
        return out
    }

    static func summary(_ k: Int) -> String {
        "Dokumen \(word(k * 3)) \(word(k * 3 + 1)) \(word(k * 3 + 2))"
    }

    /// A unit's list of items `range` (1-based), as a CSV.
    static func list(_ range: ClosedRange<Int>, extra: [String] = []) -> String {
        var lines = ["No;Ringkasan Isi Informasi;Pejabat yang Menguasai Informasi;Penanggung Jawab Pembuatan Informasi;Waktu dan Tempat Pembuatan;Bentuk Informasi;Jangka Waktu Penyimpanan;Jenis Informasi"]
        let summaries = range.map(summary) + extra
        for (i, s) in summaries.enumerated() {
            lines.append("\(i + 1);\(s);Sekretariat;Kepala Dinas Sosial;Serang, 2026;Softcopy;5 tahun;Berkala")
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    func drop(_ text: String, unit: String = "dinsos", name: String) throws {
        let dir = workspace.inbox.appendingPathComponent(unit)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: dir.appendingPathComponent(name))
    }

    var clock: Clock { Clock(now: Date(timeIntervalSince1970: 1_767_225_600 + Double(day) * 86_400)) }

    @discardableResult
    func runOnce() throws -> RunSummary {
        day += 1
        let options = RunOptions(settleSeconds: 0, clock: clock)
        return try Runner(workspace: workspace, options: options, logger: log.logger).run()
    }

    var register: AppDatabase { get throws { try AppDatabase.open(path: workspace.registerPath.path) } }

    func current(_ unit: String = "dinsos") throws -> [String] {
        try register.currentItemsByUnit()[unit]?.map(\.item.ringkasan).sorted() ?? []
    }

    func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }

    /// The unit's full list of 40, then a copy cut after 12 rows: 28 of 40 would be withdrawn.
    func holdHalfList() throws -> RunSummary {
        try drop(Self.list(1...40), name: "DIP dinsos.csv")
        XCTAssertEqual(try runOnce().accepted, 1)
        try drop(Self.list(1...12), name: "DIP dinsos.csv")
        return try runOnce()
    }

    func release(refuse: Bool = false) throws {
        day += 1
        let config = try Configuration.load(workspace)
        if refuse {
            _ = try HeldSubmissions.refuse(unit: "dinsos", by: Official(name: "Siti Aminah", nip: "198001012005012001"),
                                           note: "kirim daftar lengkap", workspace: workspace, config: config,
                                           register: try register, clock: clock, logger: log.logger)
        } else {
            _ = try HeldSubmissions.release(unit: "dinsos", by: Official(name: "Siti Aminah"), note: "",
                                            workspace: workspace, config: config, register: try register,
                                            clock: clock, logger: log.logger)
        }
    }

    func testHalfListIsHeldAndTheUnitsItemsStayCurrent() throws {
        let summary = try holdHalfList()
        XCTAssertEqual(summary.outcomes.map(\.status), [.held])
        XCTAssertEqual(summary.held, 1)
        XCTAssertEqual(try current().count, 40, "a half-copied list withdrew the unit's items")
        XCTAssertEqual(try current(), (1...40).map(Self.summary).sorted())
        let hold = try XCTUnwrap(try register.pendingHold(unit: "dinsos"))
        XCTAssertEqual(hold.count, WithdrawalCount(withdrawn: 28, current: 40))
        XCTAssertEqual(hold.itemCount, 12)
        XCTAssertEqual(hold.sha256, summary.outcomes[0].sha256)
        XCTAssertTrue(exists(workspace.root.appendingPathComponent(hold.archivedPath)), "original kept to apply later")
        XCTAssertEqual(try register.rowCount(table: "submissions"), 1, "the held file is not a submission yet")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: workspace.inbox.appendingPathComponent("dinsos").path), [])
        // The unit is told what was held, why and what to do.
        let feedback = try text(workspace.feedbackFile(unit: "dinsos", ext: "txt"))
        XCTAssertTrue(feedback.contains("Status: DITAHAN. 12 informasi dibaca"), feedback)
        XCTAssertTrue(feedback.contains("menarik 28 dari 40 informasi"), feedback)
        XCTAssertTrue(feedback.contains("kirim ulang daftar lengkap"), feedback)
        let notice = try text(workspace.heldNoticeFile(unit: "dinsos"))
        XCTAssertTrue(notice.contains("KIRIMAN DAFTAR DITAHAN"), notice)
        XCTAssertTrue(notice.contains("menarik 28 dari 40"), notice)
        // The PPID is told in the review folder and by a warning in the log.
        let ppid = try text(workspace.heldListsNotice)
        XCTAssertTrue(ppid.contains("dinsos (Dinas Sosial): berkas DIP dinsos.csv"), ppid)
        XCTAssertTrue(ppid.contains("dip release dinsos --refuse --name \"Nama PPID\""), ppid)
        XCTAssertTrue(ppid.contains("dip release dinsos --name \"Nama PPID\""), ppid)
        XCTAssertTrue(ppid.contains("Dinas Sosial (folder inbox/dinsos/):"), ppid)
        XCTAssertTrue(ppid.contains("(ganti Nama PPID dengan nama Anda: nama itu dicatat di register)"), ppid)
        XCTAssertFalse(ppid.contains("<unit>"), "a placeholder the PPID would type into a shell: \(ppid)")
        XCTAssertTrue(log.lines.contains { $0.level == .warning && $0.message.hasPrefix("kiriman ditahan")
            && $0.metadata["ditarik"] == "28" && $0.metadata["dari"] == "40" }, "\(log.lines)")
        // The same half file again is still held, not a duplicate of an accepted one.
        try drop(Self.list(1...12), name: "lagi.csv")
        XCTAssertEqual(try runOnce().outcomes.map(\.status), [.held])
        XCTAssertEqual(try register.rowCount(table: "held_submissions"), 1)
        XCTAssertEqual(try current().count, 40)
    }

    func testReleaseAppliesTheHeldListAndRecordsWhoAndWhen() throws {
        _ = try holdHalfList()
        try release()
        XCTAssertEqual(try current(), (1...12).map(Self.summary).sorted())
        XCTAssertNil(try register.pendingHold(unit: "dinsos"))
        let released = try XCTUnwrap(try register.holdsToTell().first)
        XCTAssertEqual(released.status, .released)
        XCTAssertEqual(released.decidedBy?.name, "Siti Aminah")
        XCTAssertEqual(released.decidedAt, clock.now)
        XCTAssertNotNil(released.appliedSubmission)
        XCTAssertEqual(try register.rowCount(table: "submissions"), 2)
        XCTAssertFalse(exists(workspace.heldListsNotice), "nothing waits for the PPID any more")
        XCTAssertTrue(try text(workspace.heldNoticeFile(unit: "dinsos")).contains("DILEPAS PPID"))
        XCTAssertThrowsError(try release(), "released twice") { error in
            guard case HeldSubmissions.Failure.nothingHeld = error else { return XCTFail("\(error)") }
        }
        // The next run keeps the decision; the unit's template follows the released list.
        try runOnce()
        XCTAssertEqual(try current().count, 12)
        XCTAssertTrue(exists(workspace.heldNoticeFile(unit: "dinsos")))
    }

    func testRefuseDiscardsTheHeldListAndTheUnitIsTold() throws {
        _ = try holdHalfList()
        try release(refuse: true)
        XCTAssertEqual(try current().count, 40)
        XCTAssertNil(try register.pendingHold(unit: "dinsos"))
        XCTAssertEqual(try register.rowCount(table: "submissions"), 1)
        let notice = try text(workspace.heldNoticeFile(unit: "dinsos"))
        XCTAssertTrue(notice.contains("DITOLAK PPID"), notice)
        XCTAssertTrue(notice.contains("Siti Aminah (NIP 198001012005012001)"), notice)
        XCTAssertTrue(notice.contains("kirim daftar lengkap"), notice)
        XCTAssertFalse(exists(workspace.heldListsNotice))
        // Once the unit sends its next file the notice has done its work.
        try drop(Self.list(1...40, extra: ["Dokumen tambahan kelurahan wibawa"]), name: "lengkap.csv")
        XCTAssertEqual(try runOnce().accepted, 1)
        XCTAssertEqual(try current().count, 41)
        XCTAssertFalse(exists(workspace.heldNoticeFile(unit: "dinsos")))
    }

    func testNewerListSupersedesTheHeldOneAndIsJudgedAfresh() throws {
        _ = try holdHalfList()
        try drop(Self.list(1...40, extra: ["Dokumen tambahan kelurahan wibawa"]), name: "lengkap.csv")
        let summary = try runOnce()
        XCTAssertEqual(summary.outcomes.map(\.status), [.accepted])
        XCTAssertEqual(try current().count, 41)
        XCTAssertNil(try register.pendingHold(unit: "dinsos"))
        XCTAssertEqual(try register.holdsToTell(), [], "a superseded hold has nothing to tell")
        XCTAssertFalse(exists(workspace.heldNoticeFile(unit: "dinsos")))
        XCTAssertFalse(exists(workspace.heldListsNotice))
        XCTAssertThrowsError(try release())
        // A newer half list is held in its turn, and supersedes a held one.
        try drop(Self.list(1...5), name: "a.csv")
        XCTAssertEqual(try runOnce().outcomes.map(\.status), [.held])
        try drop(Self.list(1...6), name: "b.csv")
        XCTAssertEqual(try runOnce().outcomes.map(\.status), [.held])
        XCTAssertEqual(try register.pendingHold(unit: "dinsos")?.fileName, "b.csv")
        XCTAssertEqual(try register.pendingHolds().count, 1)
        try release()
        XCTAssertEqual(try current().count, 6)
    }

    func testSendingTheCurrentListAgainSupersedesTheHeldOne() throws {
        _ = try holdHalfList()
        try drop(Self.list(1...40), name: "DIP dinsos (salinan).csv")
        let summary = try runOnce()
        XCTAssertEqual(summary.outcomes.map(\.status), [.duplicate])
        XCTAssertNil(try register.pendingHold(unit: "dinsos"))
        XCTAssertEqual(try current().count, 40)
        XCTAssertTrue(try text(workspace.feedbackFile(unit: "dinsos", ext: "txt"))
            .contains("Kiriman DIP dinsos.csv yang ditahan dibatalkan"))
        XCTAssertFalse(exists(workspace.heldNoticeFile(unit: "dinsos")))
    }

    /// The threshold: at least 10 items AND more than half; `rules/penerimaan.json` sets it.
    func testSmallOrHalfWithdrawalsAreAppliedAndTheThresholdIsAWorkspaceSetting() throws {
        try drop(Self.list(1...12), unit: "dinsos", name: "a.csv")
        try drop(Self.list(101...120), unit: "dinkes", name: "a.csv")
        try runOnce()
        try drop(Self.list(1...3), unit: "dinsos", name: "b.csv")      // 9 of 12: fewer than 10
        try drop(Self.list(101...110), unit: "dinkes", name: "b.csv")  // 10 of 20: not more than half
        let summary = try runOnce()
        XCTAssertEqual(summary.outcomes.map(\.status), [.accepted, .accepted])
        XCTAssertEqual(try current("dinsos").count, 3)
        XCTAssertEqual(try current("dinkes").count, 10)

        try Data(#"{"holdMassWithdrawal": {"minimumWithdrawn": 2}}"#.utf8)
            .write(to: workspace.rules.appendingPathComponent("penerimaan.json"))
        try drop(Self.list(1...1), unit: "dinsos", name: "c.csv")      // 2 of 3
        XCTAssertEqual(try runOnce().outcomes.map(\.status), [.held])
        XCTAssertTrue(try text(workspace.heldListsNotice).contains("paling sedikit 2 informasi"))

        try Data(#"{"holdMassWithdrawal": {"percent": 150}}"#.utf8)
            .write(to: workspace.rules.appendingPathComponent("penerimaan.json"))
        XCTAssertThrowsError(try runOnce()) { error in
            guard case RunError.brokenConfiguration(let file, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "rules/penerimaan.json")
        }
    }

    /// Crash safety: a run stopped after the hold was recorded but before the file left the
    /// inbox is finished by the next run: still held, one hold, nothing withdrawn.
    func testRunStoppedAfterHoldingIsFinishedWithoutDuplicates() throws {
        try drop(Self.list(1...40), name: "DIP.csv")
        try runOnce()
        try drop(Self.list(1...12), name: "DIP.csv")
        day += 1
        let options = RunOptions(settleSeconds: 0, clock: clock)
        struct Stop: Error {}
        let stage = IntakeStage(workspace: workspace, options: options, logger: log.logger)
        let register = try register
        XCTAssertThrowsError(try stage.run(
            isDuplicate: { unit, stored in try register.hasSubmission(unit: unit, sha256: stored.sha256) },
            record: { outcome in
                let update = try register.recordSubmission(
                    unit: WorkUnit(code: "dinsos", name: "Dinas Sosial"), fileName: outcome.fileName,
                    sha256: outcome.sha256, archivedPath: "archive/originals/\(outcome.sha256).csv",
                    receivedAt: options.clock.now, result: .accepted,
                    items: outcome.items.map { ($0, Classification(declared: $0.kategori, suggested: $0.kategori, subgroup: nil,
                        needsConsequenceTest: false, exemptionGrounds: [], needsReview: false, missingLegalBasis: false,
                        hits: [], notes: [])) }, problems: outcome.problems, holdPolicy: .standard)
                XCTAssertEqual(update.outcome, .held)
            },
            recorded: { _ in throw Stop() }))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: workspace.inbox.appendingPathComponent("dinsos").path),
                       [".dip-diambil-DIP.csv"], "the stand-in for the kill left the claimed file")
        let summary = try runOnce()
        XCTAssertEqual(summary.outcomes.map(\.status), [.held], "told it was a duplicate or accepted")
        XCTAssertEqual(try register.rowCount(table: "held_submissions"), 1)
        XCTAssertEqual(try register.rowCount(table: "submissions"), 1)
        XCTAssertEqual(try current().count, 40)
        XCTAssertTrue(try text(workspace.feedbackFile(unit: "dinsos", ext: "txt")).contains("Status: DITAHAN"))
        XCTAssertTrue(exists(workspace.heldNoticeFile(unit: "dinsos")))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: workspace.inbox.appendingPathComponent("dinsos").path), [])
        // A release whose notices were not written (killed after its transaction): the next
        // run writes them from the register.
        try release()
        try FileManager.default.removeItem(at: workspace.heldNoticeFile(unit: "dinsos"))
        try Data("stale".utf8).write(to: workspace.heldListsNotice)
        try runOnce()
        XCTAssertTrue(try text(workspace.heldNoticeFile(unit: "dinsos")).contains("DILEPAS PPID"))
        XCTAssertFalse(exists(workspace.heldListsNotice))
        XCTAssertEqual(try current().count, 12)
    }

    /// The PPID's command: refuses without a held list (exit 1, Indonesian message), then
    /// releases the held list.
    var reviewPage: URL { workspace.review.appendingPathComponent("index.html") }
    var reviewWorkbook: URL { workspace.review.appendingPathComponent("pemeriksaan-dip.xlsx") }

    /// The held-lists sheet of the review workbook as text rows, nil when it has none.
    func heldSheet() throws -> [[String]]? {
        try sheetTextRows(reviewWorkbook, named: ReviewFormat.heldSheet)
    }

    /// The review pack (page and workbook) shows a held list with its counts and the exact
    /// commands, until the PPID releases or refuses it; the workbook still reads back.
    func testReviewPackShowsHeldListsUntilDecided() throws {
        try drop(Self.list(1...40), name: "DIP dinsos.csv")
        XCTAssertEqual(try runOnce().accepted, 1)
        let before = try text(reviewPage)
        XCTAssertFalse(before.contains("Ditahan"), "no hold, no section")
        XCTAssertNil(try heldSheet())
        try drop(Self.list(1...12), name: "DIP dinsos.csv")
        XCTAssertEqual(try runOnce().held, 1)
        let page = try text(reviewPage)
        XCTAssertTrue(page.contains("<h2>PERHATIAN: Kiriman Daftar yang Ditahan (1)</h2>"), page)
        XCTAssertTrue(page.contains("Dinas Sosial (dinsos)"), page)
        XCTAssertTrue(page.contains("DIP dinsos.csv"), page)
        XCTAssertTrue(page.contains(clock.indonesianDate(try register.pendingHold(unit: "dinsos")!.receivedAt)), page)
        XCTAssertTrue(page.contains("<td data-label=\"Informasi dalam Berkas\">12</td><td data-label=\"Informasi Tercatat\">40</td>"
            + "<td data-label=\"Akan Ditarik\">28</td>"), page)
        // The commands as the page's text reads (and a copy gives) them; their words are marked up
        // one by one so a line breaks only between words (session 27).
        let shown = page.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        XCTAssertTrue(shown.contains("dip release dinsos --name &quot;Nama PPID&quot;"), page)
        XCTAssertTrue(shown.contains("dip release dinsos --refuse --name &quot;Nama PPID&quot;"), page)
        XCTAssertTrue(page.contains("<code class=\"perintah\"><span>dip</span> <span>release</span> <span>dinsos</span>"), page)
        // Above the contents list, so it is read first.
        XCTAssertLessThan(try XCTUnwrap(page.range(of: "id=\"ditahan\"")).lowerBound,
                          try XCTUnwrap(page.range(of: "<nav>")).lowerBound)
        let sheet = try XCTUnwrap(try heldSheet(), "the workbook has no held-lists sheet")
        XCTAssertTrue(sheet.contains(["Dinas Sosial (dinsos)", "DIP dinsos.csv",
                                      clock.indonesianDate(try register.pendingHold(unit: "dinsos")!.receivedAt),
                                      "12", "40", "28", "dip release dinsos --name \"Nama PPID\"",
                                      "dip release dinsos --refuse --name \"Nama PPID\""]), "\(sheet)")
        // The decisions reader still reads the workbook (reviewer cells found by label).
        XCTAssertEqual(try ReviewWorkbookReader.read(path: reviewWorkbook.path).problems.count, 0)
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/java") {
            let r = try Checkers.run("check-html", [reviewPage.path])
            XCTAssertEqual(r.status, 0, r.output)
        }
        // A run with nothing new keeps it listed; refused, the next run drops it.
        try runOnce()
        XCTAssertTrue(try text(reviewPage).contains("id=\"ditahan\""))
        try release(refuse: true)
        try runOnce()
        XCTAssertFalse(try text(reviewPage).contains("Ditahan"), "a refused list is still shown")
        XCTAssertNil(try heldSheet())
        // Held again and released: the next run's pack no longer lists it.
        try drop(Self.list(1...11), name: "potong.csv")
        XCTAssertEqual(try runOnce().held, 1)
        XCTAssertTrue(try text(reviewPage).contains("potong.csv"))
        try release()
        try runOnce()
        XCTAssertFalse(try text(reviewPage).contains("Ditahan"), "a released list is still shown")
        XCTAssertNil(try heldSheet())
    }

    /// `dip run --quiet` in cron printed "1 kiriman DITAHAN …; lihat …/kiriman-ditahan.txt (dip
    /// release)" until 89d691c kept --quiet to dated log lines; the hold's own log line is a
    /// warning, which --quiet filtered, so a cron mail said only `ditahan=1`. The warning is
    /// shown with --quiet, dated, naming the unit and the file.
    func testQuietRunShowsTheHoldDated() throws {
        let args = ["run", "--workspace", root.path, "--settle-seconds", "0", "--quiet"]
        try drop(Self.list(1...40), name: "DIP dinsos.csv")
        XCTAssertEqual(try DipProcess.run(args).exitCode, 0)
        try drop(Self.list(1...12), name: "DIP dinsos.csv")
        let held = try DipProcess.run(args)
        XCTAssertEqual(held.exitCode, 2, held.stderr)
        XCTAssertEqual(held.stdout, "")
        let line = try XCTUnwrap(held.stderr.split(separator: "\n").first { $0.contains("event=\"kiriman ditahan") }, held.stderr)
        XCTAssertTrue(line.hasPrefix("ts=") && line.contains("level=warning") && line.contains("unit=dinsos"), String(line))
    }

    func testReleaseCommand() throws {
        _ = try holdHalfList()
        let status = try DipProcess.run(["status", "--workspace", root.path])
        XCTAssertTrue(status.stdout.contains("dinsos: DIP dinsos.csv"), status.stdout)
        XCTAssertTrue(status.stdout.contains("menarik 28 dari 40 informasi"), status.stdout)
        let json = try DipProcess.run(["status", "--workspace", root.path, "--format", "json"])
        XCTAssertTrue(json.stdout.contains("\"withdrawn\" : 28"), json.stdout)
        let refusedFirst = try DipProcess.run(["release", "dinkes", "--workspace", root.path, "--name", "Siti"])
        XCTAssertEqual(refusedFirst.exitCode, 1, refusedFirst.stderr)
        XCTAssertTrue(refusedFirst.stderr.contains("Unit dinkes tidak mempunyai kiriman yang ditahan"), refusedFirst.stderr)
        let released = try DipProcess.run(["release", "dinsos", "--workspace", root.path, "--name", "Siti", "--format", "json"])
        XCTAssertEqual(released.exitCode, 0, released.stderr)
        XCTAssertTrue(released.stdout.contains("\"withdrawn\" : \"28\""), released.stdout)
        XCTAssertEqual(try current().count, 12)
        let log = try FileManager.default.contentsOfDirectory(atPath: workspace.reports.appendingPathComponent("log").path)
        XCTAssertFalse(log.isEmpty)
    }
}

/// Log lines kept for assertions.
final class CapturedLog: @unchecked Sendable {
    struct Line { var level: Logger.Level; var message: String; var metadata: [String: String] }
    private let lock = NSLock()
    private var stored: [Line] = []
    var lines: [Line] { lock.lock(); defer { lock.unlock() }; return stored }

    func append(_ line: Line) { lock.lock(); stored.append(line); lock.unlock() }

    var logger: Logger { Logger(label: "test") { _ in Handler(log: self) } }

    struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .debug
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
                 file: String, function: String, line: UInt) {
            log.append(Line(level: level, message: "\(message)",
                            metadata: (metadata ?? [:]).mapValues { "\($0)" }))
        }
    }
}
