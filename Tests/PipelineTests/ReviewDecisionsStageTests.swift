import DIPCore
import Foundation
import GRDB
import TestSupport
import Intake
import Logging
import Publish
import Register
import XCTest

@testable import Pipeline

/// The review round trip on a real workspace: register → review workbook → edited with
/// openpyxl as a reviewer would → dropped in inbox/_ppid/ → decisions in the register.
final class ReviewDecisionsStageTests: XCTestCase {
    var root: URL!
    var workspace: Workspace!
    let clock = Clock(now: Date(timeIntervalSince1970: 1_767_225_600))
    let dinkes = WorkUnit(code: "dinkes", name: "Dinas Kesehatan")

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("dip-review-\(UUID().uuidString)")
        workspace = Workspace(root: root)
        _ = try WorkspaceSetup.initialise(workspace)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    func item(_ n: Int, _ ringkasan: String, _ category: DIPCore.Category) -> InformationItem {
        InformationItem(
            source: SourceLocation(file: "dip.xlsx", sheet: "DIP", row: n + 1), nomor: "\(n)", ringkasan: ringkasan,
            pejabatPenguasa: "Sekretariat", penanggungJawab: "Kepala Dinas Kesehatan", waktuPembuatan: "2025",
            tempatPembuatan: "Serang", bentuk: "Softcopy", retensi: "5 tahun", kategoriText: category.shortLabel,
            kategori: category, form: InformationForm(printed: false, electronic: true), retention: .years(5))
    }

    func classification(_ i: InformationItem) -> Classification {
        let exempt = i.kategori == .dikecualikan
        return Classification(
            declared: i.kategori, suggested: i.kategori, subgroup: i.kategori == .berkala ? .A : nil,
            needsConsequenceTest: exempt, exemptionGrounds: exempt ? ["17h2"] : [], needsReview: false,
            missingLegalBasis: false, hits: [], notes: [])
    }

    func record(_ register: AppDatabase, _ items: [InformationItem], sha: String, at: Date) throws -> SubmissionUpdate {
        try register.recordSubmission(
            unit: dinkes, fileName: "dip-\(sha).xlsx", sha256: sha, archivedPath: "archive/originals/\(sha).xlsx",
            receivedAt: at, result: .accepted, items: items.map { ($0, classification($0)) }, problems: [])
    }

    static let editScript = """
        import json, sys, openpyxl
        path = sys.argv[1]
        wb = openpyxl.load_workbook(path)
        for sheet, item, header, value in json.loads(sys.argv[2]):
            ws = wb[sheet]
            heads = {c.value: c.column for c in ws[1]}
            idc = heads["ID DIP (jangan diubah)"]
            row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, idc).value == item)
            ws.cell(row, heads[header]).value = value
        p = wb["Petunjuk"]
        for r in range(1, p.max_row + 1):
            if p.cell(r, 1).value == "Nama pemeriksa": p.cell(r, 2).value = "Hj. Siti Pemeriksa"
        wb.save(path)
        """

    /// The cells of a complete consequence test (exempted whole) for `item`, as `edit` takes them.
    static func consequenceTestEdits(_ item: String) -> [[String]] {
        [
            ["Informasi Spesifik yang Dikecualikan", "Identitas dan diagnosis pasien"],
            ["Konsekuensi apabila Dibuka", "Mengungkap rahasia pribadi"],
            ["Pertimbangan Kepentingan Publik", "Perlindungan data pribadi lebih besar"],
            ["Kesimpulan", "Dikecualikan seluruhnya"],
            ["Jangka Waktu Pengecualian", "25 tahun"],
            ["Nama Penguji", "dr. Penguji"],
            ["Tanggal Uji", "31/12/2025"],
        ].map { ["Uji Konsekuensi", item] + $0 }
    }

    /// A token the register issued, as `PublishStage.writeReviewPack` issues one per pack.
    func issuedToken(_ register: AppDatabase, draft: Int?) throws -> String {
        let token = "uji-\(UUID().uuidString)"
        try register.issueReviewToken(token, draftVersion: draft, at: clock.now)
        return token
    }

