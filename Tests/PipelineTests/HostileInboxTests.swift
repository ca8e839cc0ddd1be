import CLibZip
import DIPCore
import Foundation
import Logging
import Register
import Rules
import XCTest
@testable import Pipeline

/// Hostile and broken input at the level of a whole run: every bad file is refused and kept
/// (the unit is told), odd files are left in place, and the run carries on with the rest.
final class HostileInboxTests: XCTestCase {
    var ws: HarnessWorkspace!
    var inbox: URL { ws.workspace.inbox }

    override func setUpWithError() throws {
        ws = try HarnessWorkspace()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: ws.root)
    }

    func runInProcess(settle: TimeInterval = 0, threads: Int = RunOptions.defaultThreads,
                      hook: ((Int, Int, InboxFile) -> Void)? = nil) throws -> RunSummary {
        var options = RunOptions(settleSeconds: settle, clock: Clock(now: Date(timeIntervalSince1970: 1_767_225_600)))
        options.threads = threads
        var runner = Runner(workspace: ws.workspace, options: options, logger: Logger(label: "test"))
        runner.progress = hook
        return try runner.run()
    }

    func put(_ unit: String, _ name: String, _ bytes: [UInt8], age: TimeInterval = 3600) throws -> URL {
        let folder = inbox.appendingPathComponent(unit)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -age)], ofItemAtPath: url.path)
        return url
    }

    static let goodCSV = Array("""
    No,Ringkasan Isi Informasi,Pejabat/Unit yang Menguasai Informasi,Penanggung Jawab Pembuatan atau Penerbitan Informasi,Waktu Pembuatan,Tempat Pembuatan,Bentuk Informasi,Jangka Waktu Penyimpanan,Jenis Informasi
    1,Laporan keuangan tahun 2025,Sekretariat,Kepala Dinas,2025,Serang,Softcopy,5 tahun,Berkala
    2,Rencana strategis 2025-2029,Sekretariat,Kepala Dinas,2025,Serang,Softcopy,5 tahun,Berkala

    """.utf8)

    func testHostileFilesAreRefusedKeptAndToldWhileTheRunContinues() throws {
        let fm = FileManager.default
        // Zip bomb by ratio: 64 MB of blanks deflate about 1000:1.
        let padding = String(repeating: " ", count: 64 << 20)
        _ = try put("dinkes", "bom-zip.xlsx", try workbook(sheetData: "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>" + padding))
        // Billion laughs in the shared strings.
        var dtd = "<!DOCTYPE sst [<!ENTITY lol \"lol\">"
        for i in 1...9 { dtd += "<!ENTITY lol\(i) \"" + String(repeating: i == 1 ? "&lol;" : "&lol\(i - 1);", count: 10) + "\">" }
        dtd += "]>"
        let sst = "<?xml version=\"1.0\"?>\(dtd)<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>&lol9;</t></si></sst>"
        _ = try put("dinkes", "bom-entitas.xlsx", try workbook(sheetData: "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>", sharedStrings: sst))
        // A sheet relationship pointing outside the package, and an entry named ../evil.xml.
        let rels = """
        <?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="../../evil.xml"/></Relationships>
        """
        _ = try put("dinkes", "jalur-keluar.xlsx", try workbook(sheetData: "", extra: [
            ("../evil.xml", Array("<worksheet><sheetData/></worksheet>".utf8)), ("xl/_rels/workbook.xml.rels", Array(rels.utf8))]))
        _ = try put("dinkes", "kosong.csv", [])
        // Awkward but valid names.
        _ = try put("bpbd", "DIP BPBD — revisi 2 (final).csv", Self.goodCSV)
        _ = try put("dinkes", "baris\nbaru.csv", Self.goodCSV)
        // Things that are not submissions: a symlink out of the workspace, a FIFO, a folder.
        let link = inbox.appendingPathComponent("dinkes/tautan.csv")
        try fm.createSymbolicLink(atPath: link.path, withDestinationPath: "/etc/passwd")
        let fifo = inbox.appendingPathComponent("dinkes/pipa.csv")
        XCTAssertEqual(mkfifo(fifo.path, 0o644), 0)
        try fm.createDirectory(at: inbox.appendingPathComponent("dinkes/folder.xlsx"), withIntermediateDirectories: true)
        // A unit folder that rules/unit.yaml does not know.
        let stranger = try put("unit-tak-dikenal", "dip.csv", Self.goodCSV)

        let summary = try runInProcess()
        let byName = Dictionary(uniqueKeysWithValues: summary.outcomes.map { ($0.fileName, $0) })
        for name in ["bom-zip.xlsx", "bom-entitas.xlsx", "jalur-keluar.xlsx", "kosong.csv"] {
            let outcome = try XCTUnwrap(byName[name], name)
            XCTAssertEqual(outcome.status, .refused, name)
            XCTAssertNotNil(outcome.archivedPath.map { fm.fileExists(atPath: $0.path) }, name)
            XCTAssertFalse(fm.fileExists(atPath: inbox.appendingPathComponent("dinkes/\(name)").path), name)
        }
        XCTAssertEqual(byName["DIP BPBD — revisi 2 (final).csv"]?.status, .accepted)
        XCTAssertEqual(byName["baris\nbaru.csv"]?.status, .accepted)
        // The unit is told, file by file.
        let feedback = try String(contentsOf: ws.workspace.feedbackFile(unit: "dinkes", ext: "txt"), encoding: .utf8)
        for name in ["bom-zip.xlsx", "bom-entitas.xlsx", "jalur-keluar.xlsx", "kosong.csv"] {
            XCTAssertTrue(feedback.contains("Berkas: \(name)"), name)
        }
        XCTAssertTrue(feedback.contains("DITOLAK"))
        // Left alone, and said why.
        for url in [link, fifo, inbox.appendingPathComponent("dinkes/folder.xlsx"), stranger] {
            XCTAssertNotNil(try? fm.attributesOfItem(atPath: url.path), url.path)
            XCTAssertTrue(summary.skipped.contains { $0.path == url.path }, url.path)
        }
        XCTAssertEqual(try String(contentsOfFile: "/etc/passwd", encoding: .utf8).isEmpty, false)
        // The unit is told of what it put where dip never reads; the PPID of the unknown folder.
        let unread = try String(contentsOf: UnreadNotice.url(unit: "dinkes", in: ws.workspace), encoding: .utf8)
        for line in ["tautan.csv: pintasan", "pipa.csv: bukan berkas biasa", "folder.xlsx: subfolder"] {
            XCTAssertTrue(unread.contains(line), unread)
        }
        let unregistered = try String(contentsOf: UnregisteredUnitsNotice.url(in: ws.workspace), encoding: .utf8)
        XCTAssertTrue(unregistered.contains("unit-tak-dikenal (1 berkas menunggu)"), unregistered)
        // A second run takes nothing twice and skips the same things again.
        let again = try runInProcess()
        XCTAssertEqual(again.outcomes.count, 0)
        XCTAssertEqual(Set(again.skipped.map(\.path)), Set(summary.skipped.map(\.path)))
        // Once the stranger's folder is gone, so is the PPID's notice.
        try fm.removeItem(at: stranger.deletingLastPathComponent())
        _ = try runInProcess()
        XCTAssertFalse(fm.fileExists(atPath: UnregisteredUnitsNotice.url(in: ws.workspace).path))
    }

    /// Session 19: a registered unit's folder renamed by hand ("dinkes" → "Dinas Kesehatan",
    /// "DINKES") was named only as an unknown folder, with the advice to register a unit with
    /// the folder's name: a second code and a split history. The notice now names the unit it
    /// looks like and says to move the files back; an unrelated folder gets no such line.
    func testARenamedUnitFolderIsToldAsSuch() throws {
        let name = try XCTUnwrap(UnitDirectory.load(directory: ws.workspace.rules).unit("dinkes")?.name)
        _ = try put(name, "dip.csv", Self.goodCSV)
        _ = try put("DINKES", "dip lagi.csv", Self.goodCSV)
        _ = try put("unit-tak-dikenal", "dip.csv", Self.goodCSV)
        let summary = try runInProcess()
        XCTAssertEqual(summary.outcomes.count, 0, "nothing taken from an unregistered folder")
        let notice = try String(contentsOf: UnregisteredUnitsNotice.url(in: ws.workspace), encoding: .utf8)
        for folder in [name, "DINKES"] {
            XCTAssertTrue(notice.contains("  - \(folder) (1 berkas menunggu)\n    Tampaknya folder unit dinkes (\(name)) yang "
                + "berganti nama: pindahkan berkasnya ke inbox/dinkes/"), notice)
        }
        XCTAssertTrue(notice.contains("  - unit-tak-dikenal (1 berkas menunggu)\n\n"), notice)
        XCTAssertTrue(notice.contains("Jangan mendaftarkan kode baru untuk folder unit yang berganti nama"), notice)
    }

    /// A CSV cell longer than any workbook cell once stopped every run at the feedback
    /// workbook: now its row is left out with a problem and the run completes.
    func testOverlongCellDoesNotStopTheRun() throws {
        var csv = String(decoding: Self.goodCSV, as: UTF8.self)
        csv += "3,\(String(repeating: "Laporan panjang ", count: 2_500)),Sekretariat,Kepala Dinas,2025,Serang,Softcopy,5 tahun,Berkala\n"
        let unit = try ws.units()[0]
        _ = try put(unit, "panjang.csv", Array(csv.utf8))
        let summary = try runInProcess()
        XCTAssertEqual(summary.accepted, 1)
        XCTAssertTrue(summary.failures.isEmpty)
        XCTAssertEqual(summary.outcomes.first?.problems.filter { $0.code == "cell-too-long" }.map(\.row), [4])
        let feedback = try String(contentsOf: ws.workspace.feedbackFile(unit: unit, ext: "txt"), encoding: .utf8)
        XCTAssertTrue(feedback.contains("Isi sel terlalu panjang"), feedback)
        XCTAssertNotNil(summary.draftVersion)
    }

    /// Files in a sub-folder of a unit folder are never read (an old list kept there must not
    /// replace a newer one), but the unit never sees the log: it gets a notice beside its
    /// feedback until the folder is tidy, and its last feedback is left as it was.
    func testSubfolderIsLeftAloneAndTheUnitIsToldUntilTidied() throws {
        let unit = try ws.units()[0]
        _ = try put(unit, "dip.csv", Self.goodCSV)
        _ = try runInProcess()
        let feedback = ws.workspace.feedbackFile(unit: unit, ext: "txt")
        let before = try Data(contentsOf: feedback)

        let folder = inbox.appendingPathComponent(unit).appendingPathComponent("Arsip 2025")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(Self.goodCSV).write(to: folder.appendingPathComponent("lama.csv"))
        let summary = try runInProcess()
        XCTAssertTrue(summary.outcomes.isEmpty)
        XCTAssertEqual(summary.skipped.filter(\.needsAPerson).map(\.unread?.kind), [.subfolder])
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("lama.csv").path), "never taken")
        let notice = UnreadNotice.url(unit: unit, in: ws.workspace)
        let text = try String(contentsOf: notice, encoding: .utf8)
        XCTAssertTrue(text.contains("Arsip 2025: subfolder"), text)
        XCTAssertTrue(text.contains("langsung di folder unit"), text)
        XCTAssertEqual(try Data(contentsOf: feedback), before, "the last feedback stays as it was")

        try FileManager.default.removeItem(at: folder)
        _ = try runInProcess()
        XCTAssertFalse(FileManager.default.fileExists(atPath: notice.path), "gone once the folder is tidy")
    }

    /// A name that is not UTF-8 (copied from an old system) cannot be opened by the name the
    /// system lists: such a file or folder was once skipped without a word.
    func testNonUTF8NamesAreToldNotSilentlySkipped() throws {
        let unit = try ws.units()[0]
        _ = try put(unit, "dip.csv", Self.goodCSV)
        func make(_ directory: URL, _ name: [UInt8], folder: Bool) {
            let path = Array(directory.path.utf8) + [UInt8(ascii: "/")] + name + [0]
            path.withUnsafeBufferPointer { p in
                p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { c in
                    if folder { XCTAssertEqual(mkdir(c, 0o755), 0) } else {
                        let fd = open(c, O_CREAT | O_WRONLY, 0o644)
                        XCTAssertGreaterThanOrEqual(fd, 0)
                        close(fd)
                    }
                }
            }
        }
        make(inbox.appendingPathComponent(unit), Array("caf".utf8) + [0xE9] + Array(".csv".utf8), folder: false)
        make(inbox, Array("unit".utf8) + [0xE9], folder: true)
        let summary = try runInProcess()
        XCTAssertEqual(summary.accepted, 1, "the rest is taken in")
        XCTAssertEqual(summary.skipped.compactMap(\.unread?.kind), [.unreadableName])
        let notice = try String(contentsOf: UnreadNotice.url(unit: unit, in: ws.workspace), encoding: .utf8)
        XCTAssertTrue(notice.contains("caf\u{FFFD}.csv: nama berkas memuat huruf yang tidak dapat dibaca"), notice)
        let ppid = try String(contentsOf: UnregisteredUnitsNotice.url(in: ws.workspace), encoding: .utf8)
        XCTAssertTrue(ppid.contains("unit\u{FFFD} (nama folder memuat huruf"), ppid)
    }

    func testFileStillBeingCopiedIsLeftForALaterRun() throws {
        let url = try put("bpbd", "dip.csv", Self.goodCSV, age: 0)
        let first = try runInProcess(settle: 30)
        XCTAssertEqual(first.outcomes.count, 0)
        XCTAssertTrue(first.skipped.contains { $0.path == url.path && $0.reason.contains("masih ditulis") })
        XCTAssertTrue(FileManager.default.fileExists(atPath: url.path))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: url.path)
        XCTAssertEqual(try runInProcess(settle: 30).accepted, 1)
    }

    func testFileThatVanishesMidRunIsSkippedAndTheRestGoesOn() throws {
        _ = try put("bpbd", "a.csv", Self.goodCSV)
        let doomed = try put("dinkes", "b.csv", Self.goodCSV)
        // The progress hook runs between the scan and each archive step: remove the second
        // file just before its turn, as a unit pulling its file back would. One thread: with
        // two, the second thread has claimed and archived the next file by the time the hook
        // runs for it (it is then taken in, nothing lost), so the hook cannot pull it back.
        let summary = try runInProcess(threads: 1) { index, _, file in
            if index == 1 { XCTAssertEqual(file.unit, "bpbd"); try? FileManager.default.removeItem(at: doomed) }
        }
        XCTAssertEqual(summary.accepted, 1)
        XCTAssertTrue(summary.failures.isEmpty)
        XCTAssertTrue(summary.skipped.contains { $0.path == doomed.path && $0.reason.contains("hilang") })
    }

    /// Session 19: a copy that stalls past the settle window while its writer keeps the file
    /// open goes on writing into the file dip claimed (a rename does not stop it). dip removed
    /// the claimed file after reading the part it had archived: the rest was lost while the
    /// unit's copy reported success. Now a file that changed after it was taken goes back
    /// under its own name and the next run takes it whole.
    func testAFileStillBeingWrittenAfterItWasTakenIsKeptForTheNextRun() throws {
        let whole = String(decoding: Self.goodCSV, as: UTF8.self)
        let lines = whole.split(separator: "\n", omittingEmptySubsequences: false)
        let firstPart = lines.prefix(2).joined(separator: "\n") + "\n"  // header and row 1, cut at a row's end
        let rest = lines.dropFirst(2).joined(separator: "\n")
        let url = try put("bpbd", "dip.csv", Array(firstPart.utf8))
        _ = try put("dinkes", "dip.csv", Self.goodCSV)
        // Two threads: the hook runs after a file was claimed and archived, before it is recorded.
        let first = try runInProcess(threads: 2) { _, _, file in
            guard file.unit == "bpbd" else { return }
            let claimed = file.url.deletingLastPathComponent().appendingPathComponent(InboxClaim.prefix + file.fileName)
            let handle = try! FileHandle(forWritingTo: claimed)
            handle.seekToEndOfFile()
            handle.write(Data(rest.utf8))
            try! handle.close()
        }
        XCTAssertEqual(first.outcomes.map(\.unit).sorted(), ["bpbd", "dinkes"])
        XCTAssertEqual(first.outcomes.first { $0.unit == "bpbd" }?.itemCount, 1, "the part archived is told as it was")
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), whole, "the whole file is back in the inbox")
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.deletingLastPathComponent()
            .appendingPathComponent(InboxClaim.prefix + "dip.csv").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: inbox.appendingPathComponent("dinkes/dip.csv").path),
                       "an unchanged file leaves the inbox")
        let second = try runInProcess()
        XCTAssertEqual(second.outcomes.map(\.status), [.accepted])
        XCTAssertEqual(second.outcomes.first?.itemCount, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
    }

    /// Session 19 left: a writer that resumes only after dip has finished the file (a stall
    /// longer than the settle window and the whole run) wrote into a removed file, and the
    /// rest of a list cut at a row's end was lost while the unit's copy reported success. The
    /// finished file is kept (`FinishedInboxFiles`): the next run finds it grown and takes it
    /// whole as a new submission; an unchanged one is removed after the keep period.
    func testAWriterResumingAfterTheRunFinishedIsTakenByTheNextRun() throws {
        let whole = String(decoding: Self.goodCSV, as: UTF8.self)
        let lines = whole.split(separator: "\n", omittingEmptySubsequences: false)
        let firstPart = lines.prefix(2).joined(separator: "\n") + "\n"
        let rest = lines.dropFirst(2).joined(separator: "\n")
        let url = try put("bpbd", "dip.csv", Array(firstPart.utf8))
        _ = try put("dinkes", "dip.csv", Self.goodCSV)
        let writer = try FileHandle(forWritingTo: url)  // the stalled copy, still open
        let first = try runInProcess()
        XCTAssertEqual(first.outcomes.first { $0.unit == "bpbd" }?.itemCount, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path), "finished: out of the inbox")
        // The copy resumes after dip was done with the file.
        writer.seekToEndOfFile()
        writer.write(Data(rest.utf8))
        try writer.close()
        let second = try runInProcess()
        XCTAssertEqual(second.outcomes.map(\.unit), ["bpbd"], "the grown file is taken again, the unchanged one not")
        XCTAssertEqual(second.outcomes.first?.status, .accepted)
        XCTAssertEqual(second.outcomes.first?.itemCount, 2)
        let register = try AppDatabase.open(path: ws.workspace.registerPath.path)
        XCTAssertEqual(try register.currentItems(unit: "bpbd").count, 2)
        // Unchanged finished files go once kept long enough (here: at once).
        let kept = FinishedInboxFiles(workspace: ws.workspace).folder
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: kept.path).sorted(), ["bpbd", "dinkes"])
        var options = RunOptions(settleSeconds: 0, clock: Clock(now: Date(timeIntervalSince1970: 1_767_225_600)))
        options.finishedKeepSeconds = 0
        let third = try Runner(workspace: ws.workspace, options: options, logger: Logger(label: "test")).run()
        XCTAssertEqual(third.outcomes.count, 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: kept.path), [])
    }

    func testFiftyMegabyteGarbageFileIsReadWithBoundedMemory() throws {
        var rng = SplitMix(seed: 50)
        var bytes = [UInt8]()
        bytes.reserveCapacity(50 << 20)
        bytes += Self.goodCSV
        while bytes.count < 50 << 20 {
            // Long printable lines with the odd comma and quote: huge, meaningless rows.
            let r = rng.next()
            bytes.append(r % 97 == 0 ? 10 : r % 13 == 0 ? 44 : r % 211 == 0 ? 34 : UInt8(65 + r % 26))
        }
        _ = try put("bpbd", "raksasa.csv", bytes)
        let result = try DipProcess.run(ws.runArgs)
        print("50 MB garbage CSV: exit \(result.exitCode.map(String.init) ?? "signal"), peak RSS of dip run \(result.maxRSSKB / 1024) MB")
        XCTAssertTrue(result.exitCode == 0 || result.exitCode == 2, result.stderr)
        XCTAssertLessThan(result.maxRSSKB, 500 * 1024, "peak RSS of dip run on a 50 MB file")
        XCTAssertFalse(FileManager.default.fileExists(atPath: inbox.appendingPathComponent("bpbd/raksasa.csv").path))
        let feedback = try String(contentsOf: ws.workspace.feedbackFile(unit: "bpbd", ext: "txt"), encoding: .utf8)
        XCTAssertTrue(feedback.contains("DITOLAK") && feedback.contains("lebih dari"), String(feedback.prefix(2000)))
    }

    func testBrokenRulesRefuseBeforeTouchingAnything() throws {
        let url = try put("bpbd", "dip.csv", Self.goodCSV)
        try Data("aturan: [ ini: bukan yaml yang benar\n".utf8).write(to: ws.workspace.rules.appendingPathComponent("aturan.yaml"))
        let result = try DipProcess.run(ws.runArgs)
        XCTAssertEqual(result.exitCode, 3, result.stderr)
        XCTAssertTrue(result.stderr.contains("rules/"), result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: url.path))
        let archived = (try? FileManager.default.contentsOfDirectory(atPath: ws.workspace.originals.path)) ?? []
        XCTAssertEqual(archived, [])
    }

    func testFullDiskFailsClearlyLosesNothingAndTheNextRunRecovers() throws {
        _ = try DipProcess.requireBinary()
        let archive = ws.workspace.archive
        guard mountTmpfs(archive, size: "512k") else { throw XCTSkip("cannot mount a small tmpfs here (needs root): full disk not simulated") }
        defer { _ = shell("umount", archive.path) }
        // About 800 KB of rows: the archived copy and the register cannot both fit in 512 KB.
        var text = String(decoding: Self.goodCSV, as: UTF8.self)
        for n in 3...8_000 { text += "\(n),Laporan kegiatan nomor \(n) tahun 2025,Sekretariat,Kepala Dinas,2025,Serang,Softcopy,5 tahun,Berkala\n" }
        let url = try put("bpbd", "besar.csv", Array(text.utf8))
        let full = try DipProcess.run(ws.runArgs)
        XCTAssertEqual(full.exitCode, 1, full.stderr)
        XCTAssertTrue(full.stderr.contains("No space left") || full.stderr.contains("full"), full.stderr)
        // Session 19: said in Indonesian first (what to do), the system's text in parentheses.
        XCTAssertTrue(full.stderr.contains("Disk penuh. Kosongkan ruang disk tempat workspace"), full.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: url.path), "the file stays in the inbox")
        // Room for the register of 8,000 items with their classification (and its journal).
        XCTAssertEqual(shell("mount", "-o", "remount,size=512m", archive.path), 0)
        let after = try DipProcess.run(ws.runArgs)
        XCTAssertTrue(after.exitCode == 0 || after.exitCode == 2, after.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
        XCTAssertNotNil(OriginalsArchive(workspace: ws.workspace).record(sha256: try DurableFiles.sha256(of: try XCTUnwrap(
            FileManager.default.contentsOfDirectory(at: ws.workspace.originals, includingPropertiesForKeys: nil)
                .first { $0.pathExtension == "csv" }))))
    }

    func testReadOnlyReportsFailsClearlyLosesNothingAndTheNextRunRecovers() throws {
        _ = try DipProcess.requireBinary()
        let reports = ws.workspace.reports
        // The unit's folder exists, as it does once the unit has had feedback or a template.
        try FileManager.default.createDirectory(at: ws.workspace.outbox(unit: "bpbd"), withIntermediateDirectories: true)
        guard shell("mount", "--bind", reports.path, reports.path) == 0 else {
            throw XCTSkip("cannot bind-mount here (needs root): read-only reports/ not simulated")
        }
        var mounted = true
        defer { if mounted { _ = shell("umount", reports.path) } }
        guard shell("mount", "-o", "remount,ro,bind", reports.path) == 0 else { throw XCTSkip("cannot remount read-only") }
        let url = try put("bpbd", "dip.csv", Self.goodCSV)
        let blocked = try DipProcess.run(ws.runArgs)
        XCTAssertEqual(blocked.exitCode, 1, blocked.stderr)
        XCTAssertTrue(blocked.stderr.contains("Run gagal") && blocked.stderr.contains("reports/unit/bpbd"), blocked.stderr)
        // Session 19: "…: Read-only file system" said in Indonesian first.
        XCTAssertTrue(blocked.stderr.contains("hanya dapat dibaca (read-only). Pasang ulang dengan izin tulis"), blocked.stderr)
        // The file being written is named, not its hidden temporary name.
        XCTAssertTrue(blocked.stderr.contains("Gagal menulis \(ws.workspace.feedbackFile(unit: "bpbd", ext: "txt").path). "),
                      blocked.stderr)
        XCTAssertFalse(blocked.stderr.contains(".tmp-"), blocked.stderr)
        // The dated line (runArgs are --quiet) says the cause once and what a failure means.
        XCTAssertEqual(blocked.stderr.components(separatedBy: "Pasang ulang dengan izin tulis").count, 2, blocked.stderr)
        XCTAssertTrue(blocked.stderr.contains(" pesan=\"Run gagal dan dihentikan; tidak ada kiriman yang hilang, run berikutnya "
            + "melanjutkan.\""), blocked.stderr)
        // Claimed (renamed to its private name in the same folder) and recorded, not yet removed.
        let claimed = url.deletingLastPathComponent().appendingPathComponent(InboxClaim.prefix + url.lastPathComponent)
        XCTAssertTrue(FileManager.default.fileExists(atPath: claimed.path), "the file stays until its feedback is written")
        XCTAssertEqual(shell("umount", reports.path), 0)
        mounted = false
        let after = try DipProcess.run(ws.runArgs)
        // As a clean run: the file is taken (not hidden as a "duplicate"); a clean CSV has no
        // problem to fix, only its note on the dialect read.
        XCTAssertEqual(after.exitCode, 0, after.stderr)
        XCTAssertTrue(after.stderr.contains(" diterima=1 ") && after.stderr.contains(" duplikat=0 ")
                      && after.stderr.contains(" catatan=1 "), after.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: claimed.path))
        let feedback = try String(contentsOf: ws.workspace.feedbackFile(unit: "bpbd", ext: "txt"), encoding: .utf8)
        XCTAssertTrue(feedback.contains("Berkas: dip.csv"), feedback)
        XCTAssertTrue(feedback.contains("DITERIMA"), "told it was a duplicate (issue 16 #12): \(feedback)")
        XCTAssertEqual(try String(contentsOf: reports.appendingPathComponent("draf/VERSI.txt"), encoding: .utf8), "draf-v1\n")
    }

    // MARK: - helpers

    func mountTmpfs(_ url: URL, size: String) -> Bool {
        guard getuid() == 0 else { return false }
        return shell("mount", "-t", "tmpfs", "-o", "size=\(size)", "tmpfs", url.path) == 0
    }

    @discardableResult
    func shell(_ args: String...) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = args
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// A minimal workbook written with libzip, so entry names are not sanitised.
    func workbook(sheetData: String, sharedStrings: String? = nil, extra: [(String, [UInt8])] = []) throws -> [UInt8] {
        let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var parts: [(String, [UInt8])] = [
            ("[Content_Types].xml", Array("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>".utf8)),
            ("_rels/.rels", Array("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(rns)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".utf8)),
            ("xl/workbook.xml", Array("<?xml version=\"1.0\"?><workbook xmlns=\"\(ns)\" xmlns:r=\"\(rns)\"><sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>".utf8)),
            ("xl/_rels/workbook.xml.rels", Array("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(rns)/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"\(rns)/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>".utf8)),
            ("xl/worksheets/sheet1.xml", Array("<?xml version=\"1.0\"?><worksheet xmlns=\"\(ns)\"><sheetData>\(sheetData)</sheetData></worksheet>".utf8)),
        ]
        if let sharedStrings { parts.append(("xl/sharedStrings.xml", Array(sharedStrings.utf8))) }
        for (name, data) in extra {
            if let i = parts.firstIndex(where: { $0.0 == name }) { parts[i].1 = data } else { parts.append((name, data)) }
        }
        let path = NSTemporaryDirectory() + "dip-hostile-\(UUID().uuidString).xlsx"
        defer { unlink(path) }
        var code: Int32 = 0
        guard let za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code) else { throw NSError(domain: "zip", code: Int(code)) }
        for (name, data) in parts {
            let buffer = malloc(max(data.count, 1))!
            data.withUnsafeBytes { if let b = $0.baseAddress { memcpy(buffer, b, data.count) } }
            guard let source = zip_source_buffer(za, buffer, zip_uint64_t(data.count), 1) else { throw NSError(domain: "zip", code: 1) }
            if zip_file_add(za, name, source, zip_flags_t(ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE)) < 0 {
                zip_source_free(source)
                throw NSError(domain: "zip add \(name)", code: 2)
            }
        }
        if zip_close(za) != 0 { throw NSError(domain: "zip close", code: 3) }
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
