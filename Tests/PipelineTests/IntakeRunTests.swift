import DIPCore
import Foundation
import Intake
import Logging
import OfficeFormats
import Register
import XCTest
@testable import Pipeline

/// The intake stage of `dip run` on real folders: archive first, nothing lost, no duplicates.
final class IntakeRunTests: XCTestCase {
    var root: URL!
    var workspace: Workspace!

    static let csv = """
        No;Ringkasan Isi Informasi;Pejabat yang Menguasai Informasi;Penanggung Jawab Pembuatan Informasi;Waktu dan Tempat Pembuatan;Bentuk Informasi;Jangka Waktu Penyimpanan;Jenis Informasi\r
        1;Profil Dinas Sosial;Sekretariat;Kepala Dinas Sosial;Serang, 2026;Softcopy;Selama berlaku;Berkala\r
        2;Rencana Kerja Dinas Sosial Tahun 2026;Sub Bagian Perencanaan;Kepala Dinas Sosial;Serang, 2026;Hardcopy;5 tahun;Berkala\r

        """

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("dip-run-\(UUID().uuidString)")
        workspace = Workspace(root: root)
        try WorkspaceSetup.initialise(workspace)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    func drop(_ text: String, unit: String, name: String) throws -> URL {
        let dir = workspace.inbox.appendingPathComponent(unit)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    func runOnce(settle: TimeInterval = 0) throws -> RunSummary {
        let options = RunOptions(settleSeconds: settle, clock: Clock(now: Date(timeIntervalSince1970: 1_767_225_600)))
        return try Runner(workspace: workspace, options: options, logger: Logger(label: "test")).run()
    }

    func testFileIsArchivedReadFedBackAndRemovedFromInbox() throws {
        let file = try drop(Self.csv, unit: "dinsos", name: "dip dinsos.csv")
        let summary = try runOnce()
        XCTAssertEqual(summary.accepted, 1)
        XCTAssertEqual(summary.outcomes.first?.itemCount, 2)
        XCTAssertEqual(summary.outcomes.first?.items.isEmpty, true, "items released after intake: the register has them")
        let register = try AppDatabase.open(path: workspace.registerPath.path)
        XCTAssertEqual(try register.currentItemsByUnit()["dinsos"]?.map(\.item.ringkasan).sorted(),
                       ["Profil Dinas Sosial", "Rencana Kerja Dinas Sosial Tahun 2026"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: file.path), "inbox file removed after intake")
        let sha = summary.outcomes[0].sha256
        let archived = workspace.originals.appendingPathComponent("\(sha).csv")
        XCTAssertEqual(try Data(contentsOf: archived), Data(Self.csv.utf8), "archived copy is byte-identical")
        let mode = (try FileManager.default.attributesOfItem(atPath: archived.path)[.posixPermissions] as? NSNumber)?.intValue
        XCTAssertEqual(mode, 0o640, "issue 16 #11: originals are not world-readable")
        let record = try XCTUnwrap(OriginalsArchive(workspace: workspace).record(sha256: sha))
        XCTAssertEqual(record.receipts.map(\.unit), ["dinsos"])
        XCTAssertEqual(record.receipts.map(\.fileName), ["dip dinsos.csv"])
        let feedback = try String(contentsOf: workspace.feedbackFile(unit: "dinsos", ext: "txt"), encoding: .utf8)
        XCTAssertTrue(feedback.contains("Status: DITERIMA. 2 informasi dibaca"), feedback)
        XCTAssertTrue(feedback.contains("Profil Dinas Sosial"))
    }

    func testSameFileDroppedAgainIsRecognisedNotDuplicated() throws {
        _ = try drop(Self.csv, unit: "dinsos", name: "a.csv")
        _ = try runOnce()
        _ = try drop(Self.csv, unit: "dinsos", name: "a (salinan).csv")
        let second = try runOnce()
        XCTAssertEqual(second.duplicates, 1)
        XCTAssertEqual(second.accepted, 0)
        let stored = try FileManager.default.contentsOfDirectory(atPath: workspace.originals.path)
            .filter { $0.hasSuffix(".csv") }
        XCTAssertEqual(stored.count, 1, "one archived copy of identical bytes")
    }

    func testLockAndTemporaryFilesAreLeftAlone() throws {
        let lock = try drop("x", unit: "dinkes", name: "~$DIP.xlsx")
        let office = try drop("x", unit: "dinkes", name: ".~lock.DIP.xlsx#")
        let summary = try runOnce()
        XCTAssertTrue(summary.outcomes.isEmpty)
        XCTAssertTrue(summary.skipped.isEmpty, "lock files are skipped silently")
        XCTAssertTrue(FileManager.default.fileExists(atPath: lock.path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: office.path))
    }

    func testFileStillBeingWrittenWaitsForTheNextRun() throws {
        let file = try drop(Self.csv, unit: "dinsos", name: "baru.csv")
        let summary = try runOnce(settle: 3600)
        XCTAssertTrue(summary.outcomes.isEmpty)
        XCTAssertEqual(summary.skipped.map(\.path), [file.path])
        XCTAssertTrue(FileManager.default.fileExists(atPath: file.path))
    }

    func testRefusedFileIsKeptAndTheUnitIsToldWhy() throws {
        let dir = workspace.inbox.appendingPathComponent("satpolpp")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let cfb = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504))
        try cfb.write(to: dir.appendingPathComponent("DIP.xlsx"))
        let summary = try runOnce()
        XCTAssertEqual(summary.refused, 1)
        let sha = summary.outcomes[0].sha256
        XCTAssertTrue(FileManager.default.fileExists(atPath: workspace.originals.appendingPathComponent("\(sha).xlsx").path))
        let feedback = try String(contentsOf: workspace.feedbackFile(unit: "satpolpp", ext: "txt"), encoding: .utf8)
        XCTAssertTrue(feedback.contains("DITOLAK"), feedback)
        XCTAssertTrue(feedback.lowercased().contains(".xlsx"), "tells the unit to save as .xlsx: \(feedback)")
    }

    func testSymlinkInInboxIsNeverFollowed() throws {
        let outside = root.appendingPathComponent("rahasia.csv")
        try Data(Self.csv.utf8).write(to: outside)
        let dir = workspace.inbox.appendingPathComponent("dinsos")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent("link.csv"), withDestinationURL: outside)
        let summary = try runOnce()
        XCTAssertTrue(summary.outcomes.isEmpty)
        XCTAssertEqual(summary.skipped.count, 1)
        XCTAssertTrue(FileManager.default.fileExists(atPath: outside.path), "target untouched")
    }

    func testSecondRunWhileLockedExitsWithLocked() throws {
        var held: RunLock? = try RunLock(workspace: workspace, wait: false)
        XCTAssertThrowsError(try runOnce()) { error in
            XCTAssertEqual(error as? WorkspaceError, .locked(lockFile: workspace.lockFile.path))
        }
        XCTAssertNotNil(held)
        held = nil
        XCTAssertNoThrow(try runOnce(), "lock released with its holder")
    }

    func testNotAWorkspaceIsAConfigurationError() throws {
        let empty = Workspace(root: root.appendingPathComponent("kosong"))
        // The folder itself missing (a mistyped --workspace, a share not mounted), then a folder
        // without inbox/: each named as it is (session 27).
        for expected in ["", "inbox"] {
            XCTAssertThrowsError(try Runner(workspace: empty, options: RunOptions(clock: Clock(now: Date())), logger: Logger(label: "t")).run()) { error in
                guard case .notAWorkspace(_, let missing)? = error as? WorkspaceError else { return XCTFail("\(error)") }
                XCTAssertEqual(missing, expected)
            }
            try FileManager.default.createDirectory(at: empty.root, withIntermediateDirectories: true)
        }
    }

    /// Issue 16 #2: the unit saves a newer version (by rename, as Excel does) while dip reads
    /// the previous one: the newer file stays in the inbox and the next run takes it.
    func testNewerFileSavedWhileReadingIsNotDeleted() throws {
        let file = try drop(Self.csv, unit: "dinsos", name: "DIP.csv")
        let newer = Self.csv.replacingOccurrences(of: "Profil Dinas Sosial", with: "Profil Dinas Sosial 2027")
        let options = RunOptions(settleSeconds: 0, clock: Clock(now: Date(timeIntervalSince1970: 1_767_225_600)))
        let stage = IntakeStage(workspace: workspace, options: options, logger: Logger(label: "test"))
        let first = try stage.run(prepare: { _ in
            // Saved by rename while dip holds the old version.
            let temp = file.deletingLastPathComponent().appendingPathComponent("~WRL0001.tmp")
            try Data(newer.utf8).write(to: temp)
            XCTAssertEqual(rename(temp.path, file.path), 0)
        })
        XCTAssertEqual(first.outcomes.count, 1)
        XCTAssertEqual(try Data(contentsOf: file), Data(newer.utf8), "the newer version was deleted unread")
        let second = try stage.run()
        XCTAssertEqual(second.outcomes.map(\.status), [.accepted])
        let taken = try XCTUnwrap(second.outcomes.first, "the newer version was never taken")
        XCTAssertEqual(try Data(contentsOf: workspace.originals.appendingPathComponent("\(taken.sha256).csv")),
                       Data(newer.utf8), "the newer version is what was archived")
        XCTAssertFalse(FileManager.default.fileExists(atPath: file.path))
    }

    /// Issue 19: with `releaseItemsWhenRecorded` the summary keeps no file's items (the
    /// register holds them), while `record` and `recorded` still see them; a unit that sends
    /// two files in one run is still told about the items of both.
    func testItemsAreReleasedOnceRecordedAndAUnitsFeedbackStillListsAllItsFiles() throws {
        _ = try drop(Self.csv, unit: "dinsos", name: "c.csv")
        _ = try drop(Self.csv.replacingOccurrences(of: "Profil Dinas Sosial", with: "Profil Dinas Sosial Terbaru"),
                     unit: "dinsos", name: "d.csv")
        _ = try drop(Self.csv.replacingOccurrences(of: "Profil Dinas Sosial", with: "Profil Dinas Perhubungan"),
                     unit: "dishub", name: "dip2.csv")
        _ = try runOnce()
        let feedback = try String(contentsOf: workspace.feedbackFile(unit: "dinsos", ext: "txt"), encoding: .utf8)
        XCTAssertTrue(feedback.contains("Profil Dinas Sosial Terbaru"), feedback)
        XCTAssertTrue(feedback.contains(": Profil Dinas Sosial ["), "the first file's items are listed too: \(feedback)")

        _ = try drop(Self.csv, unit: "dinsos", name: "a.csv")
        _ = try drop(Self.csv.replacingOccurrences(of: "Profil Dinas Sosial", with: "Profil Dinas Sosial Lengkap"),
                     unit: "dinsos", name: "b.csv")
        _ = try drop(Self.csv, unit: "dishub", name: "dip.csv")
        let options = RunOptions(settleSeconds: 0, clock: Clock(now: Date(timeIntervalSince1970: 1_767_225_600)))
        var stage = IntakeStage(workspace: workspace, options: options, logger: Logger(label: "test"))
        stage.releaseItemsWhenRecorded = true
        var seen: [Int] = []
        let summary = try stage.run(recorded: { seen.append($0.items.count) })
        // dishub is not in rules/unit.yaml: the runner left its dip2.csv, the bare stage takes it.
        XCTAssertEqual(seen, [2, 2, 2, 2], "recorded sees each file's items")
        XCTAssertEqual(summary.outcomes.map(\.itemCount), [2, 2, 2, 2])
        XCTAssertEqual(summary.outcomes.map(\.items.count), [0, 0, 0, 0], "the summary holds no items")
    }

    /// The benchmark reads each stage's peak memory from the run log (`DIP_MEMORY_PROBE=1`).
    func testMemoryProbeReadsThePeakResidentSet() throws {
        #if os(Linux)
        let before = try XCTUnwrap(MemoryProbe.peakMB())
        let block = [UInt8](repeating: 1, count: 64 << 20)
        let after = try XCTUnwrap(MemoryProbe.peakMB())
        XCTAssertEqual(block.reduce(0) { $0 &+ Int($1) }, 64 << 20)
        XCTAssertGreaterThan(before, 0)
        XCTAssertGreaterThanOrEqual(after, max(before, 64), "a 64 MB block touched shows in the peak")
        #endif
    }

    /// Issue 16 #12: a run stopped after recording a file but before removing it: the next run
    /// finishes it and tells the unit it was accepted, not that it was a duplicate.
    func testFileRecordedByAStoppedRunIsNotCalledADuplicate() throws {
        _ = try drop(Self.csv, unit: "dinsos", name: "DIP.csv")
        let options = RunOptions(settleSeconds: 0, clock: Clock(now: Date(timeIntervalSince1970: 1_767_225_600)))
        let runner = Runner(workspace: workspace, options: options, logger: Logger(label: "test"))
        // Stand-in for the kill: recording succeeded, then the run stopped (an error thrown
        // from the feedback step leaves the file in the inbox exactly as a kill there would).
        struct Stop: Error {}
        let stage = IntakeStage(workspace: workspace, options: options, logger: Logger(label: "test"))
        let register = try AppDatabase.open(path: workspace.registerPath.path)
        try register.saveUnits([WorkUnit(code: "dinsos", name: "Dinas Sosial")])
        XCTAssertThrowsError(try stage.run(
            isDuplicate: { unit, stored in try register.hasSubmission(unit: unit, sha256: stored.sha256) },
            record: { outcome in
                _ = try register.recordSubmission(
                    unit: WorkUnit(code: "dinsos", name: "Dinas Sosial"), fileName: outcome.fileName, sha256: outcome.sha256,
                    archivedPath: "", receivedAt: options.clock.now, result: .accepted,
                    items: outcome.items.map { ($0, Classification(declared: $0.kategori, suggested: $0.kategori, subgroup: nil,
                        needsConsequenceTest: false, exemptionGrounds: [], needsReview: false, missingLegalBasis: false,
                        hits: [], notes: [])) }, problems: outcome.problems)
            },
            recorded: { _ in throw Stop() }))
        let summary = try runner.run()
        XCTAssertEqual(summary.outcomes.map(\.status), [.accepted], "told it was a duplicate")
        XCTAssertEqual(summary.outcomes.first?.fileName, "DIP.csv")
        let feedback = try String(contentsOf: workspace.feedbackFile(unit: "dinsos", ext: "txt"), encoding: .utf8)
        XCTAssertTrue(feedback.contains("DITERIMA"), feedback)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: workspace.inbox.appendingPathComponent("dinsos").path), [])
        XCTAssertEqual(try register.rowCount(table: "submissions"), 1)
    }

    /// Issue 16 #11: a link in `inbox/_ppid/` is never followed or archived.
    func testSymlinkInPPIDFolderIsNeverFollowed() throws {
        let outside = root.appendingPathComponent("rahasia.xlsx")
        try Data("rahasia".utf8).write(to: outside)
        let dir = workspace.inbox.appendingPathComponent("_ppid")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent("pemeriksaan.xlsx"), withDestinationURL: outside)
        _ = try runOnce()
        let archived = (try? FileManager.default.contentsOfDirectory(atPath: workspace.originals.path)) ?? []
        XCTAssertEqual(archived, [], "the link's target was archived")
        XCTAssertTrue(FileManager.default.fileExists(atPath: outside.path))
    }

    /// Issue 16 #5: everything for one unit sits in its own outbox, which a share can grant to
    /// that unit alone; the former shared folders are moved into the outboxes.
    func testEachUnitsOutputsSitInItsOwnOutbox() throws {
        let old = workspace.reports.appendingPathComponent("umpan-balik")
        try FileManager.default.createDirectory(at: old, withIntermediateDirectories: true)
        try Data("umpan balik lama".utf8).write(to: old.appendingPathComponent("dinkes.txt"))
        try Data("pemberitahuan lama".utf8).write(to: old.appendingPathComponent("dinkes-tidak-dibaca.txt"))
        _ = try drop(Self.csv, unit: "dinsos", name: "DIP.csv")
        _ = try drop(Self.csv.replacingOccurrences(of: "Dinas Sosial", with: "Dinas Kesehatan"), unit: "dinkes", name: "DIP.csv")
        try FileManager.default.createDirectory(at: workspace.inbox.appendingPathComponent("dinsos/lama"), withIntermediateDirectories: true)
        _ = try runOnce()
        for unit in ["dinsos", "dinkes"] {
            var expected = ["DIP-\(unit).xlsx", "umpan-balik-\(unit).html", "umpan-balik-\(unit).txt", "umpan-balik-\(unit).xlsx"]
            if unit == "dinsos" { expected.append("tidak-dibaca-dinsos.txt") }
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: workspace.outbox(unit: unit).path).sorted(),
                           expected.sorted())
            let feedback = try String(contentsOf: workspace.feedbackFile(unit: unit, ext: "txt"), encoding: .utf8)
            XCTAssertFalse(feedback.contains(unit == "dinsos" ? "Dinas Kesehatan" : "Dinas Sosial"), feedback)
        }
        let top = try FileManager.default.contentsOfDirectory(atPath: workspace.reports.path)
        XCTAssertFalse(top.contains("umpan-balik") || top.contains("templat"), "a folder every unit reads: \(top)")
        // The sub-folder notice says what to put in the unit folder instead, naming every format
        // the intake reads (ODS was left out).
        let notice = try String(contentsOf: workspace.unreadNoticeFile(unit: "dinsos"), encoding: .utf8)
        XCTAssertTrue(notice.contains("letakkan berkas DIP (.xlsx, .ods atau .csv) langsung di folder unit"), notice)
    }

    /// Every registered unit's outbox holds its template from the first run, a blank list under
    /// its name until it sends one (the blank one in inbox/ is out of a unit's reach); a unit
    /// added to rules/unit.yaml gets its own at the next run, though no list changed.
    func testEveryRegisteredUnitHasATemplateFromTheFirstRun() throws {
        _ = try drop(Self.csv, unit: "dinsos", name: "DIP.csv")
        _ = try runOnce()
        let blank = workspace.templateFile(unit: "bpbd")
        XCTAssertTrue(FileManager.default.fileExists(atPath: blank.path), "no template for a unit that sent nothing")
        let texts = try XLSXWorkbook(path: blank.path).sharedStrings().joined(separator: "\n")
        XCTAssertTrue(texts.contains("Badan Penanggulangan Bencana Daerah"), texts)
        XCTAssertEqual(readSubmission(at: blank.path).items.count, 0)
        // A new unit: registered after the first run, nothing sent, nothing else changed.
        let units = workspace.rules.appendingPathComponent("unit.yaml")
        try (try String(contentsOf: units, encoding: .utf8) + """
              - kode: dishub
                nama: Dinas Perhubungan
                kepala: Kepala Dinas Perhubungan
                ppid_pelaksana: Sekretaris Dinas Perhubungan

            """).write(to: units, atomically: true, encoding: .utf8)
        _ = try runOnce()
        XCTAssertTrue(FileManager.default.fileExists(atPath: workspace.templateFile(unit: "dishub").path))
    }

    /// Issue 16 #17: a template lost by a run stopped before writing it (or stale) is rebuilt
    /// from the register by the next run, without a new file from the unit.
    func testTemplateIsRebuiltFromTheRegisterAfterAStoppedRun() throws {
        _ = try drop(Self.csv, unit: "dinsos", name: "DIP.csv")
        _ = try runOnce()
        let template = workspace.templateFile(unit: "dinsos")
        let written = try Data(contentsOf: template)
        try FileManager.default.removeItem(at: template)
        try? FileManager.default.removeItem(at: workspace.archive.appendingPathComponent(".templat-stamp"))
        _ = try runOnce()
        XCTAssertEqual(try? Data(contentsOf: template), written)
    }

    /// Session 24 walk: reports/ deleted (or restored from a backup without the outboxes),
    /// nothing else changed: the units' templates come back at the next run. The stamp of the
    /// current items was unchanged, so the run skipped the templates and they stayed lost.
    func testTemplatesComeBackWhenReportsIsDeleted() throws {
        _ = try drop(Self.csv, unit: "dinsos", name: "DIP.csv")
        _ = try runOnce()
        let template = workspace.templateFile(unit: "dinsos")
        let blank = workspace.templateFile(unit: "bpbd")
        let written = try Data(contentsOf: template)
        let blankWritten = try Data(contentsOf: blank)
        try FileManager.default.removeItem(at: workspace.reports)
        try FileManager.default.createDirectory(at: workspace.reports, withIntermediateDirectories: true)
        _ = try runOnce()
        XCTAssertEqual(try? Data(contentsOf: template), written)
        XCTAssertEqual(try? Data(contentsOf: blank), blankWritten)
    }

    /// Issue 16 #13: a file dated ahead of the clock does not wait silently: the unit and the
    /// log (warning) are told.
    func testFileDatedInTheFutureIsToldToTheUnit() throws {
        let file = try drop(Self.csv, unit: "dinsos", name: "DIP.csv")
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(86_400)], ofItemAtPath: file.path)
        let summary = try runOnce()
        XCTAssertTrue(summary.outcomes.isEmpty)
        XCTAssertEqual(summary.skipped.map(\.needsAPerson), [true], "\(summary.skipped)")
        let notice = try String(contentsOf: workspace.unreadNoticeFile(unit: "dinsos"), encoding: .utf8)
        XCTAssertTrue(notice.contains("jam komputer"), notice)
        XCTAssertTrue(FileManager.default.fileExists(atPath: file.path))
    }

    /// Issue 16 #15: a unit folder that is a link is a warning and a notice, not an info line.
    func testLinkedUnitFolderIsToldToTheUnit() throws {
        let elsewhere = root.appendingPathComponent("lain")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try Data(Self.csv.utf8).write(to: elsewhere.appendingPathComponent("DIP.csv"))
        try FileManager.default.createSymbolicLink(at: workspace.inbox.appendingPathComponent("dinsos"), withDestinationURL: elsewhere)
        let summary = try runOnce()
        XCTAssertTrue(summary.outcomes.isEmpty)
        XCTAssertEqual(summary.skipped.map(\.needsAPerson), [true], "\(summary.skipped)")
        let notice = try String(contentsOf: workspace.unreadNoticeFile(unit: "dinsos"), encoding: .utf8)
        XCTAssertTrue(notice.contains("pintasan"), notice)
    }

    /// Issue 16 #7: a CSV copy cut short (ends mid-record) is refused, never taken as the
    /// unit's whole list; a complete file without a final line break is read.
    func testCSVCutShortIsRefused() throws {
        let full = Self.csv.trimmingCharacters(in: .whitespacesAndNewlines)
        let complete = try drop(full, unit: "dinsos", name: "utuh.csv")
        XCTAssertEqual(readSubmission(at: complete.path).status, .accepted)
        let cut = String(full.prefix(full.count - 30))
        let half = try drop(cut, unit: "dinsos", name: "terpotong.csv")
        let read = readSubmission(at: half.path)
        XCTAssertEqual(read.status, .refused, "\(read.items.count) items from half a file")
        XCTAssertEqual(read.problems.first?.code, "corrupt-file")
        let quoted = try drop(full + "\r\n3;\"Laporan yang terpo", unit: "dinsos", name: "kutip.csv")
        XCTAssertEqual(readSubmission(at: quoted.path).status, .refused)
    }

    /// Issue 16 #10 (CSV part): a record's cost is bounded: more fields than a spreadsheet has
    /// columns, or a record longer than `CSVReader.maxRecordBytes`, refuses the file at once.
    func testCSVRecordsOfUnboundedShapeAreRefused() throws {
        let header = Self.csv.components(separatedBy: "\r\n")[0]
        let wide = header + "\r\n1;" + String(repeating: "x;", count: 20_000) + "x\r\n"
        let long = header + "\r\n1;" + String(repeating: "y", count: 3 * 1_048_576) + ";a;b;c;d;e;Berkala\r\n"
        for (name, text) in [("lebar.csv", wide), ("panjang.csv", long)] {
            let url = try drop(text, unit: "dinsos", name: name)
            // What such a file costs per MB is measured by the hostile-shapes benchmark
            // (docs/benchmarks.md), not timed here: these machines are shared and noisy.
            let read = readSubmission(at: url.path)
            XCTAssertEqual(read.status, .refused, name)
            XCTAssertEqual(read.problems.first?.code, "zip-bomb", "\(name): \(read.problems.first?.message ?? "")")
        }
    }
}