    /// A register with a draft of two dinkes items (one needing a test) and a review workbook
    /// for it in `inbox/_ppid/`, filled in: item 1 approved, item 2 tested (exempted whole).
    func filledWorkbook(token: (AppDatabase, Int) throws -> String?) throws -> (AppDatabase, URL) {
        let register = try AppDatabase.open(path: workspace.registerPath.path)
        try register.saveUnits([dinkes])
        let items = [item(1, "Profil Dinas Kesehatan", .berkala), item(2, "Rekam medis pasien puskesmas", .dikecualikan)]
        _ = try record(register, items, sha: "a1", at: clock.now.addingTimeInterval(-7200))
        let draft = try XCTUnwrap(try register.makeDraft(clock: Clock(now: clock.now.addingTimeInterval(-3600))))
        let bytes = try ReviewWorkbook.build(
            draft: draft, pending: try register.pendingConsequenceTests(), diff: try register.diffSinceLastDecree(),
            problemsByUnit: [:], completeness: nil, token: try token(register, draft.number), clock: clock)
        let inbox = workspace.inbox.appendingPathComponent("_ppid")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        let dropped = inbox.appendingPathComponent("pemeriksaan.xlsx")
        try Data(bytes).write(to: dropped)
        try edit(dropped.path, [["Berkala", "dinkes-0001", "Keputusan", "Setujui"]] + Self.consequenceTestEdits("dinkes-0002"))
        return (register, dropped)
    }

    /// A workspace made before `dip init` made `inbox/_ppid/` gets it from the run, where the
    /// PPID is told to drop the filled workbook.
    func testTheRunMakesThePPIDsDropFolderOfAnOlderWorkspace() throws {
        let folder = workspace.inbox.appendingPathComponent("_ppid")
        try FileManager.default.removeItem(at: folder)
        let register = try AppDatabase.inMemory()
        let summary = try applyReviewWorkbooks(workspace: workspace, register: register, clock: clock, logger: Logger(label: "test"))
        XCTAssertTrue(summary.files.isEmpty)
        var isFolder: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) && isFolder.boolValue)
    }

    /// A workbook still open (a lock file beside it, maybe left by a program that crashed) keeps
    /// its decisions waiting: a warning (which `dip run --quiet` shows), and for a path a `dip
    /// watch` pass already warned of, a debug line only. Session 19 logged it at info, which
    /// --quiet filtered.
    func testAWorkbookStillOpenIsAWarningOnce() throws {
        let folder = workspace.inbox.appendingPathComponent("_ppid")
        let workbook = folder.appendingPathComponent("pemeriksaan.xlsx")
        try Data("x".utf8).write(to: workbook)
        try Data("kunci".utf8).write(to: folder.appendingPathComponent("~$pemeriksaan.xlsx"))
        let register = try AppDatabase.inMemory()
        let first = CapturedLog()
        let summary = try applyReviewWorkbooks(workspace: workspace, register: register, clock: clock, logger: first.logger)
        XCTAssertEqual(summary.skipped, ["pemeriksaan.xlsx"])
        XCTAssertEqual(summary.skippedPaths, [workbook.path])
        let line = try XCTUnwrap(first.lines.first { $0.message == reviewStillOpenEvent })
        XCTAssertEqual(line.level, .warning)
        XCTAssertEqual(line.metadata["berkas"], "pemeriksaan.xlsx")
        let again = CapturedLog()
        _ = try applyReviewWorkbooks(workspace: workspace, register: register, clock: clock, logger: again.logger,
                                     alreadyLogged: Set(summary.skippedPaths))
        XCTAssertEqual(again.lines.first { $0.message == reviewStillOpenEvent }?.level, .debug)
        XCTAssertTrue(FileManager.default.fileExists(atPath: workbook.path), "left for a later run")
    }

    /// Issue 16 #1: a run killed after archiving the workbook (its receipt exists) but before
    /// applying it: the next run applies it whole, it does not call it "already processed".
    func testWorkbookArchivedByAKilledRunIsAppliedByTheNextRun() throws {
        let (register, dropped) = try filledWorkbook { try self.issuedToken($0, draft: $1) }
        _ = try OriginalsArchive(workspace: workspace).store(dropped, unit: "_ppid", receivedAt: clock.rfc3339())
        let summary = try applyReviewWorkbooks(workspace: workspace, register: register, clock: clock,
                                               logger: Logger(label: "test"))
        let file = try XCTUnwrap(summary.files.first)
        XCTAssertFalse(file.duplicate, "the receipt alone must not make it a duplicate")
        XCTAssertEqual(file.testsRecorded, 1, "\(file.refused)")
        XCTAssertEqual(file.approved, 1, "\(file.refused)")
        XCTAssertEqual(try register.history(itemID: "dinkes-0002").state, "dikecualikan")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dropped.path))
        XCTAssertNotNil(try register.appliedReviewWorkbook(sha256: file.sha256))
    }

    /// A test is recorded after it took place: a workbook row dated after the day the workbook
    /// is applied is refused where it stands (sheet, row, item, both dates, what to do) and
    /// nothing of it is recorded; the workbook's other rows are applied.
    func testWorkbookTestDatedAfterTheDayItIsAppliedIsRefused() throws {
        let (register, dropped) = try filledWorkbook { try self.issuedToken($0, draft: $1) }
        try edit(dropped.path, [["Uji Konsekuensi", "dinkes-0002", "Tanggal Uji", "5/1/2026"]])
        let summary = try applyReviewWorkbooks(workspace: workspace, register: register, clock: clock,
                                               logger: Logger(label: "test"))
        let file = try XCTUnwrap(summary.files.first)
        XCTAssertEqual(file.testsRecorded, 0, "\(file.refused)")
        XCTAssertEqual(file.approved, 1, "\(file.refused)")
        let refusal = try XCTUnwrap(file.refused.first { $0.contains("dinkes-0002") }, "\(file.refused)")
        XCTAssertTrue(refusal.hasPrefix("Sheet 'Uji Konsekuensi' baris "), refusal)
        XCTAssertTrue(refusal.contains("Tanggal uji konsekuensi dinkes-0002 (5 Januari 2026) sesudah hari pencatatannya "
            + "(1 Januari 2026); uji dicatat setelah dilakukan, tulis tanggal uji yang sebenarnya."), refusal)
        XCTAssertEqual(try register.history(itemID: "dinkes-0002").state, "menunggu_uji")
        XCTAssertEqual(try register.pendingConsequenceTests().map(\.itemID), ["dinkes-0002"])
        let text = try String(contentsOf: workspace.reports.appendingPathComponent("review/hasil-pemeriksaan.txt"), encoding: .utf8)
        XCTAssertTrue(text.contains(refusal), text)
    }

    /// Issue 16 #1: a register error on one row (here a trigger standing in for an I/O
    /// error) applies nothing, keeps the file in the inbox and fails the run; once the
    /// register works again the same file is applied whole.
    func testTransientRegisterErrorKeepsTheWorkbookForTheNextRun() throws {
        let (register, dropped) = try filledWorkbook { try self.issuedToken($0, draft: $1) }
        let raw = try DatabaseQueue(path: workspace.registerPath.path)
        try raw.write { try $0.execute(sql: "CREATE TRIGGER gagal BEFORE INSERT ON decisions BEGIN SELECT RAISE(ABORT, 'I/O'); END") }
        let failed = try applyReviewWorkbooks(workspace: workspace, register: register, clock: clock,
                                              logger: Logger(label: "test"))
        XCTAssertEqual(failed.failures.count, 1)
        XCTAssertTrue(failed.files.isEmpty)
        let left = try FileManager.default.contentsOfDirectory(atPath: dropped.deletingLastPathComponent().path)
        XCTAssertEqual(left.filter { $0.hasSuffix("pemeriksaan.xlsx") }.count, 1, "the PPID's workbook was deleted: \(left)")
        XCTAssertTrue(try register.history(itemID: "dinkes-0002").tests.isEmpty, "half a workbook was applied")
        try raw.write { try $0.execute(sql: "DROP TRIGGER gagal") }
        let again = try applyReviewWorkbooks(workspace: workspace, register: register, clock: clock,
                                             logger: Logger(label: "test"))
        let file = try XCTUnwrap(again.files.first)
        XCTAssertEqual(file.testsRecorded, 1, "\(file.refused)")
        XCTAssertEqual(file.approved, 1, "\(file.refused)")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dropped.deletingLastPathComponent().path), [])
    }

    /// Issue 16 #4: a workbook dip did not issue (no token, or a made-up one) decides nothing
    /// and the PPID is told.
    func testWorkbookWithoutAnIssuedTokenDecidesNothing() throws {
        for token in [nil, "0123456789abcdef0123456789abcdef"] as [String?] {
            try tearDownWithError()
            try setUpWithError()
            let (register, _) = try filledWorkbook { _, _ in token }
            let summary = try applyReviewWorkbooks(workspace: workspace, register: register, clock: clock,
                                                   logger: Logger(label: "test"))
            let file = try XCTUnwrap(summary.files.first)
            XCTAssertFalse(file.recognised)
            XCTAssertEqual(file.testsRecorded + file.approved, 0)
            XCTAssertTrue(try register.history(itemID: "dinkes-0002").tests.isEmpty)
            XCTAssertTrue(try register.history(itemID: "dinkes-0001").decisions.isEmpty)
            let text = try String(contentsOf: file.resultFile, encoding: .utf8)
            XCTAssertTrue(text.contains("PERINGATAN untuk PPID") && text.contains("token"), text)
        }
    }

    func edit(_ path: String, _ edits: [[String]]) throws {
        try Checkers.runPython(Self.editScript,
                               [path, String(decoding: try JSONSerialization.data(withJSONObject: edits), as: UTF8.self)])
    }

    func testDecisionsAndTestsFromTheWorkbookReachTheRegisterAndStaleRowsAreRefused() throws {
        let register = try AppDatabase.open(path: workspace.registerPath.path)
        try register.saveUnits([dinkes])
        var items = [
            item(1, "Profil Dinas Kesehatan", .berkala),
            item(2, "Struktur organisasi Dinas Kesehatan", .berkala),
            item(3, "Rekam medis pasien puskesmas", .dikecualikan),
            item(4, "Daftar puskesmas dan jam layanan", .setiapSaat),
        ]
        _ = try record(register, items, sha: "a1", at: clock.now.addingTimeInterval(-7200))
        let draft = try XCTUnwrap(try register.makeDraft(clock: Clock(now: clock.now.addingTimeInterval(-3600))))
        let pending = try register.pendingConsequenceTests()
        XCTAssertEqual(pending.map(\.itemID), ["dinkes-0003"])

        let bytes = try ReviewWorkbook.build(
            draft: draft, pending: pending, diff: try register.diffSinceLastDecree(),
            problemsByUnit: ["dinkes": try register.lastProblems(unit: "dinkes")], completeness: nil,
            token: try issuedToken(register, draft: draft.number), clock: clock)
        let inbox = workspace.inbox.appendingPathComponent("_ppid")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        let dropped = inbox.appendingPathComponent("pemeriksaan DIP.xlsx")
        try Data(bytes).write(to: dropped)
        try edit(dropped.path, [
            ["Berkala", "dinkes-0001", "Keputusan", "Setujui"],
            ["Berkala", "dinkes-0002", "Keputusan", "Kembalikan"],
            ["Berkala", "dinkes-0002", "Catatan", "Pisahkan struktur organisasi dari profil pejabat."],
            ["Setiap Saat", "dinkes-0004", "Keputusan", "Setujui"],
        ] + Self.consequenceTestEdits("dinkes-0003"))

        // Meanwhile the unit changed item 4: the workbook's decision on revision 1 is stale.
        items[3].bentuk = "Softcopy dan Hardcopy"
        let update = try record(register, items, sha: "a2", at: clock.now.addingTimeInterval(-600))
        XCTAssertEqual(update.changed.map(\.itemID), ["dinkes-0004"])

        let summary = try applyReviewWorkbooks(workspace: workspace, register: register, clock: clock,
                                               logger: Logger(label: "test"))
        let file = try XCTUnwrap(summary.files.first)
        XCTAssertTrue(file.recognised)
        XCTAssertEqual(file.testsRecorded, 1)
        XCTAssertEqual(file.approved, 1)
        XCTAssertEqual(file.returned, 1)
        XCTAssertEqual(file.refused.count, 1)
        XCTAssertTrue(file.refused[0].contains("dinkes-0004") && file.refused[0].contains("revisi 1"), file.refused[0])
        XCTAssertTrue(summary.changedRegister)

        // The register changed accordingly.
        XCTAssertTrue(try register.pendingConsequenceTests().isEmpty)
        let notes = try register.returnNotes(unit: "dinkes")
        XCTAssertEqual(notes.map(\.itemID), ["dinkes-0002"])
        XCTAssertEqual(notes.first?.note, "Pisahkan struktur organisasi dari profil pejabat.")
        XCTAssertEqual(notes.first?.by, "Hj. Siti Pemeriksa")
        let history = try register.history(itemID: "dinkes-0003")
        XCTAssertEqual(history.tests.first?.source, .workbook)
        XCTAssertEqual(history.tests.first?.test.conclusion, .exemptWhole)
        XCTAssertEqual(history.tests.first?.test.grounds, ["17h2"], "the prefilled legal basis was kept")
        XCTAssertEqual(history.state, "dikecualikan")
        XCTAssertTrue(try register.history(itemID: "dinkes-0004").decisions.isEmpty)

        // Archived, removed from the inbox, result written in Indonesian.
        XCTAssertFalse(FileManager.default.fileExists(atPath: dropped.path))
        XCTAssertNotNil(OriginalsArchive(workspace: workspace).record(sha256: file.sha256))
        let text = try String(contentsOf: workspace.reports.appendingPathComponent("review/hasil-pemeriksaan DIP.txt"))
        XCTAssertTrue(text.contains("Uji konsekuensi dicatat: 1"), text)
        XCTAssertTrue(text.contains("Ditolak (tidak diterapkan):"), text)
        XCTAssertTrue(text.contains("revisi terkini adalah 2"), text)

        // Dropping the very same file again applies nothing twice.
        try Data(try Data(contentsOf: workspace.originals.appendingPathComponent("\(file.sha256).xlsx"))).write(to: dropped)
        let again = try applyReviewWorkbooks(workspace: workspace, register: register, clock: clock, logger: Logger(label: "test"))
        XCTAssertEqual(again.files.first?.duplicate, true)
        XCTAssertEqual(try register.history(itemID: "dinkes-0003").tests.count, 1)
    }

    /// The PPID works in a spreadsheet program: the workbook, filled in and saved again by
    /// LibreOffice Calc (which rewrites every part: strings, styles, hidden columns), is still
    /// recognised and its decisions and tests are applied.
    func testWorkbookSavedAgainByLibreOfficeIsApplied() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/soffice") else {
            throw missingTool("LibreOffice (soffice) not installed (make checkers installs it)")
        }
        let register = try AppDatabase.open(path: workspace.registerPath.path)
        try register.saveUnits([dinkes])
        let items = [item(1, "Profil Dinas Kesehatan", .berkala), item(3, "Rekam medis pasien puskesmas", .dikecualikan)]
        _ = try record(register, items, sha: "a1", at: clock.now.addingTimeInterval(-7200))
        let draft = try XCTUnwrap(try register.makeDraft(clock: Clock(now: clock.now.addingTimeInterval(-3600))))
        let pending = try register.pendingConsequenceTests()
        let bytes = try ReviewWorkbook.build(
            draft: draft, pending: pending, diff: try register.diffSinceLastDecree(),
            problemsByUnit: [:], completeness: nil, token: try issuedToken(register, draft: draft.number), clock: clock)
        let work = try Scratch.directory("dip-lo")
        let filled = work.appendingPathComponent("pemeriksaan.xlsx")
        try Data(bytes).write(to: filled)
        try edit(filled.path, [
            ["Berkala", "dinkes-0001", "Keputusan", "Setujui"],
        ] + Self.consequenceTestEdits("dinkes-0002"))
        // Saved again by Calc, as the PPID's "Save" would.
        let out = work.appendingPathComponent("lo")
        let soffice = Process()
        soffice.executableURL = URL(fileURLWithPath: "/usr/bin/soffice")
        soffice.arguments = ["-env:UserInstallation=file://\(work.path)/profile", "--headless", "--convert-to",
                             "xlsx:Calc MS Excel 2007 XML", "--outdir", out.path, filled.path]
        soffice.standardOutput = FileHandle.nullDevice
        soffice.standardError = FileHandle.nullDevice
        try soffice.run()
        soffice.waitUntilExit()
        let resaved = try Data(contentsOf: out.appendingPathComponent("pemeriksaan.xlsx"))
        XCTAssertNotEqual(resaved, try Data(contentsOf: filled), "Calc wrote its own package")

        let inbox = workspace.inbox.appendingPathComponent("_ppid")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try resaved.write(to: inbox.appendingPathComponent("pemeriksaan LibreOffice.xlsx"))
        let summary = try applyReviewWorkbooks(workspace: workspace, register: register, clock: clock,
                                               logger: Logger(label: "test"))
        let file = try XCTUnwrap(summary.files.first)
        XCTAssertTrue(file.recognised, "\(file.problems)")
        XCTAssertEqual(file.approved, 1, "\(file.refused) \(file.problems)")
        XCTAssertEqual(file.testsRecorded, 1, "\(file.refused) \(file.problems)")
        XCTAssertEqual(try register.history(itemID: "dinkes-0002").state, "dikecualikan")
    }

    func testForeignSpreadsheetIsReportedNotApplied() throws {
        let register = try AppDatabase.open(path: workspace.registerPath.path)
        let inbox = workspace.inbox.appendingPathComponent("_ppid")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try Data(try UpdateTemplate.blank(clock: clock)).write(to: inbox.appendingPathComponent("lain.xlsx"))
        try Data("kunci".utf8).write(to: inbox.appendingPathComponent("~$buka.xlsx"))
        try Data(try UpdateTemplate.blank(clock: clock)).write(to: inbox.appendingPathComponent("buka.xlsx"))
        let summary = try applyReviewWorkbooks(workspace: workspace, register: register, clock: clock,
                                               logger: Logger(label: "test"))
        XCTAssertEqual(summary.skipped, ["buka.xlsx"])
        XCTAssertEqual(summary.files.map(\.fileName), ["lain.xlsx"])
        XCTAssertFalse(summary.files[0].recognised)
        let text = try String(contentsOf: summary.files[0].resultFile)
        XCTAssertTrue(text.contains("bukan lembar kerja pemeriksaan DIP"), text)
        XCTAssertTrue(FileManager.default.fileExists(atPath: inbox.appendingPathComponent("buka.xlsx").path))
    }

    /// The update template names each item by its register id: sent back unedited, nothing
    /// changes; an edited row stays the same item even when its summary is rewritten.
    func testUpdateTemplateRoundTripKeepsIdentity() throws {
        let register = try AppDatabase.open(path: workspace.registerPath.path)
        try register.saveUnits([dinkes])
        let items = [
            item(1, "Profil Dinas Kesehatan", .berkala),
            item(2, "Rencana kerja tahunan", .berkala),
            item(3, "Daftar puskesmas", .setiapSaat),
        ]
        _ = try record(register, items, sha: "b1", at: clock.now.addingTimeInterval(-7200))
        let current = try register.currentItems(unit: "dinkes")
        XCTAssertEqual(current.map(\.itemID), ["dinkes-0001", "dinkes-0002", "dinkes-0003"])
        let url = root.appendingPathComponent("templat.xlsx")
        try Data(try UpdateTemplate.workbook(unit: dinkes, items: current, clock: clock)).write(to: url)
        let read = readSubmission(at: url.path)
        XCTAssertEqual(read.items.map(\.kode), ["dinkes-0001", "dinkes-0002", "dinkes-0003"])
        let same = try record(register, read.items, sha: "b2", at: clock.now.addingTimeInterval(-3600))
        XCTAssertEqual(same.unchanged.count, 3, "\(same)")
        XCTAssertFalse(same.hasChanges)

        var edited = read.items
        edited[1].ringkasan = "Dokumen perencanaan: Renja, Renstra, dan DPA"
        let update = try record(register, edited, sha: "b3", at: clock.now)
        XCTAssertEqual(update.changed.map(\.itemID), ["dinkes-0002"])
        XCTAssertEqual(update.changed.first?.fields, ["ringkasan"])
        XCTAssertTrue(update.added.isEmpty && update.withdrawn.isEmpty)
    }
}
